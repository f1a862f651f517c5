/**
 * What client-side `kubectl apply` does to a live object: a three-way strategic merge of the configuration it
 * applied last (the last-applied-configuration annotation), the manifest, and the live object
 * (k8s.io/apimachinery/pkg/util/strategicpatch CreateThreeWayMergePatch, applied by the API server). A field the
 * manifest sets takes the manifest's value; a field the last configuration set and the manifest no longer does
 * is removed; a field neither ever set keeps its live value, whoever wrote it (a pod's `nodeName` from the
 * scheduler, the service account and tolerations admission added, the `replicas` an autoscaler or `kubectl
 * scale` chose when the manifest leaves them out, a Service's allocated `clusterIP` and node ports, a claim's
 * bound volume). Lists with a merge key (containers by name, ports by number …, mergeKeys.ts) merge item by
 * item; other lists are replaced whole (https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/#merge-patch-calculation).
 */
import { isMergedPrimitiveList, mergeKeyOf } from '../api/mergeKeys';

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The live object as the apply leaves it (before the API server's defaulting); `original` is {} when nothing was applied before. */
export function threeWayMerge(original: unknown, modified: Json, current: unknown): Json {
  return mergeMap(isMap(original) ? original : {}, modified, isMap(current) ? current : {}, []);
}

function mergeMap(original: Json, modified: Json, current: Json, path: readonly string[]): Json {
  const out: Json = { ...current };
  for (const k of Object.keys(original)) if (!(k in modified)) delete out[k];
  for (const [k, v] of Object.entries(modified)) out[k] = mergeValue(original[k], v, current[k], k, path);
  return out;
}

function mergeValue(original: unknown, modified: unknown, current: unknown, field: string, path: readonly string[]): unknown {
  if (isMap(modified)) return isMap(current) ? mergeMap(isMap(original) ? original : {}, modified, current, [...path, field]) : modified;
  if (Array.isArray(modified) && Array.isArray(current)) return mergeList(Array.isArray(original) ? original : [], modified, current, field, path);
  return modified;
}

function mergeList(original: readonly unknown[], modified: readonly unknown[], current: readonly unknown[], field: string, path: readonly string[]): unknown[] {
  if (isMergedPrimitiveList(field)) {
    // A set (finalizers): what the manifest lists, and what others added that the last configuration did not list.
    return [...modified, ...current.filter((x) => !modified.includes(x) && !original.includes(x))];
  }
  const key = mergeKeyOf(field, path);
  if (!key) return [...modified];
  const keyOf = (x: unknown): unknown => (isMap(x) ? x[key] : undefined);
  const find = (list: readonly unknown[], k: unknown): Json | undefined => list.find((x): x is Json => isMap(x) && x[key] === k);
  const listed = new Set(modified.map(keyOf));
  const dropped = new Set(original.map(keyOf));
  const itemPath = [...path, field];
  const merged = modified.map((item) => {
    const live = isMap(item) ? find(current, item[key]) : undefined;
    return live && isMap(item) ? mergeMap(find(original, item[key]) ?? {}, item, live, itemPath) : item;
  });
  // Items only the cluster added stay (after the manifest's, as $setElementOrder leaves server-only items).
  return [...merged, ...current.filter((x) => !listed.has(keyOf(x)) && !dropped.has(keyOf(x)))];
}
