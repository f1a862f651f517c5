/**
 * Backoff limit per index (https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index):
 * the Job controller's per-index retries, failed indexes and their conditions; kube-apiserver's defaults and
 * validation; and the Python the Job pages' examples decide their exit codes with (kubelet/python.ts).
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { pythonLifetime } from '../../../src/core/sim/kubelet/python';
import type { Json } from '../../../src/core/sim/types';

/** An Indexed Job whose pod of index i exits with `codes[i]` (0 when not listed), read from its Python. */
const job = (name: string, spec: Json, codes: Record<number, number>): KubeObject => {
  const script = ['import os, sys', 'index = int(os.environ.get("JOB_COMPLETION_INDEX"))',
    ...Object.entries(codes).map(([i, code], n) => `${n === 0 ? 'if' : 'elif'} index == ${i}:\n  sys.exit(${code})`)].join('\n');
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { completionMode: 'Indexed', ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'python:3', command: ['python3', '-c', script] }] } } } } as KubeObject;
};
const status = (sim: Simulation, name: string): Json => (sim.internals.store.get('Job', 'default', name)?.status ?? {}) as Json;
const failedCondition = (sim: Simulation, name: string): Json | undefined => ((status(sim, name).conditions ?? []) as Json[]).find((c) => c.type === 'Failed');

describe('Job backoff limit per index', () => {
  it('retries each index on its own and fails the Job with FailedIndexes once every index is done', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(job('per-index', { completions: 4, parallelism: 4, backoffLimitPerIndex: 2 }, { 1: 3 })).ok);
    sim.runUntilSettled();
    const s = status(sim, 'per-index');
    assert.deepEqual([s.completedIndexes, s.failedIndexes, s.succeeded, s.failed], ['0,2,3', '1', 3, 3], 'index 1 ran three times (two retries)');
    assert.deepEqual([failedCondition(sim, 'per-index')?.reason, failedCondition(sim, 'per-index')?.message], ['FailedIndexes', 'Job has failed indexes']);
    const counts = [...sim.internals.store.list('Pod')].filter((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === '1')
      .map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count']).sort();
    assert.deepEqual(counts, ['0', '1', '2'], 'each pod of the index carries how often it failed before');
    assert.equal((sim.internals.store.get('Job', 'default', 'per-index')?.spec as Json).backoffLimit, 2147483647, 'backoffLimit defaults to MaxInt32');
  });

  it('fails the Job at once with MaxFailedIndexesExceeded when more indexes fail than maxFailedIndexes, deleting its running pods', () => {
    const sim = Simulation.preset('multi-worker');
    const spec = { completions: 3, parallelism: 3, backoffLimitPerIndex: 0, maxFailedIndexes: 1 };
    const j = job('max', spec, { 0: 1, 1: 1 });
    // Index 2 runs for a long time: it is still running when the second index fails.
    (((j.spec as Json).template as Json).spec as Json).containers = [{ name: 'main', image: 'python:3', command: ['python3', '-c', 'import os, sys, time\nif int(os.environ["JOB_COMPLETION_INDEX"]) == 2:\n  time.sleep(600)\nelse:\n  sys.exit(1)'] }];
    assert.ok(sim.apply(j).ok);
    sim.runUntilSettled();
    assert.deepEqual([failedCondition(sim, 'max')?.reason, failedCondition(sim, 'max')?.message], ['MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes']);
    assert.equal(status(sim, 'max').failedIndexes, '0,1');
    assert.ok(sim.now() < 600, `the running index was stopped, not waited for (t=${sim.now()})`);
  });

  it('kube-apiserver refuses per-index fields on a NonIndexed Job, maxFailedIndexes alone or above completions, and keeps backoffLimitPerIndex immutable', () => {
    const sim = Simulation.preset('multi-worker');
    const error = (name: string, spec: Json): string | undefined => sim.apply(job(name, spec, {})).error;
    assert.equal(error('a', { completionMode: 'NonIndexed', backoffLimitPerIndex: 1, maxFailedIndexes: 1 }),
      'Job.batch "a" is invalid: [spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode, spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode]');
    assert.equal(error('b', { completions: 2, maxFailedIndexes: 3 }),
      'Job.batch "b" is invalid: [spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified, spec.maxFailedIndexes: Invalid value: 3: must be less than or equal to completions]');
    assert.equal(error('c', { parallelism: 2 }), 'Job.batch "c" is invalid: spec.completions: Required value: when completion mode is Indexed');
    assert.equal(error('d', { completions: 2, backoffLimitPerIndex: -1 }), 'Job.batch "d" is invalid: spec.backoffLimitPerIndex: Invalid value: -1: must be greater than or equal to 0');
    assert.ok(sim.apply(job('e', { completions: 2, backoffLimitPerIndex: 1 }, {})).ok);
    assert.equal(error('e', { completions: 2, backoffLimitPerIndex: 2 }), 'Job.batch "e" is invalid: spec.backoffLimitPerIndex: Invalid value: 2: field is immutable');
  });
});

describe('kubelet: the Python a Job page\'s container runs', () => {
  const env = (index: string) => (name: string): string | undefined => (name === 'JOB_COMPLETION_INDEX' ? index : undefined);
  const EXAMPLE = 'import os, sys\nprint("Hello world")\nif int(os.environ.get("JOB_COMPLETION_INDEX")) % 2 == 0:\n  sys.exit(1)\n';

  it('follows the example: even indexes exit 1, odd ones 0', () => {
    assert.deepEqual([0, 1, 2, 7].map((i) => pythonLifetime(EXAMPLE, env(String(i)))), [
      { seconds: 0, code: 1 }, { seconds: 0, code: 0 }, { seconds: 0, code: 1 }, { seconds: 0, code: 0 }]);
  });

  it('reads if/elif/else, assignments, sleeps, exit codes and comments', () => {
    const script = 'import os, sys, time  # setup\nindex = int(os.getenv("JOB_COMPLETION_INDEX", "0"))\ntime.sleep(3)\nif index == 0:\n    sys.exit(1)\nelif index >= 2:\n    time.sleep(2.5)\n    sys.exit("boom")\nelse:\n    pass\n';
    assert.deepEqual(['0', '1', '5'].map((i) => pythonLifetime(script, env(i))), [{ seconds: 3, code: 1 }, { seconds: 3, code: 0 }, { seconds: 6, code: 1 }]);
    assert.deepEqual(pythonLifetime(script, () => undefined), { seconds: 3, code: 1 }, 'getenv\'s default');
  });

  it('says unknown for what it does not follow, and never throws', () => {
    // A random exit, loops, functions, int(None) (it raises), broken syntax.
    for (const script of ['import random\nsys.exit(random.randint(0, 1))', 'while True:\n  pass', 'for i in range(3):\n  print(i)', 'x = int(os.environ.get("MISSING"))', 'def f():\n  return 1', 'if x ==:', 'exit(1 +)', 'else:\n  sys.exit(1)']) {
      assert.equal(pythonLifetime(script, env('0')), 'unknown', script);
    }
    assert.deepEqual(pythonLifetime('   ', env('0')), { seconds: 0, code: 0 });
  });
});
