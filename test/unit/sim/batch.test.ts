import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { backoffSeconds } from '../../../src/core/sim/controllers/job';
import { completedIndexes } from '../../../src/core/sim/controllers/indexedJob';
import { jobName } from '../../../src/core/sim/controllers/cronjob';
import type { Json } from '../../../src/core/sim/types';

const EXIT_1 = { 'sim.kube-anatomy.dev/exit-code': '1' };

function jobSpec(spec: Json = {}, annotations?: Record<string, string>): Json {
  return { ...spec, template: { ...(annotations ? { metadata: { annotations } } : {}), spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } } };
}
const job = (name: string, spec: Json = {}, annotations?: Record<string, string>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: jobSpec(spec, annotations) });
const cronJob = (name: string, spec: Json, annotations?: Record<string, string>, jobFields: Json = {}): KubeObject =>
  ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name }, spec: { schedule: '* * * * *', ...spec, jobTemplate: { spec: jobSpec(jobFields, annotations) } } });
const finished = (sim: Simulation, type: string): string[] => [...sim.internals.store.list('Job')]
  .filter((j) => ((j.status as Json | undefined)?.conditions as Json[] | undefined)?.some((c) => c.type === type)).map((j) => j.metadata.name ?? '');
const status = (sim: Simulation, kind: string, name: string): Json => (sim.internals.store.get(kind, 'default', name)?.status ?? {}) as Json;
const reasons = (sim: Simulation, name: string): string[] => sim.snapshot().events.filter((e) => e.object?.name === name).map((e) => e.reason);

describe('Job controller', () => {
  it('a pod\'s startTime survives its kubelet starting it again (its node back up), and its deadline counts from it', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { activeDeadlineSeconds: 60, nodeName: 'worker-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '600'] }] } } as KubeObject);
    sim.advance(20);
    sim.fail('worker-1');
    sim.advance(10);
    sim.heal('worker-1');
    sim.advance(40);
    const pod = sim.internals.store.get('Pod', 'default', 'p') as KubeObject;
    assert.equal((pod.status as Json).startTime, '2025-01-01T00:00:00Z');
    assert.deepEqual(sim.snapshot().events.filter((e) => e.reason === 'DeadlineExceeded').map((e) => e.time), [60]);
  });

  it('a pod past its own activeDeadlineSeconds fails (DeadlineExceeded) and counts against backoffLimit', () => {
    const sim = Simulation.preset('multi-worker');
    const spec = jobSpec({ backoffLimit: 0 });
    const template = spec.template as Json;
    sim.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'slow' }, spec: { ...spec, template: { ...template, spec: { ...(template.spec as Json), activeDeadlineSeconds: 20, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '600'] }] } } } });
    sim.runUntilSettled();
    const pods = sim.snapshot().pods;
    // status.reason is DeadlineExceeded; kubectl's STATUS shows the killed container's terminated reason (printPod).
    assert.deepEqual(pods.map((p) => [p.phase, p.reason, p.message]), [['Failed', 'Error', 'Pod was active on the node longer than the specified deadline']]);
    assert.equal(([...sim.internals.store.list('Pod')][0].status as Json).reason, 'DeadlineExceeded');
    assert.deepEqual(finished(sim, 'Failed'), ['slow']);
    assert.equal(((status(sim, 'Job', 'slow').conditions as Json[]).find((c) => c.type === 'Failed') as Json).reason, 'BackoffLimitExceeded');
    const pod = [...sim.internals.store.list('Pod')][0] as KubeObject;
    const c = ((pod.status as Json).containerStatuses as Json[])[0] as Json;
    assert.deepEqual((c.state as Json).terminated, { exitCode: 137, reason: 'Error', finishedAt: '2025-01-01T00:00:20Z' }, 'killed: SIGKILL, at the deadline');
    assert.equal((pod.status as Json).startTime, '2025-01-01T00:00:00Z');
  });

  it('backoffLimit defaults to 6: the Job fails on the 7th failed pod, with the Failed condition', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(job('flaky', {}, EXIT_1));
    sim.runUntilSettled(36_000);
    const s = status(sim, 'Job', 'flaky');
    assert.equal(s.failed, 7);
    assert.deepEqual((s.conditions as Json[]).map((c) => [c.type, c.reason]), [['FailureTarget', 'BackoffLimitExceeded'], ['Failed', 'BackoffLimitExceeded']]);
    assert.deepEqual([1, 2, 3, 6, 7, 10].map(backoffSeconds), [10, 20, 40, 320, 360, 360], 'capped at six minutes');
  });

  it('a work-queue Job (no completions) completes once a pod succeeded and none runs', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(job('queue', { parallelism: 3 }));
    sim.runUntilSettled();
    const s = status(sim, 'Job', 'queue');
    assert.deepEqual([s.succeeded, s.active, reasons(sim, 'queue').filter((r) => r === 'SuccessfulCreate').length], [3, 0, 3]);
    assert.deepEqual((s.conditions as Json[]).map((c) => c.type), ['SuccessCriteriaMet', 'Complete']);
    assert.equal(typeof s.completionTime, 'string');
  });

  it('a suspended Job creates no pods; resuming starts them', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(job('later', { suspend: true, completions: 2, parallelism: 2 }));
    sim.runUntilSettled();
    assert.equal(sim.snapshot().pods.length, 0);
    assert.deepEqual((status(sim, 'Job', 'later').conditions as Json[]).map((c) => [c.type, c.status, c.reason, c.message]), [['Suspended', 'True', 'JobSuspended', 'Job suspended']]);
    assert.equal(status(sim, 'Job', 'later').startTime, undefined, 'a Job created suspended has not started');
    sim.apply(job('later', { suspend: false, completions: 2, parallelism: 2 }));
    sim.runUntilSettled();
    assert.equal(status(sim, 'Job', 'later').succeeded, 2);
    assert.deepEqual(reasons(sim, 'later').filter((r) => r === 'Suspended' || r === 'Resumed'), ['Suspended', 'Resumed']);
  });

  it('suspending a running Job deletes its pods; resuming restarts the clock of activeDeadlineSeconds', () => {
    const sim = Simulation.preset('multi-worker');
    const spec = { activeDeadlineSeconds: 30, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '25'] }] } } };
    sim.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pausable' }, spec } as KubeObject);
    sim.runUntilSettled(10);
    assert.equal(sim.snapshot().pods.filter((p) => p.phase === 'Running').length, 1);
    sim.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pausable' }, spec: { ...spec, suspend: true } } as KubeObject);
    sim.advance(60);
    assert.equal(sim.snapshot().pods.filter((p) => p.phase === 'Running').length, 0, 'suspended: no running pod');
    assert.equal(finished(sim, 'Failed').length, 0, 'the deadline does not run while suspended');
    sim.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pausable' }, spec: { ...spec, suspend: false } } as KubeObject);
    sim.runUntilSettled();
    assert.deepEqual([finished(sim, 'Complete'), finished(sim, 'Failed')], [['pausable'], []], 'resumed at 70 s with a fresh 30 s deadline, the 25 s pod completes');
  });
});

