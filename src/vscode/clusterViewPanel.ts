import * as vscode from 'vscode';
import { entryById } from '../core/knowledge';
import { glossaryCards } from '../core/view/cards';
import { withoutSteps } from '../core/view/delta';
import { backToNow, feed, FRESH_FEED, type FeedResult, type FeedState } from '../core/view/feed';
import { locateManifest, objectAtLine } from '../core/view/manifestLocator';
import type { LessonCommand, LessonPane } from '../shared/lesson';
import { assertNever, parseFromWebview, type ClusterView, type FromWebview, type Speed, type ToWebview, type ViewObjectRef, type ViewSelectTarget, type ViewTopology } from '../shared/protocol';
import { clusterViewHtml, makeNonce } from './webviewHtml';

/**
 * Where the panel gets the cluster it draws, and what it can do to it. The optional members are
 * used when the source has them (LiveCluster has `live`, `fault` and `setTopology`); the others
 * (scale, workers, clock, seek) light up once the session behind the source offers them.
 */
export interface ClusterSource {
  current(): ClusterView;
  /** Calls back on every change; returns the unsubscribe. */
  onDidChange(listener: () => void): vscode.Disposable;
  readonly live?: (entryId: string) => readonly string[];
  fault?(target: string, failed: boolean): Promise<string | undefined>;
  setTopology?(choice: ViewTopology): Promise<string | undefined>;
  /** The topology the cluster runs on now (the setting, or the learner's last pick), for the view's picker. */
  topologyChoice?(): ViewTopology;
  scale?(ref: ViewObjectRef, replicas: number): Promise<string | undefined>;
  addWorker?(): Promise<string | undefined>;
  removeWorker?(node: string): Promise<string | undefined>;
  setSpeed?(speed: Speed): void;
  /** The cluster at a past simulated second (null: now), or an error message. */
  seek?(time: number | null): Promise<ClusterView | string>;
  /** The clock in the editor: a view opened (simulated time runs while one is); dispose when it closes. */
  attachView?(): vscode.Disposable;
  /** The clock's speed, head and settledness, and a callback when they change. */
  clock?(): { readonly speed: Speed; readonly head: number; readonly settled: boolean };
  onDidChangeClock?(listener: () => void): vscode.Disposable;
  /** Runs the cluster until nothing pending would change it. */
  settle?(): Promise<string | undefined>;
  /** A lesson being played (src/vscode/lessons/lessonCluster.ts): the lesson pane's state and the learner's moves. */
  lesson?(): LessonPane | null;
  lessonStep?(command: LessonCommand): Promise<string | undefined>;
  lessonAnswer?(step: number, choice: number): Promise<string | undefined>;
}

