import type { ClusterSnapshot } from '../sim';
import { entriesOf, type Journal } from '../sim/journal';
import { stepsFromJournal } from './journalSteps';
import type { ClusterView, ViewEvent, ViewGrid, ViewNode, ViewObjectRef, ViewPod, ViewStep, ViewWorkload } from '../../shared/protocol';
import { computeAlerts } from './alerts';
import { stepsFromEvents } from './steps';

/** How many events the view's event list carries. */
export const VIEW_EVENTS = 30;
/** Up to this many nodes the view draws the study guide's picture; beyond it, a grid of every node. */
export const TEXTBOOK_NODES = 50;
/** Kept for callers of 0.1: the textbook drawing's node bound. */
export const VIEW_NODES = TEXTBOOK_NODES;
/** Pods listed per drawn node (the rest are counted in `podCount`). */
export const VIEW_PODS_PER_NODE = 80;
/** Unbound pods listed (the rest counted in `pendingCount`). */
export const VIEW_PENDING = 20;
export const VIEW_WORKLOADS = 50;
/** Steps of the process the view keeps to play back. */
export const VIEW_STEPS = 500;

const TITLES: Readonly<Record<string, string>> = {
  'docker-server': 'Docker server (no orchestration)',
  'single-node': 'Single-node cluster (minikube)',
  'multi-worker': 'Multi-worker cluster',
  ha: 'Highly available cluster',
  kind: 'kind cluster',
  nodes: 'Cluster from Node manifests',
};

type Snap = ClusterSnapshot;
type PodRow = Snap['pods'][number];
type NodeRow = Snap['cluster']['nodes'][number];

/**
 * The workload a learner applied, from a pod's controller: a ReplicaSet named `<deployment>-<hash>`
 * belongs to that Deployment (the pod-template-hash suffix, https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#pod-template-hash-label).
 */
export function workloadResolver(s: Snap): (p: PodRow) => ViewObjectRef | undefined {
  const deployments = new Set(s.workloads.filter((w) => w.kind === 'Deployment').map((w) => `${w.namespace}/${w.name}`));
  return (p) => {
    if (!p.owner) return undefined;
    if (p.owner.kind === 'ReplicaSet') {
      const cut = p.owner.name.lastIndexOf('-');
      const base = cut > 0 ? p.owner.name.slice(0, cut) : '';
      if (deployments.has(`${p.namespace}/${base}`)) return { kind: 'Deployment', namespace: p.namespace, name: base };
    }
    return { kind: p.owner.kind, namespace: p.namespace, name: p.owner.name };
  };
}

function viewPod(p: PodRow, workload: ViewObjectRef | undefined): ViewPod {
  const phase = p.reason === 'Terminating' ? 'Terminating' : p.phase;
  const out: { -readonly [K in keyof ViewPod]: ViewPod[K] } = { namespace: p.namespace, name: p.name, phase, ready: p.ready };
  if (p.reason && p.reason !== phase) out.status = p.reason;
  if (p.message) out.message = p.message;
  if (workload) out.workload = workload;
  if (p.ip) out.ip = p.ip;
  if (p.restarts > 0) out.restarts = p.restarts;
  return out;
}

function podsByNode(s: Snap, shown: ReadonlySet<string>, resolve: (p: PodRow) => ViewObjectRef | undefined): Map<string, ViewPod[]> {
  const byNode = new Map<string, ViewPod[]>();
  for (const p of s.pods) {
    if (!p.node || !shown.has(p.node)) continue;
    const list = byNode.get(p.node) ?? [];
    if (list.length < VIEW_PODS_PER_NODE) list.push(viewPod(p, resolve(p)));
    byNode.set(p.node, list);
  }
  return byNode;
}

function viewNode(n: NodeRow, pods: ViewPod[]): ViewNode {
  const components = n.components.map((c) => (c.leader === undefined ? { name: c.name, ready: c.running && n.up } : { name: c.name, ready: c.running && n.up, leader: c.leader }));
  return { name: n.name, roles: n.roles, ready: n.ready, components, pods, podCount: n.pods, up: n.up, ip: n.ip, taints: n.taints, capacity: n.capacity };
}

function viewEvents(s: Snap): ViewEvent[] {
  return s.events.slice(-VIEW_EVENTS).map((e) => ({
    time: e.time, component: e.component, reason: e.reason, message: e.message, path: e.path, warning: e.type === 'Warning',
  }));
}

const isControl = (n: NodeRow): boolean => n.roles.includes('control-plane');

