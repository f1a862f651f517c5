import { displayText } from '../core/display';
import type { ClusterSnapshot } from '../core/sim';
import { restartsCell, type StreamedSnapshot } from '../core/sim/snapshot';
import { BufferedWriter } from './jsonOut';
import { isSimulationRow } from '../core/sim/eventKinds';
import { correlate } from '../core/sim/eventSeries';
import { age } from '../core/sim/humanDuration';
import { KUBELET_VERSION } from '../core/sim/nodes';

export { age, isSimulationRow };

/** What every section but the pods reads of a snapshot (the pods may be a streamed sequence). */
type SnapshotParts = Omit<ClusterSnapshot, 'pods'>;

/** What the text output needs beyond the snapshot: each Service's kubectl PORT(S) column, by "namespace/name". */
export interface TextExtras {
  readonly servicePorts?: ReadonlyMap<string, string>;
  /** kubectl's (or docker's) error when no API server (or dockerd) answers: the output says so first. */
  readonly apiError?: string | null;
  /** Every ReplicaSet (`kubectl get rs -A`), when given; owned ones are not in the snapshot's workloads. */
  readonly replicaSets?: readonly ReplicaSetRow[];
  /** Every HorizontalPodAutoscaler (`kubectl get hpa -A`), when given. */
  readonly autoscalers?: readonly AutoscalerRow[];
  /**
   * `kubectl get deploy,sts,ds,job,cronjob -A` when given: per kind (in that order) kubectl's columns, NAME first, and
   * each row's namespace. The workloads table of the snapshot (READY only) is printed instead when not given.
   */
  readonly kindTables?: readonly KindTable[];
  /** The docker-server host's containers (`docker ps -a`); given, the output speaks Docker instead of kubectl. */
  readonly containers?: readonly ContainerRow[] | null;
  /** Why the run did not settle, printed as the last line. */
  readonly unsettled?: string | null;
}

/** One kind's `kubectl get KIND -A` table: kube-apiserver's printer columns (kubeapi/tables.ts). */
export interface KindTable {
  readonly kind: string;
  readonly headers: readonly string[];
  readonly rows: readonly { readonly namespace: string; readonly cells: readonly string[] }[];
}

/** One `kubectl get rs` row. */
export interface ReplicaSetRow {
  readonly namespace: string;
  readonly name: string;
  readonly desired: number;
  readonly current: number;
  readonly ready: number;
  readonly createdAt: number;
}

/** One `kubectl get hpa` row: TARGETS as kubectl prints them (`cpu: <unknown>/50%`). */
export interface AutoscalerRow {
  readonly namespace: string;
  readonly name: string;
  readonly reference: string;
  readonly targets: string;
  readonly min: number;
  readonly max: number;
  readonly replicas: number;
  readonly createdAt: number;
}

/** One `docker ps -a` row. */
export interface ContainerRow {
  readonly id: string;
  readonly image: string;
  /** The command and args as given ('' = the image's own entrypoint). */
  readonly command: string;
  readonly createdAt: number;
  readonly running: boolean;
  readonly exited: boolean;
  readonly exitCode: number;
  readonly ports: string;
  readonly name: string;
}

/**
 * `kubectl get nodes,pods -o wide`, the workloads, `kubectl get svc -A`, the endpoints, the claims and volumes and `kubectl get events`
 * from a snapshot; rows that are not Kubernetes Events (kubectl's own output, injected faults, the simulator's
 * notes) follow in a separate SIMULATION section. A banner comes first when etcd has lost quorum.
 * Written in chunks through `write` (a buffered writer): at 150,000 pods the output is 21 MB, never one string,
 * and the pods are read from a streamed snapshot (rows built as they are read, snapshot.ts streamSnapshotOf).
 */
