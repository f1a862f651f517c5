// npm run package: production build, then `vsce package`, then a check of what the .vsix holds.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { rewriteZipEntry, zipEntries } = require('./lib/zipEntry');

const root = path.resolve(__dirname, '..');
const { name, version } = require(path.join(root, 'package.json'));
const vsix = path.join(root, `${name}-${version}.vsix`);
// `--web`: also a test copy whose manifest has no `main`, so that VS Code runs the `browser` entry in its
// web-worker extension host (the web integration tests install it: test/integration/setup.ts).
const webVsix = path.join(root, `${name}-${version}-web.vsix`);
const MAX_BYTES = 1024 * 1024;
const REQUIRED = ['extension/dist/extension.js', 'extension/dist/language.js', 'extension/dist/simWorker.js', 'extension/dist/apiDocs.json', 'extension/dist/web/extension.js', 'extension/dist/browserWorker.js'];
const FORBIDDEN = [/^extension\/dist\/cli\.js$/, /^extension\/src\//, /^extension\/test\//, /^extension\/node_modules\//, /\.map$/, /^extension\/samples\/.*\.ts$/];

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

function main() {
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  run(process.execPath, ['esbuild.js', '--production']);
  run(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix]);
  const entries = zipEntries(vsix);
  const bad = entries.filter((e) => FORBIDDEN.some((re) => re.test(e)));
  const size = fs.statSync(vsix).size;
  const files = entries.filter((e) => e.startsWith('extension/'));
  console.log(`${path.basename(vsix)}: ${(size / 1024).toFixed(1)} KiB, ${entries.length} entries (${files.length} extension files)`);
  const missing = REQUIRED.filter((e) => !entries.includes(e));
  if (missing.length > 0) throw new Error(`the .vsix must contain: ${missing.join(', ')}`);
  if (bad.length > 0) throw new Error(`the .vsix must not contain: ${bad.join(', ')}`);
  if (size > MAX_BYTES) throw new Error(`the .vsix is ${size} bytes, over the 1 MB budget`);
  for (const bundle of ['dist/extension.js', 'dist/language.js', 'dist/simWorker.js', 'dist/web/extension.js', 'dist/browserWorker.js']) {
    console.log(`  ${bundle}: ${(fs.statSync(path.join(root, bundle)).size / 1024).toFixed(1)} KiB`);
  }
  if (process.argv.includes('--web')) {
    rewriteZipEntry(vsix, webVsix, 'extension/package.json', (text) => {
      const manifest = JSON.parse(text);
      if (!manifest.browser) throw new Error('package.json has no `browser` entry');
      delete manifest.main;
      return JSON.stringify(manifest, null, 2);
    });
    console.log(`${path.basename(webVsix)}: the same without \`main\` (runs in the web-worker extension host)`);
  }
}

try {
  main();
} catch (err) {
  console.error(`package: ${err.message}`);
  process.exit(1);
}
