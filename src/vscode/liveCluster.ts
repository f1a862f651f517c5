import * as vscode from 'vscode';
import { feedsCluster } from '../core/live/identity';
import { studyGuideMultiWorker } from '../core/view/studyGuide';
import type { DocumentDiagnostic, LiveState } from '../core/live/workspaceCluster';
import type { LiveProgress, TopologyChoice } from '../shared/liveTypes';
import type { ClusterView, ViewObjectRef } from '../shared/protocol';
import type { FromWorker } from '../shared/workerProtocol';
import type { ClusterSource } from './clusterViewPanel';
import { platform } from './platform';
import { SimulationWorker } from './simulationWorker';

const SYNC_DELAY_MS = 250;
const SEVERITY: Readonly<Record<DocumentDiagnostic['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(d: DocumentDiagnostic): vscode.Diagnostic {
  const { start, end } = d.range;
  const range = new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = 'kube-anatomy';
  diagnostic.code = d.code;
  return diagnostic;
}

const isYaml = (doc: vscode.TextDocument): boolean => doc.languageId === 'yaml';

/** Plain YAML syntax problems: Red Hat's YAML extension reports these itself when it is installed. */
const YAML_SYNTAX_CODES = new Set(['yaml-syntax', 'yaml-warning', 'duplicate-key']);
const REDHAT_YAML = 'redhat.vscode-yaml';

/** The YAML documents that feed the cluster: the user's files, never a `git:` view or an output channel. */
function clusterDocuments(): vscode.TextDocument[] {
  const schemes = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme);
  return vscode.workspace.textDocuments.filter((d) => isYaml(d) && feedsCluster(d.uri.toString(), schemes));
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The simulated cluster behind the open YAML documents: it runs in a worker (thread or Web Worker), is re-synced
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
  /** uri → the diagnostics that carry quick fixes (editor addition, issue 7). */
  private readonly fixes = new Map<string, DocumentDiagnostic[]>();

  constructor(extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.worker = new SimulationWorker(platform.engine(vscode.Uri.joinPath(extensionUri, 'dist')), {
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

  /** The quick fixes of the diagnostics at a document's range (editor addition, issue 7). */
  fixesFor(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): { diagnostic: vscode.Diagnostic; fix: NonNullable<DocumentDiagnostic['fixes']>[number] }[] {
    const list = this.fixes.get(uri.toString()) ?? [];
    const out: { diagnostic: vscode.Diagnostic; fix: NonNullable<DocumentDiagnostic['fixes']>[number] }[] = [];
    for (const diagnostic of diagnostics) {
      const d = list.find((x) => x.message === diagnostic.message && x.range.start.line - 1 === diagnostic.range.start.line && x.range.start.column - 1 === diagnostic.range.start.character);
      for (const fix of d?.fixes ?? []) out.push({ diagnostic, fix });
    }
    return out;
  }

  /** Syncs now instead of after the edit delay (a quick fix re-simulates at once). */
  syncNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.sync();
  }

  /** Live facts for field hovers, code lenses and the status bar (undefined before the first sync). */
  editorLive(): LiveState['editor'] | undefined {
    return this.latest?.editor;
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
    // The worker's WorkspaceCluster sends its full LiveState; the shared protocol names only the shared part.
    const state = reply.state as LiveState;
    this.latest = state;
    this.log.info(`simulated ${state.objects} object(s) in ${reply.millis.toFixed(1)} ms (t=${state.view.time}s)`);
    this.diagnostics.clear();
    this.fixes.clear();
    const redHat = vscode.extensions.getExtension(REDHAT_YAML) !== undefined;
    for (const [uri, list] of Object.entries(state.diagnostics)) {
      const shown = redHat ? list.filter((d) => !YAML_SYNTAX_CODES.has(d.code)) : list;
      this.diagnostics.set(vscode.Uri.parse(uri), shown.map(toDiagnostic));
      const withFixes = shown.filter((d) => d.fixes && d.fixes.length > 0);
      if (withFixes.length > 0) this.fixes.set(uri, withFixes);
    }
    this.changed.fire();
    return undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.worker.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}
