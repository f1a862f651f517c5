/**
 * The web-worker extension host (vscode.dev, github.dev, code-server's browser host): the engine in a
 * Web Worker (dist/browserWorker.js, src/worker/browserWorker.ts) speaking the same messages as the
 * Node worker thread. No Node API here: the bundle is built for the browser.
 */
import * as vscode from 'vscode';
import { LESSON_WORKER_NAME } from '../../shared/lessonWorkerProtocol';
import type { EngineEvents, EngineWorker, Platform, StartEngine } from './types';

/** The few Web Worker APIs used here (the project's TypeScript config has no DOM library). */
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
  onmessageerror: (() => void) | null;
}
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;

/**
 * A URL the worker can be started from. VS Code's web-worker host starts nested workers from a URL it can
 * fetch (http(s): vscode.dev's extension CDN) but refuses `vscode-remote:` extension files ("Creating
 * workers from remote extensions is currently not supported", its extensionHostWorker.ts), which is where
 * code-server and remote servers keep installed extensions: those are read through the file system API
 * and started from a blob: URL of the same script.
 */
async function workerUrl(script: vscode.Uri): Promise<string> {
  if (script.scheme === 'http' || script.scheme === 'https') return script.toString(true);
  const bytes = await vscode.workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([new TextDecoder().decode(bytes)], { type: 'text/javascript' }));
}

/**
 * Starts dist/browserWorker.js. Its first message picks the role (`{ role }`, LESSON_WORKER_NAME for the
 * lesson worker): the worker's `name` option is not kept by every host (VS Code's web-worker extension host
 * starts nested workers through its own bootstrap), a message always arrives.
 * Messages posted before the script is read wait in order.
 */
function browserEngine<In, Out>(script: vscode.Uri, name: string): StartEngine<In, Out> {
  let url: Promise<string> | undefined;
  return (events: EngineEvents<Out>): EngineWorker<In> => {
    let worker: WebWorker | undefined;
    let queued: unknown[] | undefined = [];
    let dead = false;
    const died = (message: string): void => {
      if (dead) return;
      dead = true;
      worker?.terminate();
      events.died(message);
    };
    url ??= workerUrl(script);
    url.then((u) => {
      if (dead) return;
      let w: WebWorker;
      try {
        w = new Worker(u, { name });
      } catch (err) {
        return died(`the simulation worker could not be started: ${err instanceof Error ? err.message : String(err)}`);
      }
      w.onmessage = (e) => events.message(e.data as Out);
      w.onerror = (e) => {
        e.preventDefault();
        died(`the simulation worker failed: ${e.message ?? 'an error in the worker'}`);
      };
      w.onmessageerror = () => died('the simulation worker sent a message that could not be read');
      w.postMessage({ role: name });
      for (const m of queued ?? []) w.postMessage(m);
      queued = undefined;
      worker = w;
    }, (err: unknown) => {
      url = undefined; // read it again next time
      died(`the simulation worker could not be started: ${err instanceof Error ? err.message : String(err)}`);
    });
    return {
      post: (m) => (worker ? worker.postMessage(m) : queued?.push(m)),
      // A terminated Web Worker fires no event: report the end as the Node thread's 'exit' would.
      terminate: () => died('the simulation worker exited'),
    };
  };
}

export const platform: Platform = {
  runtime: 'web worker',
  engine: (dist: vscode.Uri) => browserEngine(vscode.Uri.joinPath(dist, 'browserWorker.js'), 'Kube Anatomy simulation'),
  lessonEngine: (dist: vscode.Uri) => browserEngine(vscode.Uri.joinPath(dist, 'browserWorker.js'), LESSON_WORKER_NAME),
  writePrivateFile: () => Promise.resolve(undefined),
  removeFile: () => undefined,
  env: () => undefined,
};