/** Every node as grid columns: pod counts per state, in one pass over the pods. */
export function gridOf(s: Snap): ViewGrid {
  const index = new Map(s.cluster.nodes.map((n, i) => [n.name, i]));
  const size = s.cluster.nodes.length;
  const running = new Array<number>(size).fill(0);
  const starting = new Array<number>(size).fill(0);
  const terminating = new Array<number>(size).fill(0);
  for (const p of s.pods) {
    const i = p.node === null ? undefined : index.get(p.node);
    if (i === undefined) continue;
    if (p.reason === 'Terminating' || p.phase === 'Failed' || p.phase === 'Unknown') terminating[i]! += 1;
    else if (p.phase === 'Running' && p.ready) running[i]! += 1;
    else if (p.phase !== 'Succeeded') starting[i]! += 1;
  }
  return {
    names: s.cluster.nodes.map((n) => n.name),
    flags: s.cluster.nodes.map((n) => (n.ready ? 1 : 0) + (isControl(n) ? 2 : 0)),
    running, starting, terminating,
    capacity: s.cluster.nodes.map((n) => Number(n.capacity.pods ?? 110) || 110),
  };
}

function workloadsOf(s: Snap): ViewWorkload[] {
  return s.workloads.slice(0, VIEW_WORKLOADS).map((w) => ({ kind: w.kind, namespace: w.namespace, name: w.name, desired: w.desired, ready: w.ready }));
}

/** The steps of the latest records of a journal, by record seq (records never change once written). */
interface StepCache { head: number; readonly bySeq: Map<number, readonly ViewStep[]> }
const stepCaches = new WeakMap<Journal, StepCache>();

/**
 * The latest steps: from the journal when there is one (every write, watch, decision and CRI call), else from the events.
 * Each record yields one entry or a few (its watch deliveries and proxy syncs): the steps come from the last VIEW_STEPS
 * records, and only records written since the last call are turned into steps (a live edit adds a few dozen to 500).
 */
function latestSteps(s: Snap, journal: Journal | undefined): ViewStep[] {
  if (!journal?.enabled) return stepsFromEvents(s.events.slice(-VIEW_STEPS), s);
  const from = Math.max(journal.compacted, journal.head - VIEW_STEPS);
  let cache = stepCaches.get(journal);
  if (!cache || cache.head > journal.head) stepCaches.set(journal, (cache = { head: from, bySeq: new Map() }));
  for (const seq of cache.bySeq.keys()) {
    if (seq > from) break;
    cache.bySeq.delete(seq);
  }
  for (let seq = Math.max(cache.head, from) + 1; seq <= journal.head; seq++) cache.bySeq.set(seq, stepsFromJournal(entriesOf(journal, seq)));
  cache.head = journal.head;
  const out: ViewStep[] = [];
  for (const steps of cache.bySeq.values()) for (const step of steps) out.push(step);
  return out.length > VIEW_STEPS ? out.slice(-VIEW_STEPS) : out;
}

/** The Cluster View's model of a simulation snapshot (and of its journal, for the steps of the process). */
export function toClusterView(s: Snap, journal?: Journal): ClusterView {
  const { cluster } = s;
  const large = cluster.nodes.length > TEXTBOOK_NODES;
  const nodes = large ? cluster.nodes.filter(isControl).slice(0, 7) : cluster.nodes;
  const resolve = workloadResolver(s);
  const pods = podsByNode(s, new Set(nodes.map((n) => n.name)), resolve);
  const unbound = s.pods.filter((p) => !p.node && p.phase === 'Pending');
  const etcd = cluster.etcd.members > 0 ? { members: cluster.etcd.members, healthy: cluster.etcd.healthy, quorum: cluster.etcd.hasQuorum } : null;
  return {
    topology: cluster.topology,
    mode: cluster.mode,
    title: TITLES[cluster.topology] ?? `Cluster "${cluster.topology}"`,
    time: s.time,
    nodes: nodes.map((n) => viewNode(n, pods.get(n.name) ?? [])),
    hiddenNodes: 0,
    apiLoadBalancer: cluster.apiLoadBalancer,
    appLoadBalancer: s.services.some((x) => x.type === 'LoadBalancer'),
    etcd,
    events: viewEvents(s),
    pending: unbound.slice(0, VIEW_PENDING).map((p) => viewPod(p, resolve(p))),
    pendingCount: unbound.length,
    workloads: workloadsOf(s),
    alerts: computeAlerts(s),
    grid: large ? gridOf(s) : null,
    podTotal: s.pods.length,
    steps: latestSteps(s, journal),
  };
}
