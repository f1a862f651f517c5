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
import { podColumns, restartsCell } from '../sim/snapshot';
import type { Json, KubeObject } from '../sim/types';
import { SIM_EPOCH_MS } from '../sim/clock';

/** One column of a Table. */
interface Column { readonly name: string; readonly type: 'string' | 'integer' | 'boolean' | 'date'; readonly priority?: 1; readonly format?: 'name' }
type Cells = (string | number | boolean)[];
interface Printer { readonly columns: readonly Column[]; readonly row: (o: KubeObject, now: number) => Cells }

const NAME: Column = { name: 'Name', type: 'string', format: 'name' };
const AGE: Column = { name: 'Age', type: 'string' };
const s = (name: string, priority?: 1): Column => (priority ? { name, type: 'string', priority } : { name, type: 'string' });
const i = (name: string): Column => ({ name, type: 'integer' });
const b = (name: string): Column => ({ name, type: 'boolean' });

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
  const { ready, total, status, restarts, lastRestartAt } = podColumns(p);
  return [nameOf(p), `${ready}/${total}`, status, restartsCell(restarts, lastRestartAt, now), created(p, now),
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

/**
 * A resource.Quantity's String(): the stored text (canonical, `1024Mi` as `1Gi`, as kube-apiserver stores it and the
 * simulator too, api/canonical.ts), a JSON number as written, `missing` for an absent one (a map's zero Quantity is "0").
 */
function quantity(v: unknown, missing = '0'): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : missing;
}

/** An IntOrString's String(): the integer in decimal or the string ("1", "50%"). */
const intOrString = (v: unknown): string => (typeof v === 'number' ? String(v) : str(v) ?? '');

const keyCount = (v: unknown): number => Object.keys(obj(v) ?? {}).length;

/** A Go pointer field that is set (JSON null or absent is nil). */
const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** helper.GetAccessModesAsString: each mode once, always in the order RWO,ROX,RWX,RWOP. */
function accessModes(v: unknown): string {
  const modes = arr(v);
  const short: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return short.filter(([mode]) => modes.includes(mode)).map(([, abbr]) => abbr).join(',');
}

/**
 * helper.GetPersistentVolumeClass and GetPersistentVolumeClaimClass: the beta annotation
 * volume.beta.kubernetes.io/storage-class first (when present, even empty), then spec.storageClassName.
 */
function storageClassOf(o: KubeObject): string {
  const annotations = o.metadata.annotations ?? {};
  if (Object.hasOwn(annotations, 'volume.beta.kubernetes.io/storage-class')) return String(annotations['volume.beta.kubernetes.io/storage-class']);
  return str(at(o, 'spec', 'storageClassName')) ?? '';
}

/**
 * A PersistentVolume's or claim's phase, "Terminating" once it has a deletionTimestamp. An empty phase is stored as
 * Pending (SetDefaults_PersistentVolume and SetDefaults_PersistentVolumeClaim), which the simulator does not write.
 */
const phaseOf = (o: KubeObject): string => (o.metadata.deletionTimestamp ? 'Terminating' : str(at(o, 'status', 'phase')) || 'Pending');

function persistentVolumeRow(pv: KubeObject, now: number): Cells {
  const ref = obj(at(pv, 'spec', 'claimRef'));
  return [nameOf(pv), quantity(at(pv, 'spec', 'capacity', 'storage')), accessModes(at(pv, 'spec', 'accessModes')), str(at(pv, 'spec', 'persistentVolumeReclaimPolicy')) ?? '',
    phaseOf(pv), ref ? `${str(ref.namespace) ?? ''}/${str(ref.name) ?? ''}` : '', storageClassOf(pv), str(at(pv, 'spec', 'volumeAttributesClassName')) ?? '<unset>',
    str(at(pv, 'status', 'reason')) ?? '', created(pv, now), str(at(pv, 'spec', 'volumeMode')) ?? '<unset>'];
}

