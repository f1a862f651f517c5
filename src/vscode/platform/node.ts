/** The Node extension host: the engine in a worker thread (dist/simWorker.js). */
import * as fs from 'fs';
import * as path from 'path';
import { Worker, type ResourceLimits } from 'worker_threads';
import type * as vscode from 'vscode';
import type { LessonWorkerData } from '../../shared/lessonWorkerProtocol';
import type { EngineEvents, EngineWorker, Platform, StartEngine } from './types';

/**
 * V8 heap cap of the worker: a runaway manifest ends the worker (ERR_WORKER_OUT_OF_MEMORY, restarted)
 * instead of the whole extension host. The 150,000-pod benchmark needs under 400 MB.
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 2048 };

/** Starts `script` (a worker_threads entry) as the engine worker; `workerData` picks its role. */
export function nodeEngine<In = never, Out = never>(script: string, limits: ResourceLimits = WORKER_LIMITS, workerData?: LessonWorkerData): StartEngine<In, Out> {
  return (events: EngineEvents<Out>): EngineWorker<In> => {
    const worker = new Worker(script, { resourceLimits: limits, workerData });
    let dead = false;
    const died = (message: string): void => {
      if (dead) return; // the 'exit' after an 'error'
      dead = true;
      events.died(message);
    };
    worker.on('message', (m: Out) => events.message(m));
    worker.on('error', (err) => died(`the simulation worker failed: ${err.message}`));
    worker.on('exit', (code) => died(`the simulation worker exited with code ${code}`));
    return { post: (m) => worker.postMessage(m), terminate: () => void worker.terminate() };
  };
}

export const platform: Platform = {
  runtime: 'Node',
  engine: (dist: vscode.Uri) => nodeEngine(path.join(dist.fsPath, 'simWorker.js')),
  lessonEngine: (dist: vscode.Uri) => nodeEngine(path.join(dist.fsPath, 'simWorker.js'), WORKER_LIMITS, { role: 'lesson' }),
  writePrivateFile: async (dir, name, text) => {
    const file = path.join(dir.fsPath, name);
    await fs.promises.mkdir(dir.fsPath, { recursive: true });
    await fs.promises.writeFile(file, text, { mode: 0o600 });
    await fs.promises.chmod(file, 0o600); // an older file keeps its mode on writeFile
    return file;
  },
  removeFile: (file) => fs.rmSync(file, { force: true }),
  env: (name) => process.env[name],
};