export function writeText(s: StreamedSnapshot, extras: TextExtras, write: (text: string) => void): void {
  const out = new BufferedWriter(write);
  const sections: ((add: (text: string) => void) => void)[] = extras.containers
    ? [text(dockerHost(s)), text(containersTable(s, extras.containers)), text(dockerEventsTable(s))]
    : [text(quorumBanner(s)), text(nodesTable(s)), (add) => podsTable(s, add), text(workloadsTable(s, extras)), text(replicaSetsTable(s, extras)), text(kindTablesOf(extras, BATCH)), text(autoscalersTable(s, extras)), text(servicesTable(s, extras)), text(endpointsTable(s)), text(kindTablesOf(extras, STORAGE)), text(eventsTable(s)), text(simulationTable(s))];
  // Nothing was read through an API that did not answer: its refusal comes first, the rest is the simulator's view.
  if (extras.apiError) out.add(`${extras.apiError}\n\nSIMULATION (${extras.containers ? 'docker' : 'kubectl'} could not read any of this: the state the simulator holds)\n`);
  // Sections are separated by a blank line; an empty section takes no line.
  let sectionsWritten = 0;
  for (const section of sections) {
    let started = false;
    section((t) => {
      if (t === '') return;
      if (!started && sectionsWritten++ > 0) out.add('\n');
      started = true;
      out.add(t);
    });
  }
  if (extras.unsettled) out.add(`\n${displayText(extras.unsettled)}\n`);
  out.flush();
}

/** {@link writeText} into one string (tests and small clusters). */
export function formatText(s: StreamedSnapshot, extras: TextExtras = {}): string {
  const parts: string[] = [];
  writeText(s, extras, (t) => parts.push(t));
  return parts.join('');
}

/** A section already formatted. */
function text(t: string): (add: (text: string) => void) => void {
  return (add) => add(t);
}

/** The Docker host as `docker info` would name it: no nodes, no roles, no Kubernetes version. */
function dockerHost(s: SnapshotParts): string {
  const host = s.cluster.nodes[0];
  if (!host) return '';
  const running = host.components.filter((c) => c.running).map((c) => c.name).join(', ') || 'nothing';
  return `Docker host ${host.name} (${host.ip}): ${host.ready ? 'up' : 'down'}, running ${running}\n`;
}

/** What happened on the Docker host: the docker CLI's commands and the simulator's faults, in Docker's words (no object kinds). */
function dockerEventsTable(s: SnapshotParts): string {
  const rows = s.events.map((e) => [age(s.time - e.time), e.component, e.reason, e.message]);
  return rows.length ? 'SIMULATION (what happened on the host)\n' + table(['AGO', 'SOURCE', 'WHAT', 'MESSAGE'], rows) : '';
}

/** `docker ps -a`: its columns, COMMAND quoted and cut at 20 characters, CREATED and STATUS as go-units HumanDuration. */
function containersTable(s: SnapshotParts, rows: readonly ContainerRow[]): string {
  if (rows.length === 0) return 'CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES\n';
  return table(['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], rows.map((c) => [
    c.id, c.image, `"${c.command.length > 20 ? c.command.slice(0, 19) + '…' : c.command}"`, `${humanDuration(s.time - c.createdAt)} ago`,
    c.running ? `Up ${humanDuration(s.time - c.createdAt)}` : c.exited ? `Exited (${c.exitCode})` : 'Created', c.ports, c.name,
  ]));
}

/** github.com/docker/go-units HumanDuration, as `docker ps` prints ages. */
export function humanDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(m / 60);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  return `${Math.floor(h / 24 / 7)} weeks`;
}

/** Left-aligned columns separated by three spaces, as kubectl's printers do. */
export function table(header: string[], rows: string[][]): string {
  const parts: string[] = [];
  writeTable(header, rows, (t) => parts.push(t));
  return parts.join('');
}

/** {@link table}, line by line through `add`. */
function writeTable(header: string[], rows: string[][], add: (text: string) => void): void {
  // Cells can hold text from manifests: one line each, control characters escaped, long values cut.
  for (const r of rows) for (let i = 0; i < r.length; i++) r[i] = displayText(r[i]);
  // A loop, not Math.max(...column): a spread of 150,000 rows overflows the call stack.
  const widths = header.map((h) => h.length);
  for (const r of rows) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], (r[i] ?? '').length);
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd();
  add(line(header) + '\n');
  for (const r of rows) add(line(r) + '\n');
}


/** With etcd below quorum every API request times out: say so before the last stored state. */
function quorumBanner(s: SnapshotParts): string {
  const e = s.cluster.etcd;
  if (s.cluster.mode === 'docker' || e.hasQuorum) return '';
  return `etcd ${e.healthy}/${e.members} members healthy, no quorum: the API server cannot serve reads or writes (etcdserver: request timed out); showing the last stored state\n`;
}

