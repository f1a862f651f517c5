import * as vscode from 'vscode';
import { OutlineCache } from '../core/knowledge';
import { lensTitle, statusText } from '../core/knowledge/fields/live';
import { FULL_OUTLINE_LIMIT } from '../core/knowledge/largeFiles';
import { podSpecPath } from '../core/manifests';
import type { LiveCluster } from './liveCluster';

const LENS_KINDS = (kind: string): boolean => kind === 'Service' || podSpecPath(kind) !== undefined;

/** A code lens above each workload and Service: its live state; clicking reveals it in the Cluster View. */
export class WorkloadLensProvider implements vscode.CodeLensProvider {
  private readonly outlines = new OutlineCache();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly cluster: LiveCluster) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const live = this.cluster.editorLive();
    if (!live || document.getText().length > FULL_OUTLINE_LIMIT) return [];
    const outline = this.outlines.get(document.uri.toString(), document.version, () => document.getText());
    const lenses: vscode.CodeLens[] = [];
    for (const d of outline.documents) {
      if (!d.kind || !d.name || d.template || !LENS_KINDS(d.kind) || d.objectOffset === undefined) continue;
      const namespace = d.namespace ?? 'default';
      const title = lensTitle(d.kind, namespace, d.name, live);
      if (!title) continue;
      const line = document.positionAt(d.objectOffset).line;
      lenses.push(new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title, command: 'kubeAnatomy.showClusterView', arguments: [{ kind: d.kind, namespace, name: d.name }], tooltip: 'Show in the Cluster View',
      }));
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Quick fixes carried by the simulation's diagnostics; each edit re-simulates at once. */
export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly cluster: LiveCluster) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === 'kube-anatomy');
    return this.cluster.fixesFor(document.uri, ours).map(({ diagnostic, fix }) => {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
      action.edit = edit;
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.command = { title: 'Re-simulate', command: 'kubeAnatomy.resimulate' };
      return action;
    });
  }
}

/** `multi-worker · 7/8 pods Running · etcd 1/1`, opening the Cluster View. */
export function createStatusBar(cluster: LiveCluster): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('kubeAnatomy.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Kube Anatomy';
  item.command = 'kubeAnatomy.showClusterView';
  item.tooltip = 'Kube Anatomy: the simulated cluster behind the open manifests. Click to show the Cluster View.';
  const update = (): void => {
    const live = cluster.editorLive();
    if (!live) return;
    item.text = `$(server-environment) ${statusText(live)}`;
    item.show();
  };
  const sub = cluster.onDidChange(update);
  update();
  return vscode.Disposable.from(item, sub);
}

/** Registers the lenses, quick fixes and status bar. */
export function registerEditorFeatures(cluster: LiveCluster, selector: vscode.DocumentSelector): vscode.Disposable[] {
  const lenses = new WorkloadLensProvider(cluster);
  return [
    lenses,
    cluster.onDidChange(() => lenses.refresh()),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerCodeActionsProvider(selector, new QuickFixProvider(cluster), { providedCodeActionKinds: QuickFixProvider.kinds }),
    vscode.commands.registerCommand('kubeAnatomy.resimulate', () => cluster.syncNow()),
    createStatusBar(cluster),
  ];
}
