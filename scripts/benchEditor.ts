/**
 * Editor benchmark (`npm run bench`): what the editor half of the extension costs the extension host.
 *  1. Loading the bundles: dist/extension.js at activation, dist/language.js on first use (src/vscode/lazy.ts),
 *     each in a fresh Node process with a stand-in `vscode` module (the require itself: parse, compile, run
 *     the module's top level). Set KA_BENCH_DIST to measure the bundles of another build.
 * Run with `npx tsx scripts/benchEditor.ts` after `node esbuild.js --production`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

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

function main(): void {
  bundleLoads();
}

main();
