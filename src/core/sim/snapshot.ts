import { SIM_EPOCH_MS } from './clock';
import { readyStatus } from './controllers/nodeLifecycle';
import type { ClusterRuntime } from './cluster';
import type { Engine } from './engine';
import { arr, at, controllerOf, num, obj, str } from './objects';
import { isFinished, isReady, isTerminating, nodeName, phase, readinessGatesCell, simSecondsOf } from './pods';
import { age } from './humanDuration';
import type { Store, Stored } from './store';
import type { TopologySpec } from './topology/types';
import type { ClusterSnapshot, NodeView, PodView, ServiceView, WorkloadView } from '../../shared/snapshot';
import type { KubeObject, ObjectRef, SimError, SimEvent } from './types';
import { terminalCondition } from './controllers/jobStatus';
import { objectKey } from './objectKey';

export type { ClusterSnapshot, ClusterSummary, ErrorView, NodeView, PodView, ServiceView, WorkloadView } from '../../shared/snapshot';

/** The reads a snapshot makes of the store: the live Store, or a past moment's (journal/history.ts). */
export type StoreReader = Pick<Store, 'get' | 'list' | 'podsOnNode' | 'children'>;

/** Everything a snapshot is built from, live (sourceOf) or at a past moment (journal/history.ts). */
export interface SnapshotSource {
  readonly time: number;
  readonly topology: TopologySpec;
  readonly cluster: Pick<ClusterRuntime, 'nodes' | 'running' | 'etcd'>;
  readonly store: StoreReader;
  readonly leaders: { readonly 'kube-scheduler': string | null; readonly 'kube-controller-manager': string | null };
  /** The largest replica count simulated per workload. */
  readonly maxReplicas: number;
  /** The events the log holds, oldest first. */
  events(): readonly SimEvent[];
  /** The same as snapshot rows, when the source keeps them between snapshots (the live engine's log: EventLog.rows). */
  eventRows?(): SimEvent[];
  /** {@link failedCreates}, read from the log's columns when the source has them (EventLog.unresolved). */
  failedCreates?(): Map<string, string>;
}

/** The live engine as a snapshot source. */
export function sourceOf(e: Engine): SnapshotSource {
  return {
    time: e.clock.now(), topology: e.topology, cluster: e.cluster, store: e.store,
    leaders: { 'kube-scheduler': e.schedulerElector.leader(), 'kube-controller-manager': e.cmElector.leader() },
    maxReplicas: e.ctx.options.maxReplicasPerWorkload, events: () => e.events.since(0), eventRows: () => e.events.rows(eventRow),
    failedCreates: () => e.events.unresolved('FailedCreate', 'SuccessfulCreate', refKey),
  };
}

/** Builds the snapshot with a fixed key order and sorted rows. */
export function buildSnapshot(e: Engine, errors: readonly SimError[]): ClusterSnapshot {
  return snapshotOf(sourceOf(e), errors);
}

/** Builds the snapshot of a source with a fixed key order and sorted rows. */
export function snapshotOf(e: SnapshotSource, errors: readonly SimError[]): ClusterSnapshot {
  const pods = sorted([...e.store.list('Pod')]);
  return {
    time: e.time,
    cluster: clusterOf(e),
    pods: pods.map((p) => podRow(e, p)),
    workloads: workloads(e),
    services: servicesView(e),
    events: eventRowsOf(e),
    errors: errorRows(errors),
  };
}

/** Rows built one at a time as they are read, with their count known in advance. */
export interface RowSequence<T> extends Iterable<T> {
  readonly length: number;
}

/** A snapshot whose pod rows are built as they are read: a writer that prints each at once never holds them all. */
export type StreamedSnapshot = Omit<ClusterSnapshot, 'pods'> & { readonly pods: RowSequence<PodView> };

/**
 * The snapshot of a source, same keys and order, with the pods read from the store while they are written
 * (the CLI's JSON output at 150,000 pods: no array of rows, no row kept for later).
 */
