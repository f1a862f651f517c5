/**
 * The served Kubernetes API under the real kubectl (part of `npm run bench`; `npx tsx scripts/bench.ts [runs]
 * kubectl` alone). The API is served in-process over HTTPS exactly as `kube-anatomy serve` serves it
 * (src/cli/serveHttp.ts), over a simulation built and settled first, so the clock does not run during the
 * measurements. Prints medians:
 *   1. `kubectl get pods -A` on 150,000 pods (5,000 nodes), beside `kubectl get pods -A -o json` and its output
 *      size (kubectl lists in chunks of 500: 300 requests);
 *   2. the first page of that chunked list (`limit=500`, as a Table, the request kubectl makes first), timed
 *      from the request to the last byte. Budget 100 ms;
 *   3. at teaching size (the shop: 3 pods on multi-worker), a change reaching `kubectl get pods -w`: from the
 *      write to the line kubectl prints. Budget 50 ms.
 * Skipped, and said so, where kubectl is not installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { readApiDocs, serveRequest } from '../src/cli/serveHttp';
import { kubeconfig, makeTlsIdentity, makeToken } from '../src/cli/serveTls';
import { KubeApi } from '../src/core/kubeapi/api';
import { Simulation, topologyFromObjects, type KubeObject } from '../src/core/sim';

interface Served { readonly url: string; readonly token: string; readonly ca: string; readonly config: string; openWatches(): number; close(): void }

async function serveSim(sim: Simulation, dir: string): Promise<Served> {
  const tls = await makeTlsIdentity();
  const token = makeToken();
  const watches = new Set<() => void>();
  const holder: { api?: KubeApi } = {};
  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => serveRequest(holder.api as KubeApi, token, watches, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  holder.api = new KubeApi(sim, `127.0.0.1:${port}`, () => Date.now(), readApiDocs);
  const url = `https://127.0.0.1:${port}`;
  const config = path.join(dir, `kubeconfig-${port}`);
  fs.writeFileSync(config, kubeconfig(url, tls.cert, token), { mode: 0o600 });
  return {
    url, token, ca: tls.cert, config,
    openWatches: () => watches.size,
    close: () => {
      for (const stop of watches) stop();
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Deployments of 1,000 replicas (150 by default) on a kind cluster of one control plane and a worker per 30 pods, settled. */
function largeCluster(deployments: number): Simulation {
  const nodes = [{ role: 'control-plane' }, ...Array.from({ length: Math.ceil((deployments * 1000) / 30) - 1 }, () => ({ role: 'worker' }))];
  const kind = { apiVersion: 'kind.x-k8s.io/v1alpha4', kind: 'Cluster', networking: { podSubnet: '10.0.0.0/8', serviceSubnet: '10.96.0.0/12' }, nodes } as unknown as KubeObject;
  const topology = topologyFromObjects([kind]);
  if (!topology) throw new Error('benchKubectl: no topology from the kind config');
  const sim = new Simulation({ topology });
  for (let d = 0; d < deployments; d++) {
    const labels = { app: `app-${d}` };
    sim.apply({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `app-${d}`, namespace: 'default' },
      spec: { replicas: 1000, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } },
    });
  }
  sim.runUntilSettled();
  return sim;
}

/** Runs kubectl (asynchronously: the server answering it lives in this process) and times it to its exit. */
function kubectl(config: string, args: readonly string[]): Promise<{ ms: number; bytes: number; code: number; err: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn('kubectl', args, { env: { ...process.env, KUBECONFIG: config } });
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (d: Buffer) => { bytes += d.length; });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('close', (code) => resolve({ ms: performance.now() - t0, bytes, code: code ?? -1, err }));
  });
}

