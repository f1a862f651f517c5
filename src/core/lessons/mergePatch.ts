/** JSON merge patch (RFC 7386), as `kubectl patch --type merge` applies it: maps merge, null deletes, anything else replaces. */
import type { KubeObject } from '../sim';

type JsonMap = Record<string, unknown>;

function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A new object: `target` with `patch` merged in; neither input is changed. */
export function mergePatch(target: KubeObject, patch: Readonly<JsonMap>): KubeObject {
  return merge(target, patch) as KubeObject;
}

function merge(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return patch;
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}
