/** The Node extension host: the engine in a worker thread (dist/simWorker.js). */
import * as path from 'path';
import { Worker, type ResourceLimits } from 'worker_threads';
import type * as vscode from 'vscode';
import type { FromWorker } from '../../shared/workerProtocol';
import type { EngineEvents, EngineWorker, Platform, StartEngine } from './types';

/**
 * V8 heap cap of the worker: a runaway manifest ends the worker (ERR_WORKER_OUT_OF_MEMORY, restarted)
 * instead of the whole extension host. The 150,000-pod benchmark needs under 400 MB.
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 2048 };

/** Starts `script` (a worker_threads entry) as the engine worker. */
export function nodeEngine(script: string, limits: ResourceLimits = WORKER_LIMITS): StartEngine {
  return (events: EngineEvents): EngineWorker => {
    const worker = new Worker(script, { resourceLimits: limits });
    let dead = false;
    const died = (message: string): void => {
      if (dead) return; // the 'exit' after an 'error'
      dead = true;
      events.died(message);
    };
    worker.on('message', (m: FromWorker.Message) => events.message(m));
    worker.on('error', (err) => died(`the simulation worker failed: ${err.message}`));
    worker.on('exit', (code) => died(`the simulation worker exited with code ${code}`));
    return { post: (m) => worker.postMessage(m), terminate: () => void worker.terminate() };
  };
}

export const platform: Platform = {
  runtime: 'Node',
  engine: (dist: vscode.Uri) => nodeEngine(path.join(dist.fsPath, 'simWorker.js')),
  env: (name) => process.env[name],
};
