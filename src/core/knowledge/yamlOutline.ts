import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import { keyString, nodeSpan } from '../manifests/astPath';
import { readStream } from '../manifests/stream';
import { DEFAULT_PARSE_OPTIONS } from '../manifests/types';

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
  /** Absolute offset of the `kind` key, where a code lens goes. */
  readonly kindOffset?: number;
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

/**
 * A file's YAML syntax trees, built once per document version and queried per hover: finding
 * the path under the cursor is a binary search over documents plus a walk down one branch,
 * with no re-parse. Files over the parse limit get an empty outline.
 */
export class YamlOutline {
  readonly documents: readonly OutlineDocument[];

  constructor(readonly text: string) {
    this.documents = text.length > DEFAULT_PARSE_OPTIONS.maxBytes ? [] : outline(text);
  }

  /** The document whose content holds `offset`. */
  documentAt(offset: number): OutlineDocument | undefined {
    let lo = 0;
    let hi = this.documents.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = this.documents[mid];
      if (offset < d.start) hi = mid - 1;
      else if (offset > d.end) lo = mid + 1;
      else return d;
    }
    return undefined;
  }

  /** The key or scalar value under `offset`, with its path; undefined in comments and whitespace. */
  pathAt(offset: number): PathHit | undefined {
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

function outline(text: string): OutlineDocument[] {
  const out: OutlineDocument[] = [];
  const { documents } = readStream(text, DEFAULT_PARSE_OPTIONS);
  for (const sd of documents) {
    const doc = sd.doc;
    if (!doc) continue;
    const template = !!sd.scan && sd.scan.strongTemplate >= 0;
    const start = sd.base + doc.range[0];
    const end = sd.base + doc.range[2];
    out.push({ index: sd.index, start, end, template, doc, base: sd.base, ...identity(doc.contents, sd.base) });
  }
  return out.sort((a, b) => a.start - b.start);
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
    kindOffset: base + (nodeSpan(kindPair?.key)?.[0] ?? 0),
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
    const outline = new YamlOutline(text());
    this.entries.set(key, { version, outline });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return outline;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
