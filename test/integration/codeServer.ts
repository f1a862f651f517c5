/**
 * Runs code-server for the real-VS-Code integration tests and `npm start`: a fresh user-data
 * dir, the packaged extension installed, a free loopback port. Installing it is codeServerInstall.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer, log, seconds, tail, writeJson } from './codeServerInstall';

export { CODE_SERVER_VERSION, codeServerHome, ensureCodeServer, log, repoRoot } from './codeServerInstall';

/** A running code-server. `stop()` is idempotent and safe to call from any `after` hook. */
export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** `<userDataDir>/logs`: one folder per start, holding `exthost*\/remoteexthost.log`. */
  readonly logsDir: string;
  /** code-server's own stdout/stderr. */
  readonly serverLog: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The packaged extension to install. */
  readonly vsix: string;
  /** The workspace folder to open. */
  readonly folder: string;
}

/** Workspace trust, the welcome page and telemetry would each put a dialog or a tab in the way. */
const SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'files.autoSave': 'off',
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  // The fixtures live inside the project's git repository; don't offer to open it.
  'git.openRepositoryInParentFolders': 'never',
  // No marketplace queries: this machine reaches no gallery, and the tests need none.
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

/** Starts code-server on a free loopback port with a fresh user-data dir, with `vsix` installed. */
export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const entry = ensureCodeServer();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ka-e2e-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const serverLog = path.join(root, 'code-server.log');
  const config = path.join(root, 'config.yaml'); // not ~/.config/code-server/config.yaml
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  writeJsonMkdir(path.join(userDataDir, 'User', 'settings.json'), SETTINGS);
  installExtension(entry, ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir], options.vsix);
  const port = await freePort();
  const started = Date.now();
  const out = fs.openSync(serverLog, 'a');
  const child = spawn(
    process.execPath,
    [entry, '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', options.folder],
    { detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const stop = stopper(child, root);
  try {
    await waitUntilAnswering(port, child, 60_000);
  } catch (err) {
    console.log(tail(serverLog, 30));
    await stop();
    throw err;
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.folder)}`;
  log(`code-server ready on 127.0.0.1:${port} in ${seconds(started)} (pid ${child.pid})`);
  if (process.env.KA_E2E_KEEP === '1') log(`KA_E2E_KEEP=1: keeping ${root}`);
  return { url, port, userDataDir, extensionsDir, logsDir: path.join(userDataDir, 'logs'), serverLog, stop };
}

function installExtension(entry: string, dirs: readonly string[], vsix: string): void {
  if (!fs.existsSync(vsix)) throw new Error(`no such vsix: ${vsix}`);
  const r = spawnSync(
    process.execPath,
    [entry, ...dirs, '--install-extension', vsix],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${path.basename(vsix)} into code-server failed:\n${output}`);
  }
  log(`installed ${path.basename(vsix)}`);
}

function writeJsonMkdir(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeJson(file, value);
}

/** Asks the kernel for a free port on loopback (released just before code-server binds it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function httpStatus(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

async function waitUntilAnswering(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    }
    if ((await httpStatus(port, '/healthz')) === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
}

/** Kills the whole process group (code-server forks the extension host and file watchers). */
function stopper(child: ChildProcess, root: string): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  const kill = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = (): void => kill('SIGKILL');
  process.on('exit', onExit);
  return () => {
    stopped ??= (async () => {
      process.removeListener('exit', onExit);
      const exited = new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
      kill('SIGTERM');
      const timer = new Promise<boolean>((r) => setTimeout(() => r(false), 5000));
      if (!(await Promise.race([exited.then(() => true), timer]))) kill('SIGKILL');
      kill('SIGKILL'); // leftover children of the group
      if (process.env.KA_E2E_KEEP === '1') {
        log(`stopped; kept user data and logs in ${root}`);
      } else {
        fs.rmSync(root, { recursive: true, force: true });
        log('stopped');
      }
    })();
    return stopped;
  };
}
