import { Worker } from 'worker_threads';
import type { FromWorker, ToWorker } from '../shared/workerProtocol';

type Request = ToWorker.Message extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

/** A request/reply client for the simulation worker thread; restarts the worker if it dies. */
export class SimulationWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: FromWorker.Message) => void>();

  constructor(private readonly script: string, private readonly log: (line: string) => void) {}

  /** Sends a request and resolves with the worker's reply. */
  request(message: Request): Promise<FromWorker.Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ensure().postMessage({ ...message, id } as ToWorker.Message);
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (reply: FromWorker.Message) => this.settle(reply));
    worker.on('error', (err) => this.crashed(`simulation worker error: ${err.message}`));
    worker.on('exit', (code) => code !== 0 && this.crashed(`simulation worker exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private settle(reply: FromWorker.Message): void {
    const resolve = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    resolve?.(reply);
  }

  /** Fails every request in flight; the next request starts a fresh worker. */
  private crashed(message: string): void {
    this.log(message);
    this.worker = undefined;
    for (const [id, resolve] of this.pending) resolve({ type: 'failed', id, message });
    this.pending.clear();
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
