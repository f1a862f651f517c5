// npm start: build and package the extension, then open VS Code with it installed and samples/ open.
// With a `code` command on the PATH, that VS Code is used. Otherwise code-server (VS Code in the
// browser, installed into the ignored .vscode-test/ on first use) serves it on 127.0.0.1 and this
// prints the URL to open; Ctrl+C stops it.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const samples = path.join(root, 'samples');
const { name, version } = require(path.join(root, 'package.json'));
const vsix = path.join(root, `${name}-${version}.vsix`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** code-server's install needs ripgrep and the Kerberos headers from Debian; install them when we can (root with apt-get). */
function ensureSystemPackages() {
  const missing = [];
  if (!onPath('rg')) missing.push('ripgrep');
  if (spawnSync('dpkg', ['-s', 'libkrb5-dev'], { stdio: 'ignore' }).status !== 0) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    throw new Error(`code-server needs these system packages: ${missing.join(' ')} (sudo apt-get install ${missing.join(' ')})`);
  }
  console.log(`start: installing ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...missing]);
}

async function startInBrowser() {
  ensureSystemPackages();
  require('tsx/cjs');
  const { startCodeServer } = require('../test/integration/codeServer.ts');
  const server = await startCodeServer({ vsix, folder: samples });
  console.log(`\nKube Anatomy is installed in VS Code (code-server). Open:\n\n  ${server.url}\n\nPress Ctrl+C to stop.`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => undefined);
}

async function main() {
  run(process.execPath, [path.join(__dirname, 'package.js')]);
  if (onPath('code')) {
    run('code', ['--install-extension', vsix, '--force']);
    run('code', [samples]);
    return;
  }
  await startInBrowser();
}

main().catch((err) => {
  console.error(`start: ${err.message}`);
  process.exit(1);
});
