import type { ComponentName } from './types';
import type { NodeSpec, TopologySpec } from './topology/types';

/** Network path labels (ports from https://kubernetes.io/docs/reference/networking/ports-and-protocols/). */
export const PATH = {
  lb: 'API load balancer :6443',
  apiserver: 'kube-apiserver :6443',
  apiserverBehindLb: 'kube-apiserver',
  etcd: 'etcd :2379',
} as const;

/** Who is calling the API server: a component (on a node) or the user's kubectl. */
export interface Client {
  readonly component: string;
  readonly node?: string;
}

/** The kubectl client on the user's workstation. */
export const KUBECTL: Client = { component: 'kubectl' };

/** Runtime state of one host: whether the machine is up and which processes run. */
export interface NodeRuntime {
  readonly spec: NodeSpec;
  up: boolean;
  readonly stopped: Set<ComponentName>;
}

/** Etcd membership and health; quorum = floor(n/2)+1 (https://etcd.io/docs/v3.5/faq/). */
export interface EtcdStatus {
  readonly members: number;
  readonly healthy: number;
  readonly quorum: number;
  readonly hasQuorum: boolean;
}

/**
 * The physical side of the cluster: which hosts and processes are running, and so which
 * requests can reach a healthy kube-apiserver and an etcd with quorum. Kubelets and kubectl
 * reach the API through the load balancer when there is one; kubeadm points the scheduler
 * and controller-manager at their local kube-apiserver, and each kube-apiserver at its local
 * (stacked) etcd member.
 */
export class ClusterRuntime {
  readonly nodes = new Map<string, NodeRuntime>();
  /** The hosts that run kube-apiserver or etcd: what API reachability and quorum depend on (a few, however many workers). */
  private readonly controlPlane = new Map<string, NodeRuntime>();
  private pathCache = new WeakMap<Client, readonly string[]>();
  private errorCache = new WeakMap<Client, string | null>();
  private etcdCache: EtcdStatus | null = null;

  constructor(readonly topology: TopologySpec) {
    for (const spec of topology.nodes) this.addNode(spec);
  }

  /** Adds (or replaces) a host. */
  addNode(spec: NodeSpec): void {
    const prev = this.nodes.get(spec.name);
    const rt: NodeRuntime = { spec, up: prev?.up ?? true, stopped: prev?.stopped ?? new Set() };
    this.nodes.set(spec.name, rt);
    const cp = spec.components.includes('kube-apiserver') || spec.components.includes('etcd');
    if (cp) this.controlPlane.set(spec.name, rt);
    else this.controlPlane.delete(spec.name);
    // A new worker changes no cached answer (no client of it existed yet): joining stays O(1) per host.
    if (cp || prev) this.invalidate();
  }

  /** Removes a host. */
  removeNode(name: string): void {
    this.nodes.delete(name);
    this.controlPlane.delete(name);
    this.invalidate();
  }

  /** Whether a process runs: the host is up, the process exists there and is not stopped. */
  running(node: string, component: ComponentName): boolean {
    const n = this.nodes.get(node);
    return !!n && n.up && n.spec.components.includes(component) && !n.stopped.has(component);
  }

  /** Stops a host or one process; returns false if the target does not exist. */
  setFault(node: string, component: ComponentName | undefined, failed: boolean): boolean {
    const n = this.nodes.get(node);
    if (!n || (component && !n.spec.components.includes(component))) return false;
    if (!component) n.up = !failed;
    else if (failed) n.stopped.add(component);
    else n.stopped.delete(component);
    this.invalidate();
    return true;
  }

  /** Caches depend only on which hosts and processes run: drop them on every change. */
  private invalidate(): void {
    this.pathCache = new WeakMap();
    this.errorCache = new WeakMap();
    this.etcdCache = null;
  }

  /** Etcd members are the control-plane hosts that run etcd. */
  etcd(): EtcdStatus {
    return (this.etcdCache ??= this.computeEtcd());
  }

