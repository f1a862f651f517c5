import type { JournalEndpoint, JournalHop } from '../../../shared/journal';
import { isControlPlaneComponent, type Client, type ClusterRuntime } from '../cluster';

/**
 * Network paths as hops with ports (https://kubernetes.io/docs/reference/networking/ports-and-protocols/):
 * kube-apiserver 6443, etcd client 2379; the CRI and the Docker API are unix sockets. (The kubelet API,
 * :10250, serves logs, exec and port-forward, which the simulation does not model.)
 */
export const PORTS = { apiserver: 6443, etcd: 2379 } as const;
/** containerd's CRI socket (the kubelet's --container-runtime-endpoint default with containerd). */
export const CONTAINERD_SOCKET = 'unix:///run/containerd/containerd.sock';
/** The Docker Engine API socket. */
export const DOCKER_SOCKET = 'unix:///var/run/docker.sock';

const LB: JournalEndpoint = Object.freeze({ component: 'api-load-balancer' });

function endpoint(component: string, node?: string): JournalEndpoint {
  return Object.freeze(node ? { component, node } : { component });
}

function hop(from: JournalEndpoint, to: JournalEndpoint, port: number | null, socket?: string): JournalHop {
  return Object.freeze(socket ? { from, to, port, socket } : { from, to, port });
}

/**
 * The hops of a request from `client`, as ClusterRuntime.path draws them: the client (on its host)
 * → the API load balancer :6443 (HA, except the control-plane components, which kubeadm points at
 * their local kube-apiserver) → a kube-apiserver :6443 → its stacked etcd member :2379. On the
 * docker-server host: client → dockerd (Docker socket) → containerd (its socket). `reached`: how
 * far a refused request got ('none', 'apiserver'), else the whole path.
 */
export function requestHops(cluster: ClusterRuntime, client: Client, reached: 'all' | 'apiserver' | 'none' = 'all'): readonly JournalHop[] {
  const from = endpoint(client.component, client.node);
  if (cluster.topology.mode === 'docker') {
    const host = client.node ?? cluster.topology.nodes[0]?.name;
    const dockerd = endpoint('dockerd', host);
    if (reached === 'none') return [];
    return [hop(from, dockerd, null, DOCKER_SOCKET), hop(dockerd, endpoint('containerd', host), null, CONTAINERD_SOCKET)];
  }
  const server = cluster.apiserverFor(client);
  const out: JournalHop[] = [];
  const viaLb = cluster.topology.apiLoadBalancer && !(client.node && isControlPlaneComponent(client.component));
  if (viaLb && client.component !== 'kube-apiserver') out.push(hop(from, LB, PORTS.apiserver));
  if (!server || reached === 'none') return Object.freeze(out);
  const api = endpoint('kube-apiserver', server);
  if (client.component !== 'kube-apiserver') out.push(hop(viaLb ? LB : from, api, PORTS.apiserver));
  if (reached === 'all') out.push(hop(api, endpoint('etcd', server), PORTS.etcd));
  return Object.freeze(out);
}

/** kube-apiserver → a watcher: the response stream of the watcher's long-lived `GET …?watch=1` on :6443. */
export function watchHops(apiserver: string | null, watcher: Client): readonly JournalHop[] {
  const api = endpoint('kube-apiserver', apiserver ?? undefined);
  return [hop(api, endpoint(watcher.component, watcher.node), PORTS.apiserver)];
}

/** kubelet → containerd over the CRI socket. */
export function criHops(node: string, runtime = 'containerd'): readonly JournalHop[] {
  return [hop(endpoint('kubelet', node), endpoint(runtime, node), null, CONTAINERD_SOCKET)];
}

/**
 * A per-client cache of request hops, valid while the cluster's runtime state is unchanged:
 * ClusterRuntime.path hands out one frozen array per client and per runtime state, so that
 * array's identity keys the cache (no hook in the runtime needed).
 */
export class HopCache {
  private readonly byPath = new WeakMap<readonly string[], readonly JournalHop[]>();

  constructor(private readonly cluster: ClusterRuntime) {}

  /** The hops of a successful request from `client` now. */
  of(client: Client): readonly JournalHop[] {
    const p = this.cluster.path(client);
    let h = this.byPath.get(p);
    if (h === undefined) this.byPath.set(p, (h = requestHops(this.cluster, client)));
    return h;
  }
}
