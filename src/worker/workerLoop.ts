/**
 * The simulation worker's request loop, without the thread: messages go into an inbox and are handled
 * in order, except that syncs coalesce (only the latest documents matter) and a running sync yields
 * every SLICE_MS to look at the inbox: a newer sync abandons it, a `targets` query is answered at once,
 * anything else waits its turn. A long sync reports progress every PROGRESS_MS. simWorker.ts wires it
 * to the thread; tests run it in-process with their own clock.
 */
import { WorkspaceCluster, type LiveState, type SyncJob } from '../core/live/workspaceCluster';
import type { KubeObject } from '../core/sim/types';
import { StepSender } from '../core/view/stepStream';
import { EditorSender } from '../core/live/editorStream';
import { assertNever } from '../shared/protocol';
import type { FromWorker, ToWorker } from '../shared/workerProtocol';
import { ApiHook, type ServeApi } from './apiHook';

/** Work between two looks at the inbox: short enough to drop superseded work at once, long enough to cost nothing. */
export const SLICE_MS = 40;
/** How often a long sync reports its progress (the first report comes after this long). */
export const PROGRESS_MS = 250;

/** What the loop needs from its host: a way to post, a clock, a way to run later (after pending messages). */
export interface LoopHost {
  post(message: FromWorker.Message): void;
  now(): number;
  defer(run: () => void): void;
  /** Serves the cluster's Kubernetes API for the kubectl terminal (absent where there are no sockets). */
  serveApi?: ServeApi;
}

interface Running {
  readonly id: number;
  readonly job: SyncJob;
  readonly started: number;
  lastProgress: number;
}

/** The requests that end in a sync of the cluster, and so supersede one another. */
type SyncLike = ToWorker.Sync | ToWorker.SetTopology | ToWorker.Restore;

export class WorkerLoop {
  private readonly cluster = new WorkspaceCluster();
  private documents: ToWorker.Sync['documents'] = [];
  /** Faults to replay once a restore's sync has built the cluster again. */
  private pendingFaults: readonly string[] = [];
  private readonly inbox: ToWorker.Message[] = [];
  private running: Running | undefined;
  private scheduled = false;
  /** The journal's seq and settledness after the last reply: an advance that changes neither answers with a `clock` reply. */
  private lastSeq = -1;
  private lastSettled = true;
  /** Each state carries only the steps the host has not had (src/core/view/stepStream.ts), and the editor's changed entries (editorStream.ts). */
  private readonly steps = new StepSender();
  private readonly editor = new EditorSender();
  /** The clock mode a restore's sync turns on once the cluster is rebuilt. */
  private restoredMode: boolean | undefined;

  /** The kubectl terminal's API (apiHook.ts): after kubectl writes, the cluster is posted unless a sync runs. */
  private readonly api: ApiHook;
  /** kubectl wrote since the last state posted: the next one carries its objects (FromWorker.State.apiObjects). */
  private apiWrote = false;

  constructor(private readonly host: LoopHost) {
    this.api = new ApiHook(host, () => this.cluster.simulation, () => {
      if (this.running) return undefined; // the running sync's reply carries the change
      const started = host.now();
      this.cluster.afterApiWrite();
      return this.stateReply(0, this.cluster.state(this.uris()), started);
    }, () => { this.apiWrote = true; });
  }

  /** A message from the host. */
  receive(message: ToWorker.Message): void {
    this.inbox.push(message);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.host.defer(() => {
      this.scheduled = false;
      this.turn();
    });
  }

  /** One turn: go on with the running sync for a slice, or start the next message. */
  private turn(): void {
    if (this.running) this.continueRunning();
    else this.startNext();
    if (this.running || this.inbox.length > 0) this.schedule();
  }

  private continueRunning(): void {
    const run = this.running as Running;
    const newer = this.inbox.find(isSyncLike);
    if (newer) {
      this.running = undefined;
      this.host.post({ type: 'superseded', id: run.id, by: newer.id });
      return;
    }
    this.answerQueries();
    this.slice(run);
  }

  private startNext(): void {
    const message = this.inbox.shift();
    if (!message) return;
    if (message.type === 'api') return this.api.request(message);
    if (!isSyncLike(message)) return this.host.post(this.handle(message));
    this.take(message);
    const later = this.inbox.find(isSyncLike);
    if (later) return this.host.post({ type: 'superseded', id: message.id, by: later.id });
    const started = this.host.now();
    this.running = { id: message.id, job: this.cluster.begin(this.documents), started, lastProgress: started };
    this.slice(this.running);
  }

  /** Keeps what a sync-like request changes, even when a later one supersedes its sync. */
  private take(message: SyncLike): void {
    if (message.type !== 'sync') this.cluster.setTopology(message.choice);
    if (message.type !== 'setTopology') this.documents = message.documents;
    if (message.type === 'restore') this.pendingFaults = message.faults;
    if (message.type === 'restore') this.cluster.carry((message.apiObjects ?? []) as KubeObject[]);
    // A restore rebuilds the lost cluster settled (as it was before its faults); the clock mode applies after it.
    if (message.type === 'restore') {
      this.cluster.setSettleOnChange(true);
      this.restoredMode = message.settleOnChange ?? true;
    }
  }

  /** Runs the sync for one slice; replies when it is done. */
  private slice(run: Running): void {
    try {
      const deadline = this.host.now() + SLICE_MS;
      if (!run.job.resume(() => this.host.now() >= deadline)) return this.reportProgress(run);
      this.running = undefined;
      const replayed = this.replayFaults();
      if (replayed) this.cluster.settle();
      if (this.restoredMode !== undefined) this.cluster.setSettleOnChange(this.restoredMode);
      this.restoredMode = undefined;
      const state = replayed ? this.cluster.state(this.uris()) : (run.job.result as LiveState);
      this.host.post(this.stateReply(run.id, state, run.started));
    } catch (err) {
      this.running = undefined;
      this.host.post({ type: 'failed', id: run.id, message: messageOf(err) });
    }
  }

