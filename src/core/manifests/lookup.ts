import { pathInDocument } from './astPath';
import { readStream } from './stream';
import { DEFAULT_PARSE_OPTIONS } from './types';

/** The YAML location under a cursor: which document, the path to it, and whether it is a key. */
export interface PathAtOffset {
  readonly documentIndex: number;
  readonly path: (string | number)[];
  readonly isKey: boolean;
}

/**
 * The YAML path of the key or scalar at a 0-based character offset, e.g. hovering `replicas`
 * in a Deployment gives `{ path: ['spec', 'replicas'], isKey: true }`. Works on documents
 * with syntax errors as far as yaml could read them; undefined between tokens or when too large.
 */
export function findPathAtOffset(text: string, offset: number): PathAtOffset | undefined {
  if (text.length > DEFAULT_PARSE_OPTIONS.maxBytes || offset < 0 || offset > text.length) return undefined;
  const slice = documentSlice(text, offset) ?? { start: 0, end: text.length, firstIndex: 0 };
  const { documents } = readStream(text.slice(slice.start, slice.end), DEFAULT_PARSE_OPTIONS);
  for (const sd of documents) {
    const doc = sd.doc;
    if (!doc) continue;
    const rel = offset - slice.start - sd.base;
    if (rel < doc.range[0] || rel > doc.range[2]) continue;
    const hit = pathInDocument(doc, rel);
    if (hit) return { documentIndex: slice.firstIndex + sd.index, ...hit };
  }
  return undefined;
}

const START_MARKER = /^---(?=[ \t\r\n]|$)/gm;
const END_MARKER = /^\.\.\.(?=[ \t\r\n]|$)/m;
const PREAMBLE = /^(?:[ \t]*(?:#.*|%.*)?\r?\n)*[ \t]*(?:#.*)?$/;

/**
 * The `---`-delimited slice holding an offset and the index of its document, so a hover in
 * a large file parses one document instead of all. Undefined (parse everything) when the
 * file uses `...` end markers, whose counting is subtler.
 */
function documentSlice(text: string, offset: number): { start: number; end: number; firstIndex: number } | undefined {
  if (END_MARKER.test(text)) return undefined;
  let start = 0;
  let end = text.length;
  let markers = 0;
  let first = -1;
  START_MARKER.lastIndex = 0;
  for (let m = START_MARKER.exec(text); m; m = START_MARKER.exec(text)) {
    if (first === -1) first = m.index;
    if (m.index > offset) {
      end = m.index;
      break;
    }
    start = m.index;
    markers++;
  }
  // Comments and directives before the first `---` belong to the first document, not one of their own.
  const preambleOnly = first !== -1 && PREAMBLE.test(text.slice(0, first));
  return { start, end, firstIndex: Math.max(0, markers - (preambleOnly ? 1 : 0)) };
}

/** A word under the cursor. `start`/`end` are 0-based offsets, end exclusive. */
export interface WordAt {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

// Letters, digits, '-', '.', '/': `kube-apiserver` and `node-role.kubernetes.io/control-plane` are one word.
const WORD_CHAR = /[\p{L}\p{N}\-./]/u;

function isWordChar(text: string, i: number): boolean {
  return i >= 0 && i < text.length && WORD_CHAR.test(text[i]);
}

/**
 * The word at (or just before, like a cursor at its end) an offset. Trailing dots are
 * dropped, so "see kube-proxy." gives `kube-proxy`.
 */
export function wordAt(text: string, offset: number): WordAt | undefined {
  let at = offset;
  if (!isWordChar(text, at)) at = offset - 1;
  if (!isWordChar(text, at)) return undefined;
  let start = at;
  let end = at + 1;
  while (isWordChar(text, start - 1)) start--;
  while (isWordChar(text, end)) end++;
  while (end > start && text[end - 1] === '.') end--;
  if (end === start || offset > end) return undefined;
  return { word: text.slice(start, end), start, end };
}
