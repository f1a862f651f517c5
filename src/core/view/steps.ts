import type { ClusterSnapshot, SimEvent } from '../sim';
import type { ViewHop, ViewObjectRef, ViewStep } from '../../shared/protocol';

/**
 * Steps of the process from the engine's events: each event's network path becomes hops between
 * drawn endpoints, with the watches and local calls Kubernetes makes around it (informers deliver
 * a stored change to the controllers and the scheduler; the kubelet drives containerd over CRI),
 * and one plain sentence naming the component and why. When the engine's journal is wired, its
 * entries (which carry these hops themselves) replace this derivation.
 */

type Snap = Pick<ClusterSnapshot, 'cluster'>;

/** Ports from https://kubernetes.io/docs/reference/networking/ports-and-protocols/. */
const API_PORT = 6443;
const ETCD_PORT = 2379;
/** Endpoint ids of the drawing's boxes that are not components of a node. */
export const ENDPOINTS = { kubectl: 'kubectl', apiLb: 'api-lb', users: 'users', appLb: 'app-lb' } as const;

/** `kube-apiserver :6443 (control-plane-2)` → { name, port, node }. */
function parseHop(text: string): { name: string; port?: number; node?: string } {
  const node = /\(([^)]+)\)\s*$/.exec(text)?.[1];
  const port = /:(\d+)/.exec(text)?.[1];
  const name = text.replace(/\([^)]*\)\s*$/, '').replace(/:\d+/, '').trim();
  return { name, ...(port ? { port: Number(port) } : {}), ...(node ? { node } : {}) };
}

/** The drawn endpoint of one element of an event's path. */
function endpointOf(name: string, node: string | undefined, apiNode: string | undefined): string {
  if (name === 'kubectl' || name === 'docker') return ENDPOINTS.kubectl;
  if (name === 'API load balancer') return ENDPOINTS.apiLb;
  if (name === 'etcd') return `${apiNode ?? node ?? ''}/etcd`; // stacked etcd: the member beside the API server that wrote
  if (name === 'kube-apiserver') return `${apiNode ?? node ?? ''}/kube-apiserver`;
  return `${node ?? ''}/${name}`;
}

/** Hops of an event's recorded path: actor → (load balancer) → kube-apiserver → etcd. */
export function pathHops(e: Pick<SimEvent, 'path' | 'node'>): ViewHop[] {
  const parsed = e.path.map(parseHop);
  const apiNode = parsed.find((p) => p.name === 'kube-apiserver')?.node ?? e.node;
  const ids = parsed.map((p) => endpointOf(p.name, e.node, apiNode));
  const hops: ViewHop[] = [];
  for (let i = 1; i < ids.length; i++) {
    const to = parsed[i]!;
    const port = to.port ?? (to.name === 'kube-apiserver' ? API_PORT : to.name === 'etcd' ? ETCD_PORT : undefined);
    hops.push({ from: ids[i - 1]!, to: ids[i]!, kind: 'request', ...(port ? { port } : {}) });
  }
  return hops;
}

const apiEnd = (hops: readonly ViewHop[]): string | undefined => hops.find((h) => h.to.endsWith('/kube-apiserver'))?.to;
const watch = (from: string | undefined, to: string): ViewHop[] => (from ? [{ from, to, kind: 'watch' }] : []);

/** The target node of a Scheduled event ("Successfully assigned ns/pod to worker-1"). */
const boundTo = (message: string): string | undefined => / to ([^\s]+)$/.exec(message)?.[1];

