/**
 * The language bundle (dist/language.js): the half of the editor adapter that needs `yaml`, the API
 * table, the field teaching, the glossary or the lesson parser. The activation bundle reaches it only
 * through `loadLanguage()` (./lazy.ts), on first use: the first hover, the first code lens after a
 * simulation, the first lesson file, the Cluster View.
 */
import * as vscode from 'vscode';
import { setApiDocsLoader, type ApiDocs } from '../core/api';
import { OutlineCache, type YamlHoverSources } from '../core/knowledge';
import { workloadLenses as lensesOf, type WorkloadLens } from '../core/knowledge/lenses';
import type { EditorLive } from '../core/view/facts';
import { KubeHoverProvider } from './hoverProvider';

export { ClusterViewPanel } from './clusterViewPanel';
export { lessonDiagnostics } from '../core/lessons/diagnostics';

export type { WorkloadLens };

/** One syntax tree per document version, shared by the hovers and the code lenses. */
const outlines = new OutlineCache();

/** The field hover provider; the API's descriptions (dist/apiDocs.json) are read on its first hover. */
export function createHoverProvider(extensionUri: vscode.Uri, sources: () => YamlHoverSources, tooLarge: (uri: vscode.Uri) => void): KubeHoverProvider {
  const docs = vscode.Uri.joinPath(extensionUri, 'dist', 'apiDocs.json');
  setApiDocsLoader(async () => JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(docs))) as ApiDocs);
  return new KubeHoverProvider(sources, tooLarge, outlines);
}

/** The longest stretch the lenses parse for before they yield to the extension host's other work. */
const PARSE_SLICE_MS = 10;

/**
 * The lenses of a document: one above each workload and Service the simulation knows. A file whose
 * documents are not all parsed yet (the first lenses of a large file) is parsed in slices of
 * PARSE_SLICE_MS between which the extension host runs, and the lenses come as a promise.
 */
export function workloadLenses(key: string, version: number, text: () => string, live: EditorLive): WorkloadLens[] | Promise<WorkloadLens[]> {
  const outline = outlines.get(key, version, text);
  const step = (): boolean => {
    const started = performance.now();
    return outline.parseWhile(() => performance.now() - started < PARSE_SLICE_MS);
  };
  if (step()) return lensesOf(outline, live);
  return new Promise((resolve) => {
    const next = (): void => (step() ? resolve(lensesOf(outline, live)) : void setTimeout(next, 0));
    setTimeout(next, 0);
  });
}

/** Forgets a closed document's syntax tree. */
export function forgetOutline(key: string): void {
  outlines.delete(key);
}
