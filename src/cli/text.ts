import type { ClusterSnapshot } from '../core/sim';
import { KUBELET_VERSION } from '../core/sim/nodes';

/** `kubectl get nodes,pods -o wide`, the workloads and services, and `kubectl get events`, from a snapshot. */
export function formatText(s: ClusterSnapshot): string {
  const parts = [nodesTable(s), podsTable(s), workloadsTable(s), servicesTable(s), eventsTable(s)].filter((t) => t !== '');
  return parts.join('\n');
}

/** Left-aligned columns separated by three spaces, as kubectl's printers do. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** kubectl's short durations (apimachinery duration.HumanDuration, simplified). */
export function age(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? (m % 60 ? `${h}h${m % 60}m` : `${h}h`) : `${Math.floor(h / 24)}d`;
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
    p.namespace, `pod/${p.name}`, p.containersReady, p.reason, '0', age(s.time - p.createdAt), p.ip ?? '<none>', p.node ?? '<none>', '<none>', '<none>',
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

function servicesTable(s: ClusterSnapshot): string {
  if (s.services.length === 0) return '';
  const rows = s.services.map((v) => [v.namespace, `service/${v.name}`, v.type, v.clusterIP ?? '<none>', v.type === 'LoadBalancer' ? '<pending>' : '<none>', v.nodePort ? String(v.nodePort) : '<none>', v.endpoints.join(',') || '<none>']);
  return table(['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'NODE-PORT', 'ENDPOINTS'], rows);
}

function eventsTable(s: ClusterSnapshot): string {
  const rows = s.events.map((e) => [
    age(s.time - e.time), e.type, e.reason, e.object ? `${e.object.kind.toLowerCase()}/${e.object.name}` : '<none>', e.message,
  ]);
  return rows.length ? table(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], rows) : 'No events found.\n';
}
