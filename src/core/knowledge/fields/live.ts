/**
 * The third part of a field hover: what the field does in the simulated cluster right now.
 * Plain-text lines (the renderer escapes them: they carry names from manifests).
 */
import type { EditorLive, ObjectLive } from '../../view/facts';
import { objectKey } from '../../sim/objectKey';

/** The object a hovered field belongs to. */
export interface LiveTarget {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The field's teaching key (`pod:containers[].image`, `Deployment:spec.replicas`…). */
  readonly key: string;
  /** The scalar value under the cursor or at the field, as written. */
  readonly value?: string;
}

const MAX_NODES = 5;

/** One line: `3 desired · 2 Running on worker-1, worker-2 · 1 Pending: 0/3 nodes are available: …`. */
export function objectSummary(o: ObjectLive): string {
  const parts: string[] = [];
  if (o.desired !== null) parts.push(`${o.desired} desired`);
  const nodes = [...new Set(runningNodes(o))].sort();
  parts.push(o.running === 0 ? '0 Running' : `${o.running} Running on ${listNodes(nodes)}`);
  if (o.pending > 0) {
    const msg = o.pods.find((p) => p.message)?.message;
    parts.push(`${o.pending} Pending${msg ? `: ${msg}` : ''}`);
  }
  const other = o.pods.filter((p) => p.status !== 'Running' && p.status !== 'Pending');
  const byStatus = new Map<string, number>();
  for (const p of other) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
  for (const [status, n] of byStatus) parts.push(`${n} ${status}`);
  if (o.restarts > 0) parts.push(restartsText(o.restarts));
  return parts.join(' · ');
}

/** kubectl's RESTARTS, summed over the object's pods: `1 restart`, `4 restarts`. */
function restartsText(n: number): string {
  return `${n} restart${n === 1 ? '' : 's'}`;
}

/** The nodes its pods run on: phase Running (CrashLoopBackOff and NotReady included), not terminating. */
function runningNodes(o: ObjectLive): string[] {
  return o.pods.filter((p) => p.phase === 'Running' && p.status !== 'Terminating' && p.node).map((p) => p.node as string);
}

function listNodes(nodes: readonly string[]): string {
  return nodes.length > MAX_NODES ? `${nodes.slice(0, MAX_NODES).join(', ')} and ${nodes.length - MAX_NODES} more` : nodes.join(', ');
}

/** Millicores as kubectl prints them: `250m`, `2`. */
export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes in Mi/Gi. */
export function formatMemory(bytes: number): string {
  const gi = bytes / 2 ** 30;
  return gi >= 1 && Number.isInteger(Math.round(gi * 10) / 10) ? `${Math.round(gi * 10) / 10}Gi` : `${Math.round(bytes / 2 ** 20)}Mi`;
}

const pct = (a: number, b: number): string => (b > 0 ? `${Math.round((100 * a) / b)}%` : '–');

function usageLines(live: EditorLive, resource: 'cpu' | 'memory'): string[] {
  const fmt = resource === 'cpu' ? formatCpu : formatMemory;
  return live.nodes.slice(0, 8).map((n) =>
    `${n.name}: ${fmt(n.requested[resource])} of ${fmt(n.allocatable[resource])} allocatable ${resource} requested (${pct(n.requested[resource], n.allocatable[resource])}), ${n.requested.pods} pod(s)`);
}

function verdictLines(o: ObjectLive | undefined): string[] {
  if (!o?.verdicts) return [];
  return Object.entries(o.verdicts).slice(0, 8).map(([node, verdict]) => `${node}: ${verdict}`);
}

/** The live lines for a field of an object, most specific first. */
export function fieldLiveLines(t: LiveTarget, live: EditorLive | undefined): string[] {
  if (!live) return [];
  const namespace = t.kind === 'Node' ? undefined : t.namespace;
  const o = live.objects[objectKey(t.kind, namespace, t.name)];
  const lines: string[] = [];
  const field = t.key.slice(t.key.indexOf(':') + 1);
  if (t.kind === 'Service') {
    const svc = live.services[objectKey('Service', namespace, t.name)];
    if (svc) {
      lines.push(`${svc.type}${svc.clusterIP ? ` ${svc.clusterIP}` : ''}${svc.nodePort !== null ? ` · NodePort ${svc.nodePort} open on every node` : ''} · ${svc.endpoints} endpoint(s)`);
      if (svc.endpoints === 0 && field.startsWith('spec.selector')) lines.push('no Ready pod matches this selector');
    } else lines.push('not applied to the simulated cluster (see the Problems panel)');
    return lines;
  }
  if (t.kind === 'Node') {
    const n = live.nodes.find((x) => x.name === t.name);
    return n ? [`${formatCpu(n.requested.cpu)} of ${formatCpu(n.allocatable.cpu)} cpu, ${formatMemory(n.requested.memory)} of ${formatMemory(n.allocatable.memory)} memory requested, ${n.requested.pods} of ${n.allocatable.pods} pods`] : [];
  }
  if (o) lines.push(objectSummary(o));
  else if (o === undefined && /^(pod|podmeta):/.test(t.key)) lines.push('no pods yet');
  if (/^pod:(initContainers|containers)\[\]\.resources\.(requests|limits)\.cpu$/.test(t.key) || /resources\.requests$/.test(t.key)) lines.push(...usageLines(live, 'cpu'));
  else if (/^pod:(initContainers|containers)\[\]\.resources\.(requests|limits)\.memory$/.test(t.key)) lines.push(...usageLines(live, 'memory'));
  else if (/^pod:(initContainers|containers)\[\]\.image$/.test(t.key) && t.value) {
    const have = live.nodes.filter((n) => n.images.includes(t.value as string)).map((n) => n.name);
    lines.push(have.length > 0 ? `image present on ${listNodes(have)} (pulled by their kubelets through containerd)` : 'not pulled on any node yet');
  } else if (/^pod:(nodeSelector|tolerations|affinity|topologySpreadConstraints|nodeName)/.test(t.key)) lines.push(...verdictLines(o));
  return lines;
}