/** One GET, timed from the request to the last byte of the body. */
function timedGet(s: Served, pathAndQuery: string, accept: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = https.get(`${s.url}${pathAndQuery}`, { ca: s.ca, headers: { Authorization: `Bearer ${s.token}`, Accept: accept } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => { bytes += c.length; });
      res.on('end', () => resolve({ ms: performance.now() - t0, bytes }));
    });
    req.on('error', reject);
  });
}

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** Each change to the shop (scaling it up by one) timed until `kubectl get pods -w` prints the new pod. */
async function watchLatencies(dir: string, changes: number): Promise<number[]> {
  const sim = Simulation.preset('multi-worker');
  const labels = { app: 'shop' };
  const shop = (replicas: number): KubeObject => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  });
  sim.apply(shop(3));
  sim.runUntilSettled();
  const s = await serveSim(sim, dir);
  const watch = spawn('kubectl', ['get', 'pods', '-w', '--output-watch-events', '-l', 'app=shop', '--no-headers'], { env: { ...process.env, KUBECONFIG: s.config } });
  let out = '';
  let waiter: (() => void) | undefined;
  watch.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    waiter?.();
  });
  const until = (test: () => boolean, what: string): Promise<void> => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`benchKubectl: timed out waiting for ${what}: ${out}`)), 30_000);
    waiter = () => {
      if (!test()) return;
      clearTimeout(timer);
      waiter = undefined;
      resolve();
    };
    waiter();
  });
  const added = (): number => (out.match(/^ADDED/gm) ?? []).length;
  await until(() => added() >= 3, 'the watch to list the three pods');
  // kubectl lists, then watches from the list's resourceVersion: change nothing before its watch is open.
  for (let waited = 0; s.openWatches() === 0; waited += 20) {
    if (waited > 30_000) throw new Error('benchKubectl: kubectl opened no watch');
    await new Promise((r) => setTimeout(r, 20));
  }
  const latencies: number[] = [];
  for (let i = 0; i < changes; i++) {
    const before = added();
    const t0 = performance.now();
    sim.apply(shop(4 + i)); // the Deployment, then the ReplicaSet controller creates one pod (the engine runs it on the same call stack)
    sim.internals.drain();
    await until(() => added() > before, 'the new pod on the watch');
    latencies.push(performance.now() - t0);
    sim.runUntilSettled();
  }
  watch.kill();
  s.close();
  return latencies;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchKubectl(runs: number): Promise<void> {
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0) {
    console.log('kubectl: skipped (no kubectl on this machine)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ka-bench-kubectl-'));
  try {
    const built = performance.now();
    // BENCH_KUBECTL_PODS (a multiple of 1,000) shrinks the cluster for a quick look on a loaded machine.
    const sim = largeCluster(Math.max(1, Math.round(Number(process.env.BENCH_KUBECTL_PODS ?? 150_000) / 1000)));
    const pods = sim.internals.store.count('Pod');
    const nodes = sim.topology.nodes.length;
    const s = await serveSim(sim, dir);
    const buildMs = performance.now() - built;
    const first = Array.from({ length: Math.max(runs, 5) }, () => 0);
    for (let i = 0; i < first.length; i++) first[i] = (await timedGet(s, '/api/v1/pods?limit=500', TABLE)).ms;
    const get: Awaited<ReturnType<typeof kubectl>>[] = [];
    const json: Awaited<ReturnType<typeof kubectl>>[] = [];
    for (let i = 0; i < runs; i++) get.push(await kubectl(s.config, ['get', 'pods', '-A']));
    for (let i = 0; i < runs; i++) json.push(await kubectl(s.config, ['get', 'pods', '-A', '-o', 'json']));
    if (get[0].code !== 0) throw new Error(`benchKubectl: kubectl get pods -A failed: ${get[0].err}`);
    s.close();
    const mb = (b: number): string => (b / 2 ** 20).toFixed(1);
    console.log(`kubectl get pods -A: ${pods} pods on ${nodes} nodes (built and settled in ${(buildMs / 1000).toFixed(1)} s): median ${median(get.map((g) => g.ms)).toFixed(0)} ms over ${runs} runs, ${mb(get[0].bytes)} MB printed (exit ${get[0].code}); -o json median ${median(json.map((g) => g.ms)).toFixed(0)} ms, ${mb(json[0].bytes)} MB of JSON`);
    console.log(`  first page of the chunked list (limit=500, as a Table): median ${median(first).toFixed(1)} ms over ${first.length} requests (budget 100 ms)`);
    const lat = await watchLatencies(dir, Math.max(runs, 5));
    console.log(`kubectl get pods -w: a change reaches kubectl's output median ${median(lat).toFixed(1)} ms (max ${Math.max(...lat).toFixed(1)}) over ${lat.length} changes at teaching size (budget 50 ms)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
