/**
 * The quantities of an object as kube-apiserver stores and returns them: every resource.Quantity field
 * (a container's requests and limits, a claim's storage, a quota's hard limits, an emptyDir's sizeLimit …)
 * in canonical form ({@link canonicalQuantity}), since the API server decodes each into a Quantity and
 * encodes it back. Found through the API's types, so no field is listed by hand.
 */
import { canonicalQuantity } from '../quantity';
import { getModel, resolveKind } from './table';
import type { ApiField, ApiType } from './table';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Models (by name) from which a quantity field can be reached; computed once per model. */
const reaches = new Map<string, boolean>();
/** The same per field, so a walk (one per pod a controller creates) allocates nothing to decide it. */
const fieldReaches = new WeakMap<ApiField, boolean>();

function reachesFrom(field: ApiField): boolean {
  let r = fieldReaches.get(field);
  if (r === undefined) fieldReaches.set(field, (r = typeReaches(field.type, new Set())));
  return r;
}

function typeReaches(type: ApiType, visiting: Set<string>): boolean {
  switch (type.kind) {
    case 'scalar': return type.scalar === 'quantity';
    case 'array':
    case 'map': return typeReaches(type.of, visiting);
    case 'model': return modelReaches(type.model, visiting);
  }
}

function modelReaches(name: string, visiting = new Set<string>()): boolean {
  const known = reaches.get(name);
  if (known !== undefined) return known;
  if (visiting.has(name)) return false; // a cycle (JSONSchemaProps): what is reached is found along the other paths
  visiting.add(name);
  let found = false;
  for (const field of getModel(name)?.fields.values() ?? []) {
    if (typeReaches(field.type, visiting)) { found = true; break; }
  }
  visiting.delete(name);
  // A "no" found inside a cycle may only be partial: only the outermost answer is kept.
  if (found || visiting.size === 0) reaches.set(name, found);
  return found;
}

/**
 * `obj` with its quantities canonical, copied only along the paths where one changed (the same object
 * when none did). `status` is left as its writer made it; `done` holds values already canonical (the
 * API server's defaulted pod specs, shared by every pod of a template) that need no second walk.
 */
export function withCanonicalQuantities<T extends object>(obj: T, done?: WeakSet<object>): T {
  const o = obj as Obj;
  const served = typeof o.apiVersion === 'string' && typeof o.kind === 'string' ? resolveKind(o.apiVersion, o.kind) : undefined;
  return served ? (canonicalModel(o, served.model, done, true) as T) : obj;
}

/** One value of a model's type (`V1PodSpec`) made canonical the same way. */
export function canonicalValueOf<T>(value: T, model: string, done?: WeakSet<object>): T {
  return isObj(value) ? (canonicalModel(value, model, done, false) as T) : value;
}

function canonicalModel(v: Obj, name: string, done: WeakSet<object> | undefined, top: boolean): Obj {
  if (done?.has(v) || !modelReaches(name)) return v;
  const model = getModel(name);
  if (!model) return v;
  let out: Obj | undefined;
  for (const key of Object.keys(v)) {
    if (top && key === 'status') continue;
    const field = model.fields.get(key);
    if (!field || !reachesFrom(field)) continue;
    const next = canonical(v[key], field.type, done);
    if (next !== v[key]) (out ??= { ...v })[key] = next;
  }
  return out ?? v;
}

function canonical(v: unknown, type: ApiType, done: WeakSet<object> | undefined): unknown {
  switch (type.kind) {
    case 'scalar': return type.scalar === 'quantity' ? canonicalQuantity(v) ?? v : v;
    case 'model': return isObj(v) ? canonicalModel(v, type.model, done, false) : v;
    case 'array': {
      if (!Array.isArray(v)) return v;
      let out: unknown[] | undefined;
      v.forEach((item, i) => {
        const next = canonical(item, type.of, done);
        if (next !== item) (out ??= v.slice())[i] = next;
      });
      return out ?? v;
    }
    case 'map': {
      if (!isObj(v)) return v;
      let out: Obj | undefined;
      for (const [k, item] of Object.entries(v)) {
        const next = canonical(item, type.of, done);
        if (next !== item) (out ??= { ...v })[k] = next;
      }
      return out ?? v;
    }
  }
}
