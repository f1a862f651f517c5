import type { JournalVerb } from '../../../shared/journal';
import type { Stored } from '../store';

/** Fields the API server sets on every write: never reported as "changed". */
const BOOKKEEPING = new Set(['resourceVersion', 'managedFields']);

/**
 * The fields a write changed, as dotted paths at most two levels deep ("spec.replicas",
 * "status.conditions", "metadata.labels"), sorted. A cheap diff: values are compared by
 * identity first (copy-on-write keeps unchanged subtrees identical) and by JSON otherwise, and
 * a change deeper than two levels is reported at its second-level parent.
 */
export function changedPaths(old: Stored, cur: Stored): string[] {
  const out: string[] = [];
  const o = old as unknown as Record<string, unknown>;
  const c = cur as unknown as Record<string, unknown>;
  for (const k of unionKeys(o, c)) {
    if (o[k] === c[k]) continue;
    const a = plain(o[k]);
    const b = plain(c[k]);
    if (!a || !b) {
      if (!same(o[k], c[k])) out.push(k);
      continue;
    }
    for (const k2 of unionKeys(a, b)) if (!(k === 'metadata' && BOOKKEEPING.has(k2)) && !same(a[k2], b[k2])) out.push(`${k}.${k2}`);
  }
  return out.sort();
}

/**
 * The verb of an update as the API server would have received it: `bind` when a pod gets its
 * spec.nodeName (kube-scheduler's pods/binding), `patchStatus` when nothing outside status and
 * metadata changed (the status subresource), else `update`.
 */
export function updateVerb(old: Stored, cur: Stored): JournalVerb {
  if (old.kind === 'Pod' && !nodeOf(old) && nodeOf(cur)) return 'bind';
  const o = old as unknown as Record<string, unknown>;
  const c = cur as unknown as Record<string, unknown>;
  for (const k in c) if (k !== 'status' && k !== 'metadata' && o[k] !== c[k] && !same(o[k], c[k])) return 'update';
  for (const k in o) if (!(k in c)) return 'update';
  return 'patchStatus';
}

function nodeOf(o: Stored): unknown {
  return (o.spec as { nodeName?: unknown } | undefined)?.nodeName;
}

function plain(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!(k in a)) keys.push(k);
  return keys;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