export function streamSnapshotOf(e: SnapshotSource, errors: readonly SimError[]): StreamedSnapshot {
  const stored = sorted([...e.store.list('Pod')]);
  const pods: RowSequence<PodView> = {
    length: stored.length,
    *[Symbol.iterator]() {
      for (const p of stored) yield podView(e, p);
    },
  };
  return { time: e.time, cluster: clusterOf(e), pods, workloads: workloads(e), services: servicesView(e), events: eventRowsOf(e), errors: errorRows(errors) };
}

function clusterOf(e: SnapshotSource): ClusterSnapshot['cluster'] {
  return summaryOf(e, [...e.cluster.nodes.values()].map((n) => nodeView(e, n.spec.name)));
}

function errorRows(errors: readonly SimError[]): ClusterSnapshot['errors'] {
  return errors.map((x) => ({ file: x.file, line: x.line, column: x.column, message: x.message, severity: x.severity }));
}

/** The cluster-wide part of a snapshot, with the given node rows. */
export function summaryOf(e: SnapshotSource, nodes: NodeView[]): ClusterSnapshot['cluster'] {
  const etcd = e.cluster.etcd();
  return {
    topology: e.topology.name, mode: e.topology.mode, apiLoadBalancer: e.topology.apiLoadBalancer, nodes,
    etcd: { members: etcd.members, healthy: etcd.healthy, quorum: etcd.quorum, hasQuorum: etcd.hasQuorum },
    leaders: { 'kube-scheduler': e.leaders['kube-scheduler'], 'kube-controller-manager': e.leaders['kube-controller-manager'] },
  };
}

