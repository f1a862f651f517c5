import { objectKey, type ClusterSnapshot, type EditorFacts, type NodeUsage, type ObjectPods } from '../sim';
import type { WorkloadView } from '../../shared/snapshot';

/** Live facts for hovers: glossary entry id → short plain-text lines about the simulated cluster now. */
export type Facts = Readonly<Record<string, readonly string[]>>;

type Snap = ClusterSnapshot;
type NodeRow = Snap['cluster']['nodes'][number];

const MAX_LINES = 6;
/** Nodes named in one "runs on" line; the rest are counted (a 5,000-node cluster's line would be 150 kB, cloned to the host on every state). */
const MAX_NODES_NAMED = 5;

function cap(lines: string[]): string[] {
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES - 1), `… and ${lines.length - MAX_LINES + 1} more`] : lines;
}

function where(s: Snap, component: string): NodeRow[] {
  return s.cluster.nodes.filter((n) => n.components.some((c) => c.name === component));
}

function componentLine(s: Snap, component: string): string {
  const nodes = where(s, component);
  const state = (n: NodeRow): string => {
    const c = n.components.find((x) => x.name === component);
    const running = !!c?.running && n.up;
    return `${n.name} (${!running ? 'stopped' : c?.leader === true ? 'leader' : c?.leader === false ? 'standby' : 'running'})`;
  };
  if (nodes.length === 0) return `not running in this ${s.cluster.topology} topology`;
  const named = nodes.slice(0, MAX_NODES_NAMED).map(state);
  const stopped = nodes.slice(MAX_NODES_NAMED).filter((n) => state(n).endsWith('(stopped)')).length;
  const rest = nodes.length - named.length;
  const more = rest === 0 ? '' : `, … and ${rest} more${stopped > 0 ? ` (${stopped} stopped)` : ''}`;
  return `on ${named.join(', ')}${more}`;
}

function etcd(s: Snap): string[] {
  const e = s.cluster.etcd;
  if (e.members === 0) return ['no etcd: a Docker server keeps no cluster state'];
  const verdict = e.hasQuorum ? `quorum of ${e.quorum} held: writes succeed` : `quorum of ${e.quorum} lost: every write fails, running containers keep running`;
  return [`${e.healthy}/${e.members} members healthy, ${verdict}`, componentLine(s, 'etcd')];
}

function scheduler(s: Snap): string[] {
  const pending = s.pods.filter((p) => p.phase === 'Pending' && !p.node);
  const bound = s.pods.filter((p) => p.node).length;
  const lines = [componentLine(s, 'kube-scheduler'), `${bound} pod(s) bound to nodes, ${pending.length} waiting for a node`];
  for (const p of pending.slice(0, 2)) if (p.message) lines.push(`${p.namespace}/${p.name}: ${p.message}`);
  return lines;
}

function controllerManager(s: Snap): string[] {
  const lines = [componentLine(s, 'kube-controller-manager')];
  for (const w of s.workloads) lines.push(`${w.kind} ${w.namespace}/${w.name}: ${w.ready}/${w.desired} ready`);
  return lines;
}

function kubelet(s: Snap): string[] {
  return s.cluster.nodes.filter((n) => n.components.some((c) => c.name === 'kubelet'))
    .map((n) => `${n.name}: ${n.ready ? 'Ready' : 'NotReady'}, ${n.pods} pod(s)`);
}

function kubeProxy(s: Snap): string[] {
  return [componentLine(s, 'kube-proxy'), ...s.services.map((svc) => `${svc.namespace}/${svc.name} (${svc.type}${svc.clusterIP ? ' ' + svc.clusterIP : ''}) → ${svc.endpoints.length} endpoint(s)`)];
}

function containerd(s: Snap): string[] {
  const running = s.pods.filter((p) => p.phase === 'Running').length;
  return [componentLine(s, 'containerd'), `${running} pod(s) with running containers`];
}

function kubectl(s: Snap): string[] {
  let last: Snap['events'][number] | undefined;
  for (let i = s.events.length - 1; i >= 0 && !last; i--) {
    const e = s.events[i] as Snap['events'][number];
    if (e.component === 'kubectl' || e.path[0] === 'kubectl') last = e;
  }
  return last ? [`last request: ${last.path.join(' → ')}`, `${last.reason}: ${last.message}`] : ['no request sent yet'];
}

function nodesWithRole(s: Snap, role: string): string[] {
  return s.cluster.nodes.filter((n) => n.roles.includes(role)).map((n) => `${n.name}: ${n.ready ? 'Ready' : 'NotReady'}${n.taints.length ? `, taints ${n.taints.join(' ')}` : ''}`);
}

