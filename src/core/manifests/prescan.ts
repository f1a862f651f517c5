/**
 * A cheap look at a YAML stream before it is parsed: the top-level scalars of each document and the
 * number of items of one top-level sequence, found with yaml's Lexer alone (no CST, no document), and
 * stopped as soon as the count passes a limit. It lets a count limit (the simulator's node limit on a kind
 * config) refuse a 1.5 MB file in milliseconds instead of after seconds of parsing. It is an accelerator
 * only: the full parse still applies every limit, so a document this pass misreads is still refused there.
 */
import { CST, Lexer } from 'yaml';
import { separatorLines } from './stream';

/** What the pre-scan found in one YAML document of the stream. */
export interface TopLevelSequence {
  /** Absolute offsets of the document's piece of the stream. */
  readonly start: number;
  readonly end: number;
  /** Top-level keys holding a plain or quoted scalar, with its value (quotes removed). */
  readonly scalars: ReadonlyMap<string, string>;
  /** Offset of the key, or -1 when the document has no such top-level key. */
  readonly keyAt: number;
  /** Items of the key's sequence. */
  readonly items: number;
  /** Offset of item `limit + 1` (the one that passes the limit), or -1 when the count is within the limit. */
  readonly overAt: number;
  /** True when the document is its whole piece of the stream (no `...` or `--- content` line shares it). */
  readonly wholePiece: boolean;
}

