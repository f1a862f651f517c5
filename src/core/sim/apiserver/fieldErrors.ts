/**
 * kube-apiserver's error text, built as apimachinery builds it:
 * - a field error (staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go): `path: Type: value: detail`;
 * - an aggregate of them (apimachinery/pkg/util/errors/errors.go): one message alone, several as `[a, b]`, duplicates dropped;
 * - the StatusErrors (apimachinery/pkg/api/errors/errors.go NewInvalid, NewForbidden):
 *   `Deployment.apps "web" is invalid: spec.selector: Required value`, `pods "web-1" is forbidden: …`.
 * Values are printed as Go's fmt prints them in v1.33 (`%q` for strings, `%v` for numbers, `%#v` for maps).
 */

/** One field error. `value` is already printed the Go way (undefined: the type prints no value). */
export interface FieldError {
  readonly field: string;
  readonly type: 'Required value' | 'Invalid value' | 'Unsupported value' | 'Forbidden' | 'Duplicate value' | 'Too long' | 'Too many' | 'Not found';
  readonly value?: string;
  readonly detail: string;
}

/** A value as field.Error prints it: strings quoted, numbers and booleans bare, string maps as `map[string]string{"k":"v"}`. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}` : JSON.stringify(v);
  return goStringMap(v as Record<string, unknown>);
}

/** `%#v` of a map[string]string: keys sorted, `map[string]string(nil)` when absent. */
export function goStringMap(m: Record<string, unknown> | undefined): string {
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`).join(', ')}}`;
}

/** field.Required. */
export function required(field: string, detail = ''): FieldError {
  return { field, type: 'Required value', detail };
}
/** field.Invalid (value printed with goValue unless given as `{ printed }`). */
export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { field, type: 'Invalid value', value: print(value), detail };
}
/** goValue, or the text of a value already printed (`{ printed }`, for Go structs). */
function print(value: unknown): string {
  return typeof value === 'object' && value !== null && 'printed' in value ? String((value as { printed: unknown }).printed) : goValue(value);
}
/** field.NotSupported: `supported values: "a", "b"`. */
export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  return { field, type: 'Unsupported value', value: print(value), detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` };
}
/** field.Forbidden. */
export function forbidden(field: string, detail: string): FieldError {
  return { field, type: 'Forbidden', detail };
}
/** field.Duplicate. */
export function duplicate(field: string, value: unknown): FieldError {
  return { field, type: 'Duplicate value', value: goValue(value), detail: '' };
}
/** field.TooLong as v1.33 words it (the value is omitted). */
export function tooLong(field: string, max: number): FieldError {
  return { field, type: 'Too long', detail: `may not be more than ${max} bytes` };
}

/** field.TooMany: the count found, then the most allowed. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  return { field, type: 'Too many', value: String(actual), detail: `must have at most ${max} ${max === 1 ? 'item' : 'items'}` };
}

/** `path: Type[: value][: detail]` (field.Error.Error). */
export function fieldErrorString(e: FieldError): string {
  const body = e.value === undefined ? e.type : `${e.type}: ${e.value}`;
  return `${e.field}: ${e.detail ? `${body}: ${e.detail}` : body}`;
}

/** utilerrors.NewAggregate(...).Error(): one message, or `[a, b]`, duplicates dropped. */
export function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** API group of an apiVersion ("apps/v1" → "apps", "v1" → ""). */
export function groupOf(apiVersion: unknown): string {
  return typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** errors.NewInvalid: `Deployment.apps "web" is invalid: …` (the kind qualified by its group, as schema.GroupKind prints). */
export function invalidError(kind: string, apiVersion: unknown, name: string, errs: readonly FieldError[]): string {
  const group = groupOf(apiVersion);
  return `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${aggregate(errs.map(fieldErrorString))}`;
}

/** errors.NewForbidden: `pods "web-1" is forbidden: …` (the resource, e.g. "pods" or "deployments.apps"). */
export function forbiddenError(resource: string, name: string, reason: string): string {
  return `${resource} "${name}" is forbidden: ${reason}`;
}