/** printPersistentVolumeClaim: capacity and access modes are the status's, and only once the claim names its volume. */
function persistentVolumeClaimRow(pvc: KubeObject, now: number): Cells {
  const volume = str(at(pvc, 'spec', 'volumeName')) ?? '';
  return [nameOf(pvc), phaseOf(pvc), volume, volume ? quantity(at(pvc, 'status', 'capacity', 'storage')) : '', volume ? accessModes(at(pvc, 'status', 'accessModes')) : '',
    storageClassOf(pvc), str(at(pvc, 'spec', 'volumeAttributesClassName')) ?? '<unset>', created(pvc, now), str(at(pvc, 'spec', 'volumeMode')) ?? '<unset>'];
}

/** net.JoinHostPort: an IPv6 address in brackets. */
const hostPort = (ip: string, port: unknown): string => `${ip.includes(':') ? `[${ip}]` : ip}:${String(num(port) ?? 0)}`;

/** formatEndpoints: the first 3 `ip:port` pairs (the IP alone for a subset without ports), then ` + N more...`; `<none>` without subsets. */
function formatEndpoints(ep: KubeObject): string {
  const subsets = arr(at(ep, 'subsets')).map(obj);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const ips = arr(ss?.addresses).map((a) => str(obj(a)?.ip) ?? '');
    const ports = arr(ss?.ports).map(obj);
    for (const port of ports.length > 0 ? ports : [undefined]) {
      count += ips.length;
      for (const ip of ips) {
        if (list.length === max) { more = true; break; }
        list.push(port ? hostPort(ip, port.port) : ip);
      }
    }
  }
  return more ? `${list.join(',')} + ${count - max} more...` : list.join(',');
}

/** listWithMoreString: at most 3, then ` + N more...`; `<unset>` for none. */
function listWithMore(items: readonly string[]): string {
  const max = 3;
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown || '<unset>';
}

/** formatDiscoveryPorts: each port's number, else its name, else `*`. */
const endpointSlicePorts = (s: KubeObject): string =>
  listWithMore(arr(at(s, 'ports')).map(obj).map((p) => (num(p?.port) !== undefined ? String(p?.port) : str(p?.name) ?? '*')));

/** formatDiscoveryEndpoints: every address of every endpoint. */
const endpointSliceAddresses = (s: KubeObject): string =>
  listWithMore(arr(at(s, 'endpoints')).flatMap((e) => arr(obj(e)?.addresses).map((a) => str(a) ?? '')));

/** The metric specs as stored: SetDefaults_HorizontalPodAutoscaler (autoscaling/v2) makes none 80 % average CPU (v1's targetCPUUtilizationPercentage when written in v1's shape). */
function hpaMetricSpecs(hpa: KubeObject): Json[] {
  const specs = arr(at(hpa, 'spec', 'metrics')).map(obj).filter((m): m is Json => m !== undefined);
  if (specs.length > 0) return specs;
  return [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: num(at(hpa, 'spec', 'targetCPUUtilizationPercentage')) ?? 80 } } }];
}

const UNKNOWN = '<unknown>';

/**
 * One metric as formatHPAMetrics writes it: `<current>/<target>` (`name: ` first for a resource, ` (avg)` after an
 * average value of an object or external metric). A current value the status does not carry is `<unknown>`: no
 * metrics API is served, so the HPA controller records none (as in kind without metrics-server).
 */
