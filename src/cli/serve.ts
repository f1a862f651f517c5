/**
 * `kube-anatomy serve`: the simulated cluster's API on 127.0.0.1 over HTTPS, for the learner's own
 * kubectl. Simulated time runs at --speed times real time. While no kube-apiserver of the simulated
 * cluster is reachable the port stops listening, so kubectl sees "connection refused" as it would.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { KubeApi } from '../core/kubeapi/api';
import { KUBECTL } from '../core/sim/cluster';
import { Simulation } from '../core/sim';
import { UsageError } from './args';
import { applyAll, chooseTopology, load, type CliIO } from './simulate';
import { readApiDocs, serveRequest } from './serveHttp';
import { kubeconfig, makeTlsIdentity, makeToken } from './serveTls';

export const SERVE_USAGE = 'usage: kube-anatomy serve [--topology docker-server|single-node|multi-worker|ha|FILE] [--port N] [--kubeconfig FILE] [--speed X] [FILE...]';

/** Simulated time advances in ticks of this many real milliseconds. */
const TICK_MS = 50;

interface ServeArgs { readonly topology: string | null; readonly port: number; readonly kubeconfig: string | null; readonly speed: number; readonly files: readonly string[] }

/** Parses the arguments after `serve`. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let topology: string | null = null;
  let port = 0;
  let config: string | null = null;
  let speed = 1;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--topology') topology = value();
    else if (a === '--port') port = bounded(value(), a, 1, 65535, true);
    else if (a === '--kubeconfig') config = value();
    else if (a === '--speed') speed = bounded(value(), a, 0.01, 10_000, false);
    else if (a.startsWith('-')) throw new UsageError(`unknown flag "${a}" for serve`);
    else files.push(a);
  }
  return { topology, port, kubeconfig: config, speed, files };
}

function bounded(text: string, flag: string, min: number, max: number, integer: boolean): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) throw new UsageError(`${flag}: expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${text}"`);
  return n;
}

/** A running server. */
export interface Served {
  readonly url: string;
  readonly token: string;
  readonly kubeconfig: string;
  readonly sim: Simulation;
  close(): Promise<void>;
}

/** Starts serving; resolves once the port listens. */
export async function serve(args: ServeArgs, io: CliIO): Promise<Served> {
  const input = load(args.files, io);
  const sim = new Simulation({ topology: chooseTopology(args.topology, input.objects.map((s) => s.object), io) });
  applyAll(sim, input);
  for (const e of [...input.errors, ...sim.applyErrors()]) io.stderr(`${e.file}:${e.line}:${e.column}: ${e.severity === 'warning' ? 'warning: ' : ''}${e.message}\n`);
  const tls = await makeTlsIdentity();
  const token = makeToken();
  const watches = new Set<() => void>();
  // The handler exists before the port is known; the API (which names its address in discovery) after.
  const ready: { api?: KubeApi } = {};
  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    if (!ready.api) { res.writeHead(503).end(); return; }
    serveRequest(ready.api, token, watches, req, res);
  });
  const port = await listen(server, args.port);
  const url = `https://127.0.0.1:${port}`;
  ready.api = new KubeApi(sim, `127.0.0.1:${port}`, () => Date.now(), readApiDocs);
  const config = kubeconfig(url, tls.cert, token);
  if (args.kubeconfig) fs.writeFileSync(args.kubeconfig, config, { mode: 0o600 });
  const clock = startClock(sim, args.speed, server, port, watches);
  return {
    url, token, kubeconfig: config, sim,
    close: () => new Promise((resolve) => {
      clearInterval(clock);
      for (const stop of watches) stop();
      server.closeAllConnections();
      if (server.listening) server.close(() => resolve());
      else resolve();
    }),
  };
}

function listen(server: https.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Advances simulated time; stops listening while no kube-apiserver is reachable, listens again when one is. */
function startClock(sim: Simulation, speed: number, server: https.Server, port: number, watches: Set<() => void>): ReturnType<typeof setInterval> {
  let last = performance.now();
  return setInterval(() => {
    const now = performance.now();
    sim.advance(((now - last) / 1000) * speed);
    last = now;
    const reachable = !/^The connection to the server/.test(sim.internals.cluster.writeError(KUBECTL) ?? '');
    if (!reachable && server.listening) {
      for (const stop of watches) stop();
      server.closeAllConnections();
      server.close();
    } else if (reachable && !server.listening) {
      server.listen(port, '127.0.0.1');
    }
  }, TICK_MS);
}

/** The command: serves until Ctrl+C. */
export async function runServe(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseServeArgs(argv);
  const served = await serve(args, io);
  const configHint = args.kubeconfig ? `export KUBECONFIG=${args.kubeconfig}` : 'pass --kubeconfig FILE to write a kubeconfig';
  io.stdout(`Serving the simulated cluster's Kubernetes API at ${served.url} (simulated time at ${args.speed}× real time)\n${configHint}\nkubectl get nodes\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void served.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stdout('stopped\n');
  return 0;
}
