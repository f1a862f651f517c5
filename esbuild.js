// One build script, one esbuild context per runtime (host: Node CommonJS with `vscode` external;
// webview: browser IIFE; CLI: Node with a shebang; the web extension and its engine worker: browser). `--production` minifies and drops source maps,
// `--watch` rebuilds on change. Type-checking is separate (`npm run typecheck`).
const esbuild = require('esbuild');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

// The web extension (package.json `browser`): the same src/extension.ts with the browser platform adapter
// (src/vscode/platform/index.ts re-exports ./node; here ./browser), and no Node built-in may resolve.
const browserPlatform = {
  name: 'browser-platform',
  setup(build) {
    build.onResolve({ filter: /^\.\/node$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'vscode', 'platform', 'index.ts')) ? { path: path.join(args.resolveDir, 'browser.ts') } : undefined);
  },
};
const web = { platform: 'browser', format: 'cjs', target: 'es2022', mainFields: ['browser', 'module', 'main'] };

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/worker/simWorker.ts'], outfile: 'dist/simWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'media/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, ...web, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'], plugins: [browserPlatform] },
  // A classic script: VS Code's web-worker host starts nested workers through importScripts.
  { ...common, ...web, entryPoints: ['src/worker/browserWorker.ts'], outfile: 'dist/browserWorker.js', format: 'iife' },
];

async function main() {
  const fs = require('fs');
  const present = targets.filter((t) => fs.existsSync(t.entryPoints[0]));
  const contexts = await Promise.all(present.map((t) => esbuild.context(t)));
  copyApiDocs(fs);
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching for changes');
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

// The API's field descriptions ship beside the bundles, loaded on the first field hover (src/core/api/docs.ts).
function copyApiDocs(fs) {
  const from = 'src/core/api/generated/apiDocs.json';
  if (!fs.existsSync(from)) return;
  fs.mkdirSync('dist', { recursive: true });
  fs.copyFileSync(from, 'dist/apiDocs.json');
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
