/**
 * Incremental parsing of the open files for the live cluster: a file is cut into its YAML documents
 * at the `---` lines (as kubectl splits a stream before decoding it), each document is parsed on its
 * own and cached by its text, so a one-line edit re-parses one document, not the file. The result is
 * the one parseManifests gives for the whole file (checked over the corpus by a unit test); files the
 * cut cannot handle alone (directives, `...` ends, templates, non-Kubernetes documents, limits) are
 * parsed whole.
 */
import { DEFAULT_PARSE_OPTIONS, parseManifests, type ManifestDiagnostic, type ParseResult, type Range, type SourcedObject } from '../manifests';
import { utf8Length } from '../manifests/limits';

/** A document start line (`---` then a space, a comment or the end of the line): yaml's c-directives-end. */
const START = /^---(?=[ \t\r\n]|$)/gm;
/** What only the whole-file parser reads correctly: a directive (`%YAML`) or a document end (`...`). */
const WHOLE_FILE_ONLY = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;
/** Only blank lines and comments (what may precede the first `---` without making a document). */
const NO_CONTENT = /^(?:[ \t]*(?:#[^\n]*)?\r?\n?)*$/;

interface Chunk { readonly text: string; readonly offset: number; readonly line: number }

/** One YAML document of a file parsed per document: its text, where it starts in the file, and its own parse (in its own coordinates). */
export interface DocumentPart {
  readonly chunk: Chunk;
  /** The same object for as long as the document's text is unchanged (callers may key caches on it). */
  readonly result: ParseResult;
}

/** A document's own parse, and its objects and diagnostics placed in the file (kept while it does not move). */
interface Cached {
  readonly result: ParseResult;
  placed?: { readonly at: string; readonly objects: readonly SourcedObject[]; readonly diagnostics: readonly ManifestDiagnostic[] };
}

/** Parses documents with a cache of their YAML documents, per uri. */
export class DocumentParser {
  private cache = new Map<string, Map<string, Cached>>();
  private next = new Map<string, Map<string, Cached>>();
  private parts = new Map<string, readonly DocumentPart[]>();
  private nextParts = new Map<string, readonly DocumentPart[]>();
  /** Each file's last text and result: a file that did not change since the last sync is not even cut. */
  private files = new Map<string, { readonly text: string; readonly result: ParseResult }>();
  private nextFiles = new Map<string, { readonly text: string; readonly result: ParseResult }>();

  /** The documents of a file as last parsed and committed, or undefined when it was parsed whole. */
  documents(uri: string): readonly DocumentPart[] | undefined {
    return this.parts.get(uri);
  }

  /** Parses one file (reusing the documents whose text is unchanged since the last sync). */
  parse(uri: string, text: string): ParseResult {
    const steps = this.steps(uri, text);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /** parse() as steps: it yields after each document it had to parse, so a long file can be interrupted. */
  *steps(uri: string, text: string): Generator<void, ParseResult> {
    const last = this.files.get(uri);
    if (last?.text === text) {
      this.nextFiles.set(uri, last);
      const documents = this.cache.get(uri);
      if (documents) this.next.set(uri, documents);
      const parts = this.parts.get(uri);
      if (parts) this.nextParts.set(uri, parts);
      return last.result;
    }
    const result = yield* this.parseSteps(uri, text);
    this.nextFiles.set(uri, { text, result });
    return result;
  }

  private *parseSteps(uri: string, text: string): Generator<void, ParseResult> {
    const chunks = splitDocuments(text);
    if (!chunks) return parseManifests(text, uri);
    const previous = this.cache.get(uri);
    const kept = new Map<string, Cached>();
    this.next.set(uri, kept);
    const parts: { chunk: Chunk; cached: Cached }[] = [];
    for (const chunk of chunks) {
      let cached = previous?.get(chunk.text) ?? kept.get(chunk.text);
      if (!cached) {
        cached = { result: parseManifests(chunk.text, uri) };
        yield;
      }
      kept.set(chunk.text, cached);
      const { skipped, diagnostics } = cached.result;
      if (skipped && !(skipped.reason.startsWith('empty') && diagnostics.length === 0)) return parseManifests(text, uri);
      parts.push({ chunk, cached });
    }
    if (parts.every((p) => p.cached.result.skipped)) return parseManifests(text, uri);
    this.nextParts.set(uri, parts.map((p) => ({ chunk: p.chunk, result: p.cached.result })));
    return merge(parts);
  }

  /** Ends a sync: keeps the documents of the files parsed since the last call, drops the rest. */
  commit(): void {
    this.cache = this.next;
    this.next = new Map();
    this.parts = this.nextParts;
    this.nextParts = new Map();
    this.files = this.nextFiles;
    this.nextFiles = new Map();
  }
}

/** The file's documents with their offsets and first lines, or undefined when it must be parsed whole. */
export function splitDocuments(text: string): Chunk[] | undefined {
  const max = DEFAULT_PARSE_OPTIONS.maxBytes;
  // A UTF-16 unit is at most 3 UTF-8 bytes: only a file near the limit needs counting.
  if (text.length > max || (text.length * 3 > max && utf8Length(text) > max) || WHOLE_FILE_ONLY.test(text)) return undefined;
  const starts: number[] = [0];
  START.lastIndex = 0;
  for (let m = START.exec(text); m; m = START.exec(text)) if (m.index > 0) starts.push(m.index);
  // Comments before the first `---` belong to its document.
  if (starts.length > 1 && NO_CONTENT.test(text.slice(0, starts[1]))) starts.splice(1, 1);
  if (starts.length > DEFAULT_PARSE_OPTIONS.maxDocuments) return undefined;
  const chunks: Chunk[] = [];
  let line = 0;
  let counted = 0;
  for (let i = 0; i < starts.length; i++) {
    const offset = starts[i];
    for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
    counted = offset;
    chunks.push({ text: text.slice(offset, starts[i + 1] ?? text.length), offset, line });
  }
  return chunks;
}

function merge(parts: readonly { chunk: Chunk; cached: Cached }[]): ParseResult {
  const objects: SourcedObject[] = [];
  const diagnostics: ManifestDiagnostic[] = [];
  parts.forEach(({ chunk, cached }, index) => {
    const placed = place(cached, chunk, index);
    for (const o of placed.objects) objects.push(o);
    for (const d of placed.diagnostics) diagnostics.push(d);
  });
  return { objects, diagnostics };
}

/** The document's objects and diagnostics at its place in the file (document index, first line, offset). */
function place(cached: Cached, chunk: Chunk, index: number): NonNullable<Cached['placed']> {
  const at = `${index}:${chunk.line}:${chunk.offset}`;
  if (cached.placed?.at === at) return cached.placed;
  const shift = (r: Range): Range => shiftRange(r, chunk);
  const objects = cached.result.objects.map((o): SourcedObject => ({
    ...o, documentIndex: index, range: shift(o.range), keyRange: (path) => { const r = o.keyRange(path); return r && shift(r); },
  }));
  cached.placed = { at, objects, diagnostics: cached.result.diagnostics.map((d) => ({ ...d, range: shift(d.range) })) };
  return cached.placed;
}

/** A range of a document's own parse moved to the document's place in its file. */
export function shiftRange(r: Range, c: Chunk): Range {
  return {
    start: { line: r.start.line + c.line, column: r.start.column },
    end: { line: r.end.line + c.line, column: r.end.column },
    startOffset: r.startOffset + c.offset,
    endOffset: r.endOffset + c.offset,
  };
}
