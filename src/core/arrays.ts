/**
 * Appends every item of `lists` to `out`, one at a time. `out.push(...list)` passes each item as an
 * argument and overflows the call stack above ~125,000 items (a manifest within the 5 MiB file limit can
 * hold 200,000 invalid labels, each an error): the lint rule against spreads into calls points here.
 */
export function append<T>(out: T[], ...lists: readonly (readonly T[])[]): T[] {
  for (const list of lists) for (const item of list) out.push(item);
  return out;
}
