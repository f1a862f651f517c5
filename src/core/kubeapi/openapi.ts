/**
 * OpenAPI v3 as kube-apiserver serves it at `/openapi/v3` (a root listing one document per group/version)
 * and `/openapi/v3/apis/GROUP/VERSION`, generated from the same API table as the field hovers
 * (src/core/api: generated/apiTypes.ts for the types, generated/apiDocs.json for the descriptions).
 *
 * Two clients read it:
 * - kubectl's field-validation check reads the PATCH operations' `x-kubernetes-group-version-kind` and
 *   `fieldValidation` parameter (kubectl's query_param_verifier_v3.go), then sends `fieldValidation=Strict`.
 *   The PATCH operations have no `requestBody`, so client-side `kubectl apply` keeps computing strategic
 *   merge patches from its built-in types (kubectl's apply/patcher.go gvkSupportsPatchOpenAPIV3).
 * - `kubectl explain` (kubectl's explain/v2/templates/plaintext.tmpl) finds the kind's GVK on an operation
 *   of the resource's path, then the schema in `components.schemas` whose `x-kubernetes-group-version-kind`
 *   lists it, and follows `properties`, `$ref`, single-element `allOf` (a reference with its own
 *   description), `items` and `additionalProperties`.
 * Documents are built on first request and cached: the table never changes while the server runs.
 */
import { getModel, kindNames, resolveKind, servedVersions, type ApiDocs, type ApiType } from '../api';
import { apiGroups, groupVersion, RESOURCES, type Resource } from './resources';

/** Changes whenever the documents' shape changes, so a client's cache (keyed by the hash) is refreshed. */
const GENERATOR = 'schemas-2';

/** The `/openapi/v3` root. */
export function openApiRoot(withDocs: boolean): object {
  const gvs = ['api/v1', ...apiGroups().flatMap((g) => g.versions.map((v) => `apis/${g.name}/${v}`))];
  return { paths: Object.fromEntries(gvs.map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${hash(`${GENERATOR}:${withDocs}:${p}`)}` }])) };
}

const cache = new Map<string, string | null>();

/**
 * `/openapi/v3/api/v1` or `/openapi/v3/apis/G/V` as JSON text, or undefined. `docs` gives the descriptions
 * (undefined where they cannot be read: the schemas are then served without them).
 */
export function openApiDocument(path: string, docs: ApiDocs | undefined): string | undefined {
  const key = `${docs ? 'd' : 'n'}${path}`;
  let text = cache.get(key);
  if (text === undefined) {
    const doc = buildDocument(path, docs);
    text = doc ? JSON.stringify(doc) : null;
    cache.set(key, text);
  }
  return text ?? undefined;
}

function buildDocument(path: string, docs: ApiDocs | undefined): object | undefined {
  const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return undefined;
  const [group, version] = m[1] ? ['', 'v1'] : [m[2], m[3]];
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) return undefined;
  const paths: Record<string, object> = {};
  for (const r of resources) {
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    if (r.verbs.includes('list')) paths[collectionPath(r)] = { get: operation(r, 'list', gvk) };
    else if (r.verbs.includes('create')) paths[collectionPath(r)] = { post: operation(r, 'post', gvk) };
    if (r.verbs.includes('get') || r.verbs.includes('patch')) {
      paths[`${collectionPath(r)}/{name}`] = {
        ...(r.verbs.includes('get') ? { get: operation(r, 'get', gvk) } : {}),
        ...(r.verbs.includes('patch') ? { patch: patchOperation(r, gvk) } : {}),
      };
    }
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.33.0' }, paths, components: { schemas: schemasFor(resources, docs) } };
}

function collectionPath(r: Resource): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : '/api/v1';
  return `${base}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
}

const QUERY = (name: string, description: string): object => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });

