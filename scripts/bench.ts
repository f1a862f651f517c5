/**
 * Benchmark of the simulation engine (`npm run bench` bundles it with esbuild, as the extension ships it, and runs it; `npx tsx scripts/bench.ts [runs]` runs the source): prints medians of N runs
 * and the machine. Not a unit test: numbers depend on the machine. The bundle is built with
 * `--define:require.main=undefined`: in one bundle every `require.main === module` guard is true, and the
 * scripts it imports (and the CLI's main.ts) would run their own main, the CLI's exiting 2 on the bench's arguments.
 *
 * 1. Scale: 5,000 nodes and 150,000 pods from 150 Deployments with requests, applied,
 *    scheduled and Running (the Kubernetes scalability envelope). Budget: < 5 s, < 400 MB heap.
 * 2. Teaching-sized change: a 50-object workspace, edit one Deployment's replicas, re-apply,
 *    run to settled. Budget: < 20 ms.
 * 3. Seek: a 10-minute history of a 1,000-pod cluster (scaling, a worker failing and healing),
 *    then the state rebuilt at 25 moments spread over it (Session.seek), alone and with the full
 *    snapshot. Budget: seek < 50 ms.
 * `npx tsx scripts/bench.ts [runs] [scale|cli|seek|teaching|kubectl]...` runs only the parts named.
 * The journal is off by default above 1,000 nodes: one more scale run turns it on and reports its
 * time, and its memory (heap with its history minus heap after Journal.forget()).
 * 4. Live edit latency in the worker's thread (benchLiveEdit.ts): p50/p95 of one-line edits at 50 and 2,000 objects.
 * 5. Memory over 100,000 live edits (benchLiveMemory.ts): heap after GC at checkpoints, flat.
 * 5b. Limits (benchLimits.ts): a 100,000-node kind config refused before parsing.
 * 6. The served Kubernetes API under the real kubectl (benchKubectl.ts): `kubectl get pods -A` on 150,000
 *    pods, the first page of a chunked list, a watch event reaching `kubectl get -w`.
 *
 * The machine is shared: the first line prints the load average, and each scale line the
 * spread of its runs. The scheduler's share is timed around its entry points (a few ms of overhead).
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseSimulateArgs } from '../src/cli/args';
import { runSimulate } from '../src/cli/simulate';
import { parseManifests } from '../src/core/manifests';
import { Session } from '../src/core/session';
import { viewPageAt } from '../src/core/view/page';
import { Simulation, topologyFromObjects, type KubeObject, type TopologySpec } from '../src/core/sim';
import { Scheduler } from '../src/core/sim/scheduler';
import { makeNode, CONTROL_PLANE_TAINT, presetTopology } from '../src/core/sim/topology/presets';
import { benchDecode } from './benchDecode';
import { benchLimits } from './benchLimits';
import { liveEditLatency } from './benchLiveEdit';
import { benchLessons } from './benchLessons';
import { benchKubectl } from './benchKubectl';
import { liveMemory } from './benchLiveMemory';

function deployment(name: string, replicas: number, cpu = '100m', memory = '64Mi'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: `registry.example/${name}:1.0`, resources: { requests: { cpu, memory } } }] } },
    },
  };
}

function bigTopology(nodes: number): TopologySpec {
  const list = [makeNode('control-plane', 0, 'control-plane', { taints: [CONTROL_PLANE_TAINT] })];
  for (let i = 1; i < nodes; i++) list.push(makeNode(`worker-${i}`, i, 'worker'));
  return { name: 'bench', mode: 'kubernetes', nodes: list, apiLoadBalancer: false, podSubnet: '10.0.0.0/8', serviceSubnet: '10.96.0.0/12' };
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Wall time spent inside the scheduling algorithm (schedule() and its cache updates), per run. */
let schedulerMs = 0;
function timeScheduler(): void {
  const proto = Scheduler.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of ['schedule', 'addPod', 'removePod']) {
    const f = proto[name];
    proto[name] = function (this: unknown, ...a: unknown[]): unknown {
      const t = performance.now();
      try { return f.apply(this, a); } finally { schedulerMs += performance.now() - t; }
    };
  }
}

/** One more run with the scheduler's entry points timed (the timing itself costs, so the runs above go untimed). */
function schedulerShare(podEvents: boolean): number {
  if (!timed) timeScheduler();
  timed = true;
  return scaleRun(podEvents).schedMs;
}
let timed = false;

function scaleRun(podEvents: boolean, journal?: 'full'): { ms: number; pods: number; running: number; heapMB: number; simSeconds: number; schedMs: number; journalMB: number; records: number; head: number } {
  gc();
  const base = process.memoryUsage().heapUsed;
  schedulerMs = 0;
  const t0 = performance.now();
  const sim = new Simulation({ topology: bigTopology(5000), podEvents, journal: journal ? { detail: journal } : undefined });
  for (let d = 0; d < 150; d++) sim.apply(deployment(`app-${d}`, 1000));
  const simSeconds = sim.runUntilSettled();
  const ms = performance.now() - t0;
  gc();
  const heapMB = (process.memoryUsage().heapUsed - base) / 2 ** 20;
  let running = 0;
  let pods = 0;
  for (const p of sim.internals.store.list('Pod')) {
    pods++;
    if ((p.status as { phase?: string }).phase === 'Running') running++;
  }
  const { head, compacted } = sim.journal;
  sim.journal.forget();
  gc();
  const journalMB = heapMB - (process.memoryUsage().heapUsed - base) / 2 ** 20;
  return { ms, pods, running, heapMB, simSeconds, schedMs: schedulerMs, journalMB, records: head - compacted, head };
}

