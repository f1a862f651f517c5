/**
 * Decodes an object against the API's types the way kube-apiserver does before anything else sees it:
 * its JSON decoder (sigs.k8s.io/json, a case-sensitive fork of Go's encoding/json, with kubectl's
 * default `--validate=strict` making unknown fields errors) and, for enum fields, validation's
 * "Unsupported value". Messages are Go's own:
 *   json: cannot unmarshal array into Go struct field PodSpec.spec.nodeSelector of type map[string]string
 *     (encoding/json UnmarshalTypeError: the innermost struct, the JSON field path without indexes, the Go type)
 *   strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"
 *     (apimachinery's strict decoding, the path with list indexes)
 *   spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"
 *     (k8s.io/apimachinery/pkg/util/validation/field NotSupported)
 * Unlike the API server, which stops at the first type error, every problem is reported at its path.
 *
 * The object is normalised in place, as Go's decoder would leave it: `null` means absent (the key is
 * removed), and a `null` item of a list or value of a map becomes the item type's zero value (`{}` for
 * a struct, `""`, `0`, `false`). After a clean decode, every field has the type the API declares.
 */
import { closest } from './suggest';
import { getModel } from './table';
import type { ApiField, ApiType, ScalarType } from './table';
import { resolveKind } from './table';

/** Stable codes of decode findings. */
export const DecodeCode = {
  /** A value of the wrong JSON type, or a number out of range (Go's UnmarshalTypeError). */
  typeError: 'api-type-error',
  /** A field the type does not have (strict decoding). */
  unknownField: 'api-unknown-field',
  /** A quantity, time or base64 value that does not parse. */
  invalidValue: 'api-invalid-value',
  /** A value outside an enum (validation's NotSupported / Invalid). */
  unsupportedValue: 'api-unsupported-value',
} as const;