function operation(r: Resource, action: 'list' | 'get' | 'post', gvk: object): object {
  const verb = { list: 'list or watch objects of kind', get: 'read the specified', post: 'create a' }[action];
  return {
    tags: [groupVersion(r)], description: `${verb} ${r.kind}`,
    responses: { 200: { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName(modelOf(r) ?? r.kind)}` } } } } },
    'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvk,
  };
}

function patchOperation(r: Resource, gvk: object): object {
  return {
    tags: [groupVersion(r)], description: `partially update the specified ${r.kind}`, operationId: `patch${r.kind}`,
    parameters: [
      QUERY('dryRun', 'When present, indicates that modifications should not be persisted.'),
      QUERY('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
      QUERY('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields: Ignore, Warn or Strict.'),
      { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
    ],
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': gvk,
  };
}

function modelOf(r: Resource): string | undefined {
  return resolveKind(groupVersion(r), r.kind)?.model;
}

/** The apimachinery types the table holds as scalars, as kube-openapi names and describes them. */
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const SHARED: Readonly<Record<string, object>> = {
  [`${META}.Time`]: { type: 'string', format: 'date-time', description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.' },
  [`${META}.MicroTime`]: { type: 'string', format: 'date-time', description: 'MicroTime is version of Time with microsecond level precision.' },
  // kube-openapi gives these two no `type` but a oneOf (OpenAPIV3OneOfTypes), so kubectl explain prints <IntOrString> and <Quantity>.
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }], description: 'IntOrString is a type that can hold an int32 or a string.' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }], description: 'Quantity is a fixed-point representation of a number, such as 500m or 1Gi.' },
};
const SHARED_REF: Partial<Record<string, string>> = {
  'date-time': `${META}.Time`, 'date-time-micro': `${META}.MicroTime`,
  'int-or-string': 'io.k8s.apimachinery.pkg.util.intstr.IntOrString', quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
};

/** Every model reachable from the resources' kinds, as OpenAPI schemas keyed by kube-openapi's names. */
function schemasFor(resources: readonly Resource[], docs: ApiDocs | undefined): Record<string, object> {
  const out: Record<string, object> = {};
  const kinds = new Map<string, { group: string; version: string; kind: string }[]>();
  for (const r of resources) {
    const model = modelOf(r);
    if (model) kinds.set(model, [...(kinds.get(model) ?? []), { group: r.group, version: r.version, kind: r.kind }]);
  }
  const queue = [...kinds.keys()];
  const seen = new Set(queue);
  const refs = new Set<string>();
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const model = getModel(name);
    if (!model) continue;
    const doc = docs?.models[name];
    const properties: Record<string, object> = {};
    const required: string[] = [];
    for (const f of model.fields.values()) {
      properties[f.jsonName] = fieldSchema(f.type, doc?.[f.jsonName], f.enum, (m) => {
        if (!seen.has(m)) { seen.add(m); queue.push(m); }
      }, refs);
      if (f.required) required.push(f.jsonName);
    }
    const gvks = kinds.get(name);
    out[schemaName(name)] = {
      ...(doc?.[''] ? { description: doc[''] } : {}), type: 'object', properties,
      ...(required.length ? { required } : {}), ...(gvks ? { 'x-kubernetes-group-version-kind': gvks } : {}),
    };
  }
  for (const r of refs) if (SHARED[r]) out[r] = SHARED[r];
  return out;
}

function fieldSchema(type: ApiType, description: string | undefined, values: readonly string[] | undefined, reach: (model: string) => void, refs: Set<string>): object {
  const described = description ? { description } : {};
  switch (type.kind) {
    case 'array': return { type: 'array', items: fieldSchema(type.of, undefined, values, reach, refs), ...described };
    case 'map': return { type: 'object', additionalProperties: fieldSchema(type.of, undefined, undefined, reach, refs), ...described };
    case 'model': {
      reach(type.model);
      const ref = { $ref: `#/components/schemas/${schemaName(type.model)}` };
      // A reference with its own description is wrapped in allOf, as kube-openapi writes it (OpenAPI 3.0 ignores siblings of $ref).
      return description ? { allOf: [ref], ...described } : ref;
    }
    case 'scalar': {
      const shared = SHARED_REF[type.scalar];
      if (shared) {
        refs.add(shared);
        const ref = { $ref: `#/components/schemas/${shared}` };
        return description ? { allOf: [ref], ...described } : ref;
      }
      const enumerated = values ? { enum: values } : {};
      switch (type.scalar) {
        case 'boolean': return { type: 'boolean', ...described };
        case 'int32': case 'int64': return { type: 'integer', format: type.scalar, ...described };
        case 'double': return { type: 'number', format: 'double', ...described };
        case 'byte': return { type: 'string', format: 'byte', ...described };
        case 'free-form': return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, ...described };
        default: return { type: 'string', ...described, ...enumerated };
      }
    }
  }
}

function innerModel(type: ApiType): string | undefined {
  return type.kind === 'model' ? type.model : type.kind === 'scalar' ? undefined : innerModel(type.of);
}

/** The apimachinery models (package meta/v1) among the table's `V1…` models. */
const META_MODELS = new Set(['ObjectMeta', 'ListMeta', 'LabelSelector', 'LabelSelectorRequirement', 'OwnerReference', 'ManagedFieldsEntry', 'Condition', 'Status', 'StatusDetails', 'StatusCause', 'DeleteOptions', 'Preconditions']);

/** The Go package (kube-openapi's name prefix) of each API group. */
function groupPackage(group: string): string {
  if (group === '') return 'io.k8s.api.core';
  if (group === 'apiextensions.k8s.io') return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions';
  if (group === 'apiregistration.k8s.io') return 'io.k8s.kube-aggregator.pkg.apis.apiregistration';
  return `io.k8s.api.${group.split('.')[0]}`;
}

let owners: Map<string, string> | undefined;

/**
 * kube-openapi's name of a model: `V1DeploymentSpec` → `io.k8s.api.apps.v1.DeploymentSpec`. The table keeps
 * client-node's names, which drop the Go package, so a model is placed in the package of the first kind of
 * the API that reaches it (the core group's kinds first, so `PodTemplateSpec` is core), apart from meta/v1's types and
 * the names that carry their group (`CoreV1Event`, `DiscoveryV1EndpointPort`).
 */
export function schemaName(model: string): string {
  const m = getModel(model);
  if (!m) return model;
  const prefixed = /^([A-Z][a-z]+)V\d/.exec(model);
  if (prefixed) return `${groupPackage(prefixed[1] === 'Core' ? '' : prefixed[1].toLowerCase())}.${m.goPackage}.${m.goStruct}`;
  if (META_MODELS.has(m.goStruct) && m.goPackage === 'v1') return `${META}.${m.goStruct}`;
  owners ??= modelOwners();
  return `${groupPackage(owners.get(model) ?? '')}.${m.goPackage}.${m.goStruct}`;
}

function modelOwners(): Map<string, string> {
  const found = new Map<string, string>();
  const all = kindNames().flatMap((k) => servedVersions(k));
  const ordered = [...all.filter((v) => v.group === ''), ...all.filter((v) => v.group !== '')];
  for (const r of ordered) {
    const queue = [r.model];
    while (queue.length > 0) {
      const name = queue.shift() as string;
      if (found.has(name)) continue;
      found.set(name, r.group);
      for (const f of getModel(name)?.fields.values() ?? []) {
        const inner = innerModel(f.type);
        if (inner && !found.has(inner)) queue.push(inner);
      }
    }
  }
  return found;
}

/** A stable hash of a document's name (the served documents never change while the server runs). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).toUpperCase().padStart(8, '0').repeat(4);
}