/** Watches and local calls around the write, by what the write means to the other components. */
function aroundHops(e: SimEvent, s: Snap, hops: readonly ViewHop[]): { before: ViewHop[]; after: ViewHop[] } {
  const api = apiEnd(hops);
  const cm = s.cluster.leaders['kube-controller-manager'];
  const sched = s.cluster.leaders['kube-scheduler'];
  const node = e.node ?? '';
  switch (e.reason) {
    case 'Created':
      if (e.component === 'kubectl') return { before: [], after: cm ? watch(api, `${cm}/kube-controller-manager`) : [] };
      if (e.component === 'kubelet') return { before: [{ from: `${node}/kubelet`, to: `${node}/containerd`, kind: 'local' }], after: [] };
      return { before: [], after: [] };
    case 'ScalingReplicaSet':
      return { before: [], after: cm ? watch(api, `${cm}/kube-controller-manager`) : [] };
    case 'SuccessfulCreate':
      return { before: [], after: sched ? watch(api, `${sched}/kube-scheduler`) : [] };
    case 'Scheduled': {
      const target = boundTo(e.message);
      return { before: [], after: target ? watch(api, `${target}/kubelet`) : [] };
    }
    case 'Pulling': case 'Pulled': case 'Started': case 'Killing':
      return { before: [{ from: `${node}/kubelet`, to: `${node}/containerd`, kind: 'local' }], after: [] };
    default:
      return { before: [], after: [] };
  }
}

const objectText = (o: ViewObjectRef | undefined): string => (o ? `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` : 'the cluster');

/** One plain sentence: who acted, on what, and why. */
export function narrate(e: SimEvent): string {
  const where = e.node ? ` on ${e.node}` : '';
  const obj = e.object ? `${e.object.namespace && e.object.namespace !== 'default' ? `${e.object.namespace}/` : ''}${e.object.name}` : '';
  switch (e.reason) {
    case 'Created':
      if (e.component === 'kubectl') return `kubectl sent ${objectText(ref(e))} to the API server, which stored it in etcd: ${e.message}.`;
      return `kubelet${where} asked containerd to create the container of ${obj}: ${e.message}.`;
    case 'ScalingReplicaSet':
      return `kube-controller-manager (deployment controller) saw Deployment ${obj} change and acted: ${e.message}.`;
    case 'SuccessfulCreate':
      return `kube-controller-manager (${e.component}) made the pod count match ${objectText(ref(e))}: ${e.message}.`;
    case 'Scheduled':
      return `kube-scheduler placed ${obj} on ${boundTo(e.message) ?? 'a node'}: it passed every filter there and scored highest.`;
    case 'FailedScheduling':
      return `kube-scheduler found no node for ${obj}: ${e.message}`;
    case 'Pulling': case 'Pulled':
      return `kubelet${where} had containerd fetch the image for ${obj}: ${e.message}.`;
    case 'Started':
      return `kubelet${where} had containerd start ${obj}: ${e.message}.`;
    case 'Killing':
      return `kubelet${where} had containerd stop ${obj}: ${e.message}.`;
    case 'NodeDown': case 'ComponentStopped': case 'NodeUp': case 'ComponentStarted':
      return `You ${e.reason.endsWith('Down') || e.reason.endsWith('Stopped') ? 'stopped' : 'started'} ${e.message.replace(/ (stopped|started again).*$/, '')}: ${e.message}.`;
    default:
      return `${e.component}${where}: ${e.reason}${obj ? ` ${obj}` : ''}: ${e.message}`;
  }
}

function ref(e: SimEvent): ViewObjectRef | undefined {
  return e.object ? { kind: e.object.kind, namespace: e.object.namespace ?? '', name: e.object.name } : undefined;
}

function markOf(e: SimEvent): ViewStep['mark'] {
  if (e.component === 'simulator') return 'fault';
  if (e.component === 'kubectl') return 'apply';
  return e.type === 'Warning' ? 'warning' : 'none';
}

/** The actor's name as the drawing knows it (controllers run inside kube-controller-manager). */
function actorOf(e: SimEvent): string {
  return e.path[0] ?? e.component;
}

/** Converts engine events (oldest first) to steps of the process. */
export function stepsFromEvents(events: readonly SimEvent[], s: Snap): ViewStep[] {
  return events.map((e) => {
    const hops = pathHops(e);
    const around = aroundHops(e, s, hops);
    const object = ref(e);
    return {
      seq: e.seq, time: e.time, actor: actorOf(e), ...(e.node ? { node: e.node } : {}), verb: e.reason,
      ...(object ? { object } : {}), hops: [...around.before, ...hops, ...around.after], text: narrate(e), mark: markOf(e),
    };
  });
}