/** One problem, at a path of the object (keys and list indexes). */
export interface DecodeFinding {
  readonly path: readonly (string | number)[];
  readonly severity: 'error';
  readonly code: string;
  readonly message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The walk's position: the path (for positions and strict errors) and Go's error context. */
interface Walk {
  readonly out: DecodeFinding[];
  readonly path: (string | number)[];
  /** JSON names of the struct fields on the path (Go's errorContext.FieldStack). */
  readonly fields: string[];
  /** The Go struct whose field is being decoded (Go's errorContext.Struct). */
  struct: string;
  /** Below `status`: validation ignores it (the API server resets status on create). */
  status: boolean;
}

/** A cap on findings per object, as sigs.k8s.io/json caps strict errors at 100. */
const MAX_FINDINGS = 100;

/**
 * Decodes an object whose apiVersion and kind v1.33 serves (anything else is left untouched and
 * gives no findings: discovery reports unknown versions). Normalises nulls in place.
 */
export function decodeObject(obj: Obj): DecodeFinding[] {
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return [];
  const served = resolveKind(apiVersion, kind);
  if (!served) return [];
  const walk: Walk = { out: [], path: [], fields: [], struct: '', status: false };
  decodeStruct(obj, served.model, walk);
  return walk.out;
}

function decodeStruct(obj: Obj, modelName: string, walk: Walk): void {
  const model = getModel(modelName);
  if (!model) return;
  for (const key of Object.keys(obj)) {
    const field = model.fields.get(key);
    walk.path.push(key);
    if (!field) {
      const guess = closest(key, model.fields.keys());
      report(walk, DecodeCode.unknownField, `strict decoding error: unknown field ${JSON.stringify(strictPath(walk.path))}` // Go's %q
        + (guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ''));
    } else if (obj[key] === null) {
      delete obj[key]; // null is absent
    } else {
      const { struct, status } = walk;
      walk.fields.push(key);
      walk.struct = model.goStruct;
      if (walk.path.length === 1 && key === 'status') walk.status = true;
      const v = decodeValue(obj[key], field.type, field, walk);
      if (v !== obj[key]) obj[key] = v;
      walk.fields.pop();
      walk.struct = struct;
      walk.status = status;
    }
    walk.path.pop();
    if (walk.out.length >= MAX_FINDINGS) return;
  }
}

/** Decodes a value of `type`; returns it (or its normalised replacement). */
function decodeValue(v: unknown, type: ApiType, field: ApiField, walk: Walk): unknown {
  switch (type.kind) {
    case 'model':
      if (isObj(v)) decodeStruct(v, type.model, walk);
      else typeError(walk, v, type, field);
      return v;
    case 'array':
    case 'map':
      if (type.kind === 'array' ? Array.isArray(v) : isObj(v)) decodeItems(v as Record<string | number, unknown>, type.of, field, walk);
      else typeError(walk, v, type, field);
      return v;
    case 'scalar':
      decodeScalar(v, type.scalar, type, field, walk);
      return v;
  }
}

/** Decodes the items of a list or the values of a map, in place: a null becomes the item type's zero value. */
function decodeItems(items: Record<string | number, unknown>, of: ApiType, field: ApiField, walk: Walk): void {
  const keys: readonly (string | number)[] = Array.isArray(items) ? Array.from(items.keys()) : Object.keys(items);
  for (const key of keys) {
    const item = items[key];
    if (plainValid(item, of, field)) continue;
    walk.path.push(key);
    items[key] = item === null ? zeroValue(of) : decodeValue(item, of, field, walk);
    walk.path.pop();
    if (walk.out.length >= MAX_FINDINGS) break;
  }
}

/** A fast path for the items of big lists and maps (labels, data): a plain string or boolean that needs no check. */
function plainValid(v: unknown, type: ApiType, field: ApiField): boolean {
  if (type.kind !== 'scalar') return false;
  return (typeof v === 'string' && (type.scalar === 'string' ? field.enum === undefined : type.scalar === 'int-or-string'))
    || (typeof v === 'boolean' && type.scalar === 'boolean');
}

function decodeScalar(v: unknown, scalar: ScalarType, type: ApiType, field: ApiField, walk: Walk): void {
  switch (scalar) {
    case 'string':
      if (typeof v !== 'string') typeError(walk, v, type, field);
      else if (field.enum && v !== '' && !walk.status && !field.enum.includes(v)) unsupported(walk, v, field);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') typeError(walk, v, type, field);
      return;
    case 'int32':
    case 'int64':
      if (typeof v !== 'number') typeError(walk, v, type, field);
      else if (!fitsInt(v, scalar)) typeError(walk, v, type, field, `number ${goNumber(v)}`);
      return;
    case 'double':
      if (typeof v !== 'number') typeError(walk, v, type, field);
      else if (!Number.isFinite(v)) typeError(walk, v, type, field, `number ${goNumber(v)}`);
      return;
    case 'int-or-string':
      // intstr.IntOrString.UnmarshalJSON: a JSON string is the string, anything else is unmarshalled into an int32.
      if (typeof v === 'string') return;
      if (typeof v !== 'number') typeError(walk, v, INT32, field);
      else if (!fitsInt(v, 'int32')) typeError(walk, v, INT32, field, `number ${goNumber(v)}`);
      return;
    case 'quantity':
      checkQuantity(v, walk);
      return;
    case 'date-time':
    case 'date-time-micro':
      // metav1.Time / MicroTime.UnmarshalJSON unmarshal a string first, then time.Parse it.
      if (typeof v !== 'string') typeError(walk, v, STRING, field);
      else checkTime(v, scalar === 'date-time' ? RFC3339 : RFC3339_MICRO, walk);
      return;
    case 'byte':
      if (typeof v !== 'string') typeError(walk, v, type, field);
      else checkBase64(v, walk);
      return;
    case 'free-form':
      return; // RawExtension, JSON, interface{}: any JSON value
  }
}

const INT32: ApiType = { kind: 'scalar', scalar: 'int32' };
const STRING: ApiType = { kind: 'scalar', scalar: 'string' };

function fitsInt(v: number, scalar: 'int32' | 'int64'): boolean {
  if (!Number.isInteger(v)) return false;
  // 2^63 itself is accepted: a JS number cannot tell 9223372036854775807 (the largest int64) from it.
  return scalar === 'int32' ? v >= -2147483648 && v <= 2147483647 : v >= -(2 ** 63) && v <= 2 ** 63;
}

function report(walk: Walk, code: string, message: string): void {
  if (walk.out.length < MAX_FINDINGS) walk.out.push({ path: [...walk.path], severity: 'error', code, message });
}

/** Go's UnmarshalTypeError message (encoding/json decode.go): `json: cannot unmarshal <value> into Go struct field <Struct>.<field path> of type <type>`. */
function typeError(walk: Walk, v: unknown, type: ApiType, field: ApiField, value = jsonKind(v)): void {
  const go = goType(type, field);
  report(walk, DecodeCode.typeError,
    `json: cannot unmarshal ${value} into Go struct field ${walk.struct}.${walk.fields.join('.')} of type ${go}${type.kind === 'scalar' && type.scalar === 'string' ? quoteHint(v) : ''}`);
}

/** The YAML pitfall behind most of these: an unquoted `1.0`, `true` or `yes` where a string is wanted. */
function quoteHint(v: unknown): string {
  if (typeof v === 'number') return ' (YAML reads this unquoted value as a number: quote it to make it a string)';
  if (typeof v === 'boolean') return ' (YAML reads this unquoted value as a boolean: quote it to make it a string)';
  return '';
}

/** The word Go's decoder uses for a JSON value. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return 'number';
    default: return 'object';
  }
}

/** The Go type's name as reflect prints it: `int32`, `[]v1.Container`, `map[string]string`, `v1.RestartPolicy`. */
function goType(type: ApiType, field: ApiField): string {
  switch (type.kind) {
    case 'model': {
      const m = getModel(type.model);
      return m ? `${m.goPackage}.${m.goStruct}` : type.model;
    }
    case 'array': return `[]${goType(type.of, field)}`;
    case 'map':
      // Every map of quantities in the API is a core/v1 ResourceList.
      return type.of.kind === 'scalar' && type.of.scalar === 'quantity' ? 'v1.ResourceList' : `map[string]${goType(type.of, field)}`;
    case 'scalar':
      if (field.goType && (type.scalar === 'string')) return field.goType.includes('.') ? field.goType : `v1.${field.goType}`;
      return GO_SCALARS[type.scalar];
  }
}

const GO_SCALARS: Readonly<Record<ScalarType, string>> = {
  string: 'string', boolean: 'bool', int32: 'int32', int64: 'int64', double: 'float64',
  'date-time': 'v1.Time', 'date-time-micro': 'v1.MicroTime', 'int-or-string': 'intstr.IntOrString',
  quantity: 'resource.Quantity', byte: '[]uint8', 'free-form': 'interface {}',
};

/** A number as Go's JSON text would carry it (sigs.k8s.io/yaml writes floats with strconv 'g'). */
export function goNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v); // YAML's .inf and .nan: no JSON text can carry them
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return BigInt(v).toString(); // exact, as Go prints 2^63
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp >= -4 && exp < 21) return String(v);
  const [mant, e] = v.toExponential().split('e');
  const n = Number(e);
  return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

