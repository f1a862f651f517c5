/**
 * Field ownership for server-side apply (https://kubernetes.io/docs/reference/using-api/server-side-apply/):
 * each manager owns a set of fields, kept in `metadata.managedFields` as `fieldsV1` (`f:spec` a field,
 * `k:{"name":"nginx"}` a list item by key). An apply that sets a field another manager owns to a different
 * value is a conflict (409) unless forced; any other write takes ownership of the fields it changes.
 *
 * Simplified from structured-merge-diff: lists whose items all have a `name` are keyed by it, every other
 * list is atomic (one field); an apply does not remove the fields its manager stops applying.
 */
import { timestamp } from '../sim/clock';
import type { KubeObject } from '../sim/types';
import { status, type StatusBody } from './status';

/** One managedFields entry. */
export interface ManagedFieldsEntry {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly time?: string;
  readonly fieldsType: 'FieldsV1';
  readonly fieldsV1: Record<string, unknown>;
  readonly subresource?: string;
}

/** A field path as fieldsV1 segments (`f:spec`, `k:{"name":"nginx"}`). */
type FieldPath = readonly string[];

/** Who writes: the manager's name, the apiVersion written, the subresource if any. */
export interface Writer {
  readonly manager: string;
  readonly apiVersion: string;
  readonly subresource?: string;
}

/** metadata fields a manager can own (the rest are set by the API server). */
const OWNED_METADATA = new Set(['labels', 'annotations', 'finalizers', 'ownerReferences']);

/** Every leaf field set in an object, with its value as JSON (status and server-set metadata left out). */
export function leafFields(o: KubeObject): Map<string, { path: FieldPath; value: string }> {
  const out = new Map<string, { path: FieldPath; value: string }>();
  const walk = (v: unknown, path: string[]): void => {
    if (Array.isArray(v) && v.length > 0 && v.every((i) => isObject(i) && typeof i.name === 'string')) {
      for (const item of v as Record<string, unknown>[]) walk(item, [...path, `k:${JSON.stringify({ name: item.name })}`]);
      return;
    }
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, [...path, `f:${k}`]);
      return;
    }
    out.set(path.join('\u0000'), { path, value: JSON.stringify(v) });
  };
  for (const [k, v] of Object.entries(o)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status') continue;
    if (k === 'metadata' && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) if (OWNED_METADATA.has(mk)) walk(mv, ['f:metadata', `f:${mk}`]);
      continue;
    }
    walk(v, [`f:${k}`]);
  }
  return out;
}

/** `.spec.template.spec.containers[name="nginx"].image`, as structured-merge-diff prints a path. */
export function pathString(path: FieldPath): string {
  return path.map((s) => {
    if (s.startsWith('f:')) return `.${s.slice(2)}`;
    if (s.startsWith('k:')) {
      const key = JSON.parse(s.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    }
    return `[${s}]`;
  }).join('');
}

function toFieldsV1(paths: Iterable<FieldPath>): Record<string, unknown> {
  const root: Record<string, Record<string, unknown>> = {};
  for (const path of paths) {
    let node: Record<string, unknown> = root;
    for (const seg of path) {
      node[seg] ??= seg.startsWith('k:') ? { '.': {} } : {};
      node = node[seg] as Record<string, unknown>;
    }
  }
  return root;
}

function fromFieldsV1(fields: unknown): Map<string, FieldPath> {
  const out = new Map<string, FieldPath>();
  const walk = (node: unknown, path: string[]): void => {
    const children = isObject(node) ? Object.keys(node).filter((k) => k !== '.') : [];
    if (children.length === 0 && path.length > 0 && !path[path.length - 1].startsWith('k:')) out.set(path.join('\u0000'), path);
    for (const k of children) walk((node as Record<string, unknown>)[k], [...path, k]);
  };
  walk(fields, []);
  return out;
}

function entriesOf(o: KubeObject): ManagedFieldsEntry[] {
  const m = o.metadata?.managedFields;
  return Array.isArray(m) ? (m as ManagedFieldsEntry[]).filter((e) => isObject(e) && typeof e.manager === 'string') : [];
}

/** A manager's identity: the same name applying and updating (or through a subresource) are different managers. */
function sameManager(e: ManagedFieldsEntry, w: Writer, operation: 'Apply' | 'Update'): boolean {
  return e.manager === w.manager && e.operation === operation && (e.subresource ?? '') === (w.subresource ?? '') && (operation === 'Apply' || e.apiVersion === w.apiVersion);
}

/** How kube-apiserver names a manager in a conflict (apimachinery's managedfields/internal/conflict.go printManager). */
function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === 'Update' ? `${s} using ${e.apiVersion}` : s;
}

