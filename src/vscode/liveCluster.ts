import * as vscode from 'vscode';
import { feedsCluster } from '../core/live/identity';
import { studyGuideMultiWorker } from '../core/view/studyGuide';
import { clockTime, momentText } from '../core/view/moment';
import type { DocumentDiagnostic, LiveState } from '../core/live/workspaceCluster';
import type { LiveProgress, TopologyChoice } from '../shared/liveTypes';
import { SPEEDS, type ClusterView, type Speed, type ViewObjectRef } from '../shared/protocol';
import type { FromWorker } from '../shared/workerProtocol';
import type { ClusterSource } from './clusterViewPanel';
import { platform } from './platform';
import { SimulationWorker } from './simulationWorker';

/**
 * Quiet time after the last keystroke before the documents go to the worker. Short, so diagnostics can
 * follow within 100 ms of the last keystroke at teaching size (issue 7's budget): the worker coalesces
 * syncs and abandons a superseded one, so a fast typist costs little more than one sync.
 */
const SYNC_DELAY_MS = 60;
/** The clock's host timer: how often it measures wall time and (when a simulated second is owed) asks the worker to advance. */
export const TICK_MS = 200;
/** Wall time counted per tick at most: after a stall (a busy worker, a suspended laptop) the clock goes on, it does not jump. */
const MAX_TICK_WALL_MS = 1_000;
const SPEED_SETTING = 'simulation.speed';