/** Validation's message for a value outside an enum. */
function unsupported(walk: Walk, v: string, field: ApiField): void {
  const path = strictPath(walk.path); // field.Path's String(): the same shape for these (no map keys)
  const invalid = INVALID_ENUMS[`${field.model}.${field.jsonName}`];
  report(walk, DecodeCode.unsupportedValue, invalid
    ? `${path}: Invalid value: ${JSON.stringify(v)}: ${invalid}`
    : `${path}: Unsupported value: ${JSON.stringify(v)}: supported values: ${field.enum!.map((e) => JSON.stringify(e)).join(', ')}`);
}

/**
 * Enum fields whose validation says Invalid rather than NotSupported: the selector operators
 * (pkg/apis/core/validation ValidateNodeSelectorRequirement; apimachinery metav1 validation
 * ValidateLabelSelectorRequirement).
 */
const INVALID_ENUMS: Readonly<Record<string, string>> = {
  'V1NodeSelectorRequirement.operator': 'not a valid selector operator',
  'V1LabelSelectorRequirement.operator': 'not a valid selector operator',
};

/** `spec.containers[0].name`: apimachinery's strict decoding path (map keys after a dot). */
function strictPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}

/** The zero value Go leaves for a null item of a list or value of a map. */
function zeroValue(type: ApiType): unknown {
  switch (type.kind) {
    case 'model': return {};
    case 'array': return [];
    case 'map': return {};
    case 'scalar':
      switch (type.scalar) {
        case 'boolean': return false;
        case 'int32': case 'int64': case 'double': case 'int-or-string': return 0;
        case 'quantity': return '0';
        case 'free-form': return null;
        default: return '';
      }
  }
}

/** resource.Quantity's errors (k8s.io/apimachinery/pkg/api/resource/quantity.go). */
const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const ERR_SUFFIX = "unable to parse quantity's suffix";
const SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);

