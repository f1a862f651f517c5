// One build script, one esbuild context per bundle (host: Node CommonJS with `vscode` external, split in
// two: extension.js loaded at activation, language.js on first use through src/vscode/lazy.ts; worker;
// webview: browser IIFE; CLI: Node with a shebang; the web extension, one bundle, and its engine Web
// Worker: browser). `--production` minifies and drops source maps,
// `--watch` rebuilds on change. Type-checking is separate (`npm run typecheck`).
// `require('./esbuild.js').targets` gives the options without building (test/unit/build checks them).
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

// The web extension (package.json `browser`): the same src/extension.ts, with the Node-only modules swapped
// for their browser twins, and no Node built-in may resolve. platform/index.ts re-exports ./node (worker
// thread, environment), and lazy.ts requires the sibling dist/language.js, which a web extension cannot.
const BROWSER_TWINS = {
  [path.join('src', 'vscode', 'platform', 'node.ts')]: path.join('src', 'vscode', 'platform', 'browser.ts'),
  [path.join('src', 'vscode', 'lazy.ts')]: path.join('src', 'vscode', 'lazy.browser.ts'),
};
const browserTwins = {
  name: 'browser-twins',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const twin = BROWSER_TWINS[path.relative(__dirname, path.resolve(args.resolveDir, `${args.path}.ts`))];
      return twin ? { path: path.join(__dirname, twin) } : undefined;
    });
  },
};
const web = { platform: 'browser', format: 'cjs', target: 'es2022', mainFields: ['browser', 'module', 'main'] };

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['src/vscode/language.ts'], outfile: 'dist/language.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/worker/simWorker.ts'], outfile: 'dist/simWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'media/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, ...web, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'], plugins: [browserTwins] },
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

module.exports = { targets };

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
}
