/**
 * The worker loop's side of the kubectl terminal: starts and stops the API server its host provides
 * (src/worker/apiServer.ts in the Node worker) and, after kubectl writes through it, posts the settled
 * cluster so the Cluster View and the timeline follow. Several writes in a row (`kubectl apply -f dir/`)
 * are settled and posted once. No Node imports: the loop stays runnable in tests and without sockets.
 */
import type { Simulation } from '../core/sim';
import type { ApiIdentity, FromWorker, ToWorker } from '../shared/workerProtocol';

/** Starts an API server over `simulation()` that calls `afterWrite` after each write (`identity`: as a lost worker served it). */
export type ServeApi = (simulation: () => Simulation, afterWrite: () => void) => {
  start(identity?: ApiIdentity): Promise<NonNullable<FromWorker.Api['served']>>;
  stop(): Promise<void>;
};

interface HookHost {
  post(message: FromWorker.Message): void;
  defer(run: () => void): void;
  readonly serveApi?: ServeApi;
}

export class ApiHook {
  private server: ReturnType<ServeApi> | undefined;
  private pending = false;

  /**
   * `settled` settles the cluster and returns the state to post, or undefined while a sync will post it
   * anyway. `wrote` is told of each write at once.
   */
  constructor(private readonly host: HookHost, private readonly simulation: () => Simulation, private readonly settled: () => FromWorker.State | undefined, private readonly wrote: () => void = () => undefined) {}

  request(message: ToWorker.Api): void {
    const reply = (served: FromWorker.Api['served']): void => this.host.post({ type: 'api', id: message.id, served });
    const failed = (err: unknown): void => this.host.post({ type: 'failed', id: message.id, message: err instanceof Error ? err.message : String(err) });
    if (message.action === 'stop') {
      const server = this.server;
      this.server = undefined;
      (server ? server.stop() : Promise.resolve()).then(() => reply(undefined), failed);
      return;
    }
    const serveApi = this.host.serveApi;
    if (!serveApi) return failed(new Error('serving the Kubernetes API needs sockets, which this host does not have'));
    this.server ??= serveApi(this.simulation, () => this.written());
    this.server.start(message.identity).then(reply, failed);
  }

  private written(): void {
    this.wrote();
    if (this.pending) return;
    this.pending = true;
    this.host.defer(() => {
      this.pending = false;
      const state = this.settled();
      if (state) this.host.post({ ...state, type: 'apiWrite', id: 0 });
    });
  }
}
