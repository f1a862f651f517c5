import * as vscode from 'vscode';
import type { ClusterSource } from './clusterViewPanel';
import { loadLanguage } from './lazy';

/** What "Show in Cluster View" passes: an object the user wrote, or a component. Validated, since command links carry it. */
export interface ClusterViewSelection {
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly component?: string;
}

const MAX_PART = 253;

/** Keeps only short string fields of a selection argument; anything else is dropped. */
export function parseSelection(raw: unknown): ClusterViewSelection | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const out: Record<string, string> = {};
  for (const key of ['kind', 'namespace', 'name', 'component'] as const) {
    const v = (raw as Record<string, unknown>)[key];
    if (typeof v === 'string' && v.length <= MAX_PART) out[key] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Only kubernetes.io pages open from hovers. */
export function docsUri(raw: unknown): vscode.Uri | undefined {
  if (typeof raw !== 'string' || raw.length > 500) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.hostname === 'kubernetes.io' ? vscode.Uri.parse(url.toString()) : undefined;
  } catch {
    return undefined;
  }
}

let lastSelection: ClusterViewSelection | undefined;

/** The selection the last "Show in Cluster View" asked for (the view reads it when it supports selection). */
export function requestedSelection(): ClusterViewSelection | undefined {
  return lastSelection;
}

/** Show in Cluster View (with an optional selection from a hover, lens or status bar) and Open docs. */
export function registerEditorCommands(extensionUri: vscode.Uri, cluster: ClusterSource): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('kubeAnatomy.showClusterView', (selection?: unknown) => {
      lastSelection = parseSelection(selection);
      return loadLanguage().then((language) => language.ClusterViewPanel.createOrShow(extensionUri, cluster));
    }),
    vscode.commands.registerCommand('kubeAnatomy.openDocs', (url?: unknown) => {
      const uri = docsUri(url);
      if (uri) void vscode.env.openExternal(uri);
    }),
  ];
}
