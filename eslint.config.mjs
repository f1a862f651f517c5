// Lint: typescript-eslint's recommended rules, plus the architecture rule of DESIGN.md:
// only src/extension.ts and src/vscode/ may import `vscode`.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const vscodeImport = { name: 'vscode', message: 'Only src/extension.ts and src/vscode/ may import vscode: keep the core, CLI, shared protocol and webview runtime-neutral.' };
const noVscode = { 'no-restricted-imports': ['error', { paths: [vscodeImport] }] };

// The web build (issue 11) runs this code in a browser: no Node built-in module (each name with and
// without `node:`) and none of Node's globals. The Node-only parts sit behind src/vscode/platform/node.ts.
const nodeOnly = 'runs in the browser too (the web extension, its Web Worker, the webview): Node-only code goes behind src/vscode/platform/node.ts';
const builtins = [...new Set(builtinModules.flatMap((m) => [m.replace(/^node:/, ''), `node:${m.replace(/^node:/, '')}`]))].sort()
  .map((name) => ({ name, message: `A Node built-in: this ${nodeOnly}.` }));
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate']
  .map((name) => ({ name, message: `${name} is a Node global: this ${nodeOnly}.` }));
const noNode = (extraPaths = []) => ({
  'no-restricted-imports': ['error', { paths: [...extraPaths, ...builtins] }],
  'no-restricted-globals': ['error', ...nodeGlobals],
});

export default tseslint.config(
  { ignores: ['dist/**', '.bench/**', 'media/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off', // protocol.ts groups messages by direction in namespaces
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['src/cli/**'], rules: noVscode },
  { files: ['src/core/**', 'src/webview/**', 'src/shared/**', 'src/worker/workerLoop.ts', 'src/worker/browserWorker.ts'], rules: noNode([vscodeImport]) },
  // The extension itself is bundled for both hosts; only the Node twins (esbuild.js BROWSER_TWINS) may use Node.
  { files: ['src/extension.ts', 'src/vscode/**'], ignores: ['src/vscode/platform/node.ts', 'src/vscode/lazy.ts'], rules: noNode() },
  // Full scale: a spread of an unbounded array into a call (`Math.max(...rows)`, `push(...objects)`) passes
  // every element as an argument and overflows the stack above ~125,000 elements. Use a loop. A spread
  // that is bounded by construction may stay with an `eslint-disable-next-line` saying why. (The webview and
  // the extension host only see the bounded view model: 24 nodes, 80 pods each, 30 events.)
  {
    // Where arrays grow with the cluster (150,000 pods): the engine, the served API, the live cluster, the CLI.
    // Validation and admission too: one object within the 5 MiB file limit holds 200,000 labels, each an error.
    files: ['src/core/sim/**', 'src/core/kubeapi/**', 'src/core/live/**', 'src/core/session/**', 'src/core/manifests/**', 'src/cli/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'CallExpression > SpreadElement, NewExpression > SpreadElement',
        message: 'No spread of an array into call arguments: above ~125,000 elements it overflows the stack. Loop instead (or disable with the bound that makes it safe).',
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', __filename: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
