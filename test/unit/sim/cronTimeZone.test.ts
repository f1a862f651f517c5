/** CronJob `timeZone` (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones). */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { nextRun, parseCron } from '../../../src/core/sim/controllers/cron';
import { SIM_EPOCH_MS } from '../../../src/core/sim/clock';

/** The simulated second of an ISO instant (the simulated clock starts at 2025-01-01T00:00:00Z). */
const at = (iso: string): number => (Date.parse(iso) - SIM_EPOCH_MS) / 1000;
const cronJob = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name },
  spec: { ...spec, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['date'] }] } } } } },
});

describe('CronJob time zones', () => {
  it('reads the schedule in the CronJob\'s time zone, UTC without one', () => {
    assert.equal(nextRun(parseCron('0 9 * * *')!, 0), at('2025-01-01T09:00:00Z'));
    assert.equal(nextRun(parseCron('0 9 * * *', 'Etc/UTC')!, 0), at('2025-01-01T09:00:00Z'));
    // 09:00 in New York (EST, UTC-5) and in Tokyo (UTC+9; already 09:00 on Jan 1 there at the start, so Jan 2).
    assert.equal(nextRun(parseCron('0 9 * * *', 'America/New_York')!, 0), at('2025-01-01T14:00:00Z'));
    assert.equal(nextRun(parseCron('0 9 * * *', 'Asia/Tokyo')!, 0), at('2025-01-02T00:00:00Z'));
    assert.equal(nextRun(parseCron('30 5 * * *', 'Asia/Kolkata')!, 0), at('2025-01-01T00:00:00Z') + 24 * 3600, 'UTC+5:30: 05:30 local is 00:00 UTC, and the start itself does not count');
  });

  it('across daylight saving time: a wall time the clocks skip runs after the gap, one they repeat runs once', () => {
    const spring = parseCron('30 2 * * *', 'America/New_York')!;
    // 2025-03-09: 02:00 EST jumps to 03:00 EDT; 02:30 never comes, and runs at 03:30 EDT (07:30Z), as Go's time.Date puts it.
    assert.equal(nextRun(spring, at('2025-03-09T00:00:00Z')), at('2025-03-09T07:30:00Z'));
    assert.equal(nextRun(spring, at('2025-03-09T07:30:00Z')), at('2025-03-10T06:30:00Z'), 'then 02:30 EDT');
    const fall = parseCron('30 1 * * *', 'America/New_York')!;
    // 2025-11-02: 01:30 comes twice (EDT at 05:30Z, EST at 06:30Z): one run, at the first.
    assert.equal(nextRun(fall, at('2025-11-02T00:00:00Z')), at('2025-11-02T05:30:00Z'));
    assert.equal(nextRun(fall, at('2025-11-02T05:30:00Z')), at('2025-11-03T06:30:00Z'));
  });

  it('the controller creates the Job at the zone\'s time; kube-apiserver refuses unknown zones and TZ= in the schedule', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(cronJob('morning', { schedule: '0 9 * * *', timeZone: 'America/New_York' })).ok);
    sim.advance(at('2025-01-01T13:59:00Z'));
    assert.equal([...sim.internals.store.list('Job')].length, 0);
    sim.advance(120);
    assert.deepEqual([...sim.internals.store.list('Job')].map((j) => j.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']), ['2025-01-01T09:00:00-05:00'], 'in the zone, as the controller formats it');
    assert.equal(sim.apply(cronJob('a', { schedule: '0 9 * * *', timeZone: 'Mars/Olympus' })).error, 'CronJob.batch "a" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus');
    assert.equal(sim.apply(cronJob('b', { schedule: '0 9 * * *', timeZone: 'Local' })).error, 'CronJob.batch "b" is invalid: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
    assert.equal(sim.apply(cronJob('c', { schedule: 'CRON_TZ=UTC 0 9 * * *' })).error, 'CronJob.batch "c" is invalid: spec.schedule: Invalid value: "CRON_TZ=UTC 0 9 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  });
});
