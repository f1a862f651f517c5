import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { ObjectPath } from './types';

type Segment = string | number;
const MERGE_KEY = '<<';
const INDEX_THRESHOLD = 16;
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The key of a pair as the string toJS() would use, or undefined for complex keys. */
export function keyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  if (typeof v === 'symbol') return key.source ?? undefined; // the merge key `<<` is a Symbol
  return v === null ? '' : typeof v === 'object' ? undefined : String(v);
}

/** Follows an alias to its anchor; other nodes are returned as they are. */
function deref(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The last pair of a map with this key (the one toJS() keeps), through `<<` merges as a fallback. */
function pairFor(doc: Document.Parsed, map: YAMLMap, key: string, budget = 8): Pair | undefined {
  const own = ownPair(map, key);
  if (own || budget === 0) return own;
  const merge = ownPair(map, MERGE_KEY);
  if (!merge) return undefined;
  const value = deref(doc, merge.value);
  const sources = isSeq(value) ? value.items.map((i) => deref(doc, i)) : [value];
  for (const src of sources) {
    const found = isMap(src) ? pairFor(doc, src, key, budget - 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

function ownPair(map: YAMLMap, key: string): Pair | undefined {
  if (map.items.length <= INDEX_THRESHOLD) {
    for (let i = map.items.length - 1; i >= 0; i--) if (keyString(map.items[i].key) === key) return map.items[i] as Pair;
    return undefined;
  }
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const k = keyString(pair.key);
      if (k !== undefined) index.set(k, pair as Pair);
    }
    keyIndexes.set(map, index);
  }
  return index.get(key);
}

/** The node at a path below `root`, following aliases and merge keys; undefined when absent. */
export function nodeAtPath(doc: Document.Parsed, root: unknown, path: ObjectPath): Node | undefined {
  let node = root;
  for (const seg of path) {
    node = step(doc, deref(doc, node), seg);
    if (node === undefined) return undefined;
  }
  return node as Node;
}

function step(doc: Document.Parsed, node: unknown, seg: Segment): unknown {
  if (isMap(node)) {
    const pair = pairFor(doc, node, String(seg));
    return pair ? (pair.value ?? pair.key) : undefined;
  }
  if (isSeq(node) && typeof seg === 'number') return node.items[seg] ?? undefined;
  return undefined;
}

/** The key node of the last segment of a path into a map (for `['spec', 'replica']`, the key `replica`); undefined otherwise. */
export function keyNodeAtPath(doc: Document.Parsed, root: unknown, path: ObjectPath): Node | undefined {
  if (path.length === 0 || typeof path[path.length - 1] !== 'string') return undefined;
  const parent = deref(doc, nodeAtPath(doc, root, path.slice(0, -1)));
  return isMap(parent) ? (pairFor(doc, parent, String(path[path.length - 1]))?.key as Node | undefined) : undefined;
}

/** The `[start, end)` offsets of a node's value (relative to its chunk), if it has a range. */
export function nodeSpan(node: unknown): [number, number] | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** The YAML path at an offset inside one document: a key, or a scalar value. */
export function pathInDocument(doc: Document.Parsed, offset: number): { path: Segment[]; isKey: boolean } | undefined {
  const path: Segment[] = [];
  let node: unknown = doc.contents;
  while (node) {
    if (isMap(node)) {
      const hit = hitInMap(node, offset);
      if (!hit) return undefined;
      if (hit.onKey) return { path: [...path, hit.key], isKey: true };
      path.push(hit.key);
      node = hit.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => contains(item, offset));
      if (i === -1) return undefined;
      path.push(i);
      node = node.items[i];
    } else {
      return contains(node, offset) ? { path, isKey: false } : undefined;
    }
  }
  return undefined;
}

function hitInMap(map: YAMLMap, offset: number): { key: string; onKey: boolean; value?: unknown } | undefined {
  for (const pair of map.items) {
    const key = keyString(pair.key);
    if (key === undefined) continue;
    if (contains(pair.key, offset)) return { key, onKey: true };
    if (pair.value && contains(pair.value, offset)) return { key, onKey: false, value: pair.value };
  }
  return undefined;
}

function contains(node: unknown, offset: number): boolean {
  const span = nodeSpan(node);
  return span !== undefined && span[0] <= offset && offset <= span[1];
}
