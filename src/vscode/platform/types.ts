/**
 * What differs between the two extension hosts the extension runs in: Node (desktop VS Code, a remote
 * or code-server's server) and a browser web worker (vscode.dev, github.dev, code-server's web-worker
 * host). Everything else in src/vscode is the same code for both. index.ts picks node.ts; the browser
 * bundle (esbuild.js, `--platform=browser`) swaps in browser.ts.
 */
import type * as vscode from 'vscode';
import type { FromLessonWorker, ToLessonWorker } from '../../shared/lessonWorkerProtocol';
import type { FromWorker, ToWorker } from '../../shared/workerProtocol';

/** The simulation engine's worker, as the host side sees it (`In`: what the host posts to it). */
export interface EngineWorker<In = ToWorker.Message> {
  post(message: In): void;
  /** Ends the worker; `died` follows (as for a crash) unless the owner has let go of it first. */
  terminate(): void;
}

/** What an engine worker reports (`Out`: what it posts back). `died` comes at most once per worker. */
export interface EngineEvents<Out = FromWorker.Message> {
  message(message: Out): void;
  died(message: string): void;
}

/** Starts one engine worker; the SimulationWorker calls it again after a crash. */
export type StartEngine<In = ToWorker.Message, Out = FromWorker.Message> = (events: EngineEvents<Out>) => EngineWorker<In>;

/** The same worker script started in the lesson role (src/worker/lessonLoop.ts): one lesson's player. */
export type StartLessonEngine = StartEngine<ToLessonWorker.Message, FromLessonWorker.Message>;

export interface Platform {
  /** Named in the activation log line: `Node` or `web worker`. */
  readonly runtime: 'Node' | 'web worker';
  /** The engine worker, from the extension's own files under `dist` (dist/simWorker.js or dist/browserWorker.js). */
  engine(dist: vscode.Uri): StartEngine;
  /** The lesson worker: the same script, started in the lesson role. */
  lessonEngine(dist: vscode.Uri): StartLessonEngine;
  /**
   * Writes `text` to `dir/name` readable by its owner only (0600: the kubectl terminal's kubeconfig holds
   * a bearer token) and returns its path; `remove` deletes it. The browser has no such file: undefined.
   */
  writePrivateFile(dir: vscode.Uri, name: string, text: string): Promise<string | undefined>;
  removeFile(file: string): void;
  /** An environment variable (the integration tests' hooks); the browser has none. */
  env(name: string): string | undefined;
}
