import { Composer, Lexer, Parser } from 'yaml';
import type { CST, Document } from 'yaml';
import { scanCst } from './cstScan';
import type { CstScan } from './cstScan';
import { DiagnosticCode } from './types';
import type { Severity } from './types';

/** A problem found while reading the stream, with absolute 0-based offsets. */
export interface StreamProblem {
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

/** One YAML document of a stream: composed, or refused before composing (then `doc` is undefined). */
export interface StreamDocument {
  readonly index: number;
  /** Offset of the chunk the document was parsed from; add it to every node range. */
  readonly base: number;
  /** Absolute offset where the document starts. */
  readonly start: number;
  readonly doc?: Document.Parsed;
  readonly scan?: CstScan;
  readonly problems: readonly StreamProblem[];
}

/** Limits for {@link readStream}. */
export interface StreamLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxDocuments: number;
}

/** A piece of the stream (from a `---` line to the next) that is not read: it stands as a null document, so the others keep their indices. */
export interface SkippedPiece {
  readonly start: number;
  readonly end: number;
}

/** The documents of a stream plus problems that belong to no document. */
export interface StreamResult {
  readonly documents: StreamDocument[];
  readonly problems: StreamProblem[];
}

// Our own linear duplicate-key check replaces yaml's quadratic one (see duplicates.ts).
// Merge keys (`<<`) are on because kubectl's YAML reader (go-yaml) accepts them.
// logLevel 'error' keeps yaml from printing process warnings; they are reported as diagnostics instead.
const COMPOSE_OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, logLevel: 'error' } as const;
const DOC_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * Splits a YAML stream into composed documents, guarding against nesting too deep for
 * the recursive composer: the parser's stack is watched token by token, and a document
 * that gets too deep is abandoned and parsing resumes at the next `---` line.
 */
export function readStream(text: string, limits: StreamLimits, skip?: SkippedPiece): StreamResult {
  const out: StreamResult = { documents: [], problems: [] };
  // kubectl splits the stream on `---` lines before it parses anything (YAMLReader.Read in
  // k8s.io/apimachinery/pkg/util/yaml/decoder.go), so an unterminated quoted string or flow
  // collection cannot swallow the documents after it: each piece is read on its own.
  const ends = separatorLines(text);
  let from = 0;
  for (const end of ends) {
    if (skip && skip.start === from && skip.end === end) {
      out.documents.push(nullDocument(out.documents.length, from));
      from = end;
      continue;
    }
    // `upTo` shares its prefix with `text`, so every offset stays absolute.
    const upTo = end === text.length ? text : text.slice(0, end);
    let base = from;
    while (base <= upTo.length) {
      if (out.problems.some((p) => p.code === DiagnosticCode.tooManyDocuments)) return out;
      if (base === upTo.length && base > from) break;
      const next = readChunk(upTo, base, limits, out);
      if (next === undefined) break;
      base = next;
    }
    from = end;
  }
  return out;
}

/** A null document (`~`) standing for a piece that is not read. */
function nullDocument(index: number, at: number): StreamDocument {
  const [doc] = new Composer(COMPOSE_OPTIONS).compose(new Parser().parse('~'), true);
  return { index, base: at, start: at, doc, problems: [] };
}

/**
 * Where each piece of the stream ends: at the start of every line that kubectl's YAMLReader treats as a
 * document separator (`---`, then only spaces or a comment), and at the end of the text.
 */