/** The JSON of the value at a path of an object, or undefined. */
function valueAt(o: unknown, path: FieldPath): string | undefined {
  let v: unknown = o;
  for (const seg of path) {
    if (seg.startsWith('f:') && isObject(v)) v = v[seg.slice(2)];
    else if (seg.startsWith('k:') && Array.isArray(v)) {
      const key = JSON.parse(seg.slice(2)) as Record<string, unknown>;
      v = v.find((i) => isObject(i) && Object.entries(key).every(([k, kv]) => i[k] === kv));
    } else return undefined;
    if (v === undefined) return undefined;
  }
  return JSON.stringify(v);
}

/**
 * Server-side apply's ownership step: the managedFields after `writer` applies `applied` over `live`, or the
 * 409 Conflict Status (apimachinery's NewConflictError message and causes) when another manager owns a field
 * the apply changes and `force` is false. With `force`, the applier takes those fields from their owners.
 */
export function applyOwnership(live: KubeObject | undefined, applied: KubeObject, writer: Writer, force: boolean, now: number): ManagedFieldsEntry[] | StatusBody {
  const mine = leafFields(applied);
  const entries = live ? entriesOf(live) : [];
  const conflicts: { entry: ManagedFieldsEntry; path: FieldPath }[] = [];
  const others = entries.filter((e) => !sameManager(e, writer, 'Apply')).map((e) => ({ entry: e, owned: fromFieldsV1(e.fieldsV1) }));
  for (const o of others) {
    for (const [key, path] of o.owned) {
      const applying = mine.get(key);
      if (!applying) continue;
      if (applying.value === valueAt(live, path)) continue; // the same value: shared ownership
      if (force) o.owned.delete(key);
      else conflicts.push({ entry: o.entry, path });
    }
  }
  if (conflicts.length > 0) return conflictStatus(conflicts);
  const next = others.filter((o) => o.owned.size > 0).map((o) => (o.owned.size === fromFieldsV1(o.entry.fieldsV1).size ? o.entry : { ...o.entry, fieldsV1: toFieldsV1(o.owned.values()) }));
  return [...next, entry(writer, 'Apply', [...mine.values()].map((m) => m.path), now)];
}

/** Any other write: the writer takes ownership of every field it adds or changes; owners of removed fields lose them. */
export function updateOwnership(live: KubeObject | undefined, next: KubeObject, writer: Writer, now: number): ManagedFieldsEntry[] {
  const before = live ? leafFields(live) : new Map<string, { path: FieldPath; value: string }>();
  const after = leafFields(next);
  const changed = [...after].filter(([k, v]) => before.get(k)?.value !== v.value);
  const entries = live ? entriesOf(live) : [];
  const out: ManagedFieldsEntry[] = [];
  let own = new Map<string, FieldPath>();
  for (const e of entries) {
    const owned = fromFieldsV1(e.fieldsV1);
    if (sameManager(e, writer, 'Update')) {
      own = owned;
      continue;
    }
    let dropped = false;
    for (const key of [...owned.keys()]) {
      if (!after.has(key) || changed.some(([k]) => k === key)) { owned.delete(key); dropped = true; }
    }
    if (owned.size > 0) out.push(dropped ? { ...e, fieldsV1: toFieldsV1(owned.values()) } : e);
  }
  for (const [k, v] of changed) own.set(k, v.path);
  for (const k of [...own.keys()]) if (!after.has(k)) own.delete(k);
  if (own.size > 0) out.push(entry(writer, 'Update', own.values(), now));
  return out;
}

function entry(w: Writer, operation: 'Apply' | 'Update', paths: Iterable<FieldPath>, now: number): ManagedFieldsEntry {
  return { manager: w.manager, operation, apiVersion: w.apiVersion, time: timestamp(now), fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(paths), ...(w.subresource ? { subresource: w.subresource } : {}) };
}

function conflictStatus(conflicts: readonly { entry: ManagedFieldsEntry; path: FieldPath }[]): StatusBody {
  const causes = conflicts.map((c) => ({ type: 'FieldManagerConflict', message: `conflict with ${printManager(c.entry)}`, field: pathString(c.path) }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].entry)}: ${pathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const name = printManager(c.entry);
      byManager.set(name, [...(byManager.get(name) ?? []), pathString(c.path)]);
    }
    const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...(byManager.get(m) ?? []).map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return status(409, 'Conflict', message, { causes });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
