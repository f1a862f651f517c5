import assert from 'node:assert/strict';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { loadSeeds, mutate, Rng, type Mutant } from './mutate';

/**
 * The fuzz test: structure-aware mutants of real manifests (the kubernetes/examples corpus beside the
 * repository, samples/ and the golden inputs) through the CLI's in-process path (parse, simulate, print).
 * It fails on any internal error (a crash the engine's fault barrier contained is still a bug), any run
 * over 2 s (or twice the time of a 10,000-replica Deployment on a slower machine, twice in a row), and
 * nondeterminism (the same input twice must print the same bytes).
 *
 * Fixed seed; `FUZZ_MUTANTS=50000 FUZZ_SEED=7 npx mocha test/unit/fuzz/fuzz.test.ts` runs a longer campaign
 * (any seed), `FUZZ_VERBOSE=1` prints every failure instead of the first ten.
 */
const ROOT = path.resolve(__dirname, '../../..');
const DIRS = [path.resolve(ROOT, '../shared/corpus/kubernetes-examples'), path.join(ROOT, 'samples'), path.join(ROOT, 'test/golden')];
const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 2500);
const SEED = Number(process.env.FUZZ_SEED ?? 20260101);
/** Each run's wall-clock budget (ms). */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 2000);
/** Every DETERMINISM_EVERY-th mutant runs twice. */
const DETERMINISM_EVERY = 5;

function run(m: Mutant, json: boolean): { code: number; out: string; err: string; ms: number } {
  let out = '';
  let err = '';
  const t0 = performance.now();
  const code = main(['simulate', ...(json ? ['--output', 'json'] : []), 'mutant.yaml'], {
    stdout: (t) => { out += t; }, stderr: (t) => { err += t; },
    readFile: (p) => {
      if (p !== 'mutant.yaml') throw new Error(`ENOENT: ${p}`);
      return m.text;
    },
  });
  return { code, out, err, ms: performance.now() - t0 };
}

describe('fuzz: mutants of real manifests through parse + simulate + print', () => {
  it(`${MUTANTS} mutants (seed ${SEED}): no internal error, none over ${BUDGET_MS} ms, deterministic`, function () {
    this.timeout(0);
    const seeds = loadSeeds(DIRS);
    assert.ok(seeds.length > 20, `expected seed documents, found ${seeds.length}`);
    // The heaviest legitimate input (one workload at the 10,000-replica cap) sets the floor of the budget,
    // so a shared, overloaded machine does not turn honest work into "hangs".
    const heavy: Mutant = { what: 'calibration', text: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: big}\nspec:\n  replicas: 10000\n  selector: {matchLabels: {app: big}}\n  template:\n    metadata: {labels: {app: big}}\n    spec: {containers: [{name: c, image: nginx}]}\n` };
    const budget = Math.max(BUDGET_MS, 2 * run(heavy, false).ms);
    const rng = new Rng(SEED);
    const failures: string[] = [];
    const count = { crashes: 0, exitCodes: 0, hangs: 0, nondeterministic: 0, twice: 0 };
    const fail = (what: keyof typeof count, message: string): void => {
      count[what]++;
      failures.push(message);
    };
    let slowest = 0;
    const t0 = performance.now();
    for (let i = 0; i < MUTANTS; i++) {
      const m = mutate(rng.pick(seeds), rng);
      const json = i % 2 === 1;
      const r = run(m, json);
      slowest = Math.max(slowest, r.ms);
      const tag = `#${i} ${m.what}`;
      if (/internal error/.test(r.err)) fail('crashes', `${tag}: ${r.err.split('\n').find((l) => l.includes('internal error'))}`);
      else if (r.code !== 0 && r.code !== 1) fail('exitCodes', `${tag}: exit code ${r.code}: ${r.err.slice(0, 200)}`);
      // Over budget: run it again, so a busy machine's hiccup is not taken for a hang.
      if (r.ms > budget && run(m, json).ms > budget) fail('hangs', `${tag}: took ${Math.round(r.ms)} ms (budget ${Math.round(budget)} ms)`);
      else if (process.env.FUZZ_VERBOSE && r.ms > budget / 4) console.log(`    slow (${Math.round(r.ms)} ms): ${tag}`);
      if (i % DETERMINISM_EVERY === 0) {
        const again = run(m, json);
        count.twice++;
        if (again.out !== r.out || again.err !== r.err) fail('nondeterministic', `${tag}: nondeterministic output`);
      }
    }
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`    fuzz: ${MUTANTS} mutants of ${seeds.length} seed documents in ${secs} s, slowest run ${Math.round(slowest)} ms (budget ${Math.round(budget)} ms): ` +
      `${count.crashes} crashes (internal error), ${count.exitCodes} other exit codes, ${count.hangs} hangs (over budget twice), ${count.nondeterministic} nondeterministic of ${count.twice} run twice`);
    const shown = process.env.FUZZ_VERBOSE ? failures : failures.slice(0, 10);
    assert.equal(failures.length, 0, shown.join('\n'));
  });
});