export function separatorLines(text: string): number[] {
  const out: number[] = [];
  SEPARATOR_LINE.lastIndex = 0;
  for (let m = SEPARATOR_LINE.exec(text); m; m = SEPARATOR_LINE.exec(text)) if (m.index > 0) out.push(m.index);
  out.push(text.length);
  return out;
}
const SEPARATOR_LINE = /^---[ \t]*(?:#[^\n]*)?\r?$/gm;

/** Parses `text` from `base`; returns where to resume after an abandoned document, or undefined when done. */
function readChunk(text: string, base: number, limits: StreamLimits, out: StreamResult): number | undefined {
  const chunk = base === 0 ? text : text.slice(base);
  const parser = new Parser();
  const composer = new Composer(COMPOSE_OPTIONS);
  const pending: { index: number; scan: CstScan; start: number }[] = [];
  const collect = (docs: Iterable<Document.Parsed>): void => {
    for (const doc of docs) {
      const p = pending.shift();
      if (p) out.documents.push({ index: p.index, base, start: p.start, doc, scan: p.scan, problems: [] });
    }
  };
  const feed = (tok: CST.Token): boolean => {
    if (tok.type !== 'document') {
      collect(composer.next(tok));
      return true;
    }
    const verdict = admitDocument(tok, chunk, base, limits, out.documents.length + pending.length);
    if (verdict.kind === 'stop') {
      collect(composer.end());
      out.problems.push(verdict.problem);
    }
    if (verdict.kind === 'refuse') {
      collect(composer.end());
      out.documents.push({ index: verdict.index, base, start: base + tok.offset, scan: verdict.scan, problems: [verdict.problem] });
    }
    if (verdict.kind === 'compose') {
      pending.push({ index: verdict.index, scan: verdict.scan, start: base + tok.offset });
      collect(composer.next(tok));
    }
    return verdict.kind !== 'stop';
  };
  for (const lexeme of new Lexer().lex(chunk)) {
    for (const tok of parser.next(lexeme)) if (!feed(tok)) return undefined;
    if (parser.stack.length > limits.maxDepth + 2) {
      collect(composer.end());
      return abandonDeep(text, base + parser.offset, limits, out);
    }
  }
  for (const tok of parser.end()) if (!feed(tok)) return undefined;
  collect(composer.end());
  return undefined;
}

type Verdict =
  | { readonly kind: 'compose'; readonly index: number; readonly scan: CstScan }
  | { readonly kind: 'refuse'; readonly index: number; readonly scan: CstScan; readonly problem: StreamProblem }
  | { readonly kind: 'stop'; readonly problem: StreamProblem };

/** Decides whether a CST document may be composed: too many documents stop the stream, too deep or too big ones are refused. */
function admitDocument(tok: CST.Document, chunk: string, base: number, limits: StreamLimits, index: number): Verdict {
  const at = base + tok.offset;
  if (index >= limits.maxDocuments) {
    return { kind: 'stop', problem: problem(at, at, DiagnosticCode.tooManyDocuments, `too many YAML documents: more than ${limits.maxDocuments} in one file; the rest is ignored`) };
  }
  const scan = scanCst(tok, chunk, limits.maxDepth, limits.maxNodes);
  if (scan.depth > limits.maxDepth) {
    return { kind: 'refuse', index, scan, problem: problem(at, at + 1, DiagnosticCode.tooDeep, tooDeepMessage(limits.maxDepth)) };
  }
  if (scan.nodes > limits.maxNodes) {
    return { kind: 'refuse', index, scan, problem: problem(at, at + 1, DiagnosticCode.tooManyNodes, `YAML document is too large: more than ${limits.maxNodes} nodes; it is not read`) };
  }
  return { kind: 'compose', index, scan };
}

function tooDeepMessage(maxDepth: number): string {
  return `YAML nesting is deeper than ${maxDepth} levels; this document is not read (the limit protects the editor from stack overflows)`;
}

/** Records a too-deep document and returns the offset of the next document marker, if any. */
function abandonDeep(text: string, at: number, limits: StreamLimits, out: StreamResult): number | undefined {
  const index = out.documents.length;
  const start = lastMarkerBefore(text, at);
  out.documents.push({ index, base: start, start, problems: [problem(at, at + 1, DiagnosticCode.tooDeep, tooDeepMessage(limits.maxDepth))] });
  DOC_MARKER.lastIndex = at;
  const m = DOC_MARKER.exec(text);
  if (!m) return undefined;
  if (m[0] === '---') return m.index;
  const eol = text.indexOf('\n', m.index);
  return eol === -1 ? undefined : eol + 1;
}

function lastMarkerBefore(text: string, at: number): number {
  let start = 0;
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m && m.index < at; m = DOC_MARKER.exec(text)) start = m.index;
  return start;
}

/** Builds an error-severity stream problem. */
export function problem(start: number, end: number, code: string, message: string): StreamProblem {
  return { start, end, severity: 'error', code, message };
}
