import * as vscode from 'vscode';
import { configuredTopology, registerSimulationCommands } from './vscode/commands';
import { registerEditorCommands } from './vscode/editorCommands';
import { registerEditorFeatures } from './vscode/editorFeatures';
import { loadLanguage } from './vscode/lazy';
import { LessonDiagnostics } from './vscode/lessonDiagnostics';
import { registerLessonCompletion } from './vscode/lessons/lessonCompletion';
import { LessonCodeLens, LessonController } from './vscode/lessons/lessonController';
import { KubectlTerminal } from './vscode/kubectlTerminal';
import { LiveCluster } from './vscode/liveCluster';
import { platform } from './vscode/platform';

/**
 * Registers providers and commands only: parsing and simulating happen in a worker (thread or Web Worker), after a YAML
 * edit or open; hovers, lenses, lesson diagnostics and the Cluster View load their bundle on first use.
 */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Kube Anatomy', { log: true });
  const cluster = new LiveCluster(context.extensionUri, log);
  const yaml: vscode.DocumentSelector = [{ language: 'yaml' }];
  const lessons = new LessonController(context, cluster, log);
  context.subscriptions.push(
    log, cluster, new LessonDiagnostics(),
    ...registerEditorCommands(context.extensionUri, cluster),
    ...registerEditorFeatures(context.extensionUri, cluster, yaml),
    // ClusterViewPanel.viewType, spelled out so that activation does not load the panel's bundle.
    vscode.window.registerWebviewPanelSerializer('kubeAnatomy.clusterView', {
      deserializeWebviewPanel: async (panel) => (await loadLanguage()).ClusterViewPanel.revive(panel, context.extensionUri, cluster),
    }),
    ...registerSimulationCommands(cluster),
    ...lessons.register(),
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.lesson.{yaml,yml}' }, new LessonCodeLens(lessons)),
    registerLessonCompletion(),
    new KubectlTerminal(context.globalStorageUri, cluster),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubeAnatomy.simulation.topology')) void cluster.setTopology(configuredTopology());
    }),
  );
  // A hidden hook for the integration tests (the worker crash and restart); never registered otherwise.
  if (platform.env('KUBE_ANATOMY_TEST_HOOKS') === '1') {
    context.subscriptions.push(vscode.commands.registerCommand('kubeAnatomy.test.crashSimulationWorker', () => cluster.crashWorkerForTest()));
  }
  // The kubectl terminal needs a Node extension host (a server socket, a kubeconfig file): desktop, remote, code-server.
  void vscode.commands.executeCommand('setContext', 'kubeAnatomy.nodeHost', platform.runtime === 'Node');
  if (configuredTopology() !== 'auto') void cluster.setTopology(configuredTopology());
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (runtime: ${platform.runtime})`);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