function hpaMetric(spec: Json, status: Json | undefined): string {
  const type = str(spec.type) ?? '';
  const key = type === 'ContainerResource' ? 'containerResource' : type.toLowerCase();
  const target = obj(at(spec, key, 'target')) ?? {};
  const current = obj(status?.[key]) ? obj(at(status, key, 'current')) ?? {} : undefined;
  const cur = (field: string): string => (current && isSet(current[field]) ? quantity(current[field]) : UNKNOWN);
  switch (type) {
    case 'External':
    case 'Object':
      return isSet(target.averageValue) ? `${cur('averageValue')}/${quantity(target.averageValue, '<nil>')} (avg)` : `${cur('value')}/${quantity(target.value, '<nil>')}`;
    case 'Pods':
      return `${cur('averageValue')}/${quantity(target.averageValue, '<nil>')}`;
    case 'Resource':
    case 'ContainerResource': {
      const name = str(at(spec, key, 'name')) ?? '';
      if (isSet(target.averageValue)) return `${name}: ${cur('averageValue')}/${quantity(target.averageValue)}`;
      const used = num(current?.averageUtilization);
      const want = num(target.averageUtilization);
      return `${name}: ${used !== undefined ? `${used}%` : UNKNOWN}/${want !== undefined ? `${want}%` : '<auto>'}`;
    }
    default:
      return '<unknown type>';
  }
}

/** An HPA's TARGETS cell (formatHPAMetrics): its first 2 metrics, then ` + N more...`, e.g. `cpu: <unknown>/50%`. */
export function hpaTargets(hpa: KubeObject): string {
  const statuses = arr(at(hpa, 'status', 'currentMetrics')).map(obj);
  const list = hpaMetricSpecs(hpa).map((m, n) => hpaMetric(m, statuses[n]));
  const max = 2;
  return list.length > max ? `${list.slice(0, max).join(', ')} + ${list.length - max} more...` : list.join(', ');
}

/** printResourceQuota: each resource of status.hard in sorted order as `name: used/hard`, limits.* in LIMIT and the rest in REQUEST. */
function resourceQuotaRow(q: KubeObject, now: number): Cells {
  const hard = obj(at(q, 'status', 'hard')) ?? {};
  const used = obj(at(q, 'status', 'used')) ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const r of Object.keys(hard).sort()) (r.startsWith('limits.') ? limits : requests).push(`${r}: ${quantity(used[r])}/${quantity(hard[r])}`);
  return [nameOf(q), requests.join(', '), limits.join(', '), created(q, now)];
}

