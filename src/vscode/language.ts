/**
 * The language bundle (dist/language.js): the half of the editor adapter that needs `yaml`, the API
 * table, the field teaching, the glossary or the lesson parser. The activation bundle reaches it only
 * through `loadLanguage()` (./lazy.ts), on first use: the first hover, the first code lens after a
 * simulation, the first lesson file, the Cluster View.
 */
import * as vscode from 'vscode';
import { setApiDocsLoader, type ApiDocs } from '../core/api';
import { OutlineCache, type YamlHoverSources } from '../core/knowledge';
import { lensTitle } from '../core/knowledge/fields/live';
import { podSpecPath } from '../core/manifests';
import type { EditorLive } from '../core/view/facts';
import { KubeHoverProvider } from './hoverProvider';

export { ClusterViewPanel } from './clusterViewPanel';
export { lessonDiagnostics } from '../core/lessons/diagnostics';

/** The field hover provider; the API's descriptions (dist/apiDocs.json) are read on its first hover. */
export function createHoverProvider(extensionUri: vscode.Uri, sources: () => YamlHoverSources, tooLarge: (uri: vscode.Uri) => void): KubeHoverProvider {
  const docs = vscode.Uri.joinPath(extensionUri, 'dist', 'apiDocs.json');
  setApiDocsLoader(async () => JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(docs))) as ApiDocs);
  return new KubeHoverProvider(sources, tooLarge);
}

/** A code lens to draw: at the object's offset, its live state as a title. */
export interface WorkloadLens {
  readonly offset: number;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly title: string;
}

const lensOutlines = new OutlineCache();
const LENS_KINDS = (kind: string): boolean => kind === 'Service' || podSpecPath(kind) !== undefined;

/** The lenses of a document: one above each workload and Service the simulation knows. */
export function workloadLenses(key: string, version: number, text: () => string, live: EditorLive): WorkloadLens[] {
  const lenses: WorkloadLens[] = [];
  for (const d of lensOutlines.get(key, version, text).documents) {
    if (!d.kind || !d.name || d.template || !LENS_KINDS(d.kind) || d.objectOffset === undefined) continue;
    const namespace = d.namespace ?? 'default';
    const title = lensTitle(d.kind, namespace, d.name, live);
    if (title) lenses.push({ offset: d.objectOffset, kind: d.kind, namespace, name: d.name, title });
  }
  return lenses;
}

/** Forgets a closed document's syntax tree. */
export function forgetLenses(key: string): void {
  lensOutlines.delete(key);
}
