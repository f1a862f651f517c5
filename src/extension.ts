import * as vscode from 'vscode';
import { studyGuideMultiWorker } from './core/view/studyGuide';
import { ClusterViewPanel, type ClusterSource } from './vscode/clusterViewPanel';
import { GlossaryHoverProvider } from './vscode/hoverProvider';

/** Registers providers and commands only: nothing is parsed or simulated until something asks. */
export function activate(context: vscode.ExtensionContext): void {
  const source: ClusterSource = { current: studyGuideMultiWorker, onDidChange: () => new vscode.Disposable(() => undefined) };
  const yaml: vscode.DocumentSelector = [{ language: 'yaml' }];
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(yaml, new GlossaryHoverProvider()),
    vscode.commands.registerCommand('kubeAnatomy.showClusterView', () => ClusterViewPanel.createOrShow(context.extensionUri, source)),
    vscode.window.registerWebviewPanelSerializer(ClusterViewPanel.viewType, {
      deserializeWebviewPanel: async (panel) => ClusterViewPanel.revive(panel, context.extensionUri, source),
    }),
  );
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
