/**
 * Golden scenarios: test/golden/<name>.input.yaml → <name>.expected.json, run through the
 * CLI in-process. The first line of an input may be `# args: --topology ha --fail control-plane-1`.
 * Regenerate with UPDATE_GOLDEN=1 (then review the diff: each file is the rule's evidence).
 * Each scenario also has sharp assertions on the rule it is named after (goldenRules.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { parseSteps } from '../../../src/cli/steps';
import { RULES, type Output } from './goldenRules';

const DIR = join('test', 'golden');

/** Runs the CLI on one golden input; returns exit code and parsed JSON. */
export function runGolden(name: string): { code: number; out: Output; text: string } {
  const file = join(DIR, `${name}.input.yaml`);
  const first = readFileSync(file, 'utf8').split('\n')[0];
  const args = first.startsWith('# args:') ? first.slice(7).trim().split(/\s+/).filter(Boolean) : [];
  const stepsFile = join(DIR, `${name}.steps.yaml`);
  const extras = existsSync(stepsFile) ? { steps: parseSteps(readFileSync(stepsFile, 'utf8')), stepsFile } : {};
  let text = '';
  let err = '';
  const code = main(['simulate', ...args, '--output', 'json', file], {
    stdout: (t) => { text += t; }, stderr: (t) => { err += t; }, readFile: (p) => readFileSync(p, 'utf8'),
  }, extras);
  assert.ok(text.startsWith('{'), `no JSON output (exit ${code}): ${err}`);
  return { code, out: JSON.parse(text) as Output, text };
}

describe('golden scenarios', () => {
  const names = readdirSync(DIR).filter((f) => f.endsWith('.input.yaml')).map((f) => f.replace(/\.input\.yaml$/, '')).sort();
  it('has a rule check for every scenario', () => {
    assert.deepEqual(names.filter((n) => !RULES[n]), []);
  });
  for (const name of names) {
    it(name, () => {
      const { code, out, text } = runGolden(name);
      const expectedFile = join(DIR, `${name}.expected.json`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, text);
      assert.ok(existsSync(expectedFile), `missing ${expectedFile}: run with UPDATE_GOLDEN=1 and review it`);
      RULES[name]?.(out, code);
      assert.equal(text, readFileSync(expectedFile, 'utf8'), `${name}: output differs from ${expectedFile}`);
    });
  }
});
