import * as vscode from 'vscode';
import { statusText } from '../core/knowledge/fields/live';
import { FULL_OUTLINE_LIMIT } from '../core/knowledge/largeFiles';
import type { KubeHoverProvider } from './hoverProvider';
import type { WorkloadLens } from './language';
import { loadLanguage, type LanguageModule } from './lazy';
import type { LiveCluster } from './liveCluster';

/**
 * Stands in for the field hover provider at activation; the first hover loads the language bundle
 * (./lazy.ts) and creates the real one, every later hover is synchronous.
 */
export class HoverOnFirstUse implements vscode.HoverProvider {
  private real: KubeHoverProvider | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly cluster: LiveCluster) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.ProviderResult<vscode.Hover> {
    if (this.real) return this.real.provideHover(document, position);
    return loadLanguage().then((language) => {
      this.real ??= language.createHoverProvider(this.extensionUri, () => ({ glossaryLive: this.cluster.live, live: this.cluster.editorLive() }), tooLarge);
      return this.real.provideHover(document, position);
    });
  }

  forget(uri: vscode.Uri): void {
    this.real?.forget(uri);
  }
}

function tooLarge(uri: vscode.Uri): void {
  void vscode.window.showInformationMessage(`Kube Anatomy: ${vscode.workspace.asRelativePath(uri)} is larger than 5 MB; it gets no hovers, diagnostics or simulation.`);
}

/**
 * A code lens above each workload and Service: its live state; clicking reveals it in the Cluster View.
 * Nothing is loaded before the first simulation; the lenses themselves come from the language bundle.
 */
export class WorkloadLensProvider implements vscode.CodeLensProvider {
  private language: LanguageModule | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly cluster: LiveCluster) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.ProviderResult<vscode.CodeLens[]> {
    const live = this.cluster.editorLive();
    if (!live || document.getText().length > FULL_OUTLINE_LIMIT) return [];
    const draw = (list: readonly WorkloadLens[]): vscode.CodeLens[] => list.map((l) => {
      const line = document.positionAt(l.offset).line;
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: l.title, command: 'kubeAnatomy.showClusterView', arguments: [{ kind: l.kind, namespace: l.namespace, name: l.name }], tooltip: 'Show in the Cluster View',
      });
    });
    const lenses = (language: LanguageModule): vscode.CodeLens[] | Promise<vscode.CodeLens[]> => {
      const list = language.workloadLenses(document.uri.toString(), document.version, () => document.getText(), live);
      return Array.isArray(list) ? draw(list) : list.then(draw);
    };
    if (this.language) return lenses(this.language);
    return loadLanguage().then((language) => lenses(this.language = language));
  }

  forget(uri: vscode.Uri): void {
    this.language?.forgetOutline(uri.toString());
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

/** Registers the hovers, lenses, quick fixes and status bar. */
export function registerEditorFeatures(extensionUri: vscode.Uri, cluster: LiveCluster, selector: vscode.DocumentSelector): vscode.Disposable[] {
  const hovers = new HoverOnFirstUse(extensionUri, cluster);
  const lenses = new WorkloadLensProvider(cluster);
  return [
    lenses,
    vscode.languages.registerHoverProvider(selector, hovers),
    vscode.workspace.onDidCloseTextDocument((d) => {
      hovers.forget(d.uri);
      lenses.forget(d.uri);
    }),
    cluster.onDidChange(() => lenses.refresh()),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerCodeActionsProvider(selector, new QuickFixProvider(cluster), { providedCodeActionKinds: QuickFixProvider.kinds }),
    vscode.commands.registerCommand('kubeAnatomy.resimulate', () => cluster.syncNow()),
    createStatusBar(cluster),
  ];
}