function nodesTable(s: SnapshotParts): string {
  const rows = s.cluster.nodes.map((n) => [
    `node/${n.name}`, n.ready ? 'Ready' : 'NotReady', n.roles.length ? n.roles.join(',') : '<none>', age(s.time),
    s.cluster.mode === 'docker' ? '<none>' : KUBELET_VERSION, n.ip, n.components.filter((c) => c.running).map((c) => c.name).join(',') || '<none>',
  ]);
  return table(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'RUNNING'], rows);
}

/** The pods, read one at a time from the snapshot: only their cells are kept (the widths need every row). */
function podsTable(s: StreamedSnapshot, add: (text: string) => void): void {
  if (s.pods.length === 0) return add('No pods found.\n');
  const rows: string[][] = [];
  for (const p of s.pods) {
    rows.push([p.namespace, `pod/${p.name}`, p.containersReady, p.reason, restartsCell(p.restarts, p.lastRestartAt, s.time), age(s.time - p.createdAt), p.ip ?? '<none>', p.node ?? '<none>', p.nominatedNode ?? '<none>', p.readinessGates ?? '<none>']);
  }
  writeTable(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'], rows, add);
}

/** API groups of the kinds printed, for kubectl's `kind.group/name` (the core group: `kind/name`). */
const GROUPS: Readonly<Record<string, string>> = {
  Deployment: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ReplicaSet: 'apps', Job: 'batch', CronJob: 'batch', PersistentVolumeClaim: '', PersistentVolume: '',
};

/** The kinds printed after the ReplicaSets (`kubectl get job,cronjob -A`); the others come before them. */
const BATCH = new Set(['Job', 'CronJob']);
/** The kinds printed after the endpoints (`kubectl get pvc -A`, `kubectl get pv`): a StatefulSet's claims, their volumes. */
const STORAGE = new Set(['PersistentVolumeClaim', 'PersistentVolume']);
/** Kinds without a namespace: kubectl prints no NAMESPACE column for them. */
const CLUSTER_SCOPED = new Set(['PersistentVolume']);

/**
 * `kubectl get deploy,sts,ds -A`, each kind in its own columns (extras.kindTables); without them, one table of the
 * snapshot's workloads with READY only (ready/desired; for a Job, succeeded/completions).
 */
function workloadsTable(s: SnapshotParts, extras: TextExtras): string {
  if (extras.kindTables) return kindTablesOf(extras, new Set(extras.kindTables.map((t) => t.kind).filter((k) => !BATCH.has(k) && !STORAGE.has(k))));
  // With the ReplicaSets listed on their own, they are not repeated here.
  const list = extras.replicaSets ? s.workloads.filter((w) => w.kind !== 'ReplicaSet') : s.workloads;
  if (list.length === 0) return '';
  const rows = list.map((w) => [w.namespace, `${w.kind.toLowerCase()}.${GROUPS[w.kind] ?? 'apps'}/${w.name}`, `${w.ready}/${w.desired}`]);
  return table(['NAMESPACE', 'NAME', 'READY'], rows);
}

/** The kind tables of `kinds` that have rows, separated by a blank line as kubectl separates kinds. */
function kindTablesOf(extras: TextExtras, kinds: ReadonlySet<string>): string {
  const out = (extras.kindTables ?? []).filter((t) => kinds.has(t.kind) && t.rows.length > 0).map((t) => {
    const group = GROUPS[t.kind] ?? 'apps';
    const prefix = group ? `${t.kind.toLowerCase()}.${group}` : t.kind.toLowerCase();
    const cluster = CLUSTER_SCOPED.has(t.kind);
    return table(cluster ? [...t.headers] : ['NAMESPACE', ...t.headers],
      t.rows.map((r) => [...(cluster ? [] : [r.namespace]), `${prefix}/${r.cells[0]}`, ...r.cells.slice(1)]));
  });
  return out.join('\n');
}

/** `kubectl get rs -A`: DESIRED, CURRENT, READY; a Deployment's old ReplicaSets stay, scaled to 0, after a rollout. */
function replicaSetsTable(s: SnapshotParts, extras: TextExtras): string {
  const rows = extras.replicaSets ?? [];
  if (rows.length === 0) return '';
  return table(['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    rows.map((r) => [r.namespace, `replicaset.apps/${r.name}`, String(r.desired), String(r.current), String(r.ready), age(s.time - r.createdAt)]));
}

/** `kubectl get hpa -A`: REFERENCE, TARGETS, MINPODS, MAXPODS, REPLICAS. */
function autoscalersTable(s: SnapshotParts, extras: TextExtras): string {
  const rows = extras.autoscalers ?? [];
  if (rows.length === 0) return '';
  return table(['NAMESPACE', 'NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
    rows.map((r) => [r.namespace, `horizontalpodautoscaler.autoscaling/${r.name}`, r.reference, r.targets, String(r.min), String(r.max), String(r.replicas), age(s.time - r.createdAt)]));
}

/** `kubectl get svc -A` (its columns; PORT(S) as `80:31234/TCP`). Every Service was created with the cluster or at time 0's apply or later. */
function servicesTable(s: SnapshotParts, extras: TextExtras): string {
  if (s.services.length === 0) return '';
  const rows = s.services.map((v) => [
    v.namespace, `service/${v.name}`, v.type, v.clusterIP ?? '<none>', v.externalName ?? (v.type === 'LoadBalancer' ? '<pending>' : '<none>'),
    extras.servicePorts?.get(`${v.namespace}/${v.name}`) || (v.nodePort ? `${v.nodePort}/TCP` : '<none>'), age(s.time),
  ]);
  return table(['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], rows);
}

/** The endpoints behind each Service (`kubectl get endpoints -A`, from the EndpointSlices). */
function endpointsTable(s: SnapshotParts): string {
  const rows = s.services.filter((v) => v.clusterIP !== null || v.endpoints.length > 0).map((v) => [v.namespace, `endpoints/${v.name}`, v.endpoints.join(',') || '<none>']);
  return rows.length ? table(['NAMESPACE', 'NAME', 'ENDPOINTS'], rows) : '';
}

/**
 * Events are objects written through the API: while etcd had no quorum none could be stored. The quorum
 * history is replayed from the fault rows (hosts down or up, etcd stopped or started) over the etcd members.
 */
export function unstoredEvents(s: SnapshotParts): Set<number> {
  const members = new Set(s.cluster.nodes.filter((n) => n.components.some((c) => c.name === 'etcd')).map((n) => n.name));
  const out = new Set<number>();
  if (s.cluster.mode === 'docker' || members.size === 0) return out;
  const down = new Set<string>();
  const quorum = Math.floor(members.size / 2) + 1;
  for (const e of s.events) {
    const node = e.object?.name ?? '';
    if (e.component === 'simulator' && members.has(node) && (e.reason === 'NodeDown' || (e.reason === 'ComponentStopped' && e.message.startsWith('etcd ')))) down.add(`${node}/${e.reason === 'NodeDown' ? 'host' : 'etcd'}`);
    if (e.component === 'simulator' && (e.reason === 'NodeUp' || (e.reason === 'ComponentStarted' && e.message.startsWith('etcd ')))) down.delete(`${node}/${e.reason === 'NodeUp' ? 'host' : 'etcd'}`);
    const healthy = [...members].filter((m) => !down.has(`${m}/host`) && !down.has(`${m}/etcd`)).length;
    if (healthy < quorum && !isSimulationRow(e)) out.add(e.seq);
  }
  return out;
}

/** `kubectl get events`: one row per Event object, a repeat folded into its first (eventSeries.ts), LAST SEEN its latest. */
function eventsTable(s: SnapshotParts): string {
  const lost = unstoredEvents(s);
  const rows = correlate(s.events.filter((e) => !isSimulationRow(e) && !lost.has(e.seq))).map(({ last: e }) => [
    age(s.time - e.time), e.type, e.reason, e.object ? `${e.object.kind.toLowerCase()}/${e.object.name}` : '<none>', e.message,
  ]);
  return rows.length ? table(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], rows) : 'No events found.\n';
}

/** The SIMULATION section: not Kubernetes Events, kept because they teach (and events that could not be stored). */
function simulationTable(s: SnapshotParts): string {
  const lost = unstoredEvents(s);
  const rows = s.events.filter((e) => isSimulationRow(e) || lost.has(e.seq)).map((e) => [
    age(s.time - e.time), e.component, e.reason, e.object ? `${e.object.kind.toLowerCase()}/${e.object.name}` : '<none>',
    lost.has(e.seq) ? `${e.message} (not stored: etcd had no quorum)` : e.message,
  ]);
  return rows.length ? 'SIMULATION (not Kubernetes Events)\n' + table(['AGO', 'SOURCE', 'WHAT', 'OBJECT', 'MESSAGE'], rows) : '';
}
