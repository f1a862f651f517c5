/**
 * The API server's validation step (the registry strategies' Validate and ValidateUpdate), run on
 * every create and every spec or metadata update, whoever writes: kubectl or a controller.
 * Returns field errors; `invalidError` (fieldErrors.ts) turns them into the StatusError text.
 */
import { CLUSTER_SCOPED } from '../../objects';
import type { KubeObject } from '../../types';
import { invalid, required, type FieldError } from '../fieldErrors';
import { isDNS1123Label, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, type NameFn } from './identifiers';
import { validateObjectMeta } from './meta';
import { validatePodSpec } from './pod';
import { validatePdbSpec } from './policy';
import { validateDataKeys, validateSecret, validateServiceSpec } from './service';
import { immutableFieldErrors } from './update';
import { podSecurityPolicy } from '../admission/podSecurity';
import { nonNegative, validateCronJobSpec, validateDaemonSetSpec, validateDeploymentSpec, validateJobSpec, validateReplicaSetSpec, validateStatefulSetSpec } from './workloads';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name rule each kind's strategy passes to ValidateObjectMeta (ValidateServiceName = NameIsDNS1035Label, ValidateNamespaceName = NameIsDNSLabel, …). */
const NAME_RULES: Readonly<Record<string, NameFn>> = { Service: nameIsDNS1035Label, Namespace: nameIsDNSLabel };

/** Kinds whose rules are modelled; other kinds are stored with their metadata checked only. */
const SPEC_RULES: Readonly<Record<string, (spec: Json, o: KubeObject) => FieldError[]>> = {
  Pod: (spec) => [...validatePodSpec(spec, 'spec')],
  Deployment: validateDeploymentSpec,
  ReplicaSet: (spec) => validateReplicaSetSpec(spec, 'ReplicaSet'),
  StatefulSet: validateStatefulSetSpec,
  DaemonSet: validateDaemonSetSpec,
  Job: (spec) => validateJobSpec(spec, 'spec'),
  CronJob: (spec, o) => validateCronJobSpec(spec, typeof o.metadata.name === 'string' ? o.metadata.name : ''),
  Service: validateServiceSpec,
  PriorityClass: () => [],
  PodDisruptionBudget: validatePdbSpec,
};

/** Kinds that need a spec (the rest may have none). */
const NEEDS_SPEC = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service']);

/** Field errors of a new object (defaulted, its name generated). */
export function validateCreate(o: KubeObject): FieldError[] {
  const out = validateObjectMeta(o.metadata as Json, NAME_RULES[o.kind] ?? nameIsDNSSubdomain, !CLUSTER_SCOPED.has(o.kind));
  return [...out, ...validateBody(o)];
}

function validateBody(o: KubeObject): FieldError[] {
  if (o.kind === 'ConfigMap') return validateDataKeys(o as Json);
  if (o.kind === 'Secret') return validateSecret(o as Json);
  if (o.kind === 'PriorityClass') return priorityClassErrors(o as Json);
  if (o.kind === 'RuntimeClass') return runtimeClassErrors(o as Json);
  // PodSecurity's ValidateNamespace: the pod-security.kubernetes.io labels must name a level and a version.
  if (o.kind === 'Namespace') return podSecurityPolicy(o.metadata.labels).errors;
  const rule = SPEC_RULES[o.kind];
  if (!rule) return [];
  if (!isObj(o.spec)) return NEEDS_SPEC.has(o.kind) ? [required('spec')] : [];
  return rule(o.spec, o);
}

/** ValidatePriorityClass (pkg/apis/scheduling/validation): a value, and no user class above one billion (HighestUserDefinablePriority). */
function priorityClassErrors(pc: Json): FieldError[] {
  if (typeof pc.value !== 'number') return [required('value')];
  const name = isObj(pc.metadata) ? String(pc.metadata.name) : '';
  if (pc.value > 1_000_000_000 && !name.startsWith('system-')) {
    return [{ field: 'value', type: 'Forbidden', detail: 'maximum allowed value of a user defined priority is 1000000000' }];
  }
  return [];
}

/** ValidateRuntimeClass (pkg/apis/node/validation): the handler is a DNS label (containerd's runtime name). */
function runtimeClassErrors(rc: Json): FieldError[] {
  const handler = typeof rc.handler === 'string' ? rc.handler : '';
  return isDNS1123Label(handler).map((msg) => invalid('handler', handler, msg));
}

/** Field errors of an update: the new object's own, then the fields that may not change. */
export function validateUpdate(o: KubeObject, old: KubeObject): FieldError[] {
  return [...validateCreate(o), ...immutableFieldErrors(o, old)];
}

export { nonNegative };
