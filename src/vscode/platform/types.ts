/**
 * What differs between the two extension hosts the extension runs in: Node (desktop VS Code, a remote
 * or code-server's server) and a browser web worker (vscode.dev, github.dev, code-server's web-worker
 * host). Everything else in src/vscode is the same code for both. index.ts picks node.ts; the browser
 * bundle (esbuild.js, `--platform=browser`) swaps in browser.ts.
 */
import type * as vscode from 'vscode';
import type { FromWorker, ToWorker } from '../../shared/workerProtocol';

/** The simulation engine's worker, as the host side sees it. */
export interface EngineWorker {
  post(message: ToWorker.Message): void;
  /** Ends the worker; `died` follows (as for a crash) unless the owner has let go of it first. */
  terminate(): void;
}

/** What an engine worker reports. `died` comes at most once per worker. */
export interface EngineEvents {
  message(message: FromWorker.Message): void;
  died(message: string): void;
}

/** Starts one engine worker; the SimulationWorker calls it again after a crash. */
export type StartEngine = (events: EngineEvents) => EngineWorker;

export interface Platform {
  /** Named in the activation log line: `Node` or `web worker`. */
  readonly runtime: 'Node' | 'web worker';
  /** The engine worker, from the extension's own files under `dist` (dist/simWorker.js or dist/browserWorker.js). */
  engine(dist: vscode.Uri): StartEngine;
  /** An environment variable (the integration tests' hooks); the browser has none. */
  env(name: string): string | undefined;
}
