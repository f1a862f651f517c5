import { isMap, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { keyString, nodeSpan } from './astPath';

/** A repeated key: where its second (or later) occurrence is, relative to the chunk. */
export interface DuplicateKey {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

const MERGE_KEY = '<<';

/**
 * Finds repeated keys in every map of a document in one linear pass (a Set per map).
 * yaml's own `uniqueKeys` check compares each key with all earlier ones, which is
 * quadratic: about 66 s for a map of 100,000 keys, so it is turned off.
 */
export function findDuplicateKeys(root: unknown, max = 100): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0 && found.length < max) {
    const node = stack.pop();
    if (isMap(node)) {
      checkMap(node.items, found, max);
      for (const pair of node.items) stack.push(pair.value, pair.key);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function checkMap(items: readonly { key: unknown }[], found: DuplicateKey[], max: number): void {
  const seen = new Set<string>();
  for (const { key } of items) {
    const k = keyString(key);
    if (k === undefined || k === MERGE_KEY) continue;
    if (!seen.has(k)) {
      seen.add(k);
      continue;
    }
    const span = nodeSpan(key as Node) ?? [0, 0];
    found.push({ key: k, start: span[0], end: span[1] });
    if (found.length >= max) return;
  }
}