/** Host → webview: one snapshot, then batched deltas, at most this often (10 a second). */
export const DELTA_INTERVAL_MS = 100;
const CURSOR_DELAY_MS = 150;
const EXPORT_FILTERS: Readonly<Record<FromWebview.Export['format'], { name: string; ext: string }>> = {
  svg: { name: 'SVG image', ext: 'svg' }, png: { name: 'PNG image', ext: 'png' }, md: { name: 'Markdown', ext: 'md' },
};
const LESSON_MOVES: Readonly<Record<LessonCommand, string>> = { next: 'Play step', previous: 'Previous step', restart: 'Restart lesson', leave: 'Leave lesson' };
const FACT_ENTRIES = ['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'kubelet', 'kube-proxy', 'containerd', 'kubectl', 'load-balancer', 'Pod'];

/** The Cluster View: one panel, owned by the host, drawing snapshots the host sends. */
export class ClusterViewPanel {
  static readonly viewType = 'kubeAnatomy.clusterView';
  private static current: ClusterViewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /** What the webview holds: its view, the last step, the cluster they came from, a past moment shown (src/core/view/feed.ts). */
  private feedState: FeedState = FRESH_FEED;
  private lastFacts = '';
  private lastTopology: ViewTopology | null | undefined;
  private lastPost = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  /** A "Show in Cluster View" selection waiting for the webview's `ready`. */
  private pendingSelect: ViewSelectTarget | undefined;
  private lastClock = '';
  /** The `seq` of the webview's last SetSpeed applied (its clock messages acknowledge it). */
  private speedAck = 0;
  private lastLesson = '';
  private subscription: vscode.Disposable;

  /** Shows the panel, creating it if needed; `select` picks a node, component or object in it (Show in Cluster View). */
  static createOrShow(extensionUri: vscode.Uri, source: ClusterSource, select?: ViewSelectTarget): void {
    // From a hover or code lens (a selection), the editor keeps the focus: the view shows what the cursor is on.
    const preserveFocus = select !== undefined;
    if (ClusterViewPanel.current) {
      ClusterViewPanel.current.panel.reveal(undefined, preserveFocus);
    } else {
      const panel = vscode.window.createWebviewPanel(ClusterViewPanel.viewType, 'Kube Anatomy: Cluster View', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, ClusterViewPanel.options(extensionUri));
      ClusterViewPanel.current = new ClusterViewPanel(panel, extensionUri, source);
    }
    if (select) ClusterViewPanel.current.select(select);
  }

  /** Selects in the view (once it is ready). */
  private select(target: ViewSelectTarget): void {
    if (this.ready) this.post({ type: 'select', target });
    else this.pendingSelect = target;
  }

  /** Shows the panel drawing `source` instead of what it drew (a lesson; the live cluster when it ends). */
  static showSource(extensionUri: vscode.Uri, source: ClusterSource): void {
    const current = ClusterViewPanel.current;
    if (!current) return ClusterViewPanel.createOrShow(extensionUri, source);
    current.use(source);
    current.panel.reveal();
  }

  /** Restores the panel after a window reload (called by the registered serializer). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: ClusterSource): void {
    panel.webview.options = ClusterViewPanel.options(extensionUri);
    ClusterViewPanel.current?.dispose();
    ClusterViewPanel.current = new ClusterViewPanel(panel, extensionUri, source);
  }

  /** Scripts on, and only the built assets in media/ are loadable. */
  private static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, private source: ClusterSource) {
    this.subscription = this.attach(source);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e.textEditor)),
    );
  }

  /** Follows a source: its changes, and its clock (simulated time runs while a view shows it). */
  private attach(source: ClusterSource): vscode.Disposable {
    const parts = [source.onDidChange(() => this.schedule())];
    if (source.attachView) parts.push(source.attachView());
    if (source.onDidChangeClock) parts.push(source.onDidChangeClock(() => this.postClock()));
    return vscode.Disposable.from(...parts);
  }

  /** The clock's speed, head and settledness, when they changed. */
  private postClock(): void {
    const clock = this.source.clock?.();
    if (!clock || !this.ready) return;
    const json = JSON.stringify({ ...clock, ack: this.speedAck });
    if (json === this.lastClock) return;
    this.lastClock = json;
    this.post({ type: 'clock', ...clock, ack: this.speedAck });
  }

  /** Switches the source: the webview gets the new one's snapshot, steps and lesson state from scratch. */
  private use(source: ClusterSource): void {
    if (source === this.source) return;
    this.subscription.dispose();
    this.source = source;
    this.subscription = this.attach(source);
    this.feedState = FRESH_FEED;
    this.lastClock = '';
    this.lastFacts = '';
    this.lastTopology = undefined;
    this.post({ type: 'capabilities', seek: typeof source.seek === 'function', clock: typeof source.setSpeed === 'function' });
    this.postClock();
    this.flush();
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    return clusterViewHtml({
      cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: media('webview.js'), styleUri: media('clusterView.css'), extraStyleUris: [media('lesson.css')],
      initialJson: JSON.stringify(withoutSteps(this.source.current())),
    });
  }

  /** Every message is validated; anything unknown or malformed is dropped. */
  private async receive(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.speedAck = 0; // a reloaded webview counts its speed changes from 1 again
        this.feedState = FRESH_FEED;
        this.lastLesson = '';
        this.lastTopology = undefined;
        this.post({ type: 'capabilities', seek: typeof this.source.seek === 'function', clock: typeof this.source.setSpeed === 'function' });
        this.post({ type: 'glossary', cards: glossaryCards() });
        this.lastClock = '';
        this.postClock();
        this.flush();
        if (this.pendingSelect) this.post({ type: 'select', target: this.pendingSelect });
        this.pendingSelect = undefined;
        break;
      case 'openDocs': {
        const entry = entryById(msg.entryId);
        if (entry) void vscode.env.openExternal(vscode.Uri.parse(entry.docs.url));
        break;
      }
      case 'fault': return this.act(`${msg.failed ? 'Fail' : 'Heal'} ${msg.target}`, this.source.fault?.bind(this.source, msg.target, msg.failed));
      case 'scale': return this.act(`Scale ${msg.kind} ${msg.name} to ${msg.replicas}`, this.source.scale?.bind(this.source, { kind: msg.kind, namespace: msg.namespace, name: msg.name }, msg.replicas));
      case 'addWorker': return this.act('Add a worker', this.source.addWorker?.bind(this.source));
      case 'removeWorker': return this.act(`Remove ${msg.node}`, this.source.removeWorker?.bind(this.source, msg.node));
      case 'setTopology': return this.act(`Topology ${msg.topology}`, this.source.setTopology?.bind(this.source, msg.topology));
      case 'setSpeed':
        this.speedAck = msg.seq;
        this.source.setSpeed?.(msg.speed);
        this.postClock(); // acknowledges it, even when the speed was already the host's
        break;
      case 'settle': return this.act('Settle', this.source.settle?.bind(this.source));
      case 'seek': return this.seek(msg.time);
      case 'revealManifest': return this.reveal(msg.object);
      case 'export': return this.save(msg);
      case 'lessonStep': return this.act(LESSON_MOVES[msg.command], this.source.lessonStep?.bind(this.source, msg.command));
      case 'lessonAnswer': return this.act('Prediction', this.source.lessonAnswer?.bind(this.source, msg.step, msg.choice));
      default:
        assertNever(msg);
    }
  }

  /** Runs an action through the source and tells the webview how it went. */
  private async act(what: string, run: (() => Promise<string | undefined>) | undefined): Promise<void> {
    const error = run ? await run() : 'this build of the simulation does not offer it yet';
    this.post({ type: 'actionResult', what, error: error ?? null });
    // An action acts at the head: a view showing a past moment comes back to now (as the editor does).
    if (!error && this.ready) this.send(backToNow(this.feedState, what, this.source.current()));
  }

  private send(result: FeedResult): void {
    this.feedState = result.state;
    for (const message of result.messages) this.post(message);
  }

  private async seek(time: number | null): Promise<void> {
    if (!this.source.seek) return;
    const result = await this.source.seek(time);
    if (typeof result === 'string') return this.post({ type: 'actionResult', what: 'Rewind', error: result });
    const view = withoutSteps(result);
    this.feedState = { ...this.feedState, seeking: time !== null, sent: view };
    this.post({ type: 'updateState', view });
  }

  private post(message: ToWebview.Message): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Coalesces changes: at most one message every DELTA_INTERVAL_MS. */
  private schedule(): void {
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastPost + DELTA_INTERVAL_MS - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  /** Sends the first snapshot whole, then only what changed; new steps and facts apart. */
  private flush(): void {
    if (!this.ready) return;
    this.lastPost = Date.now();
    // Steps, the view (whole after a rebuilt or rewound cluster, else a delta), back to now after a change: src/core/view/feed.ts.
    this.send(feed(this.feedState, this.source.current()));
    this.postFacts();
    this.postLesson();
    this.postTopology();
  }

  /** The picker shows the host's topology (null: the source offers none, e.g. a lesson). */
  private postTopology(): void {
    const choice = this.source.topologyChoice?.() ?? null;
    if (choice === this.lastTopology) return;
    this.lastTopology = choice;
    this.post({ type: 'topology', choice });
  }

  private postFacts(): void {
    const live = this.source.live;
    if (!live) return;
    const facts: Record<string, readonly string[]> = {};
    for (const id of FACT_ENTRIES) facts[id] = live(id);
    const json = JSON.stringify(facts);
    if (json === this.lastFacts) return;
    this.lastFacts = json;
    this.post({ type: 'facts', facts });
  }

  private postLesson(): void {
    const pane = this.source.lesson?.() ?? null;
    const json = JSON.stringify(pane);
    if (json === this.lastLesson) return;
    this.lastLesson = json;
    this.post({ type: 'lesson', pane });
  }

  /** Reveals an object's manifest among the open YAML documents. */
  private async reveal(ref: ViewObjectRef): Promise<void> {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.languageId === 'yaml')) {
      const at = locateManifest(doc.getText(), doc.uri.toString(), ref);
      if (!at) continue;
      const pos = new vscode.Position(at.line - 1, at.column - 1);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
      return;
    }
    this.post({ type: 'actionResult', what: `Go to ${ref.kind} ${ref.name}`, error: 'no open YAML file holds its manifest' });
  }

  /** The editor's cursor on a manifest highlights that object's pods. */
  private cursorMoved(editor: vscode.TextEditor): void {
    if (editor.document.languageId !== 'yaml') return;
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => {
      const object = objectAtLine(editor.document.getText(), editor.document.uri.toString(), editor.selection.active.line + 1) ?? null;
      this.post({ type: 'highlight', object });
    }, CURSOR_DELAY_MS);
  }

  /** Saves an export where the learner picks. */
  private async save(msg: FromWebview.Export): Promise<void> {
    const filter = EXPORT_FILTERS[msg.format];
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      filters: { [filter.name]: [filter.ext] }, saveLabel: 'Export', title: `Export the Cluster View as ${filter.name}`,
      ...(base ? { defaultUri: vscode.Uri.joinPath(base, `cluster-view.${filter.ext}`) } : {}),
    });
    if (!target) return;
    const bytes = exportBytes(msg);
    if (!bytes) return this.post({ type: 'actionResult', what: 'Export', error: 'the image data was not a PNG' });
    await vscode.workspace.fs.writeFile(target, bytes);
    this.post({ type: 'actionResult', what: `Export to ${target.path.split('/').pop() ?? 'file'}`, error: null });
  }

  private dispose(): void {
    if (ClusterViewPanel.current === this) ClusterViewPanel.current = undefined;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    this.panel.dispose();
    this.subscription.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}

const PNG_PREFIX = 'data:image/png;base64,';

/** The file's bytes: text as UTF-8, a PNG from its data URL (anything else is refused). */
export function exportBytes(msg: FromWebview.Export): Uint8Array | undefined {
  if (msg.format !== 'png') return new TextEncoder().encode(msg.content);
  if (!msg.content.startsWith(PNG_PREFIX)) return undefined;
  let binary: string;
  try {
    binary = atob(msg.content.slice(PNG_PREFIX.length)); // no Buffer: this runs in the browser build too
  } catch {
    return undefined; // not base64
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b) ? bytes : undefined;
}

/** The first 8 bytes of every PNG file (https://www.w3.org/TR/png-3/#5PNG-file-signature). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
