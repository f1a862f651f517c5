/**
 * The simulation's worker thread: the extension host posts documents and commands, this thread
 * parses and simulates (workerLoop.ts: coalescing, abandoning superseded syncs, progress), and posts
 * the resulting state back, so that even a large run never blocks the extension host. No vscode
 * import: it runs in plain Node.
 */
import { parentPort } from 'worker_threads';
import type { ToWorker } from '../shared/workerProtocol';
import { WorkerApiServer } from './apiServer';
import { WorkerLoop } from './workerLoop';

const port = parentPort;
if (port) {
  // setImmediate runs after the messages already delivered: a slice's end is where newer ones are seen.
  const loop = new WorkerLoop({
    post: (m) => port.postMessage(m), now: () => performance.now(), defer: (run) => setImmediate(run),
    serveApi: (simulation, afterWrite) => new WorkerApiServer(simulation, afterWrite),
  });
  port.on('message', (msg: ToWorker.Message) => loop.receive(msg));
}
