/**
 * A Kubernetes JSON schema for yaml-language-server, generated offline from the same v1.33 API table
 * the hovers read (src/core/api): one definition per model with its fields' types and the API's
 * descriptions, and an `anyOf` of every GA kind keyed by `kind` and `apiVersion`. The benchmark
 * uses it because yaml-language-server's built-in `kubernetes` schema is downloaded at run time.
 */
import { getModel, kindNames, modelFieldDoc, servedVersions, type ApiType } from '../../src/core/api';

type Schema = Record<string, unknown>;

function typeSchema(t: ApiType, defs: Map<string, Schema>): Schema {
  switch (t.kind) {
    case 'array': return { type: 'array', items: typeSchema(t.of, defs) };
    case 'map': return { type: 'object', additionalProperties: typeSchema(t.of, defs) };
    case 'model': addModel(t.model, defs); return { $ref: `#/definitions/${t.model}` };
    case 'scalar':
      switch (t.scalar) {
        case 'string': case 'byte': return { type: 'string' };
        case 'boolean': return { type: 'boolean' };
        case 'int32': case 'int64': return { type: 'integer' };
        case 'double': return { type: 'number' };
        case 'date-time': case 'date-time-micro': return { type: 'string', format: 'date-time' };
        case 'int-or-string': case 'quantity': return { anyOf: [{ type: 'integer' }, { type: 'string' }] };
        case 'free-form': return {};
      }
  }
}

function addModel(name: string, defs: Map<string, Schema>): void {
  if (defs.has(name)) return;
  const model = getModel(name);
  const schema: Schema = { type: 'object' };
  defs.set(name, schema);
  if (!model) return;
  const description = modelFieldDoc(name);
  if (description) schema.description = description;
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const f of model.fields.values()) {
    const p = typeSchema(f.type, defs);
    const d = modelFieldDoc(name, f.jsonName);
    properties[f.jsonName] = { ...p, ...(d ? { description: d } : {}), ...(f.enum ? { enum: f.enum } : {}) };
    if (f.required) required.push(f.jsonName);
  }
  schema.properties = properties;
  if (required.length > 0) schema.required = required;
}

/** The schema (descriptions must be loaded first: loadApiDocs). */
export function kubernetesJsonSchema(): Schema {
  const defs = new Map<string, Schema>();
  const kinds: Schema[] = [];
  for (const kind of kindNames()) {
    const v = servedVersions(kind).find((s) => s.stability === 'ga');
    if (!v) continue;
    addModel(v.model, defs);
    kinds.push({ allOf: [{ $ref: `#/definitions/${v.model}` }], properties: { kind: { const: kind }, apiVersion: { const: v.apiVersion } }, required: ['kind', 'apiVersion'] });
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', definitions: Object.fromEntries(defs), anyOf: kinds };
}
