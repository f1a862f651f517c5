#!/usr/bin/env node
// `npm run test:electron`: runs test/electron/suite inside a desktop VS Code through
// @vscode/test-electron, against the extension built in dist/ (extensionDevelopmentPath).
//
// VS Code is downloaded into .vscode-test/ unless VSCODE_EXECUTABLE_PATH names a binary.
// VSCODE_TEST_VERSION picks the version to download (default: stable).
// On a Linux machine without a display, run it under `xvfb-run -a`.
// Where VS Code can't be downloaded, use the code-server suite instead: npm run test:integration.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { downloadAndUnzipVSCode, runTests } = require('@vscode/test-electron');

const repoRoot = path.resolve(__dirname, '..', '..');

function ensureBuilt() {
  const { main } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  if (fs.existsSync(path.join(repoRoot, main))) return;
  console.log(`${main} is missing: npm run build`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(path.join(repoRoot, main))) throw new Error(`npm run build did not produce ${main}`);
}

async function vscodeExecutable() {
  const given = process.env.VSCODE_EXECUTABLE_PATH;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`VSCODE_EXECUTABLE_PATH=${given} does not exist`);
    return given;
  }
  const version = process.env.VSCODE_TEST_VERSION || 'stable';
  try {
    return await downloadAndUnzipVSCode({ version, cachePath: path.join(repoRoot, '.vscode-test'), timeout: 30_000 });
  } catch (err) {
    throw new Error(
      `Could not download VS Code (${version}) for the Electron tests: ${err && err.message ? err.message : err}\n` +
      'This machine may not reach VS Code\'s download servers. Either set VSCODE_EXECUTABLE_PATH to a VS Code\n' +
      'binary (for example /usr/share/code/code), or run the real-VS-Code suite on code-server instead:\n' +
      '  npm run test:integration',
    );
  }
}

async function main() {
  ensureBuilt();
  const vscodeExecutablePath = await vscodeExecutable();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ka-electron-'));
  const launchArgs = [
    path.join(repoRoot, 'test', 'fixtures'),
    '--disable-extensions', // other extensions only; the one under development still loads
    '--disable-workspace-trust',
    '--skip-welcome',
    '--skip-release-notes',
    '--user-data-dir', userDataDir,
  ];
  if (typeof process.getuid === 'function' && process.getuid() === 0) launchArgs.push('--no-sandbox');
  try {
    const code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs,
    });
    return code;
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`\nElectron tests did not run: ${err && err.message ? err.message : err}`);
    if (process.platform === 'linux' && !process.env.DISPLAY) {
      console.error('(No DISPLAY is set: on a headless Linux machine run it as `xvfb-run -a npm run test:electron`.)');
    }
    process.exit(1);
  },
);
