/**
 * The simulation's Web Worker for the web extension (vscode.dev, github.dev): the same request loop
 * and messages as the Node worker thread (simWorker.ts, workerLoop.ts), wired to the worker's global
 * scope. Started by src/vscode/platform/browser.ts; built by esbuild.js as a classic script (dist/browserWorker.js),
 * since VS Code's web-worker host loads nested workers with importScripts.
 */
import { LESSON_WORKER_NAME, type ToLessonWorker } from '../shared/lessonWorkerProtocol';
import type { FromWorker, ToWorker } from '../shared/workerProtocol';
import { LessonLoop } from './lessonLoop';
import { WorkerLoop } from './workerLoop';

/** The few worker-scope APIs used here (the project's TypeScript config has no WebWorker library). */
interface Scope {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}
interface Port {
  postMessage(message: null): void;
  onmessage: (() => void) | null;
}
declare const self: Scope;
declare const MessageChannel: new () => { port1: Port; port2: Port };

// A task queued behind the messages already delivered, like Node's setImmediate: a slice's end is where
// newer messages are seen. (setTimeout(0) would do, but browsers clamp nested timeouts to 4 ms:
// https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#timers)
const channel = new MessageChannel();
const deferred: (() => void)[] = [];
channel.port1.onmessage = () => deferred.shift()?.();
const defer = (run: () => void): void => {
  deferred.push(run);
  channel.port2.postMessage(null);
};

// The host's first message names the role (src/vscode/platform/browser.ts); the others are the protocol's.
self.onmessage = (first) => {
  const role = (first.data as { role?: unknown } | null)?.role;
  if (role === LESSON_WORKER_NAME) {
    const lessons = new LessonLoop(() => performance.now());
    self.onmessage = (event) => self.postMessage(lessons.handle(event.data as ToLessonWorker.Message));
  } else {
    const loop = new WorkerLoop({ post: (m: FromWorker.Message) => self.postMessage(m), now: () => performance.now(), defer });
    self.onmessage = (event) => loop.receive(event.data as ToWorker.Message);
  }
};
