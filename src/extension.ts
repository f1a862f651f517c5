import * as vscode from 'vscode';
import { setApiDocsLoader, type ApiDocs } from './core/api';
import { ClusterViewPanel } from './vscode/clusterViewPanel';
import { configuredTopology, registerSimulationCommands } from './vscode/commands';
import { registerEditorCommands } from './vscode/editorCommands';
import { registerEditorFeatures } from './vscode/editorFeatures';
import { KubeHoverProvider } from './vscode/hoverProvider';
import { LessonDiagnostics } from './vscode/lessonDiagnostics';
import { LiveCluster } from './vscode/liveCluster';
import { platform } from './vscode/platform';

/** Registers providers and commands only: parsing and simulating happen in a worker thread, after a YAML edit or open. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Kube Anatomy', { log: true });
  const cluster = new LiveCluster(context.extensionUri, log);
  const yaml: vscode.DocumentSelector = [{ language: 'yaml' }];
  const tooLarge = (uri: vscode.Uri): void => {
    void vscode.window.showInformationMessage(`Kube Anatomy: ${vscode.workspace.asRelativePath(uri)} is larger than 5 MB; it gets no hovers, diagnostics or simulation.`);
  };
  // The API's field descriptions are read on the first field hover, not at activation.
  // Through the file system API, not `fs`: the same in the Node and the web-worker extension hosts.
  const docs = vscode.Uri.joinPath(context.extensionUri, 'dist', 'apiDocs.json');
  setApiDocsLoader(async () => JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(docs))) as ApiDocs);
  const hovers = new KubeHoverProvider(() => ({ glossaryLive: cluster.live, live: cluster.editorLive() }), tooLarge);
  context.subscriptions.push(
    log, cluster, new LessonDiagnostics(),
    vscode.languages.registerHoverProvider(yaml, hovers),
    vscode.workspace.onDidCloseTextDocument((d) => hovers.forget(d.uri)),
    ...registerEditorCommands(context.extensionUri, cluster),
    ...registerEditorFeatures(cluster, yaml),
    vscode.window.registerWebviewPanelSerializer(ClusterViewPanel.viewType, {
      deserializeWebviewPanel: async (panel) => ClusterViewPanel.revive(panel, context.extensionUri, cluster),
    }),
    ...registerSimulationCommands(cluster),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubeAnatomy.simulation.topology')) void cluster.setTopology(configuredTopology());
    }),
  );
  // A hidden hook for the integration tests (the worker crash and restart); never registered otherwise.
  if (platform.env('KUBE_ANATOMY_TEST_HOOKS') === '1') {
    context.subscriptions.push(vscode.commands.registerCommand('kubeAnatomy.test.crashSimulationWorker', () => cluster.crashWorkerForTest()));
  }
  if (configuredTopology() !== 'auto') void cluster.setTopology(configuredTopology());
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (runtime: ${platform.runtime})`);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
