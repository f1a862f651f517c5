/**
 * The web extension's bundles (package.json `browser`, and the engine's Web Worker) are built for the
 * browser from the same sources, with the Node-only modules swapped for their browser twins (esbuild.js).
 * Builds them in memory with the project's own esbuild options.
 */
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { targets } = require(path.join(root, 'esbuild.js')) as { targets: esbuild.BuildOptions[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(root, 'package.json')) as { main: string; browser?: string };

async function inputsOf(outfile: string): Promise<string[]> {
  const t = targets.find((x) => x.outfile === outfile);
  assert.ok(t, `esbuild.js builds ${outfile}`);
  assert.strictEqual(t.platform, 'browser');
  const result = await esbuild.build({ ...t, absWorkingDir: root, write: false, metafile: true, logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  assert.ok(output);
  return Object.keys(output.inputs).filter((k) => output.inputs[k].bytesInOutput > 0);
}

describe('the web extension bundles (issue 11)', function () {
  this.timeout(60_000);

  it('package.json names the browser bundle beside main', () => {
    assert.strictEqual(manifest.browser, './dist/web/extension.js');
    assert.strictEqual(manifest.main, './dist/extension.js');
  });

  it('the extension takes the browser platform adapter and the language module directly, never their Node twins', async () => {
    const inputs = await inputsOf('dist/web/extension.js');
    for (const file of ['src/vscode/platform/browser.ts', 'src/vscode/lazy.browser.ts', 'src/vscode/language.ts', 'src/vscode/liveCluster.ts']) {
      assert.ok(inputs.includes(file), `has ${file}`);
    }
    for (const file of ['src/vscode/platform/node.ts', 'src/vscode/lazy.ts']) assert.ok(!inputs.includes(file), `has no ${file}`);
  });

  it('the engine worker runs the same loop as the worker thread, from its browser entry', async () => {
    const inputs = await inputsOf('dist/browserWorker.js');
    assert.ok(inputs.includes('src/worker/browserWorker.ts') && inputs.includes('src/worker/workerLoop.ts'));
    assert.ok(!inputs.includes('src/worker/simWorker.ts'));
  });
});