describe('CronJob controller', () => {
  it('names Jobs after the scheduled minute since the epoch', () => {
    assert.equal(jobName({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello' } }, 60), 'hello-28928161');
  });

  it('a resumed CronJob runs its most recent missed schedule at once', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(cronJob('nightly', { suspend: true }));
    sim.advance(150);
    assert.equal(sim.internals.store.count('Job'), 0);
    sim.apply(cronJob('nightly', { suspend: false }));
    sim.advance(0);
    assert.deepEqual([...sim.internals.store.list('Job')].map((j) => j.metadata.name), [jobName(cronJob('nightly', {}), 120)]);
  });

  it('keeps one failed Job by default, and skips runs past startingDeadlineSeconds', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(cronJob('broken', {}, EXIT_1, { backoffLimit: 0 }));
    sim.advance(300);
    assert.deepEqual(finished(sim, 'Failed'), [jobName(cronJob('broken', {}), 240)], 'failedJobsHistoryLimit 1: only the latest failed Job is kept (the 300 s one still runs)');
    assert.equal(reasons(sim, 'broken').filter((r) => r === 'SuccessfulDelete').length, 3, 'the failed Jobs of 60, 120 and 180 s were deleted');
    const late = Simulation.preset('multi-worker');
    late.apply(cronJob('late', { suspend: true, startingDeadlineSeconds: 10 }));
    late.advance(90);
    late.apply(cronJob('late', { suspend: false, startingDeadlineSeconds: 10 }));
    late.advance(0);
    assert.equal(late.internals.store.count('Job'), 0, 'the 60 s run is 30 s late: missed');
    assert.ok(reasons(late, 'late').includes('MissSchedule'));
  });
});

describe('Indexed Jobs', () => {
  it('gives each pod its completion index and completes when every index succeeded (the Indexed Job tutorial)', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(job('indexed-job', { completions: 5, parallelism: 3, completionMode: 'Indexed' }));
    sim.runUntilSettled();
    const pods = [...sim.internals.store.list('Pod')];
    assert.deepEqual(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort(), ['0', '1', '2', '3', '4']);
    for (const p of pods) {
      const i = p.metadata.labels?.['batch.kubernetes.io/job-completion-index'];
      assert.match(p.metadata.name ?? '', new RegExp(`^indexed-job-${i}-[a-z0-9]{5}$`));
      assert.equal((p.spec as Json).hostname, `indexed-job-${i}`);
      assert.deepEqual(((p.spec as { containers: Json[] }).containers[0].env as Json[]).map((e) => e.name), ['JOB_COMPLETION_INDEX']);
    }
    const s = status(sim, 'Job', 'indexed-job');
    assert.deepEqual([s.succeeded, s.completedIndexes, (s.conditions as Json[]).map((c) => c.type)], [5, '0-4', ['SuccessCriteriaMet', 'Complete']]);
    assert.equal(reasons(sim, 'indexed-job').filter((r) => r === 'SuccessfulCreate').length, 5, 'one pod per index, at most 3 at a time');
  });

  it('a failed index gets a new pod for the same index; completedIndexes lists ranges', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(job('flaky', { completions: 2, parallelism: 2, completionMode: 'Indexed', backoffLimit: 3 }, EXIT_1));
    sim.runUntilSettled(36_000);
    const indexes = [...sim.internals.store.list('Pod')].map((p) => p.metadata.labels?.['batch.kubernetes.io/job-completion-index']).sort();
    assert.deepEqual(indexes, ['0', '0', '1', '1'], 'each failed index came back once before the 4th failure passed backoffLimit 3');
    assert.deepEqual(finished(sim, 'Failed'), ['flaky']);
    assert.equal(completedIndexes(new Set([7, 0, 1, 2, 4, 6, 9, 10, 11])), '0-2,4,6,7,9-11'); // two in a row as `6,7`, as orderedIntervals.String writes them
  });
});
