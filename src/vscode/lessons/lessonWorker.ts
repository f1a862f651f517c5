import type { FromLessonWorker, ToLessonWorker } from '../../shared/lessonWorkerProtocol';
import type { EngineWorker, StartLessonEngine } from '../platform';

type Request = ToLessonWorker.Message extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

/**
 * A request/reply client for the lesson worker: the simulation worker's bundle started with the lesson
 * role. It is started on the first request and ended by dispose (leaving the lesson); if it dies, the
 * requests in flight fail and the next request starts a fresh one (the owner then opens the lesson again).
 */
export class LessonWorkerClient {
  private worker: EngineWorker<ToLessonWorker.Message> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: FromLessonWorker.Message) => void>();

  /** `start`: the platform's lesson worker (a worker thread, or a Web Worker in the browser build). */
  constructor(private readonly start: StartLessonEngine) {}

  /** Whether a worker is running (false after a crash: the lesson must be opened again). */
  get alive(): boolean {
    return this.worker !== undefined;
  }

  request(message: Request): Promise<FromLessonWorker.Message> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.post({ ...message, id } as ToLessonWorker.Message);
    });
  }

  private ensure(): EngineWorker<ToLessonWorker.Message> {
    if (this.worker) return this.worker;
    const worker: EngineWorker<ToLessonWorker.Message> = this.start({
      message: (m) => {
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m);
      },
      died: (message) => this.died(worker, message.replace('simulation worker', 'lesson worker')),
    });
    this.worker = worker;
    return worker;
  }

  private died(worker: EngineWorker<ToLessonWorker.Message>, message: string): void {
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
    worker?.terminate();
  }
}
