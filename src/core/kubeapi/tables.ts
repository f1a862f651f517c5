/**
 * Server-side printing: the `Table` (meta.k8s.io/v1) that kubectl asks for on `kubectl get`, with the
 * columns kube-apiserver's printers define (kubernetes pkg/printers/internalversion/printers.go).
 * Priority-1 columns are the ones `-o wide` adds.
 */
import { readyStatus } from '../sim/controllers/nodeLifecycle';
import { age } from '../sim/humanDuration';
import { KUBELET_VERSION } from '../sim/nodes';
import { arr, at, num, obj, str } from '../sim/objects';
import { nodeName, readinessGatesCell } from '../sim/pods';
import { displayStatus } from '../sim/snapshot';
import type { KubeObject } from '../sim/types';
import { SIM_EPOCH_MS } from '../sim/clock';

/** One column of a Table. */
interface Column { readonly name: string; readonly type: 'string' | 'integer' | 'date'; readonly priority?: 1; readonly format?: 'name' }
type Cells = (string | number)[];
interface Printer { readonly columns: readonly Column[]; readonly row: (o: KubeObject, now: number) => Cells }

const NAME: Column = { name: 'Name', type: 'string', format: 'name' };
const AGE: Column = { name: 'Age', type: 'string' };
const s = (name: string, priority?: 1): Column => (priority ? { name, type: 'string', priority } : { name, type: 'string' });
const i = (name: string): Column => ({ name, type: 'integer' });

/** Seconds since an RFC 3339 timestamp, on the simulated clock. */
export function ageOf(ts: unknown, now: number): string {
  const t = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return Number.isFinite(t) ? age(now - (t - SIM_EPOCH_MS) / 1000) : '<unknown>';
}

const none = (v: string | undefined | null): string => (v ? v : '<none>');
const nameOf = (o: KubeObject): string => o.metadata.name ?? '';
const created = (o: KubeObject, now: number): string => ageOf(o.metadata.creationTimestamp, now);

function containers(o: KubeObject, path: string[]): { names: string; images: string } {
  // eslint-disable-next-line no-restricted-syntax -- a field path: a few segments
  const cs = arr(at(o, ...path, 'containers')).map(obj);
  return { names: cs.map((c) => str(c?.name) ?? '').join(','), images: cs.map((c) => str(c?.image) ?? '').join(',') };
}

function selectorText(sel: unknown): string {
  const m = obj(obj(sel)?.matchLabels) ?? {};
  const parts = Object.entries(m).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of arr(obj(sel)?.matchExpressions).map(obj)) parts.push(`${str(e?.key)} ${str(e?.operator)?.toLowerCase()} (${arr(e?.values).join(',')})`);
  return parts.join(',') || '<none>';
}

function workloadColumns(o: KubeObject): Cells {
  const c = containers(o, ['spec', 'template', 'spec']);
  return [c.names, c.images, selectorText(at(o, 'spec', 'selector'))];
}
const WORKLOAD_WIDE = [s('Containers', 1), s('Images', 1), s('Selector', 1)];

function podRow(p: KubeObject, now: number): Cells {
  const statuses = arr(at(p, 'status', 'containerStatuses')).map(obj);
  const total = arr(at(p, 'spec', 'containers')).length;
  const restarts = statuses.reduce((n, c) => n + (num(c?.restartCount) ?? 0), 0);
  return [nameOf(p), `${statuses.filter((c) => c?.ready === true).length}/${total}`, displayStatus(p), restarts, created(p, now),
    none(str(at(p, 'status', 'podIP'))), none(nodeName(p)), none(str(at(p, 'status', 'nominatedNodeName'))), readinessGatesCell(p)];
}

