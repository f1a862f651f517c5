import type { ClusterSnapshot, SimEvent } from '../core/sim';
import { KUBELET_VERSION } from '../core/sim/nodes';

/** What the text output needs beyond the snapshot: each Service's kubectl PORT(S) column, by "namespace/name". */
export interface TextExtras {
  readonly servicePorts?: ReadonlyMap<string, string>;
}

/**
 * `kubectl get nodes,pods -o wide`, the workloads, `kubectl get svc -A`, the endpoints and `kubectl get events`
 * from a snapshot; rows that are not Kubernetes Events (kubectl's own output, injected faults, the simulator's
 * notes) follow in a separate SIMULATION section. A banner comes first when etcd has lost quorum.
 */
export function formatText(s: ClusterSnapshot, extras: TextExtras = {}): string {
  const parts = [quorumBanner(s), nodesTable(s), podsTable(s), workloadsTable(s), servicesTable(s, extras), endpointsTable(s), eventsTable(s), simulationTable(s)].filter((t) => t !== '');
  return parts.join('\n');
}

/** Left-aligned columns separated by three spaces, as kubectl's printers do. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** kubectl's AGE: k8s.io/apimachinery/pkg/util/duration HumanDuration. */
export function age(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  if (h < 24 * 8) return h % 24 ? `${Math.floor(h / 24)}d${h % 24}h` : `${Math.floor(h / 24)}d`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24)}d`;
  const dy = Math.floor(h / 24) % 365;
  if (h < 24 * 365 * 8) return dy ? `${Math.floor(h / 24 / 365)}y${dy}d` : `${Math.floor(h / 24 / 365)}y`;
  return `${Math.floor(h / 24 / 365)}y`;
}

/** With etcd below quorum every API request times out: say so before the last stored state. */
function quorumBanner(s: ClusterSnapshot): string {
  const e = s.cluster.etcd;
  if (s.cluster.mode === 'docker' || e.hasQuorum) return '';
  return `etcd ${e.healthy}/${e.members} members healthy, no quorum: the API server cannot serve reads or writes (etcdserver: request timed out); showing the last stored state\n`;
}

function nodesTable(s: ClusterSnapshot): string {
  const rows = s.cluster.nodes.map((n) => [
    `node/${n.name}`, n.ready ? 'Ready' : 'NotReady', n.roles.length ? n.roles.join(',') : '<none>', age(s.time),
    s.cluster.mode === 'docker' ? '<none>' : KUBELET_VERSION, n.ip, n.components.filter((c) => c.running).map((c) => c.name).join(',') || '<none>',
  ]);
  return table(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'RUNNING'], rows);
}

function podsTable(s: ClusterSnapshot): string {
  if (s.pods.length === 0) return 'No pods found.\n';
  const rows = s.pods.map((p) => [
    p.namespace, `pod/${p.name}`, p.containersReady, p.reason, String(p.restarts), age(s.time - p.createdAt), p.ip ?? '<none>', p.node ?? '<none>', '<none>', '<none>',
  ]);
  return table(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'], rows);
}

/** API groups of the workload kinds, for kubectl's `kind.group/name`. */
const GROUPS: Readonly<Record<string, string>> = { Deployment: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ReplicaSet: 'apps', Job: 'batch' };

/** `kubectl get deploy,sts,ds,rs,job`: READY is ready/desired (for a Job, succeeded/completions, kubectl's COMPLETIONS). */
function workloadsTable(s: ClusterSnapshot): string {
  if (s.workloads.length === 0) return '';
  const rows = s.workloads.map((w) => [w.namespace, `${w.kind.toLowerCase()}.${GROUPS[w.kind] ?? 'apps'}/${w.name}`, `${w.ready}/${w.desired}`]);
  return table(['NAMESPACE', 'NAME', 'READY'], rows);
}

/** `kubectl get svc -A` (its columns; PORT(S) as `80:31234/TCP`). Every Service was created with the cluster or at time 0's apply or later. */
function servicesTable(s: ClusterSnapshot, extras: TextExtras): string {
  if (s.services.length === 0) return '';
  const rows = s.services.map((v) => [
    v.namespace, `service/${v.name}`, v.type, v.clusterIP ?? '<none>', v.externalName ?? (v.type === 'LoadBalancer' ? '<pending>' : '<none>'),
    extras.servicePorts?.get(`${v.namespace}/${v.name}`) || (v.nodePort ? `${v.nodePort}/TCP` : '<none>'), age(s.time),
  ]);
  return table(['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], rows);
}

/** The endpoints behind each Service (`kubectl get endpoints -A`, from the EndpointSlices). */
function endpointsTable(s: ClusterSnapshot): string {
  const rows = s.services.filter((v) => v.clusterIP !== null || v.endpoints.length > 0).map((v) => [v.namespace, `endpoints/${v.name}`, v.endpoints.join(',') || '<none>']);
  return rows.length ? table(['NAMESPACE', 'NAME', 'ENDPOINTS'], rows) : '';
}

/** Rows of the event log that no `kubectl get events` would list: kubectl's output, injected faults, the simulator's notes. */
const SIM_COMPONENTS = new Set(['kubectl', 'simulator', 'docker CLI', 'pod-garbage-collector']);
const SIM_REASONS = new Set(['NotSimulated', 'PartialScoring', 'PodGCOrphaned']);

/** Whether a row is the simulator's own (not an Event object a cluster would store). */
export function isSimulationRow(e: SimEvent): boolean {
  return SIM_COMPONENTS.has(e.component) || SIM_REASONS.has(e.reason) || (e.reason === 'LeaderElection' && / expired \(/.test(e.message));
}

/**
 * Events are objects written through the API: while etcd had no quorum none could be stored. The quorum
 * history is replayed from the fault rows (hosts down or up, etcd stopped or started) over the etcd members.
 */
export function unstoredEvents(s: ClusterSnapshot): Set<number> {
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

function eventsTable(s: ClusterSnapshot): string {
  const lost = unstoredEvents(s);
  const rows = s.events.filter((e) => !isSimulationRow(e) && !lost.has(e.seq)).map((e) => [
    age(s.time - e.time), e.type, e.reason, e.object ? `${e.object.kind.toLowerCase()}/${e.object.name}` : '<none>', e.message,
  ]);
  return rows.length ? table(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], rows) : 'No events found.\n';
}

/** The SIMULATION section: not Kubernetes Events, kept because they teach (and events that could not be stored). */
function simulationTable(s: ClusterSnapshot): string {
  const lost = unstoredEvents(s);
  const rows = s.events.filter((e) => isSimulationRow(e) || lost.has(e.seq)).map((e) => [
    age(s.time - e.time), e.component, e.reason, e.object ? `${e.object.kind.toLowerCase()}/${e.object.name}` : '<none>',
    lost.has(e.seq) ? `${e.message} (not stored: etcd had no quorum)` : e.message,
  ]);
  return rows.length ? 'SIMULATION (not Kubernetes Events)\n' + table(['AGO', 'SOURCE', 'WHAT', 'OBJECT', 'MESSAGE'], rows) : '';
}
