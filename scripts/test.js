// npm test: type-check, lint, unit tests, then integration tests in a real VS Code (code-server + Chromium),
// once for the Node build and once for the web build.
// Every step runs even when an earlier one fails, and the last line is the totals over all of them:
//   N passed, M failed[, K skipped]
// Type-check and lint count as one check each; the mocha suites count their tests.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const mocha = require.resolve('mocha/bin/mocha.js');
const reporter = path.join(__dirname, 'lib', 'countingReporter.js');
const totals = { passed: 0, failed: 0, skipped: 0 };

function banner(title) {
  console.log(`\n=== ${title} ===`);
}

function check(title, cmd, args) {
  banner(title);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  totals[ok ? 'passed' : 'failed'] += 1;
  console.log(`${title}: ${ok ? 'passed' : 'FAILED'}`);
}

function suite(title, config, env = {}) {
  banner(title);
  const statsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ka-stats-')), 'stats.json');
  const args = [mocha, '--config', config, '--reporter', reporter];
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env, KA_STATS_FILE: statsFile } });
  if (!fs.existsSync(statsFile)) {
    totals.failed += 1;
    console.log(`${title}: mocha exited with ${r.status ?? r.signal} before reporting (counted as 1 failure)`);
    return;
  }
  const s = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  totals.passed += s.passes;
  totals.failed += s.failures;
  totals.skipped += s.pending;
}

const only = process.argv[2]; // optional: unit | integration (the kubectl suite runs with the integration tests: both need the built CLI)
if (!only) {
  check('type-check', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', '.', '--noEmit']);
  check('type-check (webview)', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'src/webview', '--noEmit']);
  // eslint's package exports hide its bin file from require.resolve; it sits at a fixed place in node_modules.
  check('lint', process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src', 'test', 'scripts', 'esbuild.js']);
}
if (!only || only === 'unit') suite('unit tests', '.mocharc.json');
if (!only || only === 'integration') {
  check('package (.vsix for the integration tests, and its web copy)', process.execPath, [path.join(__dirname, 'package.js'), '--web']);
  suite('kubectl against kube-anatomy serve', 'test/kubectl/.mocharc.json');
  suite('integration tests (code-server + Chromium)', 'test/integration/.mocharc.json');
  // The same tests against the web build, in code-server's web-worker extension host (test/integration/flavour.ts).
  suite('integration tests, web extension (code-server web-worker host + Chromium)', 'test/integration/.mocharc.json', { KUBE_ANATOMY_VSIX_FLAVOUR: 'web' });
}

const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
