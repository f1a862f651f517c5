/**
 * Reads the generated table (generated/apiTypes.ts) into typed models, lazily, one model at a time.
 *
 * The grammar of a model's string, written by scripts/genApiTable.ts:
 *   fields  = field (';' field)*
 *   field   = jsonName ['!'] ':' type ['~' GoType] ['=' value ('|' value)*]
 *             '!': required; '~': the Go named type of the field (or of its items); '=': enum values
 *   type    = '[' type            an array of
 *           | '{' type            a map from string to
 *           | ModelName           another model (starts with an upper-case letter)
 *           | 's' string | 'b' boolean | 'i' int32 | 'l' int64 | 'd' float64
 *           | 't' date-time (metav1.Time) | 'u' date-time-micro (metav1.MicroTime)
 *           | 'x' int-or-string (intstr.IntOrString) | 'q' quantity (resource.Quantity)
 *           | 'y' byte (base64 in JSON, []byte in Go) | '*' free-form (RawExtension, JSON)
 */
import { KINDS, MODELS } from './generated/apiTypes';

/** The scalar types of the API, named after their OpenAPI type or format. */
export type ScalarType =
  | 'string' | 'boolean' | 'int32' | 'int64' | 'double'
  | 'date-time' | 'date-time-micro' | 'int-or-string' | 'quantity' | 'byte' | 'free-form';

/** The type of a field's value. */
export type ApiType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarType }
  | { readonly kind: 'model'; readonly model: string }
  | { readonly kind: 'array'; readonly of: ApiType }
  | { readonly kind: 'map'; readonly of: ApiType };

/** One field of a model. */
export interface ApiField {
  /** The model (client-node's name, e.g. `V1PodSpec`) the field belongs to. */
  readonly model: string;
  /** The name in YAML/JSON, e.g. `nodeSelector`. */
  readonly jsonName: string;
  readonly type: ApiType;
  /** True when the OpenAPI lists the field as required. */
  readonly required: boolean;
  /** Allowed values of an enum-typed string field (or of each item of a list of them). */
  readonly enum?: readonly string[];
  /** The Go named type of the field (or of each item of a list), when the table knows it: `RestartPolicy`, `types.UID`. */
  readonly goType?: string;
}

/** A model: a Go struct of the API. */
export interface ApiModel {
  /** client-node's name, e.g. `V1PodSpec`, `CoreV1Event`. */
  readonly name: string;
  /** The Go struct's name, as the API server's messages print it: `PodSpec`. */
  readonly goStruct: string;
  /** The Go package name of the struct (its API version): `v1`, `v2`, `v1beta1`. */
  readonly goPackage: string;
  readonly fields: ReadonlyMap<string, ApiField>;
}

const SCALARS: Readonly<Record<string, ScalarType>> = {
  s: 'string', b: 'boolean', i: 'int32', l: 'int64', d: 'double', t: 'date-time', u: 'date-time-micro',
  x: 'int-or-string', q: 'quantity', y: 'byte', '*': 'free-form',
};
const scalarTypes = new Map<string, ApiType>(Object.entries(SCALARS).map(([k, s]) => [k, { kind: 'scalar', scalar: s }]));
const modelTypes = new Map<string, ApiType>();
const models = new Map<string, ApiModel | null>();

function parseType(code: string): ApiType {
  if (code.startsWith('[')) return { kind: 'array', of: parseType(code.slice(1)) };
  if (code.startsWith('{')) return { kind: 'map', of: parseType(code.slice(1)) };
  const scalar = scalarTypes.get(code);
  if (scalar) return scalar;
  let t = modelTypes.get(code);
  if (!t) modelTypes.set(code, (t = { kind: 'model', model: code }));
  return t;
}

/** `V1PodSpec` → [`PodSpec`, `v1`]; `CoreV1Event` → [`Event`, `v1`]; `V1beta2DeviceClass` → [`DeviceClass`, `v1beta2`]. */
function goName(model: string): [string, string] {
  const m = /^[A-Za-z]*?(V\d+(?:alpha\d+|beta\d+)?)(?=[A-Z])(.*)$/.exec(model);
  return m ? [m[2], m[1].toLowerCase()] : [model, ''];
}