/** Lexer markers that stand for no character of the text (yaml's CST.DOCUMENT, FLOW_END, SCALAR). */
const MARKERS = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * Each document of `text` whose piece (kubectl splits the stream on `---` lines) contains `needle` (the
 * others are skipped without lexing), with its top-level scalars and the item count of its top-level `key`
 * sequence. A block sequence is lexed up to its first item only: its other items are counted by their
 * lines (`-` at the first item's column), so a sequence of 100,000 items costs a line scan.
 */
export function* topLevelSequences(text: string, key: string, limit: number, needle = ''): Generator<TopLevelSequence> {
  let from = 0;
  for (const end of separatorLines(text)) {
    const piece = text.slice(from, end);
    if (piece.includes(needle)) yield* scanPiece(text, piece, from, key, limit);
    from = end;
  }
}

interface DocState {
  start: number;
  scalars: Map<string, string>;
  topKey: string | null;
  /** After a top-level key's `:`: the next token (not space, comment, anchor or tag) is its value. */
  awaiting: boolean;
  keyAt: number;
  items: number;
  overAt: number;
  /** Column of the sequence's `-` items (block), or -2 for a flow sequence, -1 before the first item. */
  seqCol: number;
  /** In a flow sequence: the next token that is not space or a comment starts an item. */
  itemNext: boolean;
}

function newDoc(start: number): DocState {
  return { start, scalars: new Map(), topKey: null, awaiting: false, keyAt: -1, items: 0, overAt: -1, seqCol: -1, itemNext: false };
}

function result(d: DocState, end: number, piece: { start: number; end: number }): TopLevelSequence {
  return { start: d.start, end, scalars: d.scalars, keyAt: d.keyAt, items: d.items, overAt: d.overAt, wholePiece: d.start === piece.start && end === piece.end };
}

const SKIPPED = new Set(['space', 'newline', 'comment', 'anchor', 'tag']);

/** Lexer state carried over a jump (the lines of a block sequence are counted, not lexed). */
interface LexState {
  off: number;
  lineStart: number;
  flow: number;
  /** The last scalar seen, with its column, value and offset: a key when a `:` follows it. */
  last: { col: number; value: string; at: number } | null;
  scalarNext: boolean;
  /** The top-level key whose value the last scalar was taken as (undone when a `:` shows the scalar is a key). */
  setKey: string | null;
}

function* scanPiece(text: string, piece: string, base: number, key: string, limit: number): Generator<TopLevelSequence> {
  const end = base + piece.length;
  const whole = { start: base, end };
  let d = newDoc(base);
  const s: LexState = { off: base, lineStart: base, flow: 0, last: null, scalarNext: false, setKey: null };
  let from = base;
  while (from < end) {
    let jump = -1;
    for (const tok of new Lexer().lex(from === base ? piece : text.slice(from, end))) {
      const at = s.off;
      if (!MARKERS.has(tok)) s.off += tok.length;
      const type = s.scalarNext ? 'plain' : CST.tokenType(tok) ?? 'unknown';
      if (type === 'doc-start' || type === 'doc-end') {
        if (d.topKey !== null || d.keyAt >= 0) yield result(d, at, whole);
        d = newDoc(at);
        s.flow = 0;
      } else step(d, s, tok, type, at, key, limit);
      const nl = tok.lastIndexOf('\n');
      if (nl >= 0 && !MARKERS.has(tok)) s.lineStart = at + nl + 1;
      if (d.items === 1 && d.seqCol >= 0 && d.topKey === key) {
        // The first item of a block sequence: its other items are counted by their lines, then lexing resumes after them.
        const rest = itemLines(text, s.off, end, d.seqCol, limit + 1 - d.items);
        d.items += rest.count;
        if (rest.nth >= 0) d.overAt = rest.nth;
        d.topKey = null;
        jump = rest.end;
        break;
      }
    }
    if (jump < 0) break;
    from = jump;
    s.off = jump;
    s.lineStart = jump;
    s.scalarNext = false;
    s.setKey = null;
  }
  if (d.topKey !== null || d.keyAt >= 0) yield result(d, end, whole);
}

/** One lexer token (`plain` is the source of a plain scalar, after yaml's SCALAR marker). */
function step(d: DocState, s: LexState, tok: string, type: string, at: number, key: string, limit: number): void {
  if (type === 'map-value-ind' && s.setKey !== null) d.scalars.delete(s.setKey);
  if (type !== 'space') s.setKey = null;
  s.scalarNext = type === 'scalar';
  if (s.flow === 1 && d.seqCol === -2 && d.topKey === key && type !== 'plain') {
    // A flow sequence: an item starts at the first token after `[` or a comma (a plain scalar's marker stands for it).
    if (type === 'comma') d.itemNext = true;
    else if (!SKIPPED.has(type) && type !== 'flow-seq-end' && d.itemNext) {
      d.itemNext = false;
      countItem(d, at, limit);
    }
  }
  if (type === 'plain' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar') {
    s.last = { col: at - s.lineStart, value: type === 'plain' ? tok : unquote(tok), at };
    s.setKey = s.flow === 0 ? takeValue(d, s.last) : null;
    return;
  }
  if (d.awaiting && !SKIPPED.has(type) && type !== 'scalar') d.awaiting = false;
  if (type === 'map-value-ind' && s.flow === 0 && s.last && s.last.col === 0) {
    d.topKey = s.last.value;
    d.awaiting = true;
    if (s.last.value === key) Object.assign(d, { keyAt: s.last.at, items: 0, overAt: -1, seqCol: -1 });
  } else if (type === 'seq-item-ind' && s.flow === 0 && d.topKey === key && d.seqCol === -1) {
    d.seqCol = at - s.lineStart;
    countItem(d, at, limit);
  } else if (type === 'flow-seq-start' && s.flow === 0 && d.topKey === key && d.seqCol === -1) {
    d.seqCol = -2;
    d.itemNext = true;
  }
  if (type === 'flow-map-start' || type === 'flow-seq-start') s.flow++;
  if ((type === 'flow-map-end' || type === 'flow-seq-end') && s.flow > 0) s.flow--;
  if (type === 'flow-error-end') s.flow = 0;
  if (s.flow === 0 && d.seqCol === -2 && d.topKey === key && type === 'flow-seq-end') d.topKey = null;
}

/** A scalar token that is the value of the top-level key just read (a key at column 0 is the next key); returns that key. */
function takeValue(d: DocState, v: { col: number; value: string }): string | null {
  if (!d.awaiting || d.topKey === null || v.col === 0) return null;
  d.awaiting = false;
  d.scalars.set(d.topKey, v.value.trim());
  return d.topKey;
}

function countItem(d: DocState, at: number, limit: number): void {
  d.items++;
  if (d.items === limit + 1) d.overAt = at;
}

/**
 * The item lines of a block sequence after its first item (from `from`, inside the first item's line,
 * to `end`): lines that start with `-` at column `col`. It stops at the first line that starts at or left
 * of `col` with anything else (the next key), and returns where that line starts. Lines more indented
 * belong to the current item: block scalar content is always more indented, and a quoted or flow value
 * that went on at the item's column would be a YAML error (yaml's MISSING_CHAR, BAD_INDENT).
 * `nth` is the offset of item number `n` of these lines (1-based), or -1.
 */
function itemLines(text: string, from: number, end: number, col: number, n: number): { count: number; nth: number; end: number } {
  let count = 0;
  let nth = -1;
  let i = text.indexOf('\n', from);
  while (i >= 0 && i + 1 < end) {
    const s = i + 1;
    let c = 0;
    while (text.charCodeAt(s + c) === 32) c++;
    const ch = text.charAt(s + c);
    const blank = ch === '\n' || ch === '\r' || ch === '#' || s + c >= end;
    if (!blank && c <= col) {
      const after = text.charAt(s + c + 1);
      if (c !== col || ch !== '-' || !(after === ' ' || after === '\t' || after === '\n' || after === '\r' || s + c + 1 >= end)) return { count, nth, end: s };
      if (++count === n) nth = s + c;
    }
    i = text.indexOf('\n', s);
  }
  return { count, nth, end };
}

/** A quoted scalar's text (escapes are kept as written: enough to compare a kind or an apiVersion). */
function unquote(source: string): string {
  const q = source.charAt(0);
  return source.endsWith(q) && source.length >= 2 ? source.slice(1, -1) : source.slice(1);
}