  private stateReply(id: number, whole: LiveState, started: number): FromWorker.State {
    this.lastSeq = this.cluster.head().seq;
    this.lastSettled = whole.settled;
    const { view, stepsAfter } = this.steps.trim(whole.view);
    const { editor, delta } = this.editor.trim(whole.editor);
    const state = { ...whole, view, editor };
    const reply: FromWorker.State = {
      type: 'state', id, state, millis: this.host.now() - started, faults: this.cluster.activeFaults(),
      ...(stepsAfter === undefined ? {} : { stepsAfter }), ...(delta === undefined ? {} : { editorDelta: delta }),
    };
    if (!this.apiWrote) return reply;
    this.apiWrote = false;
    return { ...reply, apiObjects: this.cluster.apiObjects() };
  }

  private uris(): string[] {
    return this.documents.map((d) => d.uri);
  }

  private reportProgress(run: Running): void {
    const now = this.host.now();
    if (now - run.lastProgress < PROGRESS_MS) return;
    run.lastProgress = now;
    this.host.post({ type: 'progress', id: run.id, progress: run.job.progress() });
  }

  /** After a restore: fails again what had failed (a target gone meanwhile is skipped); true when there was any. */
  private replayFaults(): boolean {
    const targets = this.pendingFaults;
    this.pendingFaults = [];
    for (const target of targets) this.cluster.fault(target, true);
    return targets.length > 0;
  }

  /** Answers the `targets` queries waiting in the inbox while a sync runs (they only read). */
  private answerQueries(): void {
    for (let i = 0; i < this.inbox.length; i++) {
      const m = this.inbox[i] as ToWorker.Message;
      if (m.type !== 'targets') continue;
      this.inbox.splice(i--, 1);
      this.host.post(this.handle(m));
    }
  }

  private handle(message: Exclude<ToWorker.Message, SyncLike | ToWorker.Api>): FromWorker.Reply {
    try {
      switch (message.type) {
        case 'fault': return this.fault(message);
        case 'targets': return { type: 'targets', id: message.id, targets: this.cluster.targets() };
        case 'viewAction': return this.viewAction(message);
        case 'setClock': return this.setClock(message);
        case 'advance': return this.advance(message);
        case 'settle': return this.settle(message);
        default: return assertNever(message);
      }
    } catch (err) {
      return { type: 'failed', id: message.id, message: messageOf(err) };
    }
  }

  /** The Cluster View's requests (src/shared/viewActions.ts): a seek answers a past view, the others change the cluster. */
  private viewAction(message: ToWorker.ViewAction): FromWorker.Reply {
    const started = this.host.now();
    if (message.action.kind === 'seek') {
      const view = this.cluster.viewAt(message.action.time);
      if (typeof view === 'string') return { type: 'failed', id: message.id, message: view };
      this.afterSeek(message.id, message.action.time);
      return { type: 'viewAt', id: message.id, view };
    }
    const error = this.cluster.viewAction(message.action);
    if (error) return { type: 'failed', id: message.id, message: error };
    return this.stateReply(message.id, this.cluster.state(this.uris()), started);
  }

  /**
   * The editor's state at the play head follows the view's answer (the view draws first), unless a
   * newer seek already waits (scrubbing: only where the learner stops matters).
   */
  private afterSeek(id: number, time: number | null): void {
    this.host.defer(() => {
      if (this.inbox.some((m) => m.type === 'viewAction' && m.action.kind === 'seek')) return;
      try {
        const past = time !== null && time < this.cluster.head().time;
        this.host.post({ type: 'playHead', id, state: past ? this.cluster.stateAt(time, this.uris()) : null });
      } catch (err) {
        this.host.post({ type: 'failed', id, message: messageOf(err) });
      }
    });
  }

  private setClock(message: ToWorker.SetClock): FromWorker.Reply {
    const started = this.host.now();
    this.cluster.setSettleOnChange(message.settleOnChange);
    if (message.settleOnChange && !this.cluster.settled()) this.cluster.settle();
    return this.stateReply(message.id, this.cluster.state(this.uris()), started);
  }

  /** The clock's tick; only the time when nothing was written (a settled cluster ticking costs no state). */
  private advance(message: ToWorker.Advance): FromWorker.Reply {
    const started = this.host.now();
    this.cluster.advance(message.seconds);
    const head = this.cluster.head();
    const settled = this.cluster.settled();
    if (head.seq === this.lastSeq && settled === this.lastSettled) return { type: 'clock', id: message.id, time: head.time, settled };
    return this.stateReply(message.id, this.cluster.state(this.uris()), started);
  }

  private settle(message: ToWorker.Settle): FromWorker.Reply {
    const started = this.host.now();
    this.cluster.settle();
    return this.stateReply(message.id, this.cluster.state(this.uris()), started);
  }

  private fault(message: ToWorker.Fault): FromWorker.Reply {
    const started = this.host.now();
    const error = this.cluster.fault(message.target, message.failed);
    if (error) return { type: 'failed', id: message.id, message: error };
    return this.stateReply(message.id, this.cluster.state(this.uris()), started);
  }
}

function isSyncLike(m: ToWorker.Message): m is SyncLike {
  return m.type === 'sync' || m.type === 'setTopology' || m.type === 'restore';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