function pods(s: Snap): string[] {
  const byPhase = new Map<string, number>();
  for (const p of s.pods) byPhase.set(p.phase, (byPhase.get(p.phase) ?? 0) + 1);
  return s.pods.length === 0 ? ['no pods yet'] : [[...byPhase].map(([ph, n]) => `${n} ${ph}`).join(', ')];
}

function workloads(s: Snap, kinds: readonly string[]): string[] {
  const rows = s.workloads.filter((w) => kinds.includes(w.kind));
  return rows.length === 0 ? ['none applied'] : rows.map((w) => `${w.kind} ${w.namespace}/${w.name}: ${w.ready}/${w.desired} ready`);
}

function services(s: Snap): string[] {
  return s.services.length === 0 ? ['none applied'] : kubeProxy(s).slice(1);
}

function loadBalancer(s: Snap): string[] {
  const api = s.cluster.apiLoadBalancer ? 'an API load balancer spreads :6443 over the kube-apiservers' : 'no API load balancer: one control-plane node serves the API';
  const app = s.services.filter((x) => x.type === 'LoadBalancer').map((x) => `${x.namespace}/${x.name} brings users to ${x.endpoints.length} endpoint(s)`);
  return [api, ...app];
}

/** Computes every entry's live facts from one snapshot. */
export function computeFacts(s: Snap): Facts {
  const all: Record<string, string[]> = {
    etcd: etcd(s),
    'kube-apiserver': [componentLine(s, 'kube-apiserver'), ...(s.cluster.apiLoadBalancer ? ['reached through the API load balancer :6443'] : [])],
    'kube-scheduler': scheduler(s),
    'kube-controller-manager': controllerManager(s),
    kubelet: kubelet(s),
    'kube-proxy': kubeProxy(s),
    containerd: containerd(s),
    kubectl: kubectl(s),
    'control-plane': nodesWithRole(s, 'control-plane'),
    worker: nodesWithRole(s, 'worker'),
    Node: s.cluster.nodes.map((n) => `${n.name}: ${n.ready ? 'Ready' : 'NotReady'}, ${n.pods} pod(s)`),
    Pod: pods(s),
    Deployment: workloads(s, ['Deployment']),
    ReplicaSet: workloads(s, ['ReplicaSet']),
    replicas: workloads(s, ['Deployment', 'ReplicaSet', 'StatefulSet']),
    Service: services(s),
    'load-balancer': loadBalancer(s),
  };
  const out: Record<string, readonly string[]> = {};
  for (const [id, lines] of Object.entries(all)) out[id] = cap([`t=${s.time}s · ${s.cluster.topology}`, ...lines]);
  return out;
}

/** Live facts for field hovers, code lenses, the status bar and scheduling diagnostics (issue 7). */
export interface ObjectLive extends ObjectPods {
  /** Desired replicas (or completions) when the object is a workload. */
  readonly desired: number | null;
  /** Ready replicas (a Job: succeeded pods) when the object is a workload. */
  readonly ready?: number;
  /** A Job's terminal condition (WorkloadView.finished). */
  readonly finished?: string;
  /** Why its controller cannot create a pod (WorkloadView.failedCreate). */
  readonly failedCreate?: string;
}

export interface ServiceLive {
  readonly type: string;
  readonly clusterIP: string | null;
  readonly nodePort: number | null;
  /** Ready endpoints (what kube-proxy routes to). */
  readonly endpoints: number;
  /** Endpoints listed not ready: matching pods running but not Ready, or terminating. */
  readonly notReady: number;
}

export interface EditorLive {
  readonly time: number;
  readonly topology: string;
  readonly objects: Readonly<Record<string, ObjectLive>>;
  readonly nodes: readonly NodeUsage[];
  readonly services: Readonly<Record<string, ServiceLive>>;
  /** Status bar numbers. */
  readonly pods: { readonly running: number; readonly total: number };
  readonly etcd: { readonly healthy: number; readonly members: number; readonly hasQuorum: boolean };
  /** Node → its taints as `key=value:Effect`; untainted nodes are left out (read `taints[node] ?? []`). */
  readonly taints: Readonly<Record<string, readonly string[]>>;
  /** Which moment this is (`time` above): the head's time, whether the head has settled, whether this is the past (see moment.ts). */
  readonly moment?: EditorMoment;
}

/** Where the editor's facts stand in simulated time. */
export interface EditorMoment {
  /** The latest simulated second. */
  readonly head: number;
  readonly settled: boolean;
  /** The facts are of the play head, a past moment the learner scrubbed back to. */
  readonly past: boolean;
}

const MAX_SERVICES = 2_000;