/** The model of this name, parsed on first use; undefined when the table has no such model. */
export function getModel(name: string): ApiModel | undefined {
  let model = models.get(name);
  if (model === undefined) {
    const encoded = Object.prototype.hasOwnProperty.call(MODELS, name) ? MODELS[name] : undefined;
    model = encoded === undefined ? null : parseModel(name, encoded);
    models.set(name, model);
  }
  return model ?? undefined;
}

function parseModel(name: string, encoded: string): ApiModel {
  const fields = new Map<string, ApiField>();
  for (const f of encoded === '' ? [] : encoded.split(';')) {
    const colon = f.indexOf(':');
    let jsonName = f.slice(0, colon);
    const required = jsonName.endsWith('!');
    if (required) jsonName = jsonName.slice(0, -1);
    const [typeAndGo, values] = f.slice(colon + 1).split('=');
    const [typeCode, goType] = typeAndGo.split('~');
    const field: { -readonly [K in keyof ApiField]: ApiField[K] } = { model: name, jsonName, type: parseType(typeCode), required };
    if (goType !== undefined) field.goType = goType;
    if (values !== undefined) field.enum = values.split('|');
    fields.set(jsonName, field);
  }
  const [goStruct, goPackage] = goName(name);
  return { name, goStruct, goPackage, fields };
}

/** Every model name in the table (sorted). */
export function modelNames(): readonly string[] {
  return Object.keys(MODELS);
}

/** A group/version that serves a kind, from the generated discovery table. */
export interface ServedVersion {
  readonly kind: string;
  /** `apps/v1`, or `v1` for the core group. */
  readonly apiVersion: string;
  /** The API group, `''` for the core group. */
  readonly group: string;
  readonly version: string;
  /** The model of the kind in this version, e.g. `V1Deployment`. */
  readonly model: string;
  readonly namespaced: boolean;
  /** The REST resource (plural), e.g. `deployments`. */
  readonly resource: string;
  /** GA versions are served by default; alpha and beta ones only when enabled (`--runtime-config`). */
  readonly stability: 'ga' | 'beta' | 'alpha';
}

const served = new Map<string, readonly ServedVersion[]>();

/** The versions serving a kind, GA first (an empty list for kinds the API does not have). */
export function servedVersionsOf(kind: string): readonly ServedVersion[] {
  let list = served.get(kind);
  if (list) return list;
  const encoded = Object.prototype.hasOwnProperty.call(KINDS, kind) ? KINDS[kind] : '';
  list = encoded === '' ? [] : encoded.split(';').map((entry) => {
    const [apiVersion, modelFlag, resource] = entry.split('=');
    const slash = apiVersion.indexOf('/');
    const version = apiVersion.slice(slash + 1);
    const stability = /alpha/.test(version) ? 'alpha' : /beta/.test(version) ? 'beta' : 'ga';
    return {
      kind, apiVersion, group: slash < 0 ? '' : apiVersion.slice(0, slash), version,
      model: modelFlag.replace(/!$/, ''), namespaced: !modelFlag.endsWith('!'), resource, stability,
    } satisfies ServedVersion;
  });
  const rank = { ga: 0, beta: 1, alpha: 2 } as const;
  list = [...list].sort((a, b) => rank[a.stability] - rank[b.stability]);
  served.set(kind, list);
  return list;
}

/** The served version of `kind` at `apiVersion`, or undefined when v1.33 does not serve that pair. */
export function resolveKind(apiVersion: string, kind: string): ServedVersion | undefined {
  return servedVersionsOf(kind).find((v) => v.apiVersion === apiVersion);
}

/** Every kind in the discovery table (sorted). */
export function kindNames(): readonly string[] {
  return Object.keys(KINDS);
}