/**
 * Quantity.UnmarshalJSON: the JSON text (a string without its quotes, or a number, bool…) goes
 * through ParseQuantity. Reported as `invalid quantity "x": <ParseQuantity's error>`.
 */
function checkQuantity(v: unknown, walk: Walk): void {
  if (typeof v === 'number' && Number.isFinite(v)) return;
  const text = typeof v === 'string' ? v.trim() : typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  const error = quantityError(text);
  if (error) report(walk, DecodeCode.invalidValue, `invalid quantity ${JSON.stringify(typeof v === 'string' ? v : text)}: ${error}`);
}

/** ParseQuantity's error for a text, or undefined when it parses (parseQuantityString, then the suffix). */
export function quantityError(str: string): string | undefined {
  if (str === '') return ERR_FORMAT_WRONG;
  let pos = 0;
  const end = str.length;
  const digitsFrom = (i: number): number => {
    while (i < end && str[i] >= '0' && str[i] <= '9') i++;
    return i;
  };
  if (str[0] === '+' || str[0] === '-') pos++;
  pos = digitsFrom(pos);
  if (pos < end && str[pos] === '.') pos = digitsFrom(pos + 1);
  if (pos >= end) return undefined; // a plain number
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  if (digitsFrom(pos) < end) return ERR_FORMAT_WRONG;
  const suffix = str.slice(suffixStart);
  return SUFFIXES.has(suffix) || /^[eE][+-]?\d+$/.test(suffix) ? undefined : ERR_SUFFIX;
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';
const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

/** time.Parse with the RFC 3339 layouts, with Go's error text (`cannot parse "x" as "2006"`). */
function checkTime(v: string, layout: string, walk: Walk): void {
  const problem = parseTime(v, layout === RFC3339_MICRO);
  if (problem) report(walk, DecodeCode.invalidValue, `parsing time ${JSON.stringify(v)} as ${JSON.stringify(layout)}: ${problem}`);
}

function parseTime(v: string, micro: boolean): string | undefined {
  const elems: [string, RegExp][] = [
    ['2006', /^\d{4}/], ['-', /^-/], ['01', /^\d{2}/], ['-', /^-/], ['02', /^\d{2}/], ['T', /^T/],
    ['15', /^\d{2}/], [':', /^:/], ['04', /^\d{2}/], [':', /^:/], ['05', /^\d{2}/],
    ...(micro ? [['.000000', /^\.\d{6}/] as [string, RegExp]] : [['', /^(?:\.\d+)?/] as [string, RegExp]]),
    ['Z07:00', /^(?:Z|[+-]\d{2}:\d{2})/],
  ];
  let rest = v;
  const nums: number[] = [];
  for (const [elem, re] of elems) {
    const m = re.exec(rest);
    if (!m) return elem === '' ? undefined : `cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`;
    if (/^\d+$/.test(m[0])) nums.push(Number(m[0]));
    rest = rest.slice(m[0].length);
  }
  if (rest !== '') return `extra text: ${JSON.stringify(rest)}`;
  const [, month, day, hour, minute, second] = nums;
  if (month < 1 || month > 12) return 'month out of range';
  if (day < 1 || day > 31) return 'day out of range';
  if (hour > 23) return 'hour out of range';
  if (minute > 59) return 'minute out of range';
  if (second > 59) return 'second out of range';
  return undefined;
}

const B64 = /[A-Za-z0-9+/]/;

/** encoding/base64 StdEncoding.Decode's CorruptInputError: `illegal base64 data at input byte N`. */
function checkBase64(v: string, walk: Walk): void {
  const at = base64Error(new TextEncoder().encode(v));
  if (at !== undefined) report(walk, DecodeCode.invalidValue, `illegal base64 data at input byte ${at}`);
}

/** The offset Go's decoder reports, or undefined when the text is valid (padded) base64; newlines are skipped. */
export function base64Error(src: Uint8Array): number | undefined {
  let si = 0;
  const skipNewlines = (): void => {
    while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
  };
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return si - j;
      }
      const c = src[si++];
      if (c === 10 || c === 13) {
        j--;
        continue;
      }
      if (B64.test(String.fromCharCode(c))) continue;
      if (c !== 61 /* = */) return si - 1;
      // Padding.
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        skipNewlines();
        if (si === src.length) return src.length;
        if (src[si] !== 61) return si - 1;
        si++;
      }
      skipNewlines();
      return si < src.length ? si : undefined;
    }
  }
}