  private computeEtcd(): EtcdStatus {
    let members = 0;
    let healthy = 0;
    for (const [name, n] of this.controlPlane) {
      if (!n.spec.components.includes('etcd')) continue;
      members++;
      if (this.running(name, 'etcd')) healthy++;
    }
    const quorum = Math.floor(members / 2) + 1;
    return { members, healthy, quorum, hasQuorum: members > 0 && healthy >= quorum };
  }

  /** A kube-apiserver serves when its process and its local etcd member run. */
  apiserverHealthy(node: string): boolean {
    return this.running(node, 'kube-apiserver') && this.running(node, 'etcd');
  }

  /** The host whose kube-apiserver answers this client, or null. */
  apiserverFor(client: Client): string | null {
    if (client.node && isControlPlaneComponent(client.component)) {
      return this.apiserverHealthy(client.node) ? client.node : null;
    }
    for (const name of this.controlPlane.keys()) if (this.apiserverHealthy(name)) return name;
    return null;
  }

  /** Why a write from this client fails, or null when it succeeds. Messages are kubectl's. */
  writeError(client: Client): string | null {
    let e = this.errorCache.get(client);
    if (e === undefined) this.errorCache.set(client, (e = this.computeWriteError(client)));
    return e;
  }

  private computeWriteError(client: Client): string | null {
    if (this.topology.mode === 'docker') return this.dockerError();
    if (client.node && !this.nodes.get(client.node)?.up) return `${client.node} is down`;
    if (!this.apiserverFor(client)) return `The connection to the server ${this.apiEndpoint()} was refused - did you specify the right host or port?`;
    if (!this.etcd().hasQuorum) return 'etcdserver: request timed out';
    return null;
  }

  private dockerError(): string | null {
    const host = this.topology.nodes[0]?.name ?? '';
    return this.running(host, 'dockerd') ? null : 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
  }

  /** The address clients use for the API: the load balancer, or the (first) control plane. */
  apiEndpoint(): string {
    const first = this.topology.nodes.find((n) => n.components.includes('kube-apiserver'));
    return this.topology.apiLoadBalancer ? 'api-lb:6443' : `${first?.ip ?? '127.0.0.1'}:6443`;
  }

  /** The network path of a write from this client, e.g. kubectl → API load balancer :6443 → kube-apiserver → etcd :2379. */
  path(client: Client): readonly string[] {
    let p = this.pathCache.get(client);
    if (!p) this.pathCache.set(client, (p = Object.freeze(this.computePath(client))));
    return p;
  }

  private computePath(client: Client): string[] {
    if (this.topology.mode === 'docker') return [client.component, 'dockerd (/var/run/docker.sock)', 'containerd'];
    const viaLb = this.topology.apiLoadBalancer && !(client.node && isControlPlaneComponent(client.component));
    const server = this.apiserverFor(client);
    const api = viaLb ? [PATH.lb, PATH.apiserverBehindLb] : [PATH.apiserver];
    const at = server && this.topology.apiLoadBalancer ? [`${api[api.length - 1]} (${server})`] : [api[api.length - 1]];
    return [client.component, ...api.slice(0, -1), ...at, PATH.etcd];
  }
}

/** Control-plane components talk to the kube-apiserver on their own host (kubeadm's kubeconfigs). */
export function isControlPlaneComponent(component: string): boolean {
  return component === 'kube-scheduler' || component === 'kube-controller-manager';
}

/** Parses a fault target: "worker-1", "worker-1/kubelet", "control-plane-2/etcd". */
export function parseTarget(target: string): { node: string; component?: ComponentName } {
  const slash = target.indexOf('/');
  if (slash < 0) return { node: target };
  return { node: target.slice(0, slash), component: target.slice(slash + 1) as ComponentName };
}

/** Why `target` ("worker-1", "worker-1/kubelet", "control-plane-2/etcd") names nothing among these nodes, or null. */
export function specTargetError(nodes: readonly NodeSpec[], target: string): string | null {
  const { node, component } = parseTarget(target);
  const n = nodes.find((x) => x.name === node);
  if (!n) return `unknown node "${node}" (nodes: ${nodes.map((x) => x.name).join(', ')})`;
  if (component && !n.components.includes(component)) return `node "${node}" does not run "${component}" (it runs: ${n.components.join(', ')})`;
  return null;
}
