/**
 * The three patch types kube-apiserver accepts (https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/):
 * JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge patch, whose lists merge by the
 * `patchMergeKey` of the built-in types (k8s.io/api core/v1 and apps/v1 types.go struct tags) and whose
 * directives (`$patch`, `$setElementOrder/…`, `$retainKeys`, `$deleteFromPrimitiveList/…`) client-side
 * `kubectl apply` sends.
 */
import { isMergedPrimitiveList, mergeKeyOf } from '../api/mergeKeys';

type Json = unknown;
type JsonMap = Record<string, unknown>;

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return patch;
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** A patch that cannot be applied, with the API server's message. */
export class PatchError extends Error {}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test). */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target);
  for (const op of ops) {
    if (!isMap(op) || typeof op.op !== 'string' || typeof op.path !== 'string') throw new PatchError('invalid JSON patch operation');
    const path = pointer(op.path);
    switch (op.op) {
      case 'add': doc = put(doc, path, structuredClone(op.value), true); break;
      case 'replace': get(doc, path); doc = put(doc, path, structuredClone(op.value), false); break;
      case 'remove': doc = remove(doc, path); break;
      case 'move': case 'copy': {
        if (typeof op.from !== 'string') throw new PatchError(`missing from in ${op.op} operation`);
        const value = structuredClone(get(doc, pointer(op.from)));
        if (op.op === 'move') doc = remove(doc, pointer(op.from));
        doc = put(doc, path, value, true);
        break;
      }
      case 'test':
        if (JSON.stringify(get(doc, path)) !== JSON.stringify(op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      default: throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

function pointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new PatchError(`JSON pointer must be empty or start with a "/": ${p}`);
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function get(doc: Json, path: readonly string[]): Json {
  let cur = doc;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isMap(cur) && seg in cur) cur = cur[seg];
    else throw new PatchError(`doc is missing path: /${path.join('/')}: missing value`);
    if (cur === undefined) throw new PatchError(`doc is missing path: /${path.join('/')}: missing value`);
  }
  return cur;
}

function put(doc: Json, path: readonly string[], value: Json, insert: boolean): Json {
  if (path.length === 0) return value;
  const parent = get(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new PatchError(`add operation does not apply: doc is missing path: /${path.join('/')}`);
    if (insert) parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isMap(parent)) parent[last] = value;
  else throw new PatchError(`doc is missing path: /${path.join('/')}`);
  return doc;
}

function remove(doc: Json, path: readonly string[]): Json {
  const parent = get(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  get(doc, path);
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isMap(parent)) delete parent[last];
  return doc;
}

/** Strategic merge patch over a built-in object. */
export function strategicMergePatch(target: Json, patch: Json): Json {
  return smpMap(isMap(target) ? target : {}, patch, []);
}

function smpMap(target: JsonMap, patch: Json, path: readonly string[]): Json {
  if (!isMap(patch)) return patch;
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch === 'delete') return undefined;
  const out: JsonMap = { ...target };
  const retain = Array.isArray(patch.$retainKeys) ? new Set(patch.$retainKeys.map(String)) : undefined;
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field]) && Array.isArray(v)) out[field] = (out[field] as unknown[]).filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) { delete out[k]; continue; }
    out[k] = Array.isArray(v) ? smpList(out[k], v, k, path) : isMap(v) ? smpMap(isMap(out[k]) ? out[k] as JsonMap : {}, v, [...path, k]) : v;
  }
  if (retain) for (const k of Object.keys(out)) if (!retain.has(k)) delete out[k];
  return out;
}

function smpList(target: Json, patch: readonly unknown[], field: string, path: readonly string[]): Json {
  const key = mergeKeyOf(field, path);
  const cur = Array.isArray(target) ? target : [];
  if (isMergedPrimitiveList(field)) return [...cur, ...patch.filter((x) => !cur.includes(x))];
  if (!key) return patch.map((x) => (isMap(x) ? stripDirectives(x) : x));
  const out = [...cur];
  for (const item of patch) {
    if (!isMap(item)) continue;
    const i = out.findIndex((x) => isMap(x) && x[key] === item[key]);
    if (item.$patch === 'delete') { if (i >= 0) out.splice(i, 1); continue; }
    if (i >= 0) out[i] = smpMap(out[i] as JsonMap, item, [...path, field]);
    else out.push(stripDirectives(item));
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}
