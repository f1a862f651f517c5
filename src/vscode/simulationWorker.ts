import type { LiveProgress, TopologyChoice, WorkspaceDocument } from '../shared/liveTypes';
import type { ApiIdentity, ApiObjects, FromWorker, ToWorker } from '../shared/workerProtocol';
import type { EngineWorker, StartEngine } from './platform';
import { StepReceiver } from '../core/view/stepStream';
import { EditorReceiver, type EditorDelta } from '../core/live/editorStream';
import type { LiveState as CoreLiveState } from '../core/live/workspaceCluster';

type Request = ToWorker.Message extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

/** What the client tells its owner besides the replies. */
export interface WorkerEvents {
  log(line: string): void;
  /** A long request's progress. */
  progress(progress: LiveProgress): void;
  /** The worker died; `restarted` says whether a fresh one is restoring the cluster (its state comes through `restored`). */
  crashed(message: string, restarted: boolean): void;
  /** The state of a restarted worker, once it has rebuilt the cluster. */
  restored(reply: FromWorker.Reply): void;
  /** After a seek: the editor's state at the play head (null: back at the head). */
  playHead?(state: FromWorker.PlayHead['state']): void;
  /** The cluster after kubectl changed it through the served API (the kubectl terminal). */
  apiWrite?(message: FromWorker.ApiWrite): void;
  /** A restarted worker serves the API again (same token and certificate; the port too unless it was taken), or why not. */
  apiRestarted?(served: FromWorker.Api['served'] | string): void;
}

/** More crashes than this within CRASH_WINDOW_MS: no automatic restart (the next request starts a worker). */
const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 60_000;

/**
 * A request/reply client for the simulation worker (a worker thread in Node, a Web Worker in the
 * browser: platform/). It remembers what a fresh worker needs to
 * rebuild the same cluster (the topology choice, the last documents, the failed targets) and, when
 * the worker dies (a crash, running out of memory), starts a new one and restores them.
 */
export class SimulationWorker {
  private worker: EngineWorker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: FromWorker.Reply) => void>();
  private choice: TopologyChoice = 'auto';
  private documents: readonly WorkspaceDocument[] = [];
  private faults: readonly string[] = [];
  /** The clock mode (ToWorker.SetClock), restored in a fresh worker. */
  private settleOnChange = true;
  private crashes: number[] = [];
  /** The objects kubectl created through the served API, and how the API was served: both outlive a worker. */
  private apiObjects: ApiObjects = [];
  private apiIdentity: ApiIdentity | undefined;
  /** The worker died: the next one must restore the cluster before anything else. */
  private lost = false;
  /** A state carries only the steps the host has not had; this puts the view's latest steps back (stepStream.ts). */
  private readonly steps = new StepReceiver();
  private readonly editor = new EditorReceiver();

  constructor(private readonly start: StartEngine, private readonly events: WorkerEvents) {}

  /** Sends a request and resolves with the worker's reply ('superseded' when a newer sync replaced it). */
  request(message: Request): Promise<FromWorker.Reply> {
    if (message.type === 'sync') this.documents = message.documents;
    if (message.type === 'setTopology') this.choice = message.choice;
    if (message.type === 'setClock') this.settleOnChange = message.settleOnChange;
    return this.post(this.ensure(), message);
  }

  private post(worker: EngineWorker, message: Request): Promise<FromWorker.Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.post({ ...message, id } as ToWorker.Message);
    });
  }

  /** Test hook: ends the worker as a crash would. */
  crashForTest(): void {
    this.worker?.terminate();
  }

  /** The worker; a fresh one after a crash first rebuilds the cluster it lost. */
  private ensure(): EngineWorker {
    if (this.worker) return this.worker;
    const worker: EngineWorker = this.start({ message: (m) => this.received(m), died: (message) => this.died(worker, message) });
    this.worker = worker;
    this.steps.reset();
    this.editor.reset();
    if (this.lost) {
      this.lost = false;
      const restore = { type: 'restore', choice: this.choice, documents: this.documents, faults: this.faults, settleOnChange: this.settleOnChange, apiObjects: this.apiObjects } as const;
      void this.post(worker, restore).then((r) => this.events.restored(r));
      // The kubectl terminal's API died with the worker: serve it again as it was (after the restore, in order).
      const identity = this.apiIdentity;
      if (identity) void this.post(worker, { type: 'api', action: 'start', identity }).then((r) => this.events.apiRestarted?.(r.type === 'api' ? r.served : r.type === 'failed' ? r.message : 'unexpected reply'));
    }
    return worker;
  }

  private received(message: FromWorker.Message): void {
    let m = message;
    if (m.type === 'progress') return this.events.progress(m.progress);
    if (m.type === 'playHead') return this.events.playHead?.(m.state);
    if (m.type === 'apiWrite' || m.type === 'state') {
      const editor = this.editor.merge((m.state as CoreLiveState).editor, m.editorDelta as EditorDelta | undefined);
      m = { ...m, state: { ...m.state, view: this.steps.merge({ view: m.state.view, stepsAfter: m.stepsAfter }), editor } as CoreLiveState };
      this.faults = m.faults;
      if (m.apiObjects) this.apiObjects = m.apiObjects;
    }
    if (m.type === 'apiWrite') return this.events.apiWrite?.(m);
    if (m.type === 'api') this.apiIdentity = m.served?.identity;
    const resolve = this.pending.get(m.id);
    this.pending.delete(m.id);
    resolve?.(m);
  }

  /** Fails every request in flight, then restores the cluster in a fresh worker (unless it keeps dying). */
  private died(worker: EngineWorker, message: string): void {
    if (this.worker !== worker) return; // disposed, or a worker already replaced
    this.worker = undefined;
    this.events.log(message);
    for (const [id, resolve] of this.pending) resolve({ type: 'failed', id, message });
    this.pending.clear();
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const restart = this.crashes.length <= MAX_RESTARTS;
    this.lost = true;
    this.events.crashed(message, restart);
    if (restart) this.ensure();
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.terminate();
  }
}
