/**
 * The Cluster View's bounded page: the view model of a snapshot source (the live engine or a past
 * moment from the journal) built from what the view draws, not from a whole snapshot. Equal to
 * `toClusterView(snapshotOf(src))`, but it makes a pod row only for the pods drawn on a node (at most
 * VIEW_PODS_PER_NODE each), the unbound, failing and terminating ones (the alerts name them), and keeps
 * the last VIEW_EVENTS events; the grid counts the other pods without building their rows. So seeking
 * a 1,000-pod cluster and drawing the moment costs a few milliseconds instead of a full snapshot.
 */
import type { ClusterSnapshot, Simulation } from '../sim';
import type { Journal } from '../sim/journal';
import { isReady, isTerminating, nodeName, phase } from '../sim/pods';
import { displayStatus, nodeView, podRow, sorted, sourceOf, summaryOf, workloads, type SnapshotSource } from '../sim/snapshot';
import type { SimError } from '../sim/types';
import type { Stored } from '../sim/store';
import type { ClusterView, ViewGrid } from '../../shared/protocol';
import { TEXTBOOK_NODES, toClusterView, VIEW_EVENTS, VIEW_PODS_PER_NODE } from './fromSnapshot';

type Snap = ClusterSnapshot;

/** Whether a pod is one the alerts name, by stored object (immutable, as the snapshot's rows: sim/snapshot.ts). */
const notable = new WeakMap<Stored, boolean>();

/** Pods the alerts and the pending tray need whatever node they are on (or none). */
function noteworthy(p: Stored): boolean {
  let is = notable.get(p);
  if (is === undefined) notable.set(p, (is = isNoteworthy(p)));
  return is;
}

function isNoteworthy(p: Stored): boolean {
  const ph = phase(p);
  if ((ph === 'Pending' && !nodeName(p)) || ph === 'Failed' || isTerminating(p)) return true;
  const status = displayStatus(p);
  return status === 'CrashLoopBackOff' || status === 'Error';
}

/** Per node (in topology order), its pods by the grid's states, in one pass over the pods without rows. */
function gridCounts(src: SnapshotSource, names: readonly string[]): Pick<ViewGrid, 'running' | 'starting' | 'terminating'> {
  const running = new Array<number>(names.length).fill(0);
  const starting = new Array<number>(names.length).fill(0);
  const terminating = new Array<number>(names.length).fill(0);
  names.forEach((name, i) => {
    for (const key of src.store.podsOnNode(name)) {
      const p = podAt(src, key);
      if (!p) continue;
      const ph = phase(p);
      // The same buckets as gridOf (fromSnapshot.ts) reads from pod rows.
      if (isTerminating(p) || ph === 'Failed' || ph === 'Unknown') terminating[i]! += 1;
      else if (ph === 'Running' && isReady(p)) running[i]! += 1;
      else if (ph !== 'Succeeded') starting[i]! += 1;
    }
  });
  return { running, starting, terminating };
}

function podAt(src: SnapshotSource, key: string): Stored | undefined {
  const slash = key.indexOf('/');
  return slash < 0 ? src.store.get('Pod', undefined, key) : src.store.get('Pod', key.slice(0, slash), key.slice(slash + 1));
}

/** The last `n` events of the source, oldest first. */
function lastEvents(src: SnapshotSource, n: number): Snap['events'] {
  const all = src.events();
  return all.slice(Math.max(0, all.length - n)) as Snap['events'];
}

/**
 * The view model of `src` from bounded reads (see the file comment); `journal` adds the steps of the
 * process. Docker mode's pods need their host's state, so that mode (a handful of pods) takes the
 * whole snapshot's path through `full`.
 */
export function viewPage(src: SnapshotSource, errors: readonly SimError[], journal: Journal | undefined, full: () => Snap): ClusterView {
  if (src.topology.mode === 'docker') return toClusterView(full(), journal);
  const nodeRows = [...src.cluster.nodes.values()].map((n) => nodeView(src, n.spec.name));
  const large = nodeRows.length > TEXTBOOK_NODES;
  const drawn = large ? nodeRows.filter((n) => n.roles.includes('control-plane')).slice(0, 7) : nodeRows;
  const picked = new Set<Stored>();
  for (const n of drawn) {
    const pods = sorted(src.store.podsOnNode(n.name).map((k) => podAt(src, k)).filter((p): p is Stored => !!p));
    for (const p of pods.slice(0, VIEW_PODS_PER_NODE)) picked.add(p);
  }
  let total = 0;
  for (const p of src.store.list('Pod')) {
    total++;
    if (noteworthy(p)) picked.add(p);
  }
  const snap: Snap = {
    time: src.time, cluster: summaryOf(src, nodeRows), pods: sorted([...picked]).map((p) => podRow(src, p)), workloads: workloads(src),
    services: loadBalancers(src), events: lastEvents(src, VIEW_EVENTS),
    errors: errors.map((x) => ({ file: x.file, line: x.line, column: x.column, message: x.message, severity: x.severity })),
  };
  const view = toClusterView(snap, journal);
  const grid = view.grid ? { ...view.grid, ...gridCounts(src, view.grid.names) } : null;
  return { ...view, podTotal: total, grid };
}

/** The view only asks whether any Service is a LoadBalancer (the application load balancer is drawn then). */
function loadBalancers(src: SnapshotSource): Snap['services'] {
  for (const s of src.store.list('Service')) {
    const spec = s.spec as { type?: unknown } | undefined;
    if (spec?.type === 'LoadBalancer') return [{ namespace: s.metadata.namespace ?? 'default', name: s.metadata.name ?? '', type: 'LoadBalancer', clusterIP: null, nodePort: null, endpoints: [] }];
  }
  return [];
}

/**
 * The view page of a simulation at simulated second `time` (null or now and later: the live cluster).
 * `steps`: with the latest steps of the process from the journal (a seek does not need them: the
 * view already holds them, and turning 500 journal entries into steps costs more than the page).
 */
export function viewPageAt(sim: Simulation, time: number | null, steps = false): ClusterView {
  const journal = steps ? sim.journal : undefined;
  if (time === null || time >= sim.now()) return viewPage(sourceOf(sim.internals), sim.errorsAt(sim.now()), journal, () => sim.snapshot());
  const src = sim.historicSource(sim.stateAt(time));
  return viewPage(src, sim.errorsAt(time), journal, () => sim.snapshotAt(time));
}