function nodeRow(n: KubeObject, now: number): Cells {
  const labels = n.metadata.labels ?? {};
  const roles = Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)).sort();
  const status = [readyStatus(n) === 'True' ? 'Ready' : readyStatus(n) === 'Unknown' || readyStatus(n) === 'False' ? 'NotReady' : 'Unknown'];
  if (at(n, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
  const info = (k: string): string => str(at(n, 'status', 'nodeInfo', k)) ?? '<unknown>';
  const addr = (t: string): string => none(arr(at(n, 'status', 'addresses')).map(obj).find((a) => a?.type === t)?.address as string | undefined);
  return [nameOf(n), status.join(','), roles.join(',') || '<none>', created(n, now), str(at(n, 'status', 'nodeInfo', 'kubeletVersion')) ?? KUBELET_VERSION,
    addr('InternalIP'), addr('ExternalIP'), info('osImage'), info('kernelVersion'), info('containerRuntimeVersion')];
}

function servicePorts(svc: KubeObject): string {
  return arr(at(svc, 'spec', 'ports')).map(obj).map((p) => `${String(p?.port)}${typeof p?.nodePort === 'number' ? ':' + p.nodePort : ''}/${str(p?.protocol) ?? 'TCP'}`).join(',') || '<none>';
}

function serviceRow(svc: KubeObject, now: number): Cells {
  const type = str(at(svc, 'spec', 'type')) ?? 'ClusterIP';
  const external = type === 'ExternalName' ? str(at(svc, 'spec', 'externalName')) ?? '<none>'
    : type === 'LoadBalancer' ? arr(at(svc, 'status', 'loadBalancer', 'ingress')).map((x) => str(obj(x)?.ip)).join(',') || '<pending>' : '<none>';
  const sel = obj(at(svc, 'spec', 'selector'));
  return [nameOf(svc), type, str(at(svc, 'spec', 'clusterIP')) ?? '<none>', external, servicePorts(svc), created(svc, now),
    sel ? Object.entries(sel).map(([k, v]) => `${k}=${String(v)}`).join(',') : '<none>'];
}

const PRINTERS: Readonly<Record<string, Printer>> = {
  Pod: { columns: [NAME, s('Ready'), s('Status'), i('Restarts'), AGE, s('IP', 1), s('Node', 1), s('Nominated Node', 1), s('Readiness Gates', 1)], row: podRow },
  Node: { columns: [NAME, s('Status'), s('Roles'), AGE, s('Version'), s('Internal-IP', 1), s('External-IP', 1), s('OS-Image', 1), s('Kernel-Version', 1), s('Container-Runtime', 1)], row: nodeRow },
  Service: { columns: [NAME, s('Type'), s('Cluster-IP'), s('External-IP'), s('Port(s)'), AGE, s('Selector', 1)], row: serviceRow },
  Deployment: {
    columns: [NAME, s('Ready'), i('Up-to-date'), i('Available'), AGE, ...WORKLOAD_WIDE],
    row: (d, now) => [nameOf(d), `${num(at(d, 'status', 'readyReplicas')) ?? 0}/${num(at(d, 'spec', 'replicas')) ?? 1}`, num(at(d, 'status', 'updatedReplicas')) ?? 0, num(at(d, 'status', 'availableReplicas')) ?? 0, created(d, now), ...workloadColumns(d)],
  },
  ReplicaSet: {
    columns: [NAME, i('Desired'), i('Current'), i('Ready'), AGE, ...WORKLOAD_WIDE],
    row: (r, now) => [nameOf(r), num(at(r, 'spec', 'replicas')) ?? 1, num(at(r, 'status', 'replicas')) ?? 0, num(at(r, 'status', 'readyReplicas')) ?? 0, created(r, now), ...workloadColumns(r)],
  },
  StatefulSet: {
    columns: [NAME, s('Ready'), AGE, s('Containers', 1), s('Images', 1)],
    row: (r, now) => [nameOf(r), `${num(at(r, 'status', 'readyReplicas')) ?? 0}/${num(at(r, 'spec', 'replicas')) ?? 1}`, created(r, now), ...workloadColumns(r).slice(0, 2)],
  },
  DaemonSet: {
    columns: [NAME, i('Desired'), i('Current'), i('Ready'), i('Up-to-date'), i('Available'), s('Node Selector'), AGE, ...WORKLOAD_WIDE],
    row: (r, now) => {
      const st = (k: string): number => num(at(r, 'status', k)) ?? 0;
      const ns = obj(at(r, 'spec', 'template', 'spec', 'nodeSelector'));
      return [nameOf(r), st('desiredNumberScheduled'), st('currentNumberScheduled'), st('numberReady'), st('updatedNumberScheduled'), st('numberAvailable'),
        ns ? Object.entries(ns).map(([k, v]) => `${k}=${String(v)}`).join(',') : '<none>', created(r, now), ...workloadColumns(r)];
    },
  },
  Job: {
    columns: [NAME, s('Status'), s('Completions'), s('Duration'), AGE, ...WORKLOAD_WIDE],
    row: (j, now) => {
      const conds = arr(at(j, 'status', 'conditions')).map(obj).filter((c) => c?.status === 'True').map((c) => str(c?.type));
      const status = conds.includes('Complete') ? 'Complete' : conds.includes('Failed') ? 'Failed' : at(j, 'spec', 'suspend') === true ? 'Suspended' : 'Running';
      return [nameOf(j), status, `${num(at(j, 'status', 'succeeded')) ?? 0}/${num(at(j, 'spec', 'completions')) ?? 1}`, durationOf(j, now), created(j, now), ...workloadColumns(j)];
    },
  },
  CronJob: {
    columns: [NAME, s('Schedule'), s('Timezone'), s('Suspend'), i('Active'), s('Last Schedule'), AGE, s('Containers', 1), s('Images', 1), s('Selector', 1)],
    row: (c, now) => {
      const last = at(c, 'status', 'lastScheduleTime');
      const cs = containers(c, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
      return [nameOf(c), str(at(c, 'spec', 'schedule')) ?? '', str(at(c, 'spec', 'timeZone')) ?? '<none>', at(c, 'spec', 'suspend') === true ? 'True' : 'False',
        arr(at(c, 'status', 'active')).length, last ? ageOf(last, now) : '<none>', created(c, now), cs.names, cs.images, '<none>'];
    },
  },
  Namespace: { columns: [NAME, s('Status'), AGE], row: (n, now) => [nameOf(n), str(at(n, 'status', 'phase')) ?? 'Active', created(n, now)] },
  Event: {
    columns: [s('Last Seen'), s('Type'), s('Reason'), s('Object'), s('Subobject', 1), s('Source', 1), s('Message'), s('First Seen', 1), s('Count', 1), s('Name', 1)],
    row: (e, now) => [ageOf(at(e, 'lastTimestamp'), now), str(at(e, 'type')) ?? '', str(at(e, 'reason')) ?? '',
      `${(str(at(e, 'involvedObject', 'kind')) ?? '').toLowerCase()}/${str(at(e, 'involvedObject', 'name')) ?? ''}`, '', str(at(e, 'source', 'component')) ?? '',
      str(at(e, 'message')) ?? '', ageOf(at(e, 'firstTimestamp'), now), num(at(e, 'count')) ?? 1, nameOf(e)],
  },
};

function durationOf(j: KubeObject, now: number): string {
  const start = at(j, 'status', 'startTime');
  if (!start) return '';
  const end = at(j, 'status', 'completionTime');
  const t0 = Date.parse(String(start));
  const t1 = end ? Date.parse(String(end)) : SIM_EPOCH_MS + now * 1000;
  return age((t1 - t0) / 1000);
}

const DEFAULT: Printer = { columns: [NAME, { name: 'Created At', type: 'date' }], row: (o) => [nameOf(o), str(o.metadata.creationTimestamp) ?? ''] };

/** The Table for a list of objects of one kind, as kube-apiserver returns it to `kubectl get`. */
export function toTable(kind: string, items: readonly KubeObject[], now: number, resourceVersion: string, apiVersion = 'meta.k8s.io/v1'): object {
  const printer = PRINTERS[kind] ?? DEFAULT;
  const columnDefinitions = printer.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: '', priority: c.priority ?? 0 }));
  return {
    kind: 'Table', apiVersion, metadata: { resourceVersion },
    columnDefinitions,
    rows: items.map((o) => ({ cells: printer.row(o, now), object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } })),
  };
}

/** The columns kubectl prints without `-o wide` (priority 0), headers upper-cased as kubectl prints them, and each object's cells. */
export function printedColumns(kind: string, items: Iterable<KubeObject>, now: number): { headers: string[]; rows: string[][] } {
  const printer = PRINTERS[kind] ?? DEFAULT;
  const shown = printer.columns.flatMap((c, i) => (c.priority ? [] : [i]));
  const rows: string[][] = [];
  for (const o of items) {
    const cells = printer.row(o, now);
    rows.push(shown.map((i) => String(cells[i])));
  }
  return { headers: shown.map((i) => printer.columns[i].name.toUpperCase()), rows };
}

/** Whether the Accept header asks for a Table (kubectl get does; `-o yaml` does not). */
export function wantsTable(accept: string | undefined): string | undefined {
  const m = accept ? /as=Table;\s*v=(v1|v1beta1);\s*g=meta\.k8s\.io/.exec(accept) : null;
  return m ? `meta.k8s.io/${m[1]}` : undefined;
}
