import type { Document } from 'yaml';
import { admitToApi, DecodeCode } from '../api';
import { nodeAtPath } from './astPath';
import { looksLikeKubernetes, notKubernetesReason, recogniseShape, TEMPLATE_REASON } from './detect';
import { findDuplicateKeys } from './duplicates';
import { kindConfigOverLimit } from './kindConfig';
import { LineIndex } from './lines';
import { cloneTree, exceedsNodeBudget, utf8Length } from './limits';
import { SourceLocator } from './sourced';
import { readStream } from './stream';
import type { SkippedPiece, StreamDocument, StreamProblem } from './stream';
import { DEFAULT_PARSE_OPTIONS, DiagnosticCode } from './types';
import type { KubeObject, ManifestDiagnostic, ParseOptions, ParseResult, Range, Severity, SourcedObject } from './types';
import { applyCaps, validateObject } from './validate';
import { append } from '../arrays';

type Limits = Required<ParseOptions>;

const EMPTY_REASON = 'empty: the file has no YAML content, only comments or blank lines';

/** Mutable state of one parseManifests call. */
interface FileState {
  readonly text: string;
  readonly file: string;
  readonly limits: Limits;
  readonly lines: LineIndex;
  readonly objects: SourcedObject[];
  readonly diagnostics: ManifestDiagnostic[];
  /** Documents that are not Kubernetes: their shape and first line. */
  readonly foreign: { shape: string | undefined; range: Range }[];
  kubernetesDocs: number;
  brokenDocs: number;
  template: boolean;
}

/**
 * Parses a YAML file into Kubernetes objects with source ranges. Never throws: every
 * problem becomes a diagnostic, and one broken document does not hide the others.
 */
export function parseManifests(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const limits = withDefaults(options);
  if (text.length > limits.maxBytes || utf8Length(text) > limits.maxBytes) {
    const range = new LineIndex('').range(0, 0);
    const message = `file is too large to parse: ${utf8Length(text)} bytes, the limit is ${limits.maxBytes}`;
    return { objects: [], diagnostics: [{ file, range, severity: 'error', code: DiagnosticCode.fileTooLarge, message }] };
  }
  // A kind config above the node limit is refused before it is parsed (seconds of YAML for 100,000 nodes):
  // an error at the node that passes the limit, and its document is not read; the others are.
  const over = kindConfigOverLimit(text);
  const state: FileState = {
    text, file, limits, lines: new LineIndex(text), objects: [], diagnostics: [], foreign: [],
    kubernetesDocs: 0, brokenDocs: 0, template: false,
  };
  const refused = over ? [diag(state, state.lines.lineRange(over.at), 'error', DiagnosticCode.tooManyKindNodes, over.message)] : [];
  append(state.diagnostics, refused);
  try {
    const result = parseFile(state, over ?? undefined);
    return over && result.skipped ? { objects: [], diagnostics: refused } : result;
  } catch (err) {
    const message = `internal error while parsing: ${err instanceof Error ? err.message : String(err)}`;
    return { objects: state.objects, diagnostics: [...state.diagnostics, diag(state, state.lines.range(0, 0), 'error', DiagnosticCode.internalError, message)] };
  }
}

function withDefaults(options: ParseOptions): Limits {
  const out: Limits = { ...DEFAULT_PARSE_OPTIONS };
  for (const key of Object.keys(out) as (keyof Limits)[]) {
    const v = options[key];
    if (typeof v === 'number' && v >= 0) out[key] = v;
  }
  return out;
}

function parseFile(state: FileState, skip?: SkippedPiece): ParseResult {
  const stream = readStream(state.text, state.limits, skip);
  for (const sd of stream.documents) readDocument(state, sd);
  for (const p of stream.problems) state.diagnostics.push(fromProblem(state, p));
  if (state.template) return { objects: [], diagnostics: [], skipped: { reason: TEMPLATE_REASON } };
  if (stream.documents.length === 0 || stream.documents.every(isEmptyDocument)) {
    return { objects: [], diagnostics: state.diagnostics, skipped: { reason: EMPTY_REASON } };
  }
  if (state.kubernetesDocs === 0 && state.brokenDocs === 0 && state.foreign.length > 0) {
    return { objects: [], diagnostics: [], skipped: { reason: notKubernetesReason(state.foreign.map((f) => f.shape)) } };
  }
  for (const f of state.foreign) {
    const hint = f.shape ? ` (it looks like ${f.shape})` : '';
    state.diagnostics.push(diag(state, f.range, 'warning', DiagnosticCode.notKubernetes,
      `this document is not a Kubernetes object: it has no apiVersion and kind${hint}; it is ignored`));
  }
  state.diagnostics.sort((a, b) => a.range.startOffset - b.range.startOffset);
  return { objects: state.objects, diagnostics: state.diagnostics };
}

function isEmptyDocument(d: StreamDocument): boolean {
  return d.doc !== undefined && d.doc.contents === null && d.doc.errors.length === 0 && d.problems.length === 0;
}

function diag(state: FileState, range: Range, severity: Severity, code: string, message: string): ManifestDiagnostic {
  return { file: state.file, range, severity, code, message };
}

function fromProblem(state: FileState, p: StreamProblem): ManifestDiagnostic {
  return diag(state, state.lines.range(p.start, p.end), p.severity, p.code, p.message);
}