/** A Service's manifest as its lens needs it: does it select pods; an ExternalName's target. */
export interface ServiceShape {
  readonly selector: boolean;
  readonly externalName?: string;
}

/** Kinds whose ready count is of running replicas (a Job's counts succeeded pods, a DaemonSet's its own status). */
const REPLICATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

const SHORT_REASON = /^0\/\d+ nodes are available: (.*?)\.(?: preemption:|$)/;

/** The code lens above a workload: `3/3 Running · worker-1, worker-2`, or what is wrong. Plain text. */
export function lensTitle(kind: string, namespace: string, name: string, live: EditorLive, service?: ServiceShape): string | undefined {
  if (kind === 'Service') {
    const svc = live.services[objectKey('Service', namespace, name)];
    if (!svc) return undefined;
    // An ExternalName Service has no endpoints by design: cluster DNS answers its name with a CNAME.
    if (svc.type === 'ExternalName') return `ExternalName → ${service?.externalName ?? '?'} (a DNS CNAME; no endpoints, kube-proxy programs nothing)`;
    const none = service && !service.selector ? '0 endpoints: no selector, so only EndpointSlices (or Endpoints) you write give it some'
      : svc.notReady > 0 ? `0 endpoints: ${svc.notReady} matching pod(s) not Ready` : '0 endpoints: no Ready pod matches';
    const notReady = svc.endpoints > 0 && svc.notReady > 0 ? ` · ${svc.notReady} not Ready` : '';
    return `${svc.type}${svc.clusterIP ? ` ${svc.clusterIP}` : ''}${svc.nodePort !== null ? ` · NodePort ${svc.nodePort}` : ''} · ${svc.endpoints === 0 ? none : `${svc.endpoints} endpoint(s)${notReady}`}`;
  }
  const o = live.objects[objectKey(kind, namespace, name)];
  if (!o) return undefined;
  const nodes = [...new Set(runningNodes(o))].sort();
  const wanted = o.desired ?? o.total;
  const head = kind === 'Job' || kind === 'CronJob' ? `${o.running} Running · ${o.total} pod(s)` : `${o.running}/${wanted} Running`;
  const parts = o.finished ? [o.finished, head] : [head];
  if (nodes.length > 0) parts.push(listNodes(nodes));
  // Running is not Ready: a readiness probe not passed yet, or a readiness gate whose condition nobody set.
  const notReady = REPLICATED.has(kind) && o.ready !== undefined ? o.running - o.ready : 0;
  if (notReady > 0) parts.push(`${notReady} not Ready`);
  if (o.pending > 0) {
    const msg = o.pods.find((p) => p.message)?.message ?? '';
    parts.push(`${o.pending} Pending${msg ? `: ${SHORT_REASON.exec(msg)?.[1] ?? msg}` : ''}`);
  }
  const bad = o.pods.filter((p) => !['Running', 'Pending', 'Completed', 'Terminating'].includes(p.status));
  if (bad.length > 0) parts.push(`${bad.length} ${bad[0].status}`);
  // A container restarted in place (a crash, a failed probe, a changed image) leaves the pod Running: say so.
  if (o.restarts > 0) parts.push(restartsText(o.restarts));
  return parts.join(' · ');
}

/** The status bar: `multi-worker · 7/8 pods Running · etcd 1/1`. */
export function statusText(live: EditorLive): string {
  const etcd = live.etcd.members === 0 ? 'no etcd' : `etcd ${live.etcd.healthy}/${live.etcd.members}${live.etcd.hasQuorum ? '' : ' (no quorum)'}`;
  return `${live.topology} · ${live.pods.running}/${live.pods.total} pods Running · ${etcd}`;
}
