/**
 * Editor benchmark (`npm run bench`): what the editor half of the extension costs the extension host.
 *  1. Loading the bundles: dist/extension.js at activation, dist/language.js on first use (src/vscode/lazy.ts),
 *     each in a fresh Node process with a stand-in `vscode` module (the require itself: parse, compile, run
 *     the module's top level). Set KA_BENCH_DIST to measure the bundles of another build.
 *  2. Typing in the 5,000-line manifest of scripts/benchHover.ts, one character at a time: the host's work per
 *     keystroke (the shared syntax tree rebuilt for the code lenses, the next hover answered from it, the
 *     documents posted to the worker) and, per sync, what the reply costs the main thread (the largest
 *     event-loop delay while it arrives, and mapping its diagnostics). Budget: never over 50 ms.
 *  3. Diagnostics at teaching size: from posting an edit to the worker (dist/simWorker.js) to its diagnostics
 *     mapped on the main thread. Budget: 100 ms after the last keystroke.
 * Run with `npx tsx scripts/benchEditor.ts` after `node esbuild.js --production`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import { Worker } from 'worker_threads';
import { computeYamlHover, OutlineCache } from '../src/core/knowledge';
import { workloadLenses } from '../src/core/knowledge/lenses';
import type { LiveState } from '../src/core/live/workspaceCluster';
import type { FromWorker, ToWorker } from '../src/shared/workerProtocol';
import { manifest } from './benchHover';

const root = path.resolve(__dirname, '..');
const RUNS = 15;

/** A process that loads one bundle against a stand-in `vscode` and prints the milliseconds of the require. */
const LOAD_PROBE = `
const Module = require('module');
// Any property, call or construction gives another stand-in; the prototype too, for esbuild's ESM interop copy.
const stub = () => new Proxy(function () {}, { get: (_t, k) => (k === Symbol.toPrimitive ? () => '' : stub()), construct: () => stub(), apply: () => stub(), getPrototypeOf: () => new Proxy({}, { get: () => stub() }) });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub() : load.call(this, request, ...rest); };
const started = performance.now();
require(process.argv[1]);
process.stdout.write(String(performance.now() - started));
`;

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
}

function loadMillis(file: string): number[] {
  return Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, ['-e', LOAD_PROBE, file], { encoding: 'utf8' })));
}

function bundleLoads(): void {
  const dist = process.env.KA_BENCH_DIST ?? path.join(root, 'dist');
  console.log(`\nEditor bundles: require() in a fresh Node process, ${RUNS} runs each (${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, load ${os.loadavg()[0]?.toFixed(1)}, Node ${process.version})`);
  for (const name of ['extension.js', 'language.js']) {
    const file = path.join(dist, name);
    if (!fs.existsSync(file)) continue;
    const ms = loadMillis(file);
    const when = name === 'extension.js' ? 'at activation' : 'on first use';
    console.log(`  dist/${name} (${(fs.statSync(file).size / 1024).toFixed(1)} KiB, ${when}): median ${percentile(ms, 0.5).toFixed(1)} ms, p95 ${percentile(ms, 0.95).toFixed(1)} ms`);
  }
}

const KEYSTROKES = 200;
const SYNCS = 20;
const URI = 'file:///bench/manifest.yaml';

let nextId = 1;
/** One sync through the worker: the reply, the ms to the diagnostics mapped, and the main thread's worst delay meanwhile. */
async function sync(worker: Worker, text: string): Promise<{ state: LiveState; ms: number; postMs: number; mapMs: number; maxDelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const id = nextId++;
  const started = performance.now();
  const reply = new Promise<FromWorker.State>((resolve, reject) => {
    const on = (m: FromWorker.Message): void => {
      if (m.id !== id || m.type === 'progress') return;
      worker.off('message', on);
      if (m.type === 'state') resolve(m);
      else reject(new Error(`worker replied ${m.type}`));
    };
    worker.on('message', on);
  });
  worker.postMessage({ type: 'sync', id, documents: [{ uri: URI, text }] } satisfies ToWorker.Sync);
  const postMs = performance.now() - started;
  const m = await reply;
  const state = m.state as LiveState;
  const mapStarted = performance.now();
  // What LiveCluster.apply does per diagnostic (a vscode.Diagnostic with a Range), with plain objects.
  const mapped = Object.values(state.diagnostics).flatMap((list) => list.map((d) => ({ range: [d.range.start.line - 1, d.range.start.column - 1, d.range.end.line - 1, d.range.end.column - 1], message: d.message, severity: d.severity, source: 'kube-anatomy', code: d.code })));
  const done = performance.now();
  histogram.disable();
  if (mapped.length < 0) throw new Error('unreachable');
  return { state, ms: done - started, postMs, mapMs: done - mapStarted, maxDelayMs: histogram.max / 1e6 };
}

