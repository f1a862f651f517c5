/**
 * Editor additions (issue 7): what the editor's hovers, code lenses and diagnostics need beyond
 * the snapshot — each top-level object's pods with the scheduler's per-node verdicts, what each
 * node has requested of its allocatable, and which nodes hold which images. Read-only over the
 * store; bounded so a 150,000-pod cluster still answers in milliseconds.
 */
import type { StoreReader } from './snapshot';
import { arr, at, controllerOf, obj, str } from './objects';
import { podColumns } from './snapshot';
import { isTerminating, nodeName, phase } from './pods';
import { nodeAllocatable, podRequests } from './scheduler/requests';
import type { SchedPod } from './scheduler/types';
import { VERDICTS_ANNOTATION } from './components/kubeScheduler';
import type { Stored } from './store';
import { objectKey } from './objectKey';

export { objectKey };

/** One pod of an object, as the editor shows it. */
export interface PodPlacement {
  readonly name: string;
  readonly phase: string;
  /** kubectl's STATUS column (Running, Pending, CrashLoopBackOff, Terminating…). */
  readonly status: string;
  readonly node: string | null;
  /** kube-scheduler's FailedScheduling message, for a pod it could not place. */
  readonly message: string;
  /** The first container the kubelet holds back with a message, as `name` and the message ('' when none). */
  readonly waiting: { readonly container: string; readonly message: string } | null;
}

/** A top-level object (Deployment, StatefulSet, DaemonSet, Job, CronJob, bare Pod) and its pods. */
export interface ObjectPods {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The first pods, sorted by name (at most {@link MAX_PODS}). */
  readonly pods: readonly PodPlacement[];
  readonly total: number;
  readonly running: number;
  readonly pending: number;
  /** Container restarts over all its pods (kubectl's RESTARTS column, snapshot.ts podColumns, summed). */
  readonly restarts: number;
  /** The scheduler's verdict per node for the first unschedulable pod: node → 'fits (score N)' or reasons. */
  readonly verdicts: Readonly<Record<string, string>> | null;
}

/** How much of a node the scheduler has handed out (cpu in millicores, memory in bytes). */
export interface NodeUsage {
  readonly name: string;
  readonly allocatable: { readonly cpu: number; readonly memory: number; readonly pods: number };
  readonly requested: { readonly cpu: number; readonly memory: number; readonly pods: number };
  /** Images present on the node (pulled by its kubelet through containerd), sorted. */
  readonly images: readonly string[];
}

export interface EditorFacts {
  /** `Kind/namespace/name` → its pods. */
  readonly objects: Readonly<Record<string, ObjectPods>>;
  readonly nodes: readonly NodeUsage[];
}

export const MAX_PODS = 12;
const MAX_OBJECTS = 2_000;
const MAX_IMAGES_PER_NODE = 200;


/** Follows controller references up to the object a user wrote (ReplicaSet → Deployment, Job → CronJob). */
function rootOf(e: FactsSource, pod: Stored): Stored | undefined {
  let cur: Stored = pod;
  for (let depth = 0; depth < 4; depth++) {
    const owner = controllerOf(cur);
    if (!owner) return depth === 0 ? undefined : cur;
    const next = e.store.get(owner.kind, cur.metadata.namespace, owner.name);
    if (!next) return depth === 0 ? undefined : cur;
    cur = next;
  }
  return cur;
}

/** What the facts read: the live engine, or a past moment's store (journal/history.ts), for the play head. */
export interface FactsSource { readonly store: Pick<StoreReader, 'get' | 'list'> }

/**
 * What the last build from a store gave, by object key and node: an object whose pods are the same stored
 * objects keeps its summary, and a node whose numbers are the same keeps its row, as the same objects (stored
 * objects are never mutated, store.ts). A live edit then changes the identity of only what it changed, and
 * what is computed from these (the editor's diagnostics, documentDiagnostics.ts) is reused for the rest.
 */
interface LastBuild {
  readonly objects: ReadonlyMap<string, { readonly pods: readonly Stored[]; readonly summary: ObjectPods }>;
  readonly nodes: readonly NodeUsage[];
}
const lastBuild = new WeakMap<object, LastBuild>();