/** printControllerRevision: the controller owner as `kind.group/name` in lower case (`statefulset.apps/web`), `<none>` without one. */
function controllerRevisionOwner(o: KubeObject): string {
  const ref = arr(o.metadata.ownerReferences).map(obj).find((r) => r?.controller === true);
  if (!ref) return '<none>';
  const apiVersion = str(ref.apiVersion) ?? '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = str(ref.kind) ?? '';
  const name = str(ref.name) ?? '';
  if (!kind && !group) return name;
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${name}`;
}

/** storageutil.IsDefaultAnnotation: the GA or the beta is-default-class annotation is "true". */
function isDefaultClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

const PRINTERS: Readonly<Record<string, Printer>> = {
  Pod: { columns: [NAME, s('Ready'), s('Status'), s('Restarts'), AGE, s('IP', 1), s('Node', 1), s('Nominated Node', 1), s('Readiness Gates', 1)], row: podRow },
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
  PersistentVolume: {
    columns: [NAME, s('Capacity'), s('Access Modes'), s('Reclaim Policy'), s('Status'), s('Claim'), s('StorageClass'), s('VolumeAttributesClass'), s('Reason'), AGE, s('VolumeMode', 1)],
    row: persistentVolumeRow,
  },
  PersistentVolumeClaim: {
    columns: [NAME, s('Status'), s('Volume'), s('Capacity'), s('Access Modes'), s('StorageClass'), s('VolumeAttributesClass'), AGE, s('VolumeMode', 1)],
    row: persistentVolumeClaimRow,
  },
  StorageClass: {
    columns: [NAME, s('Provisioner'), s('ReclaimPolicy'), s('VolumeBindingMode'), s('AllowVolumeExpansion'), AGE],
    // printStorageClass: an unset policy, mode or expansion prints as its default (Delete, Immediate, false).
    row: (sc, now) => [`${nameOf(sc)}${isDefaultClass(sc) ? ' (default)' : ''}`, str(at(sc, 'provisioner')) ?? '', str(at(sc, 'reclaimPolicy')) ?? 'Delete',
      str(at(sc, 'volumeBindingMode')) ?? 'Immediate', at(sc, 'allowVolumeExpansion') === true, created(sc, now)],
  },
  ConfigMap: { columns: [NAME, s('Data'), AGE], row: (c, now) => [nameOf(c), keyCount(at(c, 'data')) + keyCount(at(c, 'binaryData')), created(c, now)] },
  Secret: { columns: [NAME, s('Type'), s('Data'), AGE], row: (x, now) => [nameOf(x), str(at(x, 'type')) ?? '', keyCount(at(x, 'data')), created(x, now)] },
  ServiceAccount: { columns: [NAME, s('Secrets'), AGE], row: (sa, now) => [nameOf(sa), arr(at(sa, 'secrets')).length, created(sa, now)] },
  PodDisruptionBudget: {
    columns: [NAME, s('Min Available'), s('Max Unavailable'), i('Allowed Disruptions'), AGE],
    row: (p, now) => {
      const bound = (k: string): string => (isSet(at(p, 'spec', k)) ? intOrString(at(p, 'spec', k)) : 'N/A');
      return [nameOf(p), bound('minAvailable'), bound('maxUnavailable'), num(at(p, 'status', 'disruptionsAllowed')) ?? 0, created(p, now)];
    },
  },
  HorizontalPodAutoscaler: {
    columns: [NAME, s('Reference'), s('Targets'), s('MinPods'), s('MaxPods'), s('Replicas'), AGE],
    // MINPODS is a string cell ("<unset>" without minReplicas, which SetDefaults_HorizontalPodAutoscaler makes 1).
    row: (h, now) => [nameOf(h), `${str(at(h, 'spec', 'scaleTargetRef', 'kind')) ?? ''}/${str(at(h, 'spec', 'scaleTargetRef', 'name')) ?? ''}`, hpaTargets(h),
      String(num(at(h, 'spec', 'minReplicas')) ?? 1), num(at(h, 'spec', 'maxReplicas')) ?? 0, num(at(h, 'status', 'currentReplicas')) ?? 0, created(h, now)],
  },
  Endpoints: { columns: [NAME, s('Endpoints'), AGE], row: (e, now) => [nameOf(e), formatEndpoints(e), created(e, now)] },
  EndpointSlice: {
    columns: [NAME, s('AddressType'), s('Ports'), s('Endpoints'), AGE],
    row: (e, now) => [nameOf(e), str(at(e, 'addressType')) ?? '', endpointSlicePorts(e), endpointSliceAddresses(e), created(e, now)],
  },
  PriorityClass: {
    // PreemptionPolicy has priority 0 but printPriorityClass fills it only for wide output, which kube-apiserver's
    // TableConvertor always asks for, so `kubectl get pc` shows it. SetDefaults_PriorityClass makes it PreemptLowerPriority.
    columns: [NAME, i('Value'), b('Global-Default'), AGE, s('PreemptionPolicy')],
    row: (pc, now) => [nameOf(pc), num(at(pc, 'value')) ?? 0, at(pc, 'globalDefault') === true, created(pc, now), str(at(pc, 'preemptionPolicy')) ?? 'PreemptLowerPriority'],
  },
  Lease: { columns: [NAME, s('Holder'), AGE], row: (l, now) => [nameOf(l), str(at(l, 'spec', 'holderIdentity')) ?? '', created(l, now)] },
  // Age last since kubernetes#129419 (opened Dec 2024, in the v1.33 cycle); before it: Name, Age, Request, Limit.
  ResourceQuota: { columns: [NAME, s('Request'), s('Limit'), AGE], row: resourceQuotaRow },
  ControllerRevision: {
    columns: [NAME, s('Controller'), s('Revision'), AGE],
    row: (r, now) => [nameOf(r), controllerRevisionOwner(r), num(at(r, 'revision')) ?? 0, created(r, now)],
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
