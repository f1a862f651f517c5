/**
 * Defensive reads for the scheduler's compile step. The manifest layer's decoder refuses wrong types, but a
 * decoded value can still be empty (`tolerations: [-]` is a list holding null), and objects written through
 * `Simulation.apply` skip the manifest layer: a compiled profile must never throw. These run once per
 * distinct spec (profiles and static parts are cached), never per node.
 */

/** The mapping items of a list (null, scalar and list items dropped, as an empty item matches nothing); [] for a non-list. */
export function items<T extends object>(v: unknown): T[] {
  if (!Array.isArray(v)) return [];
  const out: T[] = [];
  for (const x of v) if (isRecord(x)) out.push(x as T);
  return out;
}

/** A mapping, or undefined. */
export function record<T extends object>(v: unknown): T | undefined {
  return isRecord(v) ? (v as T) : undefined;
}

/** The string items of a list; [] for a non-list. */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A mapping's string-valued entries (label maps, nodeSelector). */
export function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  for (const x of Object.values(v)) if (typeof x !== 'string') return Object.fromEntries(Object.entries(v).filter(([, y]) => typeof y === 'string')) as Record<string, string>;
  return v as Record<string, string>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