/** Builds the editor facts from a store (the engine's, or a past moment's). */
export function buildEditorFacts(e: FactsSource): EditorFacts {
  const groups = new Map<string, { kind: string; namespace: string; name: string; pods: Stored[] }>();
  const usage = new Map<string, { cpu: number; memory: number; pods: number; images: Set<string> }>();
  for (const pod of e.store.list('Pod')) {
    const root = rootOf(e, pod) ?? pod;
    const namespace = root.metadata.namespace ?? 'default';
    const key = objectKey(root.kind, namespace, root.metadata.name ?? '');
    let g = groups.get(key);
    if (!g && groups.size < MAX_OBJECTS) groups.set(key, (g = { kind: root.kind, namespace, name: root.metadata.name ?? '', pods: [] }));
    g?.pods.push(pod);
    const node = nodeName(pod);
    if (!node) continue;
    let u = usage.get(node);
    if (!u) usage.set(node, (u = { cpu: 0, memory: 0, pods: 0, images: new Set() }));
    const own = podUsage(pod);
    if (own.requests) {
      u.cpu += own.requests.cpu;
      u.memory += own.requests.mem;
      u.pods++;
    }
    if (u.images.size < MAX_IMAGES_PER_NODE) for (const image of own.images) u.images.add(image);
  }
  const last = lastBuild.get(e.store);
  const kept = new Map<string, { pods: readonly Stored[]; summary: ObjectPods }>();
  const objects: Record<string, ObjectPods> = {};
  for (const [key, g] of groups) {
    const pods = g.pods.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const before = last?.objects.get(key);
    const summary = before && sameItems(before.pods, pods) && before.summary.kind === g.kind ? before.summary : summarise(g);
    kept.set(key, { pods, summary });
    objects[key] = summary;
  }
  const lastNodes = new Map((last?.nodes ?? []).map((n) => [n.name, n]));
  const nodes: NodeUsage[] = [];
  for (const n of e.store.list('Node')) {
    const name = n.metadata.name ?? '';
    const alloc = nodeAllocatable(obj(at(n, 'status', 'allocatable')) as Record<string, string> | undefined);
    const u = usage.get(name);
    const row: NodeUsage = {
      name, allocatable: { cpu: alloc.cpu, memory: alloc.mem, pods: alloc.pods },
      requested: { cpu: u?.cpu ?? 0, memory: u?.memory ?? 0, pods: u?.pods ?? 0 }, images: [...(u?.images ?? [])].sort(),
    };
    const before = lastNodes.get(name);
    nodes.push(before && sameUsage(before, row) ? before : row);
  }
  nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sameNodes = last !== undefined && sameItems(last.nodes, nodes);
  const build = { objects: kept, nodes: sameNodes ? last.nodes : nodes };
  lastBuild.set(e.store, build);
  return { objects, nodes: build.nodes };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameUsage(a: NodeUsage, b: NodeUsage): boolean {
  return a.allocatable.cpu === b.allocatable.cpu && a.allocatable.memory === b.allocatable.memory && a.allocatable.pods === b.allocatable.pods
    && a.requested.cpu === b.requested.cpu && a.requested.memory === b.requested.memory && a.requested.pods === b.requested.pods
    && a.images.length === b.images.length && a.images.every((x, i) => x === b.images[i]);
}

/** What a pod takes of its node: its requests while it runs (the scheduler's sums), the images it started from. */
interface PodUsage { readonly requests: { readonly cpu: number; readonly mem: number } | null; readonly images: readonly string[] }

/** By stored pod: stored objects are never mutated (store.ts), so a live sync reads again only the pods that changed. */
const usageOf = new WeakMap<Stored, PodUsage>();

function podUsage(pod: Stored): PodUsage {
  let u = usageOf.get(pod);
  if (u) return u;
  const ph = phase(pod);
  const r = ph !== 'Succeeded' && ph !== 'Failed' ? podRequests(pod as unknown as SchedPod) : null;
  usageOf.set(pod, (u = { requests: r && { cpu: r.cpu, mem: r.mem }, images: pulledImages(pod) }));
  return u;
}

/** Images a pod's containers have started from: the kubelet had containerd pull them on its node. */
function pulledImages(pod: Stored): string[] {
  const out: string[] = [];
  for (const cs of arr(at(pod, 'status', 'containerStatuses'))) {
    const s = obj(cs);
    const started = !!obj(at(s, 'state', 'running')) || !!obj(at(s, 'state', 'terminated')) || Number(s?.restartCount) > 0;
    const image = str(s?.image);
    if (started && image) out.push(image);
  }
  return out;
}

/** An object's summary from its pods, sorted by name. */
function summarise(g: { kind: string; namespace: string; name: string; pods: readonly Stored[] }): ObjectPods {
  const sorted = g.pods;
  let running = 0;
  let pending = 0;
  let restarts = 0;
  let verdicts: Record<string, string> | null = null;
  const pods: PodPlacement[] = [];
  for (const p of sorted) {
    const ph = phase(p);
    const columns = podColumns(p);
    restarts += columns.restarts;
    if (ph === 'Running' && !isTerminating(p)) running++;
    const unscheduled = ph === 'Pending' && !nodeName(p);
    if (unscheduled) pending++;
    if (unscheduled && !verdicts) verdicts = readVerdicts(p);
    if (pods.length < MAX_PODS) pods.push({ name: p.metadata.name ?? '', phase: ph, status: columns.status, node: nodeName(p), message: unscheduled ? schedulingMessage(p) : '', waiting: unscheduled ? null : waitingOf(p) });
  }
  return { kind: g.kind, namespace: g.namespace, name: g.name, pods, total: g.pods.length, running, pending, restarts, verdicts };
}

function readVerdicts(p: Stored): Record<string, string> | null {
  const raw = p.metadata.annotations?.[VERDICTS_ANNOTATION];
  if (typeof raw !== 'string') return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    const o = obj(parsed);
    if (!o) return null;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(o)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return null;
  }
}

/** containerStatuses[].state.waiting with a message (ImagePullBackOff, CreateContainerConfigError…), shared per status list. */
const waitings = new WeakMap<object, PodPlacement['waiting']>();
function waitingOf(p: Stored): PodPlacement['waiting'] {
  const list = at(p, 'status', 'containerStatuses');
  if (!Array.isArray(list)) return null;
  let w = waitings.get(list);
  if (w !== undefined) return w;
  w = null;
  for (const cs of list) {
    const message = str(at(cs, 'state', 'waiting', 'message'));
    if (message) {
      w = { container: str(obj(cs)?.name) ?? '', message };
      break;
    }
  }
  waitings.set(list, w);
  return w;
}

function schedulingMessage(p: Stored): string {
  const cond = arr(at(p, 'status', 'conditions')).map(obj).find((c) => c?.type === 'PodScheduled' && c.status === 'False');
  return str(cond?.message) ?? '';
}
