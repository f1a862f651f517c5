#!/usr/bin/env node
// `npm run test:integration`: the real-VS-Code suite (code-server driven by Chromium).
// Extra arguments go to mocha, e.g. `npm run test:integration -- --grep hover`.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const mocha = require.resolve('mocha/bin/mocha.js', { paths: [repoRoot] });
const started = Date.now();
const result = spawnSync(
  process.execPath,
  [mocha, '--config', path.join('test', 'integration', '.mocharc.json'), ...process.argv.slice(2)],
  { cwd: repoRoot, stdio: 'inherit' },
);
console.log(`integration suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(result.status ?? 1);