/** The scale workload as files: a kind config of 5,000 nodes (pod subnet wide enough for them) and the 150 Deployments. */
function scaleFiles(): Record<string, string> {
  const kind = ['apiVersion: kind.x-k8s.io/v1alpha4', 'kind: Cluster', 'networking:', '  podSubnet: 10.0.0.0/8', '  serviceSubnet: 10.96.0.0/12', 'nodes:', '- role: control-plane'];
  for (let i = 1; i < 5000; i++) kind.push('- role: worker');
  const apps = Array.from({ length: 150 }, (_, d) => JSON.stringify(deployment(`app-${d}`, 1000))).join('\n---\n');
  return { 'kind.yaml': kind.join('\n') + '\n', 'apps.yaml': apps + '\n' };
}

/** The engine alone on the CLI's workload: topology from the kind config, the Deployments applied, run until settled. */
function engineOnCliWorkload(files: Record<string, string>): { ms: number; heapMB: number } {
  gc();
  const kind = parseManifests(files['kind.yaml'], 'kind.yaml').objects.map((o) => o.object);
  const apps = parseManifests(files['apps.yaml'], 'apps.yaml').objects.map((o) => o.object);
  const t0 = performance.now();
  const topology = topologyFromObjects(kind);
  if (!topology) throw new Error('bench: no topology');
  const sim = new Simulation({ topology });
  for (const o of apps) sim.apply(o);
  sim.runUntilSettled();
  return { ms: performance.now() - t0, heapMB: process.memoryUsage().heapUsed / 2 ** 20 };
}

/** The whole CLI in-process (parse, simulate, print) with output to a sink; returns its time, output size, and the most heap in use at a write. */
function cliRun(files: Record<string, string>, output: 'text' | 'json'): { ms: number; bytes: number; heapMB: number } {
  gc();
  let bytes = 0;
  let peak = 0;
  const t0 = performance.now();
  // runSimulate, not the CLI's main module: bundled, that module would run as the process's own CLI.
  const code = runSimulate(parseSimulateArgs(['--output', output, 'kind.yaml', 'apps.yaml']), {
    stdout: (t) => {
      bytes += t.length;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    },
    stderr: () => undefined, readFile: (p) => files[p],
  });
  if (code !== 0) throw new Error(`bench: the CLI exited with ${code}`);
  return { ms: performance.now() - t0, bytes, heapMB: peak / 2 ** 20 };
}

