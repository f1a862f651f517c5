/**
 * Installs code-server (VS Code's server and web workbench, from npm) for the real-VS-Code
 * integration tests and `npm start`. See test/integration/README.md.
 *
 * code-server is installed into the ignored folder `.vscode-test/code-server`, never as a
 * dependency of the extension: users never need it and `npm ci` must stay quick.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
/** Newer releases need Node 22+; this one is VS Code 1.100.3 and runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = path.resolve(__dirname, '..', '..');
export const codeServerHome = path.join(repoRoot, '.vscode-test', 'code-server');
const packageDir = path.join(codeServerHome, 'node_modules', 'code-server');
const entryJs = path.join(packageDir, 'out', 'node', 'entry.js');
const markerFile = path.join(codeServerHome, '.installed');
const installLog = path.join(codeServerHome, 'install.log');

/** Known @vscode/ripgrep version → rg release tag, used only if the package can't be read. */
const KNOWN_RIPGREP_TAGS: Readonly<Record<string, string>> = { '1.15.11': 'v13.0.0-10' };

export function log(message: string): void {
  console.log(`[code-server] ${message}`);
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** What the install scripts leave behind; if one is missing a script was skipped (npm 11 allowScripts). */
const NATIVE_ARTIFACTS = [
  'lib/vscode/node_modules.asar',
  'lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
];

/** Checks the install's native artifacts, then runs `node entry.js --version`; true when it answers with our version. */
function installedAndWorking(): boolean {
  if (!fs.existsSync(markerFile) || fs.readFileSync(markerFile, 'utf8').trim() !== CODE_SERVER_VERSION) {
    return false;
  }
  if (NATIVE_ARTIFACTS.some((file) => !fs.existsSync(path.join(packageDir, file)))) return false;
  const r = spawnSync(process.execPath, [entryJs, '--version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 && r.stdout.includes(`${CODE_SERVER_VERSION} `);
}

/** Installs code-server@4.100.3 into `.vscode-test/code-server` unless a working copy is there. */
let verified = false;

export function ensureCodeServer(): string {
  if (verified) return entryJs;
  if (installedAndWorking()) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in .vscode-test/code-server (cached)`);
    verified = true;
    return entryJs;
  }
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into .vscode-test/code-server (about 1-3 minutes, ~300 MB)…`);
  checkPrerequisites();
  fs.rmSync(codeServerHome, { recursive: true, force: true });
  fs.mkdirSync(codeServerHome, { recursive: true });
  fs.writeFileSync(installLog, '');
  try {
    install();
  } catch (err) {
    log(`install FAILED after ${seconds(started)}; last lines of ${path.relative(repoRoot, installLog)}:`);
    console.log(tail(installLog, 40));
    throw err;
  }
  if (!installedAndWorking()) {
    throw new Error(`code-server installed but does not run; see ${installLog}`);
  }
  log(`install took ${seconds(started)}`);
  verified = true;
  return entryJs;
}

function checkPrerequisites(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} installs only on Node 20 (this is ${process.version})`);
  }
  const missing: string[] = [];
  if (!findOnPath('rg')) missing.push('ripgrep');
  if (!fs.existsSync('/usr/include/krb5.h') && !fs.existsSync('/usr/include/krb5/krb5.h')) missing.push('libkrb5-dev');
  if (missing.length > 0) {
    throw new Error(`code-server needs system packages: apt-get install -y ${missing.join(' ')}`);
  }
}

function findOnPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * npm 11 skips dependency install scripts unless `allowScripts` approves them, and code-server's
 * postinstall runs nested `npm install`s (lib/vscode, lib/vscode/extensions) whose native modules
 * must build. `--allow-scripts` is refused in project installs, so: install without scripts, write
 * `allowScripts` (computed from the lockfiles' `hasInstallScript`) into each package.json, then
 * `npm rebuild`, which runs code-server's postinstall and its nested installs under those policies.
 */
function install(): void {
  writeJson(path.join(codeServerHome, 'package.json'), {
    name: 'kube-anatomy-code-server',
    private: true,
    description: 'code-server for the Kube Anatomy integration tests (generated by test/integration/codeServer.ts)',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
  });
  npm(['install', '--ignore-scripts', '--no-audit', '--no-fund'], codeServerHome, 'download packages');
  allowInstallScripts(codeServerHome, path.join(codeServerHome, 'package-lock.json'));
  const vscodeDir = path.join(packageDir, 'lib', 'vscode');
  allowInstallScripts(vscodeDir, path.join(vscodeDir, 'npm-shrinkwrap.json'));
  const extensionsDir = path.join(vscodeDir, 'extensions');
  allowInstallScripts(extensionsDir, path.join(extensionsDir, 'npm-shrinkwrap.json'));
  seedRipgrepCache(path.join(vscodeDir, 'npm-shrinkwrap.json'));
  npm(['rebuild', '--foreground-scripts', '--no-audit', '--no-fund'], codeServerHome, 'run install scripts (native modules, VS Code dependencies)');
  fs.writeFileSync(markerFile, CODE_SERVER_VERSION + '\n');
}

function npm(args: string[], cwd: string, what: string): void {
  const started = Date.now();
  log(`npm ${args.join(' ')}  (${what})`);
  const out = fs.openSync(installLog, 'a');
  const r = spawnSync('npm', args, {
    cwd,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      // code-server's postinstall refuses to run as root without it.
      npm_config_unsafe_perm: 'true',
      // A nested postinstall runs `npx node-gyp`, which would otherwise wait for a prompt.
      npm_config_yes: 'true',
      npm_config_update_notifier: 'false',
    },
  });
  fs.closeSync(out);
  if (r.status !== 0) throw new Error(`npm ${args[0]} failed (exit ${r.status ?? r.signal}) in ${cwd}`);
  log(`  … done in ${seconds(started)}`);
}

/**
 * Adds `"name": true` to `dir/package.json#allowScripts` for each locked package with install scripts.
 * Name-only, because npm did not match pinned `name@version` entries here (the lockfiles carry no
 * `resolved` URLs); the shrinkwraps pin the versions anyway.
 */
function allowInstallScripts(dir: string, lockFile: string): void {
  const lock = readJson(lockFile) as { packages?: Record<string, { version?: string; hasInstallScript?: boolean }> };
  const allow: Record<string, boolean> = {};
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!key || !entry.hasInstallScript || !entry.version) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    allow[name] = true;
  }
  const pkgFile = path.join(dir, 'package.json');
  const pkg = readJson(pkgFile) as Record<string, unknown>;
  writeJson(pkgFile, { ...pkg, allowScripts: { ...(pkg.allowScripts as object | undefined), ...allow } });
  log(`  allowScripts in ${path.relative(codeServerHome, pkgFile)}: ${Object.keys(allow).join(', ') || '(none)'}`);
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It first looks
 * for `$TMPDIR/vscode-ripgrep-cache-<version>/ripgrep-<tag>-<target>.tar.gz` (its lib/download.js),
 * so we put an archive of the system's rg there.
 */
function seedRipgrepCache(vscodeShrinkwrap: string): void {
  const lock = readJson(vscodeShrinkwrap) as { packages: Record<string, { version?: string }> };
  const version = lock.packages['node_modules/@vscode/ripgrep']?.version;
  if (!version) throw new Error(`@vscode/ripgrep not found in ${vscodeShrinkwrap}`);
  const tag = ripgrepTag(version);
  const target = os.arch() === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${version}`);
  const archive = path.join(cacheDir, `ripgrep-${tag}-${target}.tar.gz`);
  const rg = fs.realpathSync(findOnPath('rg') as string);
  fs.mkdirSync(cacheDir, { recursive: true });
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ka-rg-'));
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  const r = spawnSync('tar', ['czf', archive, '-C', stage, 'rg'], { encoding: 'utf8' });
  fs.rmSync(stage, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  log(`  seeded ripgrep cache ${archive} (from ${rg}; @vscode/ripgrep ${version}, rg ${tag})`);
}

/** Reads the rg release tag from the @vscode/ripgrep package that code-server locks. */
function ripgrepTag(version: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ka-rg-pkg-'));
  try {
    const packed = spawnSync('npm', ['pack', `@vscode/ripgrep@${version}`, '--silent'], { cwd: tmp, encoding: 'utf8' });
    const tgz = packed.stdout.trim().split('\n').pop() ?? '';
    if (packed.status === 0 && tgz && spawnSync('tar', ['xzf', tgz], { cwd: tmp }).status === 0) {
      const source = fs.readFileSync(path.join(tmp, 'package', 'lib', 'postinstall.js'), 'utf8');
      const match = /const VERSION = '([^']+)'/.exec(source);
      if (match) return match[1];
    }
  } catch {
    // fall through to the known table
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const known = KNOWN_RIPGREP_TAGS[version];
  if (!known) throw new Error(`cannot tell the rg release tag of @vscode/ripgrep ${version}`);
  return known;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

export function tail(file: string, lines: number): string {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}
