/**
 * Benchmark: does the largest simulation block the extension host? The extension posts the open
 * documents to the simulation worker (dist/simWorker.js, the shipped bundle) and waits; here the
 * main thread does the same while measuring its event-loop delay, as the extension host would
 * feel it. Run with `npm run bench` (after bench.ts) or `npx tsx scripts/benchExtensionHost.ts`.
 */
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import { Worker } from 'worker_threads';
import type { FromWorker, ToWorker } from '../src/shared/workerProtocol';

const root = path.resolve(__dirname, '..');
type Request = ToWorker.Sync;

function nodesYaml(count: number): string {
  const node = (i: number): string => `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\nstatus:\n  capacity: {cpu: "32", memory: 128Gi, pods: "110"}\n  allocatable: {cpu: "32", memory: 128Gi, pods: "110"}\n`;
  return Array.from({ length: count }, (_, i) => node(i)).join('---\n');
}

function deploymentsYaml(count: number, replicas: number): string {
  const d = (i: number): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: app-${i}}\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources: {requests: {cpu: 100m, memory: 128Mi}}\n`;
  return Array.from({ length: count }, (_, i) => d(i)).join('---\n');
}

/** Sends one sync and resolves with the reply and the main thread's worst event-loop delay meanwhile. */
async function timedSync(worker: Worker, id: number, documents: Request['documents']): Promise<{ ms: number; maxDelayMs: number; reply: FromWorker.Message }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  const reply = await new Promise<FromWorker.Message>((resolve) => {
    worker.once('message', resolve);
    worker.postMessage({ type: 'sync', id, documents } satisfies Request);
  });
  const ms = performance.now() - started;
  histogram.disable();
  return { ms, maxDelayMs: histogram.max / 1e6, reply };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, stdio: 'inherit' });
  console.log(`\nExtension host responsiveness (${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, Node ${process.version})`);
  const worker = new Worker(path.join(root, 'dist', 'simWorker.js'));
  const small = [{ uri: 'file:///w/app.yaml', text: deploymentsYaml(25, 3) }, { uri: 'file:///w/more.yaml', text: deploymentsYaml(25, 2).replace(/app-/g, 'svc-') }];
  const edits: number[] = [];
  const delays: number[] = [];
  await timedSync(worker, 1, small);
  for (let i = 0; i < 15; i++) {
    const text = small[0]!.text.replace('replicas: 3', `replicas: ${4 + (i % 3)}`);
    const r = await timedSync(worker, 2 + i, [{ uri: small[0]!.uri, text }, small[1]!]);
    edits.push(r.ms);
    delays.push(r.maxDelayMs);
  }
  console.log(`  50-object workspace, edit replicas → settled state back on the main thread: median ${median(edits).toFixed(1)} ms (budget 20 ms); worst main-thread delay ${Math.max(...delays).toFixed(1)} ms`);
  const big = [{ uri: 'file:///w/nodes.yaml', text: nodesYaml(5000) }, { uri: 'file:///w/apps.yaml', text: deploymentsYaml(150, 1000) }];
  const r = await timedSync(worker, 100, big);
  const nodes = r.reply.type === 'state' ? r.reply.state.view.nodes.length + r.reply.state.view.hiddenNodes : 0;
  console.log(`  5,000 Node objects + 150 Deployments × 1,000 replicas (${(big.reduce((n, d) => n + d.text.length, 0) / 1e6).toFixed(1)} MB of YAML), ${nodes} nodes: ${(r.ms / 1000).toFixed(1)} s in the worker; worst main-thread delay ${r.maxDelayMs.toFixed(1)} ms (budget 50 ms)`);
  await worker.terminate();
}

void main();