/**
 * The editor's facts keep their identity while their values do not change (an object's ObjectLive, a
 * Service's row, the taints), so what is computed from them (the editor's diagnostics per YAML document,
 * src/core/live/documentDiagnostics.ts) is reused after a one-line edit instead of built again. Reuse is
 * by value, so facts of any cluster or moment may pass through.
 */
const objectLives = new WeakMap<ObjectPods, ObjectLive>();
let lastEmpty = new Map<string, ObjectLive>();
let lastServices = new Map<string, ServiceLive>();
let lastTaints: Readonly<Record<string, readonly string[]>> = {};

function objectLive(o: ObjectPods, w: WorkloadView | undefined): ObjectLive {
  const kept = objectLives.get(o);
  if (kept && sameWorkload(kept, w)) return kept;
  const made: ObjectLive = { ...o, ...workloadFields(w) };
  objectLives.set(o, made);
  return made;
}

/** The workload row's numbers an ObjectLive carries. */
function workloadFields(w: WorkloadView | undefined): Pick<ObjectLive, 'desired' | 'ready' | 'finished' | 'failedCreate'> {
  if (!w) return { desired: null };
  const out: { desired: number; ready: number; finished?: string; failedCreate?: string } = { desired: w.desired, ready: w.ready };
  if (w.finished) out.finished = w.finished;
  if (w.failedCreate) out.failedCreate = w.failedCreate;
  return out;
}

function sameWorkload(o: ObjectLive, w: WorkloadView | undefined): boolean {
  return o.desired === (w?.desired ?? null) && o.ready === w?.ready && o.finished === w?.finished && o.failedCreate === w?.failedCreate;
}

function sameService(a: ServiceLive | undefined, b: ServiceLive): a is ServiceLive {
  return !!a && a.type === b.type && a.clusterIP === b.clusterIP && a.nodePort === b.nodePort && a.endpoints === b.endpoints && a.notReady === b.notReady;
}

function sameTaints(a: Readonly<Record<string, readonly string[]>>, b: Readonly<Record<string, readonly string[]>>): boolean {
  const keys = Object.keys(b);
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((k) => { const x = a[k]; const y = b[k] as readonly string[]; return !!x && x.length === y.length && x.every((t, i) => t === y[i]); });
}

/** Joins the snapshot's workload rows and services with the engine's editor facts. */
export function computeEditorLive(s: Snap, facts: EditorFacts): EditorLive {
  const rows = new Map(s.workloads.map((w) => [objectKey(w.kind, w.namespace, w.name), w]));
  const objects: Record<string, ObjectLive> = {};
  for (const [key, o] of Object.entries(facts.objects)) objects[key] = objectLive(o, rows.get(key));
  const empty = new Map<string, ObjectLive>();
  for (const w of s.workloads) {
    const key = objectKey(w.kind, w.namespace, w.name);
    if (objects[key]) continue;
    const before = lastEmpty.get(key);
    const row = before && before.kind === w.kind && sameWorkload(before, w) ? before
      : { kind: w.kind, namespace: w.namespace, name: w.name, pods: [], total: 0, running: 0, pending: 0, restarts: 0, verdicts: null, ...workloadFields(w) };
    empty.set(key, row);
    objects[key] = row;
  }
  lastEmpty = empty;
  const services: Record<string, ServiceLive> = {};
  const serviceRows = new Map<string, ServiceLive>();
  for (const svc of s.services.slice(0, MAX_SERVICES)) {
    const key = objectKey('Service', svc.namespace, svc.name);
    const row = { type: svc.type, clusterIP: svc.clusterIP, nodePort: svc.nodePort, endpoints: svc.endpoints.length, notReady: svc.notReady ?? 0 };
    const before = lastServices.get(key);
    services[key] = sameService(before, row) ? before : row;
    serviceRows.set(key, services[key]);
  }
  lastServices = serviceRows;
  let running = 0;
  let total = 0;
  for (const p of s.pods) {
    if (p.reason === 'Terminating') continue;
    if (p.phase === 'Running') running++;
    if (p.phase !== 'Succeeded') total++;
  }
  const e = s.cluster.etcd;
  // Only tainted nodes: a 5,000-node cluster's map of empty lists would be 180 kB cloned to the host on every state.
  const taints = Object.fromEntries(s.cluster.nodes.filter((n) => n.taints.length > 0).slice(0, MAX_SERVICES).map((n) => [n.name, n.taints]));
  if (!sameTaints(lastTaints, taints)) lastTaints = taints;
  return {
    time: s.time, topology: s.cluster.topology, objects, nodes: facts.nodes, services,
    pods: { running, total },
    etcd: { healthy: e.healthy, members: e.members, hasQuorum: e.hasQuorum },
    taints: lastTaints,
  };
}
