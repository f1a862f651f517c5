import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import { keyString, nodeSpan } from '../manifests/astPath';
import { readStream } from '../manifests/stream';
import { DEFAULT_PARSE_OPTIONS } from '../manifests/types';
import { tooManyKeys } from './largeFiles';

/** One YAML document of a file, as the hovers, lenses and diagnostics see it. */
export interface OutlineDocument {
  readonly index: number;
  /** Absolute offsets of the document's content. */
  readonly start: number;
  readonly end: number;
  /** Set when the document is a Kubernetes object (apiVersion and kind are strings). */
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  /** Absolute offset of the `kind` key. */
  readonly kindOffset?: number;
  /** Absolute offset where the object's first key starts (after leading comments): where a code lens goes. */
  readonly objectOffset?: number;
  /** The document holds Go/Helm template actions: component hovers only. */
  readonly template: boolean;
  readonly doc: Document.Parsed;
  readonly base: number;
}

/** What is under the cursor in a YAML document. */
export interface PathHit {
  readonly document: OutlineDocument;
  /** Keys and sequence indexes from the document root. */
  readonly path: readonly (string | number)[];
  /** True on a key, false on a scalar value. */
  readonly isKey: boolean;
  /** Absolute `[start, end)` of the key or scalar under the cursor. */
  readonly start: number;
  readonly end: number;
  /** The scalar's text as written (a key, or a value). */
  readonly text: string;
}

type Segment = string | number;

/** The parsed documents of a slice, with offsets relative to the slice: shared by every version with the same slice text. */
interface Parsed {
  docs?: readonly OutlineDocument[];
}

/** One `---`-delimited slice of the file and, once parsed, its documents at their absolute offsets. */
interface Slice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly parsed: Parsed;
  docs?: readonly OutlineDocument[];
}

const START_MARKER = /^---(?=[ \t\r\n]|$)/gm;
const END_MARKER = /^\.\.\.(?=[ \t\r\n]|$)/m;

/**
 * A file's YAML syntax trees, built per document version and queried per hover. The file is cut
 * at its `---` lines and each slice is parsed on first use, so a hover parses one document, and a
 * new version re-uses the trees of the slices whose text did not change (pass the previous
 * outline). Finding the path under the cursor is then a binary search plus a walk down one branch.
 * Files over the parse limit get an empty outline.
 */
export class YamlOutline {
  /** @internal read by the next version's outline. */
  readonly slices: readonly Slice[];

  constructor(readonly text: string, previous?: YamlOutline) {
    this.slices = text.length > DEFAULT_PARSE_OPTIONS.maxBytes ? [] : cut(text, previous);
  }

  /** Every document of the file (parses the slices not parsed yet). */
  get documents(): readonly OutlineDocument[] {
    return this.slices.flatMap((s, i) => parsed(s, i));
  }

  /**
   * Parses the slices not parsed yet, one at a time, while `more()` allows; true once all are parsed. For
   * callers that need every document without blocking for long (the code lenses of a large file).
   */
  parseWhile(more: () => boolean): boolean {
    for (let i = 0; i < this.slices.length; i++) {
      const s = this.slices[i];
      if (s.docs) continue;
      if (!more()) return false;
      parsed(s, i);
    }
    return true;
  }

  /** The document whose content holds `offset`. */
  documentAt(offset: number): OutlineDocument | undefined {
    let lo = 0;
    let hi = this.slices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.slices[mid];
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end && mid + 1 < this.slices.length) lo = mid + 1;
      else return parsed(s, mid).find((d) => d.start <= offset && offset <= d.end);
    }
    return undefined;
  }

  /** The key or scalar value under `offset`, with its path; undefined in comments and blank lines. */
  pathAt(offset: number): PathHit | undefined {
    return this.exactly(offset) ?? this.exactly(snap(this.text, offset));
  }

  private exactly(offset: number): PathHit | undefined {
    if (offset < 0) return undefined;
    const document = this.documentAt(offset);
    if (!document) return undefined;
    const hit = walk(document.doc.contents, offset - document.base);
    if (!hit) return undefined;
    return {
      document, path: hit.path, isKey: hit.isKey, start: hit.span[0] + document.base, end: hit.span[1] + document.base,
      text: this.text.slice(hit.span[0] + document.base, hit.span[1] + document.base),
    };
  }
}

function parsed(s: Slice, i: number): readonly OutlineDocument[] {
  if (s.docs) return s.docs;
  // Too many keys to build a tree on the extension host's thread (largeFiles.ts): the terms' hovers only.
  s.parsed.docs ??= tooManyKeys(s.text) ? [] : outline(s.text, 0, i);
  s.docs = s.start === 0 ? s.parsed.docs : s.parsed.docs.map((d) => shifted(d, s.start));
  return s.docs;
}

function shifted(d: OutlineDocument, by: number): OutlineDocument {
  const out = { ...d, start: d.start + by, end: d.end + by, base: d.base + by };
  if (d.kindOffset !== undefined) out.kindOffset = d.kindOffset + by;
  if (d.objectOffset !== undefined) out.objectOffset = d.objectOffset + by;
  return out;
}

