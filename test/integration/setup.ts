/**
 * Root hooks for the code-server suite (loaded through .mocharc.json `require`): before any test
 * file starts its code-server, make sure code-server is installed and the extension is packaged.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCodeServer, log, repoRoot } from './codeServer';
import { FLAVOUR } from './flavour';

export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

/**
 * The packaged extension under test: `KA_E2E_VSIX`, or `kube-anatomy-<version>.vsix` at the repo root
 * (`kube-anatomy-<version>-web.vsix`, the copy without `main`, with KUBE_ANATOMY_VSIX_FLAVOUR=web: flavour.ts).
 */
export function extensionVsix(): string {
  if (process.env.KA_E2E_VSIX) return path.resolve(process.env.KA_E2E_VSIX);
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(repoRoot, `${name}-${version}${FLAVOUR === 'web' ? '-web' : ''}.vsix`);
}

/** The newest modification time among the files that go into the vsix. */
function newestSource(): number {
  let newest = 0;
  const visit = (p: string): void => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const child of fs.readdirSync(p)) visit(path.join(p, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ['src', 'media', 'package.json', 'esbuild.js', '.vscodeignore']) visit(path.join(repoRoot, entry));
  return newest;
}

/** Packages the extension with `npm run package` when the vsix is missing or older than its sources. */
export function ensureVsix(): string {
  const vsix = extensionVsix();
  if (process.env.KA_E2E_VSIX) {
    if (!fs.existsSync(vsix)) throw new Error(`KA_E2E_VSIX=${vsix} does not exist`);
    log(`testing ${vsix} (from KA_E2E_VSIX)`);
    return vsix;
  }
  const stale = fs.existsSync(vsix) && fs.statSync(vsix).mtimeMs < newestSource();
  if (fs.existsSync(vsix) && !stale) {
    log(`testing ${path.basename(vsix)} (${FLAVOUR} build)`);
    return vsix;
  }
  const args = FLAVOUR === 'web' ? ['run', 'package', '--', '--web'] : ['run', 'package'];
  log(`${path.basename(vsix)} is ${stale ? 'older than its sources' : 'missing'}: npm ${args.join(' ')}`);
  const r = spawnSync('npm', args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(vsix)) throw new Error(`npm ${args.join(' ')} did not produce ${path.basename(vsix)}`);
  return vsix;
}

export const mochaHooks = {
  beforeAll(this: Mocha.Context): void {
    this.timeout(15 * 60_000); // a cold code-server install takes a minute or more
    ensureCodeServer();
    ensureVsix();
  },
};
