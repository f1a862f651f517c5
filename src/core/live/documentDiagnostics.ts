/**
 * The editor diagnostics of a file (issue 7: why Pending, selectors, unmodelled fields) computed per
 * YAML document, as the file is parsed (documentParser.ts): the ones that depend on the text alone are
 * kept while a document's text is unchanged, so a one-line edit walks one document's fields, not the
 * workspace's. The result is the one editorDiagnostics gives for the whole file (a unit test checks it).
 */
import { editorDiagnostics, liveDiagnostics, liveInputs, textDiagnostics, type EditorDiagnostic, type QuickFix } from '../knowledge/diagnostics';
import { FULL_OUTLINE_LIMIT } from '../knowledge/largeFiles';
import type { ParseResult, SourcedObject } from '../manifests';
import type { EditorLive } from '../view/facts';
import { shiftRange, type DocumentPart } from './documentParser';

/**
 * A document's text-only diagnostics in its own coordinates, and placed in the file (while it does not
 * move); and its live diagnostics placed, with the facts they were computed from (liveInputs).
 */
interface Kept {
  readonly own: readonly EditorDiagnostic[];
  placed?: { readonly at: DocumentPart['chunk']; readonly list: readonly EditorDiagnostic[] };
  live?: { readonly at: DocumentPart['chunk']; readonly inputs: readonly unknown[]; readonly list: readonly EditorDiagnostic[] };
}

/** By the document's parse result, which the parser hands back unchanged while the document's text is. */
const kept = new WeakMap<ParseResult, Kept>();

/**
 * The diagnostics of one file: per document when it was parsed per document (and the whole file is
 * small enough for the field walk, which editorDiagnostics leaves out above FULL_OUTLINE_LIMIT), else
 * for the whole file at once.
 */
export function fileDiagnostics(objects: readonly SourcedObject[], text: string, parts: readonly DocumentPart[] | undefined, live: EditorLive): EditorDiagnostic[] {
  if (!parts || text.length > FULL_OUTLINE_LIMIT) return editorDiagnostics(objects, text, live);
  const out: EditorDiagnostic[] = [];
  for (const { chunk, result } of parts) {
    if (result.objects.length === 0) continue;
    let k = kept.get(result);
    if (!k) kept.set(result, (k = { own: textDiagnostics(result.objects, chunk.text) }));
    // Why Pending and a Service's endpoints change with the cluster: computed again when the facts they read did.
    const inputs = liveInputs(result.objects, live);
    if (!k.live || !samePlace(k.live.at, chunk) || !sameItems(k.live.inputs, inputs)) {
      k.live = { at: chunk, inputs, list: liveDiagnostics(result.objects, chunk.text, live).map((d) => place(d, chunk)) };
    }
    for (const d of k.live.list) out.push(d);
    if (!k.placed || !samePlace(k.placed.at, chunk)) k.placed = { at: chunk, list: k.own.map((d) => place(d, chunk)) };
    for (const d of k.placed.list) out.push(d);
  }
  return out;
}

/** The document has not moved in its file. */
function samePlace(a: DocumentPart['chunk'], b: DocumentPart['chunk']): boolean {
  return a.line === b.line && a.offset === b.offset;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A diagnostic of a document's own text moved to the document's place in the file (its range and its fixes' edits). */
function place(d: EditorDiagnostic, chunk: DocumentPart['chunk']): EditorDiagnostic {
  const moved: EditorDiagnostic = { ...d, range: shiftRange(d.range, chunk) };
  if (!d.fixes) return moved;
  const fixes = d.fixes.map((f): QuickFix => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + chunk.offset, end: e.end + chunk.offset })) }));
  return { ...moved, fixes };
}