const stats = (xs: readonly number[]): string => `median ${percentile(xs, 0.5).toFixed(2)} ms, p95 ${percentile(xs, 0.95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`;

async function typing(): Promise<void> {
  const worker = new Worker(path.join(root, 'dist', 'simWorker.js'));
  let text = manifest();
  const lines = text.split('\n').length - 1;
  const first = await sync(worker, text);
  const live = first.state.editor;
  const outlines = new OutlineCache();
  let version = 1;
  // The first lenses parse every document, in 10 ms stretches (PARSE_SLICE_MS in src/vscode/language.ts) between which the host runs.
  const firstStarted = performance.now();
  const firstCpu = process.cpuUsage();
  const outline0 = outlines.get(URI, version, () => text);
  const stretches: number[] = [];
  for (let done = false; !done;) {
    const started = performance.now();
    done = outline0.parseWhile(() => performance.now() - started < 10);
    stretches.push(performance.now() - started);
  }
  workloadLenses(outline0, live);
  const firstLens = performance.now() - firstStarted;
  const firstLensCpu = process.cpuUsage(firstCpu);
  // Type at the end of an image in the middle of the file, one character per keystroke.
  const at = text.indexOf('\n', text.indexOf('image: ', Math.floor(text.length / 2)));
  const typed = '-alpine'.repeat(Math.ceil(KEYSTROKES / 7)).slice(0, KEYSTROKES);
  const lens: number[] = [];
  const hover: number[] = [];
  const post: number[] = [];
  const host: number[] = [];
  let lensCount = 0;
  for (let i = 0; i < KEYSTROKES; i++) {
    text = text.slice(0, at + i) + typed[i] + text.slice(at + i);
    version++;
    const t0 = performance.now();
    const outline = outlines.get(URI, version, () => text);
    lensCount = workloadLenses(outline, live).length;
    const t1 = performance.now();
    computeYamlHover(outlines.get(URI, version, () => text), at + i, { live });
    const t2 = performance.now();
    // The sync a pause would send: the text is cloned for the worker on the main thread.
    const clone = structuredClone({ type: 'sync', id: 0, documents: [{ uri: URI, text }] });
    const t3 = performance.now();
    if (!clone) throw new Error('unreachable');
    lens.push(t1 - t0);
    hover.push(t2 - t1);
    post.push(t3 - t2);
    host.push(t3 - t0);
  }
  const replies: { maxDelayMs: number; mapMs: number; ms: number }[] = [];
  for (let i = 0; i < SYNCS; i++) replies.push(await sync(worker, text.replace('replicas: 3', `replicas: ${3 + (i % 2)}`)));
  await worker.terminate();
  console.log(`\nTyping in a ${lines.toLocaleString('en-US')}-line manifest (${(text.length / 1024).toFixed(0)} KiB, ${lensCount} code lenses), ${KEYSTROKES} keystrokes; host work per keystroke (budget: never over 50 ms):`);
  console.log(`  before typing, the first code lenses parse every document once: ${firstLens.toFixed(0)} ms (${((firstLensCpu.user + firstLensCpu.system) / 1000).toFixed(0)} ms of CPU) in ${stretches.length} stretches, the longest ${Math.max(...stretches).toFixed(1)} ms`);
  console.log(`  syntax tree rebuilt + code lenses: ${stats(lens)}`);
  console.log(`  next hover (same tree, cached): ${stats(hover)}`);
  console.log(`  documents cloned for the worker: ${stats(post)}`);
  console.log(`  all three: ${stats(host)}`);
  console.log(`  per sync reply (${SYNCS} syncs): worst main-thread delay while it arrives ${stats(replies.map((r) => r.maxDelayMs))}; diagnostics mapped ${stats(replies.map((r) => r.mapMs))}; round trip ${stats(replies.map((r) => r.ms))}`);
}

/** A teaching-size workspace: the first 200 lines of the manifest (about a dozen objects). */
async function teachingDiagnostics(): Promise<void> {
  const worker = new Worker(path.join(root, 'dist', 'simWorker.js'));
  const docs = manifest().split('---\n');
  let n = 0;
  while (n < docs.length && docs.slice(0, n).join('').split('\n').length < 200) n++;
  const text = docs.slice(0, n).join('---\n');
  await sync(worker, text);
  const times: number[] = [];
  for (let i = 0; i < 40; i++) times.push((await sync(worker, text.replace('replicas: 3', `replicas: ${3 + (i % 2)}`))).ms);
  await worker.terminate();
  console.log(`  diagnostics at teaching size (${text.split('\n').length} lines): edit posted → diagnostics mapped on the main thread, ${stats(times)} (budget 100 ms; LiveCluster first waits SYNC_DELAY_MS = 250 ms after the last keystroke)`);
}

async function main(): Promise<void> {
  bundleLoads();
  await typing();
  await teachingDiagnostics();
}

void main();