/**
 * Where a position between tokens belongs on its line, as a language server answers there: the
 * indentation or `- ` before a key → the key; `: ` after a key, or the end of a line → the token
 * before it. Comments and blank lines belong nowhere (-1).
 */
function snap(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  // A `---` line introduces the document after it: it belongs to that document's first key.
  if (/^---\s*$/.test(line)) return text.slice(lineEnd).search(/\n[ \t]*[^\s#]/) === -1 ? -1 : lineEnd + 1 + (/^\s*/.exec(text.slice(lineEnd + 1))?.[0].length ?? 0);
  const first = lineStart + (/^[ \t-]*/.exec(line)?.[0].length ?? 0);
  if (first >= lineEnd || text[first] === '#') return -1;
  if (offset < first) return first;
  const hash = line.search(/(^|\s)#/);
  if (hash !== -1 && offset >= lineStart + hash) return -1;
  let i = Math.min(offset, lineEnd) - 1;
  while (i > first && /[\s:]/.test(text[i])) i--;
  return i;
}

/** Cuts the text at its `---` lines, re-using the parsed trees of the slices of `previous` whose text is unchanged. */
function cut(text: string, previous: YamlOutline | undefined): Slice[] {
  const old = new Map<string, Parsed>();
  for (const s of previous?.slices ?? []) old.set(s.text, s.parsed);
  const bounds: number[] = [0];
  if (!END_MARKER.test(text)) {
    START_MARKER.lastIndex = 0;
    for (let m = START_MARKER.exec(text); m; m = START_MARKER.exec(text)) if (m.index > 0) bounds.push(m.index);
  }
  const slices: Slice[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const start = bounds[i];
    const end = i + 1 < bounds.length ? bounds[i + 1] : text.length;
    const sliceText = text.slice(start, end);
    // Trees hold offsets relative to their slice, so an edit above a slice only shifts it.
    slices.push({ start, end, text: sliceText, parsed: old.get(sliceText) ?? {} });
  }
  return slices;
}

function outline(text: string, offset: number, slice: number): OutlineDocument[] {
  const out: OutlineDocument[] = [];
  const { documents } = readStream(text, DEFAULT_PARSE_OPTIONS);
  for (const sd of documents) {
    const doc = sd.doc;
    if (!doc) continue;
    const template = !!sd.scan && sd.scan.strongTemplate >= 0;
    const base = offset + sd.base;
    out.push({ index: slice + sd.index, start: base + doc.range[0], end: base + doc.range[2], template, doc, base, ...identity(doc.contents, base) });
  }
  return out;
}

/** apiVersion, kind, metadata.name/namespace read straight from the tree (no toJS of the document). */
function identity(root: unknown, base: number): Partial<OutlineDocument> {
  if (!isMap(root)) return {};
  const scalar = (map: YAMLMap, key: string): string | undefined => {
    const pair = map.items.find((p) => keyString(p.key) === key);
    return pair && isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : undefined;
  };
  const apiVersion = scalar(root, 'apiVersion');
  const kind = scalar(root, 'kind');
  if (apiVersion === undefined || kind === undefined) return {};
  const kindPair = root.items.find((p) => keyString(p.key) === 'kind');
  const metadata = root.items.find((p) => keyString(p.key) === 'metadata')?.value;
  const meta = isMap(metadata) ? metadata : undefined;
  return {
    apiVersion, kind, name: meta && scalar(meta, 'name'), namespace: meta && scalar(meta, 'namespace'),
    kindOffset: base + (nodeSpan(kindPair?.key)?.[0] ?? 0), objectOffset: base + (nodeSpan(root)?.[0] ?? 0),
  };
}

function walk(root: unknown, offset: number): { path: Segment[]; isKey: boolean; span: [number, number] } | undefined {
  const path: Segment[] = [];
  let node: unknown = root;
  while (node) {
    if (isMap(node)) {
      let next: unknown;
      for (const pair of node.items) {
        const key = keyString(pair.key);
        if (key === undefined) continue;
        const ks = nodeSpan(pair.key);
        if (ks && ks[0] <= offset && offset <= ks[1]) return { path: [...path, key], isKey: true, span: ks };
        if (pair.value && inside(pair.value, offset)) {
          path.push(key);
          next = pair.value;
          break;
        }
      }
      node = next;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => inside(item, offset));
      if (i === -1) return undefined;
      path.push(i);
      node = node.items[i];
    } else {
      const span = nodeSpan(node);
      return span && span[0] <= offset && offset <= span[1] ? { path, isKey: false, span } : undefined;
    }
  }
  return undefined;
}

function inside(node: unknown, offset: number): boolean {
  const span = nodeSpan(node);
  return span !== undefined && span[0] <= offset && offset <= span[1];
}

/** A per-version cache of outlines, keyed by document (uri) with its version. */
export class OutlineCache {
  private readonly entries = new Map<string, { version: number; outline: YamlOutline }>();

  constructor(private readonly capacity = 32) {}

  get(key: string, version: number, text: () => string): YamlOutline {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return hit.outline;
    }
    const outline = new YamlOutline(text(), hit?.outline);
    this.entries.set(key, { version, outline });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return outline;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
