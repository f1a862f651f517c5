/**
 * The ResourceQuota admission plugin (staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go
 * checkRequest, and pkg/quota/v1/evaluator/core/pods.go), v1.33: a create that would take a namespace's
 * usage above a quota's `hard` is refused with
 * `exceeded quota: NAME, requested: r=v, used: r=v, limited: r=v` (only the exceeded resources, sorted);
 * a pod that leaves out a tracked cpu or memory request or limit is refused with
 * `failed quota: NAME: must specify …`. Usage is computed from the store; the resourcequota controller
 * (controllers/resourceQuota.ts) writes it into `status.used` with `quotaStatus`.
 */
import type { Store, Stored } from '../../store';
import type { KubeObject } from '../../types';
import { formatQuantity, quantity, resourceList } from './quantities';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Json => (isObj(v) ? v : {});

/** Quota names of object counts of core kinds (pkg/quota/v1/evaluator/core: services, secrets, …). */
const LEGACY_COUNTS: Readonly<Record<string, string>> = {
  Pod: 'pods', Service: 'services', Secret: 'secrets', ConfigMap: 'configmaps', PersistentVolumeClaim: 'persistentvolumeclaims',
  ReplicationController: 'replicationcontrollers', ResourceQuota: 'resourcequotas',
};
/** The resources whose absence from a container a quota refuses (podEvaluator.Constraints validationSet). */
const MUST_SPECIFY = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** A pod counts until it has terminated (QuotaV1Pod). */
const countsPod = (p: KubeObject): boolean => !['Succeeded', 'Failed'].includes(String(o(p.status).phase));

/** What one object uses, by quota resource name. `resource`: the kind's resource ("deployments.apps"). */
export function usage(obj: KubeObject, resource: string): Map<string, number> {
  const u = new Map<string, number>([[`count/${resource}`, 1]]);
  const legacy = LEGACY_COUNTS[obj.kind];
  if (legacy) u.set(legacy, 1);
  if (obj.kind === 'Pod') podUsage(obj, u);
  if (obj.kind === 'Service') serviceUsage(obj, u);
  return u;
}

function podUsage(pod: KubeObject, u: Map<string, number>): void {
  const add = (k: string, v: number): void => void u.set(k, (u.get(k) ?? 0) + v);
  for (const c of Array.isArray(o(pod.spec).containers) ? (o(pod.spec).containers as unknown[]) : []) {
    for (const [r, v] of resourceList(c, 'requests')) { add(`requests.${r}`, v); if (r === 'cpu' || r === 'memory' || r === 'ephemeral-storage') add(r, v); }
    for (const [r, v] of resourceList(c, 'limits')) add(`limits.${r}`, v);
  }
}

function serviceUsage(svc: KubeObject, u: Map<string, number>): void {
  const type = o(svc.spec).type;
  if (type === 'LoadBalancer') u.set('services.loadbalancers', 1);
  if (type === 'NodePort' || type === 'LoadBalancer') u.set('services.nodeports', Array.isArray(o(svc.spec).ports) ? (o(svc.spec).ports as unknown[]).length : 0);
}

/** `r=v,r=v` sorted by resource (prettyPrint). */
function pretty(m: Map<string, number>, keys: readonly string[]): string {
  return [...keys].sort().map((k) => `${k}=${formatQuantity(m.get(k) ?? 0, k)}`).join(',');
}

/** Why the quotas of the object's namespace refuse it, or null. `resourceOf` names a kind's resource. */
export function quotaError(store: Store, obj: KubeObject, ns: string, resourceOf: (kind: string) => string): string | null {
  if (store.count('ResourceQuota') === 0) return null;
  const quotas = [...store.list('ResourceQuota')].filter((q) => q.metadata.namespace === ns);
  if (quotas.length === 0) return null;
  const resource = resourceOf(obj.kind);
  const requested = usage(obj, resource);
  let used: Map<string, number> | null = null;
  for (const q of quotas.sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)))) {
    const hard = hardOf(q);
    const missing = obj.kind === 'Pod' ? mustSpecify(obj, [...hard.keys()].filter((k) => MUST_SPECIFY.has(k))) : [];
    if (missing.length) return `failed quota: ${String(q.metadata.name)}: must specify ${missing.join(',')}`;
    const tracked = [...requested.keys()].filter((k) => hard.has(k) && (requested.get(k) ?? 0) !== 0);
    if (tracked.length === 0) continue;
    used ??= namespaceUsage(store, ns, obj.kind, resource);
    const exceeded = tracked.filter((k) => (used?.get(k) ?? 0) + (requested.get(k) ?? 0) > (hard.get(k) ?? 0));
    if (exceeded.length) {
      return `exceeded quota: ${String(q.metadata.name)}, requested: ${pretty(requested, exceeded)}, used: ${pretty(used, exceeded)}, limited: ${pretty(hard, exceeded)}`;
    }
  }
  return null;
}

function hardOf(q: Stored): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(o(o(q.spec).hard))) {
    const n = quantity(v);
    if (n !== undefined) out.set(k, n);
  }
  return out;
}

/** The tracked cpu/memory resources some container does not state (podEvaluator.Constraints). */
function mustSpecify(pod: KubeObject, required: readonly string[]): string[] {
  const missing = new Set<string>();
  const spec = o(pod.spec);
  const containers = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
  for (const c of containers) {
    const u = new Map<string, number>();
    podUsage({ ...pod, spec: { containers: [c] } }, u);
    for (const r of required) if (!u.has(r)) missing.add(r);
  }
  return [...missing].sort();
}

/** The kinds whose objects a quota counts (LEGACY_COUNTS, and any kind as `count/<resource>`), for the quota controller. */
export const QUOTA_COUNTED_KINDS: readonly string[] = ['Pod', 'Service', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'ReplicationController', 'ResourceQuota',
  'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/**
 * A quota's status as the resourcequota controller writes it (pkg/controller/resourcequota, CalculateUsage): `hard` the
 * spec's, `used` the namespace's usage of each of those resources, as canonical quantities ("0" when none is used).
 */
export function quotaStatus(store: Store, q: Stored, resourceOf: (kind: string) => string): { hard: Json; used: Json } {
  const ns = String(q.metadata.namespace ?? 'default');
  const hard = o(o(q.spec).hard);
  const total = new Map<string, number>();
  for (const kind of QUOTA_COUNTED_KINDS) {
    if (store.count(kind) === 0) continue;
    for (const [k, v] of namespaceUsage(store, ns, kind, resourceOf(kind))) total.set(k, (total.get(k) ?? 0) + v);
  }
  const used: Json = {};
  for (const k of Object.keys(hard).sort()) used[k] = formatQuantity(total.get(k) ?? 0, k);
  return { hard: { ...hard }, used };
}

/** The namespace's current usage of the quota resources an object of `kind` takes. */
function namespaceUsage(store: Store, ns: string, kind: string, resource: string): Map<string, number> {
  const total = new Map<string, number>();
  for (const x of store.list(kind)) {
    if (x.metadata.namespace !== ns || (kind === 'Pod' && !countsPod(x))) continue;
    for (const [k, v] of usage(x, resource)) total.set(k, (total.get(k) ?? 0) + v);
  }
  return total;
}