/** The speed setting, validated (the view's speed control writes the same setting). */
export function configuredSpeed(): Speed {
  const value = vscode.workspace.getConfiguration('kubeAnatomy').get<number>(SPEED_SETTING, 1);
  return (SPEEDS as readonly number[]).includes(value) ? (value as Speed) : 1;
}
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
  /** The editor's state at the play head while the learner looks at a past moment (undefined: at the head). */
  private past: LiveState | undefined;
  /** The clock: open Cluster Views, the learner's speed, simulated seconds owed to the worker, the last tick. */
  private views = 0;
  private speed: Speed = configuredSpeed();
  private owed = 0;
  private lastTick = 0;
  private ticking = false;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private head = { time: 0, settled: true };
  private readonly clockChanged = new vscode.EventEmitter<void>();
  /** A restarted worker serves the kubectl API again (kubectlTerminal.ts rewrites the kubeconfig if the port changed). */
  private readonly apiRestarted = new vscode.EventEmitter<FromWorker.Api['served'] | string>();
  readonly onDidRestartApi = this.apiRestarted.event;
  /** The topology picked last ('auto' until the setting or a picker chose another). */
  private choice: TopologyChoice = 'auto';
  /** After dispose no request may start a worker (a view closing with the window would). */
  private disposed = false;

  constructor(extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.worker = new SimulationWorker(platform.engine(vscode.Uri.joinPath(extensionUri, 'dist')), {
      log: (line) => log.error(line),
      progress: (p) => this.showProgress(p),
      crashed: (message, restarted) => this.crashed(message, restarted),
      restored: (reply) => this.apply(reply),
      playHead: (state) => this.showPast(state as LiveState | null),
      apiWrite: (m) => this.apply({ type: 'state', id: m.id, state: m.state, millis: m.millis, faults: m.faults }),
      apiRestarted: (served) => this.apiRestarted.fire(served),
    });
    this.status.name = 'Kube Anatomy simulation';
    const schedule = (doc: vscode.TextDocument): void => (isYaml(doc) ? this.scheduleSync() : undefined);
    this.disposables.push(
      this.changed, this.clockChanged, this.apiRestarted, this.diagnostics, this.status,
      vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration(`kubeAnatomy.${SPEED_SETTING}`) ? this.speedChanged(configuredSpeed()) : undefined)),
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

  /**
   * A Cluster View opened: while one is open, simulated time runs on its own at the learner's speed
   * (the worker stops settling each change at once: the clock shows it happen). Dispose when it closes.
   */
  attachView(): vscode.Disposable {
    if (this.views++ === 0) this.startClock();
    let attached = true;
    return new vscode.Disposable(() => {
      if (!attached) return;
      attached = false;
      if (--this.views === 0) this.stopClock();
    });
  }

  /** Called back when the clock's speed, head or settledness changes. */
  onDidChangeClock(listener: () => void): vscode.Disposable {
    return this.clockChanged.event(listener);
  }

  /** The learner's speed, the head's simulated second and whether it has settled. */
  clock(): { speed: Speed; head: number; settled: boolean } {
    return { speed: this.speed, head: this.head.time, settled: this.head.settled };
  }

  /** The view's speed control: the setting holds the one value (its change comes back through speedChanged). */
  setSpeed(speed: Speed): void {
    this.speedChanged(speed);
    if (configuredSpeed() !== speed) void vscode.workspace.getConfiguration('kubeAnatomy').update(SPEED_SETTING, speed, vscode.ConfigurationTarget.Global);
  }

  /** "Settle the Cluster": runs it until nothing pending would change it; an error message, or undefined. */
  async settle(): Promise<string | undefined> {
    return this.apply(await this.worker.request({ type: 'settle' }));
  }

  private speedChanged(speed: Speed): void {
    if (speed === this.speed) return;
    this.speed = speed;
    this.owed = 0;
    this.lastTick = performance.now();
    this.renderStatus();
    this.clockChanged.fire();
  }

  private startClock(): void {
    void this.worker.request({ type: 'setClock', settleOnChange: false }).then((r) => this.apply(r));
    this.lastTick = performance.now();
    this.tickTimer = setInterval(() => void this.tick(), TICK_MS);
    this.renderStatus();
  }

  private stopClock(): void {
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = undefined;
    this.past = undefined;
    if (this.disposed) return;
    void this.worker.request({ type: 'setClock', settleOnChange: true }).then((r) => this.apply(r));
  }

  /**
   * The host timer: wall time since the last tick, times the speed, owed to the simulation; whole
   * seconds are sent to the worker, one advance in flight at a time (a busy worker slows the clock
   * instead of queueing ticks). Only this adapter reads the wall clock; the engine gets "advance by dt".
   */
  private async tick(): Promise<void> {
    const now = performance.now();
    const wall = Math.min(now - this.lastTick, MAX_TICK_WALL_MS);
    this.lastTick = now;
    // Paused, no view, no cluster yet (the first sync comes first), or an advance in flight: this wall time is not owed.
    if (this.speed === 0 || this.views === 0 || !this.latest || this.ticking) return;
    this.owed += (wall / 1000) * this.speed;
    if (this.owed < 1) return;
    const seconds = Math.floor(this.owed);
    this.owed -= seconds;
    this.ticking = true;
    try {
      const reply = await this.worker.request({ type: 'advance', seconds });
      if (reply.type === 'clock') this.clockMoved(reply.time, reply.settled);
      else this.apply(reply, false);
    } finally {
      this.ticking = false;
    }
  }

  private clockMoved(time: number, settled: boolean): void {
    this.head = { time, settled };
    this.renderStatus();
    this.clockChanged.fire();
  }

  /** After a seek: the editor shows the play head's state (null: back at the head). */
  private showPast(state: LiveState | null): void {
    this.past = state ?? undefined;
    this.showDiagnostics(state ?? this.latest);
    this.renderStatus();
    this.changed.fire();
  }

  /** The play head's simulated second while it is in the past, else null. */
  pastTime(): number | null {
    return this.past?.past?.time ?? null;
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

  /**
   * Live facts for field hovers, code lenses and the status bar (undefined before the first sync): at the
   * play head, so a past moment picked in the Cluster View's timeline shows in the editor too.
   */
  editorLive(): LiveState['editor'] | undefined {
    return (this.past ?? this.latest)?.editor;
  }

  /** Live facts for the hover of a glossary entry (at the play head). */
  readonly live = (entryId: string): readonly string[] => (this.past ?? this.latest)?.facts[entryId] ?? [];

  /** Fails or heals a node or component; resolves to an error message, or undefined on success. */
  async fault(target: string, failed: boolean): Promise<string | undefined> {
    return this.apply(await this.worker.request({ type: 'fault', target, failed }));
  }

  async setTopology(choice: TopologyChoice): Promise<string | undefined> {
    const error = this.apply(await this.worker.request({ type: 'setTopology', choice }));
    if (!error) this.choice = choice;
    return error;
  }

  /** The topology the cluster runs on (the setting, the command's or the view's last pick), for the view's picker. */
  topologyChoice(): TopologyChoice {
    return this.choice;
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

  /** Starts (or stops) serving this cluster's Kubernetes API for kubectl: where it is served, or an error message. */
  async serveApi(action: 'start' | 'stop'): Promise<FromWorker.Api['served'] | string> {
    const reply = await this.worker.request({ type: 'api', action });
    return reply.type === 'api' ? reply.served : reply.type === 'failed' ? reply.message : 'unexpected reply';
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

  /** The clock in the status bar: the play head in the past, a cluster still settling, or the running clock. */
  private renderStatus(): void {
    const live = this.editorLive();
    const moment = live ? momentText(live) : '';
    const speed = this.speed === 0 ? 'paused' : `${this.speed}×`;
    if (this.past && live) {
      this.status.text = `$(history) ${moment}`;
      this.status.tooltip = 'Kube Anatomy: the editor shows the moment picked in the Cluster View\'s timeline; move the play head to the end for now.';
    } else if (this.views > 0) {
      this.status.text = `${this.head.settled ? '$(watch)' : '$(sync~spin)'} ${this.head.settled ? clockTime(this.head.time) : `settling… ${clockTime(this.head.time)}`} · ${speed}`;
      this.status.tooltip = `Kube Anatomy: simulated time runs at ${speed} while the Cluster View is open. "Kube Anatomy: Settle the Cluster" runs it to rest at once.`;
    } else if (moment) {
      this.status.text = `$(sync~spin) ${moment}`;
      this.status.tooltip = 'Kube Anatomy: the simulated cluster has not settled yet.';
    } else {
      this.status.hide();
      return;
    }
    this.status.command = this.views > 0 ? 'kubeAnatomy.settle' : undefined;
    this.status.show();
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

  /**
   * A worker's reply. `change`: it answers a change (an edit, a fault, an action), which acts at the head
   * and so brings the editor back from a past moment (as the session API's commands move the play head).
   */
  private apply(reply: FromWorker.Reply, change = true): string | undefined {
    if (reply.type === 'superseded') return undefined;
    if (change && reply.type === 'state') this.past = undefined;
    this.status.hide();
    if (reply.type === 'failed') {
      this.renderStatus();
      return reply.message;
    }
    if (reply.type !== 'state') return undefined;
    // The worker's WorkspaceCluster sends its full LiveState; the shared protocol names only the shared part.
    const state = reply.state as LiveState;
    this.latest = state;
    this.head = { time: state.view.time, settled: state.settled };
    this.log.info(`simulated ${state.objects} object(s) in ${reply.millis.toFixed(1)} ms (t=${state.view.time}s)`);
    if (!this.past) this.showDiagnostics(state);
    this.renderStatus();
    this.changed.fire();
    this.clockChanged.fire();
    return undefined;
  }

  private showDiagnostics(state: LiveState | undefined): void {
    if (!state) return;
    this.diagnostics.clear();
    this.fixes.clear();
    const redHat = vscode.extensions.getExtension(REDHAT_YAML) !== undefined;
    for (const [uri, list] of Object.entries(state.diagnostics)) {
      const shown = redHat ? list.filter((d) => !YAML_SYNTAX_CODES.has(d.code)) : list;
      this.diagnostics.set(vscode.Uri.parse(uri), shown.map(toDiagnostic));
      const withFixes = shown.filter((d) => d.fixes && d.fixes.length > 0);
      if (withFixes.length > 0) this.fixes.set(uri, withFixes);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.worker.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}
