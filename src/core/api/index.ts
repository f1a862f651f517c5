/**
 * The Kubernetes API (v1.33) as data, for the manifest layer (decoding, discovery) and the editor
 * (path-aware hovers): every model reachable from the served kinds, generated from
 * `@kubernetes/client-node` by scripts/genApiTable.ts (`npm run gen:api`), never hand-written.
 *
 *   resolveKind('apps/v1', 'Deployment')                     → { model: 'V1Deployment', namespaced: true, … }
 *   fieldAt('apps/v1', 'Deployment', ['spec', 'replicas'])   → { field: { jsonName: 'replicas', type: int32 … }, goStruct: 'DeploymentSpec', … }
 *   await fieldDoc('apps/v1', 'Deployment', ['spec', 'replicas']) → 'Number of desired pods. …' (after setApiDocsLoader)
 */
import { loadApiDocs, modelFieldDoc } from './docs';
import { getModel, resolveKind, servedVersionsOf } from './table';
import type { ApiField, ApiType, ServedVersion } from './table';

export { API_VERSION } from './generated/apiTypes';
export { getModel, kindNames, modelNames, resolveKind } from './table';
export type { ApiField, ApiModel, ApiType, ScalarType, ServedVersion } from './table';
export { apiDocsLoaded, loadApiDocs, modelFieldDoc, setApiDocsLoader } from './docs';
export type { ApiDocs, ApiDocsLoader } from './docs';
export { decodeObject, DecodeCode } from './decode';
export type { DecodeFinding } from './decode';
export { discover } from './discovery';
export { admitToApi, DiscoveryCode } from './admit';
export type { ApiFinding } from './admit';
export type { Discovery } from './discovery';

/** The group/versions that serve a kind in v1.33, GA first; empty for a kind the API does not have. */
export function servedVersions(kind: string): readonly ServedVersion[] {
  return servedVersionsOf(kind);
}


/** What {@link fieldAt} finds at a path. */
export interface FieldAt {
  /** The last named field on the path (for `containers[0]`, `containers`; for `labels.app`, `labels`). */
  readonly field: ApiField;
  /** The Go struct holding that field (`PodSpec`), as the API server's messages name it. */
  readonly goStruct: string;
  /** The type of the value exactly at the path: an item of a list, a value of a map, or the field's own. */
  readonly valueType: ApiType;
  /** The JSON path of the field without list indexes or map keys, as decode errors print it: `spec.template.spec.containers.image`. */
  readonly jsonPath: string;
}

/**
 * The field at a path of an object of `kind` at `apiVersion` (path segments are keys and list
 * indexes, as {@link import('../manifests').SourcedObject.keyRange} takes them). Undefined when the
 * kind is not served at that version, the path leaves the schema, or the path is empty.
 */
export function fieldAt(apiVersion: string, kind: string, path: readonly (string | number)[]): FieldAt | undefined {
  const served = resolveKind(apiVersion, kind);
  if (!served || path.length === 0) return undefined;
  let type: ApiType = { kind: 'model', model: served.model };
  let found: FieldAt | undefined;
  const names: string[] = [];
  for (const seg of path) {
    if (type.kind === 'model') {
      const model = getModel(type.model);
      const field = model?.fields.get(String(seg));
      if (!model || !field) return undefined;
      names.push(field.jsonName);
      type = field.type;
      found = { field, goStruct: model.goStruct, valueType: type, jsonPath: names.join('.') };
    } else if (type.kind === 'array' && typeof seg === 'number') {
      type = type.of;
      found = { ...found!, valueType: type };
    } else if (type.kind === 'map') {
      type = type.of;
      found = { ...found!, valueType: type };
    } else {
      return undefined; // into a scalar, a free-form object, or a list by key
    }
  }
  return found;
}

/**
 * The field at a path of a parsed YAML document (its plain value), reading apiVersion and kind from the
 * document itself, or from the item a path into a `List` (`items[i]…`) goes through.
 */
export function fieldInDocument(document: unknown, path: readonly (string | number)[]): FieldAt | undefined {
  const typeMeta = (v: unknown): { apiVersion: string; kind: string } | undefined => {
    const o = v as { apiVersion?: unknown; kind?: unknown } | null;
    return typeof o === 'object' && o !== null && typeof o.apiVersion === 'string' && typeof o.kind === 'string'
      ? { apiVersion: o.apiVersion, kind: o.kind } : undefined;
  };
  const doc = typeMeta(document);
  const items = (document as { items?: unknown } | null)?.items;
  if (doc && doc.kind.endsWith('List') && path[0] === 'items' && typeof path[1] === 'number' && Array.isArray(items)) {
    const item = typeMeta(items[path[1]]);
    return item ? fieldAt(item.apiVersion, item.kind, path.slice(2)) : undefined;
  }
  return doc ? fieldAt(doc.apiVersion, doc.kind, path) : undefined;
}

/**
 * The API's description of the field at a path (else of the model it holds, for fields that only
 * reference a model, such as `affinity`), loading the descriptions on first use; undefined when no
 * loader is set ({@link setApiDocsLoader}) or the path is not in the API.
 */
export async function fieldDoc(apiVersion: string, kind: string, path: readonly (string | number)[]): Promise<string | undefined> {
  const at = fieldAt(apiVersion, kind, path);
  if (!at) return undefined;
  await loadApiDocs();
  return modelFieldDoc(at.field.model, at.field.jsonName) ?? (innerModel(at.field.type) ? modelFieldDoc(innerModel(at.field.type)!) : undefined);
}

function innerModel(type: ApiType): string | undefined {
  return type.kind === 'model' ? type.model : type.kind === 'scalar' ? undefined : innerModel(type.of);
}

/** A short human name of a type, for hovers: `string`, `int32`, `[]Container`, `map[string]Quantity`. */
export function typeLabel(type: ApiType): string {
  switch (type.kind) {
    case 'scalar': return SCALAR_LABELS[type.scalar];
    case 'model': return getModel(type.model)?.goStruct ?? type.model;
    case 'array': return `[]${typeLabel(type.of)}`;
    case 'map': return `map[string]${typeLabel(type.of)}`;
  }
}

const SCALAR_LABELS = {
  string: 'string', boolean: 'boolean', int32: 'int32', int64: 'int64', double: 'number', 'date-time': 'Time (RFC 3339)',
  'date-time-micro': 'MicroTime (RFC 3339)', 'int-or-string': 'IntOrString', quantity: 'Quantity', byte: 'base64 bytes', 'free-form': 'any JSON',
} as const;
