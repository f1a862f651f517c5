#!/usr/bin/env node
// `npm run test:integration`: the real-VS-Code suite (code-server driven by Chromium).
// Extra arguments go to mocha, e.g. `npm run test:integration -- --grep hover`; `--web` tests the web build.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const mocha = require.resolve('mocha/bin/mocha.js', { paths: [repoRoot] });
const started = Date.now();
// `--web`: test the web build in code-server's web-worker extension host (flavour.ts).
const web = process.argv.includes('--web');
const result = spawnSync(
  process.execPath,
  [mocha, '--config', path.join('test', 'integration', '.mocharc.json'), ...process.argv.slice(2).filter((a) => a !== '--web')],
  { cwd: repoRoot, stdio: 'inherit', env: web ? { ...process.env, KUBE_ANATOMY_VSIX_FLAVOUR: 'web' } : process.env },
);
console.log(`integration suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(result.status ?? 1);
