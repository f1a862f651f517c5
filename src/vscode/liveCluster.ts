import * as vscode from 'vscode';
import { feedsCluster } from '../core/live/identity';
import { studyGuideMultiWorker } from '../core/view/studyGuide';
import type { DocumentDiagnostic, LiveProgress, LiveState, TopologyChoice } from '../shared/liveTypes';
import type { ClusterView } from '../shared/protocol';
import type { FromWorker } from '../shared/workerProtocol';
import type { ClusterSource } from './clusterViewPanel';
import { SimulationWorker } from './simulationWorker';

const SYNC_DELAY_MS = 250;
const SEVERITY: Readonly<Record<DocumentDiagnostic['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(d: DocumentDiagnostic): vscode.Diagnostic {
  const { start, end } = d.range;
  const range = new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = 'Kube Anatomy';
  diagnostic.code = d.code;
  return diagnostic;
}

const isYaml = (doc: vscode.TextDocument): boolean => doc.languageId === 'yaml';

/** The YAML documents that feed the cluster: the user's files, never a `git:` view or an output channel. */
function clusterDocuments(): vscode.TextDocument[] {
  const schemes = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme);
  return vscode.workspace.textDocuments.filter((d) => isYaml(d) && feedsCluster(d.uri.toString(), schemes));
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The simulated cluster behind the open YAML documents: it runs in a worker thread, is re-synced
 * shortly after each edit, and feeds the Cluster View, the hovers' live status and the diagnostics.
 */
export class LiveCluster implements ClusterSource, vscode.Disposable {
  private latest: LiveState | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kube-anatomy');
  private readonly status = vscode.window.createStatusBarItem('kubeAnatomy.simulation', vscode.StatusBarAlignment.Left);
  private readonly worker: SimulationWorker;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.worker = new SimulationWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'simWorker.js').fsPath, {
      log: (line) => log.error(line),
      progress: (p) => this.showProgress(p),
      crashed: (message, restarted) => this.crashed(message, restarted),
      restored: (reply) => this.apply(reply),
    });
    this.status.name = 'Kube Anatomy simulation';
    const schedule = (doc: vscode.TextDocument): void => (isYaml(doc) ? this.scheduleSync() : undefined);
    this.disposables.push(
      this.changed, this.diagnostics, this.status,
      vscode.workspace.onDidOpenTextDocument(schedule),
      vscode.workspace.onDidCloseTextDocument(schedule),
      vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    );
    if (vscode.workspace.textDocuments.some(isYaml)) this.scheduleSync();
  }

  current(): ClusterView {
    if (!this.latest && !this.timer) this.scheduleSync(); // the view asks before any YAML file was opened
    return this.latest?.view ?? studyGuideMultiWorker();
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.changed.event(listener);
  }

  /** Live facts for the hover of a glossary entry. */
  readonly live = (entryId: string): readonly string[] => this.latest?.facts[entryId] ?? [];

  /** Fails or heals a node or component; resolves to an error message, or undefined on success. */
  async fault(target: string, failed: boolean): Promise<string | undefined> {
    return this.apply(await this.worker.request({ type: 'fault', target, failed }));
  }

  async setTopology(choice: TopologyChoice): Promise<string | undefined> {
    return this.apply(await this.worker.request({ type: 'setTopology', choice }));
  }

  /** Nodes and node/component names that faults can target. */
  async targets(): Promise<readonly string[]> {
    const reply = await this.worker.request({ type: 'targets' });
    return reply.type === 'targets' ? reply.targets : [];
  }

  /** Test hook (registered only when KUBE_ANATOMY_TEST_HOOKS=1): ends the worker as a crash would. */
  crashWorkerForTest(): void {
    this.worker.crashForTest();
  }

  private scheduleSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sync(), SYNC_DELAY_MS);
  }

  private async sync(): Promise<void> {
    this.timer = undefined;
    const documents = clusterDocuments().map((d) => ({ uri: d.uri.toString(), text: d.getText() }));
    const error = this.apply(await this.worker.request({ type: 'sync', documents }));
    if (error) this.log.error(`simulation: ${error}`);
  }

  private showProgress(p: LiveProgress): void {
    this.status.text = `$(sync~spin) simulating… ${count(p.done)}/${count(p.total)} pods`;
    this.status.tooltip = `Kube Anatomy: pods Running out of the pods the manifests ask for, at simulated t=${p.time}s`;
    this.status.show();
  }

  private crashed(message: string, restarted: boolean): void {
    this.status.hide();
    const then = restarted ? 'It was restarted with your topology and failed nodes restored.' : 'It stopped several times in a row; it starts again on your next edit.';
    void vscode.window.showWarningMessage(`Kube Anatomy: the simulation stopped (${message.replace(/^the simulation worker /, '')}). ${then}`);
  }

  private apply(reply: FromWorker.Reply): string | undefined {
    if (reply.type === 'superseded') return undefined;
    this.status.hide();
    if (reply.type === 'failed') return reply.message;
    if (reply.type !== 'state') return undefined;
    this.latest = reply.state;
    this.log.info(`simulated ${reply.state.objects} object(s) in ${reply.millis.toFixed(1)} ms (t=${reply.state.view.time}s)`);
    this.diagnostics.clear();
    for (const [uri, list] of Object.entries(reply.state.diagnostics)) this.diagnostics.set(vscode.Uri.parse(uri), list.map(toDiagnostic));
    this.changed.fire();
    return undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.worker.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}
