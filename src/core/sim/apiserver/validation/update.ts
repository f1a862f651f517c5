/**
 * Fields that may not change on update, with kube-apiserver's messages (ValidateImmutableField in
 * staging/src/k8s.io/apimachinery/pkg/api/validation/generic.go: `field is immutable`;
 * pkg/apis/core/validation ValidatePodUpdate and ValidateServiceUpdate; pkg/apis/apps/validation
 * ValidateDeploymentUpdate, ValidateReplicaSetUpdate, ValidateDaemonSetUpdate, ValidateStatefulSetUpdate;
 * pkg/apis/batch/validation ValidateJobSpecUpdate). Long Go values (a whole PodTemplateSpec, the
 * PodSpec diff kube-apiserver appends) are cut to `{…}`, so each error stays on one line.
 */
import { stableStringify } from '../../prng';
import type { KubeObject } from '../../types';
import { forbidden, invalid, type FieldError } from '../fieldErrors';
import { goSelector } from './workloads';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Json => (isObj(v) ? v : {});
const same = (a: unknown, b: unknown): boolean => a === b || stableStringify(a ?? null) === stableStringify(b ?? null);

/** What pod updates may change (ValidatePodUpdate's message, v1.33). */
export const POD_UPDATE_FORBIDDEN = 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,'
  + '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),'
  + '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** The immutability errors of replacing `old` by `next` (same kind). */
export function immutableFieldErrors(next: KubeObject, old: KubeObject): FieldError[] {
  const spec = o(next.spec);
  const prev = o(old.spec);
  if (spec === prev) return [];
  switch (next.kind) {
    case 'Deployment': case 'ReplicaSet': case 'DaemonSet':
      return same(spec.selector, prev.selector) ? [] : [invalid('spec.selector', goSelector(spec.selector), 'field is immutable')];
    case 'StatefulSet': return statefulSetUpdate(spec, prev);
    case 'Job': return jobUpdate(spec, prev);
    case 'Pod': return podUpdate(spec, prev);
    case 'Service': return serviceUpdate(spec, prev);
    case 'ConfigMap': return immutableData(next, old, ['data', 'binaryData']);
    case 'Secret': return secretUpdate(next, old);
    // ValidateRuntimeClassUpdate (pkg/apis/node/validation).
    case 'RuntimeClass': return same((next as Json).handler, (old as Json).handler) ? [] : [invalid('handler', (next as Json).handler, 'field is immutable')];
    default: return [];
  }
}

const IMMUTABLE_SET = 'field is immutable when `immutable` is set';

/**
 * ValidateConfigMapUpdate / ValidateSecretUpdate: once `immutable: true`, it stays so and `fields` may not change
 * (https://kubernetes.io/docs/concepts/configuration/configmap/#configmap-immutable).
 */
function immutableData(next: KubeObject, old: KubeObject, fields: readonly string[]): FieldError[] {
  if ((old as Json).immutable !== true) return [];
  const out: FieldError[] = [];
  if ((next as Json).immutable !== true) out.push(forbidden('immutable', IMMUTABLE_SET));
  for (const f of fields) if (!same((next as Json)[f] ?? null, (old as Json)[f] ?? null)) out.push(forbidden(f, IMMUTABLE_SET));
  return out;
}

/** ValidateSecretUpdate: `type` never changes; with `immutable`, neither does `data` (which holds `stringData` once defaulted). */
function secretUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const out: FieldError[] = [];
  const type = (s: KubeObject): unknown => (s as Json).type ?? 'Opaque';
  if (type(next) !== type(old)) out.push(invalid('type', type(next), 'field is immutable'));
  return out.concat(immutableData(next, old, ['data']));
}

/** ValidateStatefulSetUpdate: only these spec fields may change. */
function statefulSetUpdate(spec: Json, prev: Json): FieldError[] {
  const mutable = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
  const strip = (s: Json): Json => Object.fromEntries(Object.entries(s).filter(([k]) => !mutable.includes(k)));
  if (same(strip(spec), strip(prev))) return [];
  return [forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")];
}

/** ValidateJobSpecUpdate: the selector, the completions of a NonIndexed Job, the pod template, the pod failure policy and backoffLimitPerIndex are immutable. */
function jobUpdate(spec: Json, prev: Json): FieldError[] {
  const out: FieldError[] = [];
  if (!same(spec.selector, prev.selector)) out.push(invalid('spec.selector', goSelector(spec.selector), 'field is immutable'));
  if (!same(spec.completions, prev.completions)) out.push(invalid('spec.completions', spec.completions ?? null, 'field is immutable'));
  if (!same(spec.template, prev.template)) out.push(invalid('spec.template', { printed: 'core.PodTemplateSpec{…}' }, 'field is immutable'));
  if (!same(spec.podFailurePolicy ?? null, prev.podFailurePolicy ?? null)) {
    out.push(invalid('spec.podFailurePolicy', spec.podFailurePolicy ? { printed: 'batch.PodFailurePolicy{…}' } : null, 'field is immutable'));
  }
  if (!same(spec.backoffLimitPerIndex ?? null, prev.backoffLimitPerIndex ?? null)) out.push(invalid('spec.backoffLimitPerIndex', spec.backoffLimitPerIndex ?? null, 'field is immutable'));
  return out;
}

/**
 * ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations and terminationGracePeriodSeconds may change,
 * and scheduling gates may only be removed (validateOnlyDeletedSchedulingGates).
 */
function podUpdate(spec: Json, prev: Json): FieldError[] {
  const gates = onlyDeletedSchedulingGates(spec.schedulingGates, prev.schedulingGates);
  const mask = (s: Json): Json => ({
    ...s, activeDeadlineSeconds: null, tolerations: null, terminationGracePeriodSeconds: null, nodeName: null, schedulingGates: null,
    containers: Array.isArray(s.containers) ? s.containers.map((c) => ({ ...o(c), image: null })) : s.containers,
    initContainers: Array.isArray(s.initContainers) ? s.initContainers.map((c) => ({ ...o(c), image: null })) : s.initContainers,
  });
  return same(mask(spec), mask(prev)) ? gates : [...gates, forbidden('spec', POD_UPDATE_FORBIDDEN)];
}

/** validateOnlyDeletedSchedulingGates (pkg/apis/core/validation): a gate the pod did not have is forbidden. */
function onlyDeletedSchedulingGates(next: unknown, prev: unknown): FieldError[] {
  const names = (v: unknown): string[] => (Array.isArray(v) ? v.map((g) => String(o(g).name ?? '')) : []);
  const old = new Set(names(prev));
  const out: FieldError[] = [];
  names(next).forEach((name, i) => {
    if (!old.has(name)) out.push(forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${name}'`));
  });
  return out;
}

/** ValidateServiceUpdate: an allocated clusterIP may not change (validateUpgradeDowngradeClusterIPs). */
function serviceUpdate(spec: Json, prev: Json): FieldError[] {
  const was = prev.clusterIP;
  const now = spec.clusterIP;
  if (typeof was !== 'string' || was === '' || now === undefined || now === was || spec.type === 'ExternalName' || prev.type === 'ExternalName') return [];
  return [invalid('spec.clusterIPs[0]', { printed: `[]string{${JSON.stringify(String(now))}}` }, 'may not change once set')];
}
