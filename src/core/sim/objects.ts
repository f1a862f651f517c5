/**
 * Small, defensive readers for untrusted Kubernetes objects: a wrong type gives a default,
 * never a throw. Also the shared constants of API groups and scopes.
 */
import type { Json, KubeObject } from './types';

/** Reads a plain object field, or undefined. */
export function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}
/** Reads an array, or []. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
/** Reads a string, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
/** Reads a finite number, or undefined. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
/** Reads a string map (labels, nodeSelector), dropping non-string values. */
export function strMap(v: unknown): Record<string, string> {
  const o = obj(v);
  const out: Record<string, string> = {};
  if (!o) return out;
  for (const k of Object.keys(o)) if (typeof o[k] === 'string') out[k] = o[k] as string;
  return out;
}
/** Follows a path of keys through nested objects. */
export function at(root: unknown, ...path: string[]): unknown {
  let cur: unknown = root;
  for (const p of path) cur = obj(cur)?.[p];
  return cur;
}

/** Kinds whose objects have no namespace (https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/). */
export const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'CSIDriver', 'CSINode', 'VolumeAttachment',
]);

/** Kinds the engine simulates (everything else is stored and reported as "not simulated"). */
export const SIMULATED_KINDS = new Set([
  'Namespace', 'Node', 'Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob',
  'Service', 'EndpointSlice', 'Endpoints', 'ConfigMap', 'Secret', 'ServiceAccount', 'PriorityClass', 'LimitRange', 'ResourceQuota',
  'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'RuntimeClass',
]);

/** Kinds that are stored but have no behaviour to simulate (data only). */
export const STORED_ONLY = new Set(['ConfigMap', 'Secret', 'Endpoints', 'StorageClass', 'ServiceAccount', 'PriorityClass', 'LimitRange', 'ResourceQuota', 'RuntimeClass']);

/** apiVersion of each simulated kind, for objects the controllers create. */
export const API_VERSION: Readonly<Record<string, string>> = {
  Pod: 'v1', Node: 'v1', Namespace: 'v1', Service: 'v1', ConfigMap: 'v1', Secret: 'v1',
  Deployment: 'apps/v1', ReplicaSet: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1',
  Job: 'batch/v1', CronJob: 'batch/v1', EndpointSlice: 'discovery.k8s.io/v1',
};

/** Namespace of an object, or undefined for cluster-scoped kinds. */
export function namespaceOf(o: KubeObject): string | undefined {
  return CLUSTER_SCOPED.has(o.kind) ? undefined : (str(o.metadata.namespace) || 'default');
}

/** The object's name ('' if missing). */
export function nameOf(o: KubeObject): string {
  return str(o.metadata.name) ?? '';
}

/** The object's uid ('' if missing). */
export function uidOf(o: KubeObject): string {
  return str(o.metadata.uid) ?? '';
}

/** An ownerReference pointing at `owner`, as controllers set it (controller: true). */
export function controllerRef(owner: KubeObject): Json {
  return Object.freeze({
    apiVersion: owner.apiVersion, kind: owner.kind, name: nameOf(owner), uid: uidOf(owner),
    controller: true, blockOwnerDeletion: true,
  });
}

/** The controlling owner reference of an object, if any. */
export function controllerOf(o: KubeObject): { kind: string; name: string; uid: string } | null {
  for (const r of arr(o.metadata.ownerReferences)) {
    const ref = obj(r);
    if (ref && ref.controller === true && typeof ref.uid === 'string') {
      return { kind: str(ref.kind) ?? '', name: str(ref.name) ?? '', uid: ref.uid };
    }
  }
  const first = obj(arr(o.metadata.ownerReferences)[0]);
  return first && typeof first.uid === 'string' ? { kind: str(first.kind) ?? '', name: str(first.name) ?? '', uid: first.uid } : null;
}

/** Deep-copies plain JSON data (untrusted input), dropping anything that is not JSON. */
export function cloneJson(v: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (v === null || typeof v !== 'object') {
    return typeof v === 'number' && !Number.isFinite(v) ? null : typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' ? null : v;
  }
  if (Array.isArray(v)) return Object.freeze(v.map((x) => cloneJson(x, depth + 1)));
  const out: Json = {};
  for (const k of Object.keys(v)) if (k !== '__proto__') out[k] = cloneJson((v as Json)[k], depth + 1);
  return Object.freeze(out);
}

/** A label selector (matchLabels + matchExpressions) as a predicate; null selector matches nothing. */
export function selectorMatcher(selector: unknown): ((labels: Record<string, string>) => boolean) | null {
  const s = obj(selector);
  if (!s) return null;
  const ml = strMap(s.matchLabels);
  const exprs = arr(s.matchExpressions).map(obj).filter((e): e is Json => !!e);
  return (labels) => Object.keys(ml).every((k) => labels[k] === ml[k]) && exprs.every((e) => matchExpr(e, labels));
}

/** A Service-style selector (plain map); an empty map selects nothing for Services. */
export function mapMatcher(selector: Record<string, string>): (labels: Record<string, string>) => boolean {
  const keys = Object.keys(selector);
  return (labels) => keys.every((k) => labels[k] === selector[k]);
}

function matchExpr(e: Json, labels: Record<string, string>): boolean {
  const key = str(e.key) ?? '';
  const values = arr(e.values).filter((x): x is string => typeof x === 'string');
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (e.operator) {
    case 'In': return has && values.includes(labels[key]);
    case 'NotIn': return !has || !values.includes(labels[key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: return false;
  }
}
