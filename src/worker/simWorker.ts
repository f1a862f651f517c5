/**
 * The simulation's worker thread: the extension host posts documents and commands, this thread
 * parses and simulates (workerLoop.ts: coalescing, abandoning superseded syncs, progress), and posts
 * the resulting state back, so that even a large run never blocks the extension host. No vscode
 * import: it runs in plain Node. Started with workerData `{ role: 'lesson' }`, the same bundle plays
 * a lesson instead (lessonLoop.ts), so lessons need no second copy of the engine in the package.
 */
import { parentPort, workerData } from 'worker_threads';
import type { LessonWorkerData, ToLessonWorker } from '../shared/lessonWorkerProtocol';
import type { ToWorker } from '../shared/workerProtocol';
import { LessonLoop } from './lessonLoop';
import { WorkerApiServer } from './apiServer';
import { WorkerLoop } from './workerLoop';

const port = parentPort;
if (port && (workerData as LessonWorkerData | undefined)?.role === 'lesson') {
  const lessons = new LessonLoop(() => performance.now());
  port.on('message', (msg: ToLessonWorker.Message) => port.postMessage(lessons.handle(msg)));
} else if (port) {
  // setImmediate runs after the messages already delivered: a slice's end is where newer ones are seen.
  const loop = new WorkerLoop({
    post: (m) => port.postMessage(m), now: () => performance.now(), defer: (run) => setImmediate(run),
    serveApi: (simulation, afterWrite) => new WorkerApiServer(simulation, afterWrite),
  });
  port.on('message', (msg: ToWorker.Message) => loop.receive(msg));
}
