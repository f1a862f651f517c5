/**
 * Workload validation with kube-apiserver's messages: pkg/apis/apps/validation/validation.go
 * (ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment,
 * ValidateReplicaSetSpec, ValidateStatefulSetSpec, ValidateDaemonSetSpec,
 * ValidatePodTemplateSpecForReplicaSet) and pkg/apis/batch/validation/validation.go (ValidateJobSpec,
 * ValidateCronJobSpec), v1.33. Runs on the defaulted object.
 */
import { isTimeZone, isValidSchedule } from '../../controllers/cron';
import { selectorMatcher, strMap } from '../../objects';
import { forbidden, goStringMap, invalid, notSupported, required, type FieldError } from '../fieldErrors';
import { regexError } from './identifiers';
import { validateLabels } from './meta';
import { validatePodSpec } from './pod';
import { validatePodFailurePolicy } from './job';
import { append } from '../../../arrays';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Json => (isObj(v) ? v : {});

/** `%#v` of a *metav1.LabelSelector as pre-1.34 servers print it. */
export function goSelector(sel: unknown): { printed: string } {
  const s = o(sel);
  const ml = isObj(s.matchLabels) ? goStringMap(s.matchLabels) : 'map[string]string(nil)';
  const exprs = Array.isArray(s.matchExpressions) && s.matchExpressions.length ? '[]v1.LabelSelectorRequirement{…}' : '[]v1.LabelSelectorRequirement(nil)';
  return { printed: `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${exprs}}` };
}

/**
 * An IntOrString value as field.Invalid prints it: `%#v`, since its String() has a pointer receiver
 * (`intstr.IntOrString{Type:0, IntVal:0, StrVal:""}`, as kube-apiserver v1.33 answers).
 */
export const intOrString = (v: unknown): { printed: string } => ({
  printed: typeof v === 'string' ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}` : `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`,
});

/** ValidateNonnegativeField for an optional integer field. */
export function nonNegative(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== 'number' || !Number.isInteger(v)) return [invalid(path, v, 'must be an integer')];
  return v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : [];
}

function selectorErrors(spec: Json, what: string): FieldError[] {
  if (spec.selector === undefined || spec.selector === null) return [required('spec.selector')];
  const s = o(spec.selector);
  const out = [...validateLabels(s.matchLabels, 'spec.selector.matchLabels')];
  const empty = Object.keys(o(s.matchLabels)).length + (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0) === 0;
  if (empty) out.push(invalid('spec.selector', goSelector(s), `empty selector is invalid for ${what}`));
  return out;
}

/** The template's labels must match the selector; a missing selector (labels.Nothing) matches nothing, an empty one everything. */
function templateMatchErrors(spec: Json, templatePath: string): FieldError[] {
  const match = selectorMatcher(spec.selector);
  const s = o(spec.selector);
  const empty = Object.keys(o(s.matchLabels)).length + (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0) === 0;
  if (match && empty) return [];
  const raw = o(o(spec.template).metadata).labels;
  if (match && match(strMap(raw))) return [];
  return [invalid(`${templatePath}.metadata.labels`, { printed: goStringMap(isObj(raw) ? raw : undefined) }, '`selector` does not match template `labels`')];
}

/** ValidatePodTemplateSpec plus the template's own labels. */
function templateErrors(spec: Json, path: string): FieldError[] {
  if (!isObj(spec.template)) return [required(path)];
  return [...validateLabels(o(spec.template.metadata).labels, `${path}.metadata.labels`), ...validatePodSpec(spec.template.spec, `${path}.spec`)];
}

/** Controllers of long-running pods only accept restartPolicy Always, and no activeDeadlineSeconds. */
function alwaysRestart(spec: Json, path: string, kind: string): FieldError[] {
  const ps = o(o(spec.template).spec);
  const out = ps.restartPolicy !== undefined && ps.restartPolicy !== 'Always' ? [notSupported(`${path}.spec.restartPolicy`, ps.restartPolicy, ['Always'])] : [];
  if (ps.activeDeadlineSeconds !== undefined) out.push(forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`));
  return out;
}

