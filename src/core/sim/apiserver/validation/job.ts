/**
 * A Job's pod failure policy as kube-apiserver validates it (pkg/apis/batch/validation/validation.go,
 * validatePodFailurePolicy and its rules, v1.33; https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy).
 */
import { duplicate, invalid, notSupported, required, tooMany, type FieldError } from '../fieldErrors';
import { isQualifiedName } from './identifiers';
import { append } from '../../../arrays';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Json => (isObj(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
/** Go's `%q` of a []string: `["In" "NotIn"]`. */
const quotedList = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
/** `%#v` of a []int32, as an exit-code list is printed. */
const int32s = (v: unknown): { printed: string } => ({ printed: Array.isArray(v) ? `[]int32{${v.map(String).join(', ')}}` : '[]int32(nil)' });
/** field.Invalid with field.OmitValueType{}: the value is not printed. */
const invalidNoValue = (field: string, detail: string): FieldError => ({ field, type: 'Invalid value', detail });

/** The policy's errors; `path` is the Job spec's ("spec" or "spec.jobTemplate.spec"). */
export function validatePodFailurePolicy(spec: Json, path: string): FieldError[] {
  const out: FieldError[] = [];
  const policyPath = `${path}.podFailurePolicy`;
  const template = o(o(spec.template).spec);
  // Only OnFailure gets this message: a value that is neither OnFailure nor Never is refused by ValidateJobSpec itself.
  if (template.restartPolicy === 'OnFailure') {
    out.push(invalid(`${path}.template.spec.restartPolicy`, 'OnFailure', 'only "Never" is supported when podFailurePolicy is specified'));
  }
  const rules = list(o(spec.podFailurePolicy).rules);
  if (rules.length > MAX_RULES) out.push(tooMany(`${policyPath}.rules`, rules.length, MAX_RULES));
  const names = new Set([...list(template.containers), ...list(template.initContainers)].map((c) => o(c).name));
  rules.forEach((rule, i) => append(out, ruleErrors(spec, o(rule), `${policyPath}.rules[${i}]`, names)));
  if (spec.podReplacementPolicy !== undefined && spec.podReplacementPolicy !== 'Failed') {
    out.push(notSupported(`${path}.podReplacementPolicy`, spec.podReplacementPolicy, ['Failed']));
  }
  return out;
}

function ruleErrors(spec: Json, rule: Json, path: string, names: ReadonlySet<unknown>): FieldError[] {
  const out: FieldError[] = [];
  const action = rule.action;
  if (action === undefined || action === '') out.push(required(`${path}.action`, `valid values: ${quotedList(ACTIONS)}`));
  else if (action === 'FailIndex') {
    if (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null) out.push(invalid(`${path}.action`, action, 'requires the backoffLimitPerIndex to be set'));
  } else if (!ACTIONS.includes(String(action))) out.push(notSupported(`${path}.action`, action, ACTIONS));
  const onExitCodes = rule.onExitCodes;
  const onPodConditions = list(rule.onPodConditions);
  if (isObj(onExitCodes)) append(out, exitCodeErrors(onExitCodes, `${path}.onExitCodes`, names));
  if (onPodConditions.length > 0) append(out, conditionErrors(onPodConditions, `${path}.onPodConditions`));
  if (isObj(onExitCodes) && onPodConditions.length > 0) out.push(invalidNoValue(path, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  if (!isObj(onExitCodes) && onPodConditions.length === 0) out.push(invalidNoValue(path, 'specifying one of OnExitCodes and OnPodConditions is required'));
  return out;
}

function exitCodeErrors(req: Json, path: string, names: ReadonlySet<unknown>): FieldError[] {
  const out: FieldError[] = [];
  const op = req.operator;
  if (op === undefined || op === '') out.push(required(`${path}.operator`, `valid values: ${quotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(String(op))) out.push(notSupported(`${path}.operator`, op, OPERATORS));
  if (typeof req.containerName === 'string' && !names.has(req.containerName)) {
    out.push(invalid(`${path}.containerName`, req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = list(req.values);
  if (values.length === 0) out.push(invalid(`${path}.values`, int32s(req.values), 'at least one value is required'));
  else if (values.length > MAX_EXIT_CODES) out.push(tooMany(`${path}.values`, values.length, MAX_EXIT_CODES));
  const seen = new Set<unknown>();
  let ordered = true;
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) out.push(invalid(`${path}.values[${j}]`, v, 'must not be 0 for the In operator'));
    if (seen.has(v)) out.push(duplicate(`${path}.values[${j}]`, v));
    else seen.add(v);
    if (j > 0 && Number(values[j - 1]) > Number(v)) ordered = false;
  });
  if (!ordered) out.push(invalid(`${path}.values`, int32s(values), 'must be ordered'));
  return out;
}

function conditionErrors(patterns: readonly unknown[], path: string): FieldError[] {
  const out: FieldError[] = [];
  if (patterns.length > MAX_CONDITION_PATTERNS) out.push(tooMany(path, patterns.length, MAX_CONDITION_PATTERNS));
  patterns.forEach((p, j) => {
    const pattern = o(p);
    const type = String(pattern.type ?? '');
    for (const msg of isQualifiedName(type)) out.push(invalid(`${path}[${j}].type`, type, msg));
    // Defaulted to "True" (SetDefaults_Job), so only a wrong value is left to refuse here.
    const status = pattern.status;
    if (status === undefined || status === '') out.push(required(`${path}[${j}].status`, `valid values: ${quotedList(CONDITION_STATUSES)}`));
    else if (!CONDITION_STATUSES.includes(String(status))) out.push(notSupported(`${path}[${j}].status`, status, CONDITION_STATUSES));
  });
  return out;
}