/** One node's row. */
export function nodeView(e: SnapshotSource, name: string): NodeView {
  const rt = e.cluster.nodes.get(name);
  const api = e.store.get('Node', undefined, name);
  const spec = rt?.spec;
  const taints = api ? arr(at(api, 'spec', 'taints')).map(obj).map((t) => `${str(t?.key)}${t?.value ? '=' + str(t.value) : ''}:${str(t?.effect)}`) : (spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
  const leaders: Record<string, string | null> = e.leaders;
  return {
    name, roles: [...(spec?.roles ?? [])], ready: api ? readyStatus(api) === 'True' : !!rt?.up && e.cluster.running(name, 'dockerd'),
    up: !!rt?.up, ip: spec?.ip ?? '', taints,
    components: (spec?.components ?? []).map((c) => (c in leaders ? { name: c, running: e.cluster.running(name, c), leader: leaders[c] === name } : { name: c, running: e.cluster.running(name, c) })),
    podCIDR: str(at(api, 'spec', 'podCIDR')) ?? null,
    pods: e.store.podsOnNode(name).length, capacity: { ...(spec?.capacity ?? {}) },
  };
}

/**
 * Rows already built, by the stored object they show. Stored objects are never mutated (store.ts:
 * copy-on-write) and a pod's row reads only the pod (outside a Docker server, where it also reads whether
 * the host's dockerd runs), so a snapshot rebuilds the rows of the pods that changed since the last one.
 * The log's events are kept objects too (eventLog.ts). Weak: a row goes with its object.
 */
const podRows = new WeakMap<Stored, PodView>();
const eventRows = new WeakMap<SimEvent, SimEvent>();

export function podRow(e: SnapshotSource, p: Stored): PodView {
  if (e.topology.mode === 'docker') return podView(e, p);
  let row = podRows.get(p);
  if (!row) podRows.set(p, (row = podView(e, p)));
  return row;
}

function eventRowsOf(e: SnapshotSource): SimEvent[] {
  return e.eventRows ? e.eventRows() : e.events().map(eventRow);
}

function eventRow(ev: SimEvent): SimEvent {
  let row = eventRows.get(ev);
  if (!row) eventRows.set(ev, (row = eventView(ev)));
  return row;
}

/** One pod's row. */
export function podView(e: SnapshotSource, p: Stored): PodView {
  const owner = controllerOf(p);
  const hostDown = e.topology.mode === 'docker' && !isFinished(p) && !e.cluster.running(nodeName(p) ?? '', 'dockerd');
  const columns = podColumns(p);
  return {
    namespace: p.metadata.namespace ?? 'default', name: p.metadata.name ?? '',
    phase: hostDown ? 'Unknown' : phase(p), node: nodeName(p), ip: str(at(p, 'status', 'podIP')) ?? null,
    owner: owner ? { kind: owner.kind, name: owner.name } : null,
    reason: hostDown ? 'HostDown' : columns.status,
    message: hostDown ? `${nodeName(p)} is down: its containers stopped with it and nothing restarts them elsewhere` : podMessage(p),
    ready: !hostDown && isReady(p),
    containersReady: `${hostDown ? 0 : columns.ready}/${columns.total}`,
    createdAt: simSeconds(p.metadata.creationTimestamp),
    restarts: columns.restarts,
    ...(columns.restarts !== 0 && columns.lastRestartAt !== null ? { lastRestartAt: columns.lastRestartAt } : {}),
    ...wideCells(p),
  };
}

const NO_WIDE_CELLS = Object.freeze({});

/** The pod's NOMINATED NODE and READINESS GATES, only when it has them (most pods have neither). */
function wideCells(p: Stored): Pick<PodView, 'nominatedNode' | 'readinessGates'> {
  const nominated = str(at(p, 'status', 'nominatedNodeName'));
  const gates = readinessGatesCell(p);
  if (!nominated && gates === '<none>') return NO_WIDE_CELLS;
  return { ...(nominated ? { nominatedNode: nominated } : {}), ...(gates !== '<none>' ? { readinessGates: gates } : {}) };
}

/**
 * kubectl's READY (ready/total), STATUS and RESTARTS for a pod; `lastRestartAt`: the simulated second the restarted
 * containers last ended (their lastState's finishedAt), null when none says.
 */
export interface PodColumns { readonly ready: number; readonly total: number; readonly status: string; readonly restarts: number; readonly lastRestartAt: number | null }

/** kubectl's RESTARTS cell: `4 (25s ago)` once a restarted container's last end is known, else the count. */
export function restartsCell(restarts: number, lastRestartAt: number | null | undefined, now: number): string {
  return restarts !== 0 && lastRestartAt !== null && lastRestartAt !== undefined ? `${restarts} (${age(now - lastRestartAt)} ago)` : String(restarts);
}

/** A container status's lastState.terminated.finishedAt in simulated seconds, or null. */
function lastFinished(c: Record<string, unknown> | undefined): number | null {
  const t = str(at(c, 'lastState', 'terminated', 'finishedAt'));
  return t ? simSecondsOf(t) ?? null : null;
}

const later = (a: number | null, b: number | null): number | null => (b === null ? a : a === null || b > a ? b : a);

const columnsOf = new WeakMap<object, PodColumns>();

/** kubectl's STATUS column for a pod. */
export function displayStatus(p: Stored): string {
  return podColumns(p).status;
}

/**
 * kubectl's READY, STATUS and RESTARTS for a pod, as kube-apiserver's printer computes them (printPod,
 * pkg/printers/internalversion/printers.go, v1.33): sidecars (restartPolicy Always init containers) count in READY
 * once started; while the pod initializes, the first init container not done gives `Init:…` and its restarts; then
 * the first app container with a waiting or a terminated reason gives the STATUS (Completed beside a container
 * running Ready reads Running, or NotReady while the pod is not Ready), and RESTARTS sums the app containers' and the
 * sidecars' restarts. A deleted pod not yet terminal reads Terminating (Unknown when its node was lost). Memoized
 * per pod object (a stored object does not change).
 */
export function podColumns(p: KubeObject): PodColumns {
  let out = columnsOf.get(p);
  if (!out) columnsOf.set(p, (out = computePodColumns(p)));
  return out;
}

function computePodColumns(p: KubeObject): PodColumns {
  const specInits = arr(at(p, 'spec', 'initContainers'));
  let total = arr(at(p, 'spec', 'containers')).length;
  let sidecars: Set<string> | null = null;
  for (const c of specInits) {
    if (obj(c)?.restartPolicy !== 'Always') continue;
    (sidecars ??= new Set()).add(str(obj(c)?.name) ?? '');
    total++;
  }
  const conditions = arr(at(p, 'status', 'conditions'));
  let status = str(at(p, 'status', 'reason')) || phase(p);
  // A pod held by its scheduling gates shows SchedulingGated.
  if (conditions.some((c) => obj(c)?.type === 'PodScheduled' && obj(c)?.reason === 'SchedulingGated')) status = 'SchedulingGated';
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestartAt: number | null = null;
  let lastSidecarRestartAt: number | null = null;
  let initializing = false;
  const inits = arr(at(p, 'status', 'initContainerStatuses'));
  for (let i = 0; i < inits.length; i++) {
    const c = obj(inits[i]);
    const count = Number(c?.restartCount) || 0;
    restarts += count;
    lastRestartAt = later(lastRestartAt, lastFinished(c));
    const sidecar = sidecars?.has(str(c?.name) ?? '') === true;
    if (sidecar) {
      sidecarRestarts += count;
      lastSidecarRestartAt = later(lastSidecarRestartAt, lastFinished(c));
    }
    const term = obj(at(c, 'state', 'terminated'));
    if (term && (Number(term.exitCode) || 0) === 0) continue;
    if (sidecar && c?.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    const waiting = str(at(c, 'state', 'waiting', 'reason'));
    status = term ? `Init:${terminatedReason(term)}` : waiting && waiting !== 'PodInitializing' ? `Init:${waiting}` : `Init:${i}/${specInits.length}`;
    initializing = true;
    break;
  }
  if (!initializing || conditions.some((c) => obj(c)?.type === 'Initialized' && obj(c)?.status === 'True')) {
    restarts = sidecarRestarts;
    lastRestartAt = lastSidecarRestartAt;
    let running = false;
    const statuses = arr(at(p, 'status', 'containerStatuses'));
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = obj(statuses[i]);
      restarts += Number(c?.restartCount) || 0;
      lastRestartAt = later(lastRestartAt, lastFinished(c));
      const waiting = str(at(c, 'state', 'waiting', 'reason'));
      const term = obj(at(c, 'state', 'terminated'));
      if (waiting) status = waiting;
      else if (term) status = terminatedReason(term);
      else if (c?.ready === true && obj(at(c, 'state', 'running')) !== undefined) {
        running = true;
        ready++;
      }
    }
    if (status === 'Completed' && running) status = conditions.some((c) => obj(c)?.type === 'Ready' && obj(c)?.status === 'True') ? 'Running' : 'NotReady';
  }
  if (isTerminating(p)) {
    const ph = phase(p);
    if (str(at(p, 'status', 'reason')) === 'NodeLost') status = 'Unknown';
    else if (ph !== 'Succeeded' && ph !== 'Failed') status = 'Terminating';
  }
  return { ready, total, status, restarts, lastRestartAt };
}

/** A terminated container's word in kubectl's STATUS: its reason, else `Signal:N` or `ExitCode:N`. */
function terminatedReason(t: Record<string, unknown>): string {
  const reason = str(t.reason);
  if (reason) return reason;
  return typeof t.signal === 'number' && t.signal !== 0 ? `Signal:${t.signal}` : `ExitCode:${Number(t.exitCode) || 0}`;
}

function podMessage(p: Stored): string {
  const msg = str(at(p, 'status', 'message'));
  if (msg) return msg;
  const cond = arr(at(p, 'status', 'conditions')).map(obj).find((c) => c?.type === 'PodScheduled' && c.status === 'False');
  return str(cond?.message) ?? '';
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

/** The workloads a learner applies (ReplicaSets owned by a Deployment left out), sorted per kind. */
export function workloads(e: SnapshotSource): WorkloadView[] {
  const out: WorkloadView[] = [];
  const failed = failedCreates(e);
  for (const kind of WORKLOAD_KINDS) {
    for (const o of sorted([...e.store.list(kind)])) {
      if (kind === 'ReplicaSet' && controllerOf(o)) continue;
      const finished = kind === 'Job' ? jobFinished(o) : undefined;
      const failedCreate = failed.size > 0 ? failedCreateOf(e, o, failed) : undefined;
      out.push({ kind, namespace: o.metadata.namespace ?? 'default', name: o.metadata.name ?? '', ...counts(e, o), ...(finished ? { finished } : {}), ...(failedCreate ? { failedCreate } : {}) });
    }
  }
  return out;
}

const refKey = (o: ObjectRef): string => objectKey(o.kind, o.namespace ?? 'default', o.name);

/** Per object (`Kind/namespace/name`), the message of its latest FailedCreate event that no SuccessfulCreate followed. */
function failedCreates(e: SnapshotSource): Map<string, string> {
  if (e.failedCreates) return e.failedCreates();
  const out = new Map<string, string>();
  for (const ev of e.events()) {
    if (!ev.object || (ev.reason !== 'FailedCreate' && ev.reason !== 'SuccessfulCreate')) continue;
    if (ev.reason === 'FailedCreate') out.set(refKey(ev.object), ev.message);
    else out.delete(refKey(ev.object));
  }
  return out;
}

/** The FailedCreate a workload's controller is stuck on: its own, or (a Deployment) its newest ReplicaSet's. */
function failedCreateOf(e: SnapshotSource, o: Stored, failed: ReadonlyMap<string, string>): string | undefined {
  const ns = o.metadata.namespace ?? 'default';
  if (o.kind !== 'Deployment') return failed.get(objectKey(o.kind, ns, o.metadata.name ?? ''));
  let newest: Stored | undefined;
  for (const rs of e.store.children(str(o.metadata.uid) ?? '')) {
    if (rs.kind === 'ReplicaSet' && (!newest || String(rs.metadata.creationTimestamp) >= String(newest.metadata.creationTimestamp))) newest = rs;
  }
  return newest ? failed.get(objectKey('ReplicaSet', ns, newest.metadata.name ?? '')) : undefined;
}

/** A Job's terminal condition as kubectl's STATUS column words it (`Complete`, `Failed`), with the reason of a failure. */
function jobFinished(job: Stored): string | undefined {
  const c = terminalCondition(job);
  return !c ? undefined : c.type === 'Complete' ? 'Complete' : `Failed (${c.reason ?? 'unknown'})`;
}

function counts(e: SnapshotSource, o: Stored): { desired: number; ready: number } {
  const cap = e.maxReplicas;
  if (e.topology.mode === 'docker') {
    const pods = e.store.children(str(o.metadata.uid) ?? '').filter((p) => p.kind === 'Pod');
    const desired = o.kind === 'DaemonSet' || o.kind === 'Job' ? 1 : Math.min(num(at(o, 'spec', 'replicas')) ?? 1, cap);
    return { desired, ready: pods.filter((p) => isReady(p) && e.cluster.running(nodeName(p) ?? '', 'dockerd')).length };
  }
  if (o.kind === 'DaemonSet') return { desired: num(at(o, 'status', 'desiredNumberScheduled')) ?? 0, ready: num(at(o, 'status', 'numberReady')) ?? 0 };
  if (o.kind === 'Job') return { desired: num(at(o, 'spec', 'completions')) ?? 1, ready: num(at(o, 'status', 'succeeded')) ?? 0 };
  return { desired: Math.min(num(at(o, 'spec', 'replicas')) ?? 1, cap), ready: num(at(o, 'status', 'readyReplicas')) ?? 0 };
}

/** The Services with their endpoints; the EndpointSlices are grouped by Service once (not scanned per Service). */
function servicesView(e: SnapshotSource): ServiceView[] {
  const slices = new Map<string, Stored[]>();
  for (const slice of e.store.list('EndpointSlice')) {
    const k = `${slice.metadata.namespace ?? ''}/${slice.metadata.labels?.['kubernetes.io/service-name'] ?? ''}`;
    const list = slices.get(k);
    if (list) list.push(slice);
    else slices.set(k, [slice]);
  }
  return sorted([...e.store.list('Service')]).map((s) => serviceRow(s, slices.get(`${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}`) ?? []));
}

/** Service rows by Service, with the EndpointSlices they were built from (a row reads only those objects). */
const serviceRows = new WeakMap<Stored, { readonly slices: readonly Stored[]; readonly row: ServiceView }>();

function serviceRow(s: Stored, slices: readonly Stored[]): ServiceView {
  const hit = serviceRows.get(s);
  if (hit && hit.slices.length === slices.length && hit.slices.every((x, i) => x === slices[i])) return hit.row;
  const row = serviceView(s, slices);
  serviceRows.set(s, { slices, row });
  return row;
}

function serviceView(s: Stored, slices: readonly Stored[]): ServiceView {
  const ports = arr(at(s, 'spec', 'ports')).map(obj);
  const nodePort = num(ports.find((p) => p?.nodePort !== undefined)?.nodePort) ?? null;
  const endpoints: string[] = [];
  let notReady = 0;
  for (const slice of slices) {
    const sp = arr(slice.ports).map((p) => num(obj(p)?.port)).filter((p): p is number => p !== undefined);
    for (const ep of arr(slice.endpoints)) {
      // What kube-proxy routes to: the ready endpoints; the others are only counted.
      if (obj(obj(ep)?.conditions)?.ready === false) { notReady++; continue; }
      for (const ip of arr(obj(ep)?.addresses)) for (const port of sp) endpoints.push(`${str(ip)}:${port}`);
    }
  }
  return {
    namespace: s.metadata.namespace ?? 'default', name: s.metadata.name ?? '', type: str(at(s, 'spec', 'type')) ?? 'ClusterIP',
    clusterIP: str(at(s, 'spec', 'clusterIP')) ?? null, nodePort, endpoints: [...new Set(endpoints)].sort(compareEndpoint),
    ...(notReady > 0 ? { notReady } : {}),
    ...(str(at(s, 'spec', 'type')) === 'ExternalName' ? { externalName: str(at(s, 'spec', 'externalName')) ?? '' } : {}),
  };
}

function compareEndpoint(a: string, b: string): number {
  const na = a.split(/[.:]/).map(Number);
  const nb = b.split(/[.:]/).map(Number);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) if ((na[i] ?? 0) !== (nb[i] ?? 0)) return (na[i] ?? 0) - (nb[i] ?? 0);
  return 0;
}

function eventView(ev: SimEvent): SimEvent {
  const base = { seq: ev.seq, time: ev.time, type: ev.type, component: ev.component, reason: ev.reason, object: ev.object, message: ev.message, path: ev.path };
  return ev.node ? { ...base, node: ev.node } : base;
}

/** Objects sorted by namespace, then name. */
export function sorted(list: Stored[]): Stored[] {
  return list.sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''));
}

/** Code-unit string order (locale-independent, so output is the same everywhere). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Simulated seconds of an RFC 3339 timestamp written by the engine. */
export function simSeconds(ts: unknown): number {
  const ms = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return Number.isFinite(ms) ? (ms - SIM_EPOCH_MS) / 1000 : 0;
}