function teachingWorkspace(): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < 25; i++) out.push(deployment(`svc-${i}`, 2));
  for (let i = 0; i < 25; i++) out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cfg-${i}` }, data: { k: 'v' } });
  return out;
}

function teachingRun(): { freshMs: number; reapplyMs: number } {
  const objs = teachingWorkspace();
  const t0 = performance.now();
  const sim = new Simulation({ topology: presetTopology('multi-worker') });
  for (const o of objs) sim.apply(o);
  sim.runUntilSettled();
  const t1 = performance.now();
  sim.apply(deployment('svc-3', 4));
  sim.runUntilSettled();
  return { freshMs: t1 - t0, reapplyMs: performance.now() - t1 };
}

/** A 1,000-pod cluster on 20 workers with 10 minutes of history: scaling every minute, a worker failing at 2 min and back at 8. */
function seekRun(): { seekMs: number; snapshotMs: number; pageMs: number; pageMaxMs: number; liveMs: number; maxMs: number; samples: number; records: number } {
  const nodes = [makeNode('control-plane', 0, 'control-plane', { taints: [CONTROL_PLANE_TAINT] })];
  for (let i = 1; i <= 20; i++) nodes.push(makeNode(`worker-${i}`, i, 'worker'));
  const session = new Session({ topology: { name: 'seek', mode: 'kubernetes', nodes, apiLoadBalancer: false, podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12' } });
  session.apply(Array.from({ length: 10 }, (_, i) => ({ object: deployment(`app-${i}`, 100, '10m', '16Mi') })));
  session.runUntilSettled();
  for (let minute = 1; minute <= 10; minute++) {
    session.runUntil(minute * 60);
    session.apply([{ object: deployment(`app-${minute % 10}`, minute % 2 === 0 ? 100 : 90, '10m', '16Mi') }]);
    if (minute === 2) session.fault('worker-3', true);
    if (minute === 8) session.fault('worker-3', false);
  }
  session.runUntil(600);
  const seekMs: number[] = [];
  const snapshotMs: number[] = [];
  const pageMs: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t = (i * 599) / 24;
    const t0 = performance.now();
    session.seek(t);
    const t1 = performance.now();
    session.snapshotAt();
    seekMs.push(t1 - t0);
    snapshotMs.push(performance.now() - t0);
    // What the Cluster View asks for since the clock work: the state at t plus the bounded page it draws.
    const t2 = performance.now();
    viewPageAt(session.sim, t);
    pageMs.push(performance.now() - t2);
  }
  const liveMs = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    session.sim.snapshot();
    return performance.now() - t0;
  });
  return { seekMs: median(seekMs), snapshotMs: median(snapshotMs), pageMs: median(pageMs), pageMaxMs: Math.max(...pageMs), liveMs: median(liveMs), maxMs: Math.max(...seekMs), samples: seekMs.length, records: session.sim.journal.head - session.sim.journal.compacted };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The CLI on the 5,000-node, 150,000-pod workload, text and JSON, against the engine alone in the same run. */
function cliScale(runs: number): void {
  const files = scaleFiles();
  const engineRuns = Array.from({ length: runs }, () => engineOnCliWorkload(files));
  const engine = median(engineRuns.map((x) => x.ms));
  const engineHeap = median(engineRuns.map((x) => x.heapMB));
  for (const output of ['text', 'json'] as const) {
    const r = Array.from({ length: runs }, () => cliRun(files, output));
    const ms = median(r.map((x) => x.ms));
    console.log(`cli (--output ${output}): 5000 nodes, 150000 pods, parse + simulate + print median ${ms.toFixed(0)} ms (${(r[0].bytes / 2 ** 20).toFixed(0)} MB written, in buffered writes of rows read from the store; heap at its largest write ${median(r.map((x) => x.heapMB)).toFixed(0)} MB) vs the engine alone ${engine.toFixed(0)} ms (heap at its end ${engineHeap.toFixed(0)} MB) = ${(ms / engine).toFixed(2)}x (budget 1.3x and 5000 ms)`);
  }
}

function main(): void {
  const runs = Number(process.argv[2] ?? 3);
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? 'unknown'} x${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`);
  const only = new Set(process.argv.slice(3));
  const want = (part: string): boolean => only.size === 0 || only.has(part);
  for (const podEvents of want('scale') ? [true, false] : []) {
    const r = Array.from({ length: runs }, () => scaleRun(podEvents));
    const times = r.map((x) => x.ms);
    const ms = median(times);
    const sched = schedulerShare(podEvents);
    console.log(`scale (podEvents=${podEvents}): 5000 nodes, ${r[0].pods} pods (${r[0].running} Running, settled at t=${r[0].simSeconds}s): median ${ms.toFixed(0)} ms over ${runs} runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) = ${Math.round(r[0].pods / (ms / 1000))} pods/s; live heap after GC ${median(r.map((x) => x.heapMB)).toFixed(0)} MB (budget 5000 ms, 400 MB)`);
    console.log(`  of which the scheduling algorithm (schedule + cache updates, timed in one extra run): ${sched.toFixed(0)} ms (${((100 * sched) / ms).toFixed(0)}%)`);
    if (!podEvents) continue;
    // Above 1,000 nodes the journal is off by default (Simulation's JOURNAL_OFF_ABOVE_NODES): one more run with it on.
    const j = scaleRun(podEvents, 'full');
    console.log(`  with the journal on (full detail, asked for): ${j.ms.toFixed(0)} ms (${(100 * (j.ms / ms - 1)).toFixed(0)}% more), live heap ${j.heapMB.toFixed(0)} MB of which the journal ${j.journalMB.toFixed(0)} MB for the ${j.records} records kept (horizon) of ${j.head} written`);
  }
  if (want('cli')) cliScale(runs);
  const seek = want('seek') ? seekRun() : null;
  if (seek) console.log(`seek: 1000 pods, 10-minute history (${seek.records} journal records): state at a past moment median ${seek.seekMs.toFixed(1)} ms (max ${seek.maxMs.toFixed(1)}); with the full snapshot median ${seek.snapshotMs.toFixed(1)} ms over ${seek.samples} moments (the live snapshot alone takes ${seek.liveMs.toFixed(1)} ms); with the view's bounded page (what the Cluster View asks for) median ${seek.pageMs.toFixed(1)} ms (max ${seek.pageMaxMs.toFixed(1)}; budget 50 ms)`);
  if (!want('teaching')) return;
  const t = Array.from({ length: Math.max(runs, 5) }, teachingRun);
  console.log(`teaching: 50 objects fresh to settled median ${median(t.map((x) => x.freshMs)).toFixed(1)} ms; replicas edit re-applied to settled median ${median(t.map((x) => x.reapplyMs)).toFixed(1)} ms (budget 20 ms)`);
  benchDecode(runs, median);
  benchLimits(runs, median);
  liveEditLatency();
  benchLessons(runs, median);
  liveMemory(gc);
}

main();
// The served Kubernetes API under the real kubectl (benchKubectl.ts): when no parts are named, or `kubectl` is.
const benchParts = process.argv.slice(3);
if (benchParts.length === 0 || benchParts.includes('kubectl')) {
  void benchKubectl(Number(process.argv[2] ?? 3)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