/** Turns one stream document into objects or diagnostics. */
function readDocument(state: FileState, sd: StreamDocument): void {
  for (const p of sd.problems) state.diagnostics.push(fromProblem(state, p));
  const doc = sd.doc;
  if (!doc || sd.problems.length > 0) {
    state.brokenDocs++;
    return;
  }
  if (sd.scan && sd.scan.strongTemplate >= 0) {
    state.template = true;
    return;
  }
  if (!yamlIsClean(state, sd, doc)) {
    state.brokenDocs++;
    return;
  }
  const value = toValue(state, sd, doc);
  if (value === undefined || value === null) return;
  if (!looksLikeKubernetes(value, state.file)) {
    const start = sd.base + (doc.contents?.range[0] ?? 0);
    state.foreign.push({ shape: recogniseShape(value, state.file), range: state.lines.lineRange(start) });
    return;
  }
  state.kubernetesDocs++;
  if (sd.scan && sd.scan.weakTemplate >= 0) warnWeakTemplate(state, sd.base + sd.scan.weakTemplate);
  for (const [root, item, index] of expandList(doc, value as Record<string, unknown>)) {
    addObject(state, sd, doc, root, item, index);
  }
}

/** Reports yaml's syntax errors and warnings and our duplicate keys; true when the document can be read. */
function yamlIsClean(state: FileState, sd: StreamDocument, doc: Document.Parsed): boolean {
  const at = (pos: [number, number]): Range => state.lines.range(sd.base + pos[0], sd.base + pos[1]);
  for (const e of doc.errors) {
    const range = state.lines.firstLineRange(sd.base + e.pos[0], sd.base + e.pos[1]);
    state.diagnostics.push(diag(state, range, 'error', DiagnosticCode.yamlSyntax, `YAML syntax error: ${e.message}`));
  }
  for (const w of doc.warnings) state.diagnostics.push(diag(state, at(w.pos), 'warning', DiagnosticCode.yamlWarning, `YAML: ${w.message}`));
  if (doc.errors.length > 0) return false;
  const dups = findDuplicateKeys(doc.contents);
  for (const d of dups) {
    state.diagnostics.push(diag(state, at([d.start, d.end]), 'error', DiagnosticCode.duplicateKey, `duplicate key "${d.key}": a key may appear only once in a map`));
  }
  // Reported as errors, but the document is still read (the last value wins, as in yaml and JSON.parse).
  return true;
}

/** Converts the document to plain data, refusing alias bombs; undefined on failure. */
function toValue(state: FileState, sd: StreamDocument, doc: Document.Parsed): unknown {
  const aliasAt = sd.base + Math.max(0, sd.scan?.firstAlias ?? 0);
  const fail = (code: string, message: string): undefined => {
    state.diagnostics.push(diag(state, state.lines.range(aliasAt, aliasAt + 1), 'error', code, message));
    state.brokenDocs++;
    return undefined;
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: state.limits.maxAliasCount });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const bomb = /alias count/i.test(message);
    return fail(bomb ? DiagnosticCode.aliasBomb : DiagnosticCode.yamlSyntax,
      bomb ? `YAML aliases expand too much (a "billion laughs" document?): ${message}; it is not read` : `YAML error: ${message}`);
  }
  if (!sd.scan || sd.scan.firstAlias < 0) return value;
  if (exceedsNodeBudget(value, state.limits.maxNodes)) {
    return fail(DiagnosticCode.tooManyNodes, `YAML aliases expand to more than ${state.limits.maxNodes} nodes; this document is not read`);
  }
  return cloneTree(value);
}

/** A `List` (kind List or *List with items) becomes its items; anything else is itself. */
function* expandList(doc: Document.Parsed, value: Record<string, unknown>): Generator<[unknown, unknown, number | undefined]> {
  const isList = typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
  if (!isList) {
    yield [doc.contents, value, undefined];
    return;
  }
  const items = value.items as unknown[];
  for (let i = 0; i < items.length; i++) yield [nodeAtPath(doc, doc.contents, ['items', i]), items[i], i];
}

function addObject(state: FileState, sd: StreamDocument, doc: Document.Parsed, root: unknown, item: unknown, index: number | undefined): void {
  const locator = new SourceLocator(doc, root, sd.base, state.lines);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    state.diagnostics.push(diag(state, locator.whole(), 'error', DiagnosticCode.invalidMetadata, `List item ${index ?? 0} must be a Kubernetes object (a map)`));
    return;
  }
  const obj = item as Record<string, unknown>;
  // Discovery and decoding against the API's types come first, as in kube-apiserver: an object that
  // does not decode is never validated (src/core/api).
  const api = admitToApi(obj);
  for (const f of api) state.diagnostics.push(diag(state, locator.anchor(f.path, f.code === DecodeCode.unknownField), f.severity, f.code, f.message));
  const findings = api.some((f) => f.severity === 'error') ? api : [...api, ...validateObject(obj)];
  for (const f of findings.slice(api.length)) state.diagnostics.push(diag(state, locator.nearest(f.path), f.severity, f.code, f.message));
  if (findings.some((f) => f.severity === 'error')) return;
  applyCaps(obj, findings);
  state.objects.push({
    object: obj as KubeObject,
    file: state.file,
    documentIndex: sd.index,
    range: locator.whole(),
    keyRange: locator.keyRange,
  });
}

function warnWeakTemplate(state: FileState, at: number): void {
  state.diagnostics.push(diag(state, state.lines.range(at, at + 2), 'warning', DiagnosticCode.templateAction,
    'this value contains a template action ({{ ... }}); if the file is a Helm/Go template, render it with `helm template` first'));
}
