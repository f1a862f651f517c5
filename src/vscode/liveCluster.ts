import * as vscode from 'vscode';
import type { DocumentDiagnostic, LiveState, TopologyChoice } from '../core/live/workspaceCluster';
import { studyGuideMultiWorker } from '../core/view/studyGuide';
import type { ClusterView, ViewObjectRef } from '../shared/protocol';
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

/**
 * The simulated cluster behind the open YAML documents: it runs in a worker thread, is re-synced
 * shortly after each edit, and feeds the Cluster View, the hovers' live status and the diagnostics.
 */
export class LiveCluster implements ClusterSource, vscode.Disposable {
  private latest: LiveState | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kube-anatomy');
  private readonly worker: SimulationWorker;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.worker = new SimulationWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'simWorker.js').fsPath, (l) => log.error(l));
    const schedule = (doc: vscode.TextDocument): void => (isYaml(doc) ? this.scheduleSync() : undefined);
    this.disposables.push(
      this.changed, this.diagnostics,
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

  /** The Cluster View's actions and its rewind (worker message `viewAction`). */
  async scale(workload: ViewObjectRef, replicas: number): Promise<string | undefined> {
    return this.apply(await this.worker.request({ type: 'viewAction', action: { kind: 'scale', workload, replicas } }));
  }

  async addWorker(): Promise<string | undefined> {
    return this.apply(await this.worker.request({ type: 'viewAction', action: { kind: 'addWorker' } }));
  }

  async removeWorker(node: string): Promise<string | undefined> {
    return this.apply(await this.worker.request({ type: 'viewAction', action: { kind: 'removeWorker', node } }));
  }

  async seek(time: number | null): Promise<ClusterView | string> {
    const reply = await this.worker.request({ type: 'viewAction', action: { kind: 'seek', time } });
    return reply.type === 'viewAt' ? reply.view : reply.type === 'failed' ? reply.message : 'unexpected reply';
  }

  /** Nodes and node/component names that faults can target. */
  async targets(): Promise<readonly string[]> {
    const reply = await this.worker.request({ type: 'targets' });
    return reply.type === 'targets' ? reply.targets : [];
  }

  private scheduleSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sync(), SYNC_DELAY_MS);
  }

  private async sync(): Promise<void> {
    const documents = vscode.workspace.textDocuments.filter(isYaml).map((d) => ({ uri: d.uri.toString(), text: d.getText() }));
    const error = this.apply(await this.worker.request({ type: 'sync', documents }));
    if (error) this.log.error(`simulation: ${error}`);
  }

  private apply(reply: Awaited<ReturnType<SimulationWorker['request']>>): string | undefined {
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