/** ValidateReplicaSetSpec (also the first half of ValidateDeploymentSpec). */
export function validateReplicaSetSpec(spec: Json, kind: 'Deployment' | 'ReplicaSet'): FieldError[] {
  const out = [...nonNegative(spec.replicas, 'spec.replicas')];
  if (kind === 'ReplicaSet') append(out, nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  append(out, selectorErrors(spec, 'deployment'), templateMatchErrors(spec, 'spec.template'), templateErrors(spec, 'spec.template'));
  return [...out, ...alwaysRestart(spec, 'spec.template', 'ReplicaSet')];
}

/** ValidateDeploymentSpec. */
export function validateDeploymentSpec(spec: Json): FieldError[] {
  const out = [...validateReplicaSetSpec(spec, 'Deployment'), ...strategyErrors(o(spec.strategy))];
  append(out, nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'), nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const pds = spec.progressDeadlineSeconds;
  append(out, nonNegative(pds, 'spec.progressDeadlineSeconds'));
  if (typeof pds === 'number' && pds <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0)) {
    out.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return out;
}

const PERCENT = /^[0-9]+%$/;
/** validation.IsValidPercent's message (apimachinery/pkg/util/validation/validation.go). */
const PERCENT_MSG = regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%');

/**
 * ValidatePositiveIntOrPercent (pkg/apis/apps/validation/validation.go): a string must be a percentage,
 * an integer must not be negative. Returns the value (a number, or a percentage's number) or null.
 */
export function intOrPercent(v: unknown, path: string, out: FieldError[]): number | null {
  if (typeof v === 'string') {
    if (!PERCENT.test(v)) out.push(invalid(path, intOrString(v), PERCENT_MSG));
    return PERCENT.test(v) ? parseInt(v, 10) : null;
  }
  if (typeof v === 'number') {
    if (v < 0) out.push(invalid(path, v, 'must be greater than or equal to 0'));
    return v;
  }
  return null;
}

/** IsNotMoreThan100Percent (pkg/apis/apps/validation/validation.go): a percentage above 100%. */
export function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  return typeof v === 'string' && PERCENT.test(v) && parseInt(v, 10) > 100 ? [invalid(path, intOrString(v), 'must not be greater than 100%')] : [];
}

function strategyErrors(strategy: Json): FieldError[] {
  const type = strategy.type;
  if (type === 'Recreate') return strategy.rollingUpdate ? [forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")] : [];
  if (type !== 'RollingUpdate') {
    const printed = `apps.DeploymentStrategy{Type:${JSON.stringify(String(type))}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
    return [notSupported('spec.strategy', { printed }, ['Recreate', 'RollingUpdate'])];
  }
  const ru = o(strategy.rollingUpdate);
  const out: FieldError[] = [];
  const unavailable = intOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable', out);
  const surge = intOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge', out);
  if (unavailable === 0 && surge === 0) out.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', intOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  // ValidateRollingUpdateDeployment: only maxUnavailable is capped at 100% (a surge may be larger).
  return [...out, ...notMoreThan100Percent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable')];
}

/** ValidateStatefulSetSpec. */
export function validateStatefulSetSpec(spec: Json): FieldError[] {
  const out: FieldError[] = [];
  const pmp = spec.podManagementPolicy;
  if (pmp !== 'OrderedReady' && pmp !== 'Parallel') out.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = o(spec.updateStrategy);
  if (us.type === 'OnDelete' && us.rollingUpdate) out.push(invalid('spec.updateStrategy.rollingUpdate', { printed: '&apps.RollingUpdateStatefulSetStrategy{…}' }, "only allowed for updateStrategy 'RollingUpdate'"));
  else if (us.type !== 'OnDelete' && us.type !== 'RollingUpdate') out.push(invalid('spec.updateStrategy', { printed: `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(String(us.type))}}` }, "must be 'RollingUpdate' or 'OnDelete'"));
  append(out, nonNegative(o(us.rollingUpdate).partition, 'spec.updateStrategy.rollingUpdate.partition'));
  append(out, nonNegative(spec.replicas, 'spec.replicas'), nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  // Mounts may name a volumeClaimTemplate: the StatefulSet controller adds those volumes to each pod.
  const t = o(spec.template);
  const volumes = isObj(t.spec) && Array.isArray(t.spec.volumes) ? t.spec.volumes : [];
  const claims = (Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []).map((c) => ({ name: o(o(c).metadata).name, persistentVolumeClaim: {} }))
    .filter((c) => !volumes.some((v) => o(v).name === c.name));
  const withClaims = claims.length && isObj(t.spec) ? { ...spec, template: { ...t, spec: { ...t.spec, volumes: [...volumes, ...claims] } } } : spec;
  append(out, selectorErrors(spec, 'statefulset'), templateMatchErrors(spec, 'spec.template'), templateErrors(withClaims, 'spec.template'));
  return [...out, ...alwaysRestart(spec, 'spec.template', 'StatefulSet')];
}

/** ValidateDaemonSetSpec. */
export function validateDaemonSetSpec(spec: Json): FieldError[] {
  const out = [...validateLabels(o(spec.selector).matchLabels, 'spec.selector.matchLabels'), ...templateMatchErrors(spec, 'spec.template')];
  const s = o(spec.selector);
  if (isObj(spec.selector) && Object.keys(o(s.matchLabels)).length + (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0) === 0) {
    out.push(invalid('spec.selector', goSelector(s), 'empty selector is invalid for daemonset'));
  }
  append(out, templateErrors(spec, 'spec.template'), alwaysRestart(spec, 'spec.template', 'DaemonSet'));
  const us = o(spec.updateStrategy);
  if (us.type !== 'OnDelete' && us.type !== 'RollingUpdate') out.push(notSupported('spec.updateStrategy.type', us.type, ['OnDelete', 'RollingUpdate']));
  if (us.type === 'RollingUpdate') {
    const ru = o(us.rollingUpdate);
    // ValidateRollingUpdateDaemonSet: both fields checked, then exactly one of them non-zero.
    const path = 'spec.updateStrategy.rollingUpdate';
    const u = intOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`, out) ?? 0;
    const s2 = intOrPercent(ru.maxSurge ?? 0, `${path}.maxSurge`, out) ?? 0;
    append(out, notMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`), notMoreThan100Percent(ru.maxSurge, `${path}.maxSurge`));
    if (u !== 0 && s2 !== 0) out.push(invalid(`${path}.maxSurge`, intOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
    else if (u === 0 && s2 === 0) out.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  }
  return [...out, ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'), ...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit')];
}

/** ValidateJobSpec at `path` ("spec" or "spec.jobTemplate.spec"). */
export function validateJobSpec(v: unknown, path: string): FieldError[] {
  if (!isObj(v)) return [required(path)];
  const out = ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'].flatMap((f) => nonNegative(v[f], `${path}.${f}`));
  if (isSet(v.maxFailedIndexes) && !isSet(v.backoffLimitPerIndex)) out.push(required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  if (v.completionMode !== undefined && v.completionMode !== 'NonIndexed' && v.completionMode !== 'Indexed') out.push(notSupported(`${path}.completionMode`, v.completionMode, ['NonIndexed', 'Indexed']));
  append(out, v.completionMode === 'Indexed' ? indexedJobErrors(v, path) : nonIndexedJobErrors(v, path));
  if (!isObj(v.template)) return [...out, required(`${path}.template`)];
  append(out, validateLabels(o(v.template.metadata).labels, `${path}.template.metadata.labels`), validatePodSpec(v.template.spec, `${path}.template.spec`));
  const rp = o(v.template.spec).restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') out.push(notSupported(`${path}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  if (v.podFailurePolicy !== undefined && v.podFailurePolicy !== null) append(out, validatePodFailurePolicy(v, path));
  return out;
}

const isSet = (x: unknown): boolean => x !== undefined && x !== null;

// validateJobSpec's limits for Indexed Jobs (pkg/apis/batch/validation/validation.go, v1.33).
const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const HIGH_COMPLETIONS_LIMIT = 10_000;

/** An Indexed Job: completions required; maxFailedIndexes within completions and the limits; more for huge Jobs with backoffLimitPerIndex. */
function indexedJobErrors(v: Json, path: string): FieldError[] {
  const out: FieldError[] = [];
  const { completions, parallelism, maxFailedIndexes: max } = v;
  if (!isSet(completions)) out.push(required(`${path}.completions`, 'when completion mode is Indexed'));
  if (typeof parallelism === 'number' && parallelism > MAX_PARALLELISM_INDEXED) out.push(invalid(`${path}.parallelism`, parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
  if (typeof completions === 'number' && typeof max === 'number' && max > completions) out.push(invalid(`${path}.maxFailedIndexes`, max, 'must be less than or equal to completions'));
  if (typeof max === 'number' && max > MAX_FAILED_INDEXES) out.push(invalid(`${path}.maxFailedIndexes`, max, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
  if (typeof completions === 'number' && completions > COMPLETIONS_SOFT_LIMIT && isSet(v.backoffLimitPerIndex)) {
    const high = `must be less than or equal to ${HIGH_COMPLETIONS_LIMIT} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (!isSet(max)) out.push(required(`${path}.maxFailedIndexes`, `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
    if (typeof parallelism === 'number' && parallelism > HIGH_COMPLETIONS_LIMIT) out.push(invalid(`${path}.parallelism`, parallelism, high));
    if (typeof max === 'number' && max > HIGH_COMPLETIONS_LIMIT) out.push(invalid(`${path}.maxFailedIndexes`, max, high));
  }
  return out;
}

/** backoffLimitPerIndex and maxFailedIndexes count per completion index: only an Indexed Job has indexes. */
function nonIndexedJobErrors(v: Json, path: string): FieldError[] {
  return ['backoffLimitPerIndex', 'maxFailedIndexes'].filter((f) => isSet(v[f])).map((f) => invalid(`${path}.${f}`, v[f], 'requires indexed completion mode'));
}

/** validateTimeZone (pkg/apis/batch/validation): an IANA name the zone database knows, never `Local`. */
function timeZoneErrors(zone: unknown): FieldError[] {
  if (zone === undefined || zone === null) return [];
  const text = String(zone);
  if (text === '') return [invalid('spec.timeZone', { printed: '""' }, 'timeZone must be nil or non-empty string')];
  if (text.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part))) {
    return [invalid('spec.timeZone', text, `unknown time zone ${text}`)];
  }
  if (text.toLowerCase() === 'local') return [invalid('spec.timeZone', text, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  // time.LoadLocation's error for a name the database does not have.
  return isTimeZone(text) ? [] : [invalid('spec.timeZone', text, `unknown time zone ${text}`)];
}

/** ValidateCronJobSpec (and the 52-character name limit of ValidateCronJobCreate: the Job names add 11). */
export function validateCronJobSpec(spec: Json, name: string): FieldError[] {
  const out: FieldError[] = name.length > 52 ? [invalid('metadata.name', name, 'must be no more than 52 characters')] : [];
  const s = spec.schedule;
  if (typeof s !== 'string' || s === '') out.push(required('spec.schedule'));
  else {
    if (!isValidSchedule(s)) out.push(invalid('spec.schedule', s, 'unparseable cron schedule'));
    // validateScheduleFormat: the zone belongs in timeZone (only an old object that had TZ= may keep it).
    if (s.includes('TZ')) out.push(invalid('spec.schedule', s, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  append(out, timeZoneErrors(spec.timeZone));
  const cp = spec.concurrencyPolicy;
  if (cp !== 'Allow' && cp !== 'Forbid' && cp !== 'Replace') out.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  append(out, nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  append(out, nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'), nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return [...out, ...validateJobSpec(o(spec.jobTemplate).spec, 'spec.jobTemplate.spec')];
}
