/**
 * Resource-exhaustion guards applied after composing: alias bombs and expanded size.
 */

type Budget = { left: number };

/**
 * Counts nodes of a value as a tree (shared alias targets count every time they are used),
 * stopping once the budget is spent, so a billion-laughs document costs at most `max` steps.
 */
export function exceedsNodeBudget(value: unknown, max: number): boolean {
  const budget: Budget = { left: max };
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (--budget.left < 0) return true;
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (typeof v === 'object' && v !== null) for (const item of Object.values(v)) stack.push(item);
  }
  return false;
}

/** A deep copy in which aliased parts are no longer shared, so editing one object cannot change another. */
export function cloneTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneTree) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneTree(v);
    return out as T;
  }
  return value;
}

/** UTF-8 length of a string without allocating a buffer. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
