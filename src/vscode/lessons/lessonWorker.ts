import { Worker } from 'worker_threads';
import type { FromLessonWorker, LessonWorkerData, ToLessonWorker } from '../../shared/lessonWorkerProtocol';
import { WORKER_LIMITS } from '../simulationWorker';

type Request = ToLessonWorker.Message extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

/**
 * A request/reply client for the lesson worker: the simulation worker's bundle started with the lesson
 * role. It is started on the first request and ended by dispose (leaving the lesson); if it dies, the
 * requests in flight fail and the next request starts a fresh one (the owner then opens the lesson again).
 */
export class LessonWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: FromLessonWorker.Message) => void>();

  constructor(private readonly script: string) {}

  /** Whether a worker is running (false after a crash: the lesson must be opened again). */
  get alive(): boolean {
    return this.worker !== undefined;
  }

  request(message: Request): Promise<FromLessonWorker.Message> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ ...message, id } as ToLessonWorker.Message);
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const data: LessonWorkerData = { role: 'lesson' };
    const worker = new Worker(this.script, { workerData: data, resourceLimits: WORKER_LIMITS });
    worker.on('message', (m: FromLessonWorker.Message) => {
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m);
    });
    worker.on('error', (err) => this.died(worker, `the lesson worker failed: ${err.message}`));
    worker.on('exit', (code) => this.died(worker, `the lesson worker exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private died(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const [id, resolve] of this.pending) resolve({ type: 'failed', id, message });
    this.pending.clear();
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, resolve] of this.pending) resolve({ type: 'failed', id, message: 'the lesson was closed' });
    this.pending.clear();
    void worker?.terminate();
  }
}
