/**
 * The activation bundle (dist/extension.js) holds only what activation needs; `yaml`, the API table, the
 * field teaching, the glossary and the lesson parser are in dist/language.js, loaded on first use
 * through src/vscode/lazy.ts. Builds both with the project's own esbuild options (esbuild.js) in memory.
 */
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { targets } = require(path.join(root, 'esbuild.js')) as { targets: esbuild.BuildOptions[] };

/** What must never be loaded at activation. */
const HEAVY: readonly { what: string; pattern: RegExp }[] = [
  { what: 'the yaml parser', pattern: /node_modules\/yaml\// },
  { what: 'the API table', pattern: /src\/core\/api\/generated\// },
  { what: 'the field teaching', pattern: /src\/core\/knowledge\/fields\/teaching\.ts$/ },
  { what: 'the glossary', pattern: /src\/core\/knowledge\/(concepts|terms|components)\.ts$/ },
  { what: 'the lesson parser', pattern: /src\/core\/lessons\/parse\.ts$/ },
  { what: 'the manifest parser', pattern: /src\/core\/manifests\/parse\.ts$/ },
];
/** Minified size budget of the activation bundle (14.4 KiB when the split was made). */
const MAX_ACTIVATION_BYTES = 40 * 1024;

function target(outfile: string): esbuild.BuildOptions {
  const t = targets.find((x) => x.outfile === outfile);
  assert.ok(t, `esbuild.js builds ${outfile}`);
  return t;
}

async function build(outfile: string): Promise<{ inputs: string[]; bytes: number }> {
  const result = await esbuild.build({ ...target(outfile), absWorkingDir: root, minify: true, sourcemap: false, write: false, metafile: true, logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs)[0];
  return { inputs: Object.keys(output.inputs).filter((k) => output.inputs[k].bytesInOutput > 0), bytes: output.bytes };
}

const heavyIn = (inputs: readonly string[]): string[] => HEAVY.filter((h) => inputs.some((i) => h.pattern.test(i))).map((h) => h.what);

describe('build: the activation bundle', function () {
  this.timeout(60_000);
  let activation: { inputs: string[]; bytes: number };
  let language: { inputs: string[]; bytes: number };

  before(async () => {
    [activation, language] = await Promise.all([build('dist/extension.js'), build('dist/language.js')]);
  });

  it('holds none of yaml, the API table, the teaching, the glossary or the parsers', () => {
    assert.deepStrictEqual(heavyIn(activation.inputs), []);
  });

  it(`stays under ${MAX_ACTIVATION_BYTES / 1024} KiB minified`, () => {
    assert.ok(activation.bytes < MAX_ACTIVATION_BYTES, `dist/extension.js is ${activation.bytes} bytes`);
  });

  it('leaves all of them to the language bundle (the check above can see them)', () => {
    assert.deepStrictEqual(heavyIn(language.inputs), HEAVY.map((h) => h.what));
  });

  it('loads the language bundle by the file name esbuild.js writes', () => {
    const lazy = fs.readFileSync(path.join(root, 'src', 'vscode', 'lazy.ts'), 'utf8');
    assert.match(lazy, new RegExp(`/${path.basename(target('dist/language.js').outfile!)}\``));
    assert.deepStrictEqual(target('dist/language.js').entryPoints, ['src/vscode/language.ts']);
  });
});
