import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { journalSince } from '../../../src/core/sim/journal';
import { TimerQueue } from '../../../src/core/sim/clock';
import { EventLog } from '../../../src/core/sim/eventLog';
import { parseCron, nextRun } from '../../../src/core/sim/controllers/cron';

function deployment(name: string, replicas: number, image = 'nginx:1.27', extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: {
      replicas, selector: { matchLabels: { app: name } }, ...extra,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image, resources: { requests: { cpu: '100m' } } }] } },
    },
  };
}

describe('engine basics', () => {
  it('timer queue pops by (time, seq) and skips cancelled timers', () => {
    const q = new TimerQueue();
    const seen: string[] = [];
    q.at(5, () => seen.push('b'));
    q.at(1, () => seen.push('a'));
    const c = q.at(3, () => seen.push('cancelled'));
    q.at(5, () => seen.push('c'));
    q.cancel(c);
    for (let t = q.next(); t; t = q.next()) t.run();
    assert.deepEqual(seen, ['a', 'b', 'c']);
    assert.equal(q.pendingWork(), 0);
  });

  it('event log keeps only the most recent events but counts them all', () => {
    const log = new EventLog(3);
    for (let i = 0; i < 5; i++) log.record({ time: i, component: 'x', reason: i % 2 ? 'Odd' : 'Even', object: null, message: String(i), path: [], type: 'Normal' });
    assert.deepEqual(log.since(0).map((e) => e.seq), [2, 3, 4]);
    assert.deepEqual(log.since(4).map((e) => e.message), ['4']);
    assert.equal(log.reasonCounts().get('Even'), 3);
  });

  it('maps the events still in the ring as since(0) would, mapping only the new ones on each call', () => {
    const log = new EventLog(4);
    let mapped = 0;
    const row = (e: { seq: number; message: string }): string => { mapped++; return `${e.seq}:${e.message}`; };
    const add = (n: number): void => { for (let i = 0; i < n; i++) log.record({ time: 0, component: 'x', reason: 'R', object: null, message: `m${log.total()}`, path: [], type: 'Normal' }); };
    for (const [added, expectMapped] of [[2, 2], [0, 0], [1, 1], [3, 3], [9, 9], [1, 1]] as const) {
      add(added);
      mapped = 0;
      const rows = log.rows(row);
      assert.deepEqual(rows, log.since(0).map((e) => `${e.seq}:${e.message}`), `after ${log.total()} events`);
      assert.equal(mapped, Math.min(expectMapped, 4), 'only the new events were mapped');
      rows.pop(); // a caller's array is its own
    }
  });

  it('parses cron schedules and finds the next run on the simulated clock', () => {
    const every5 = parseCron('*/5 * * * *');
    assert.ok(every5);
    assert.equal(nextRun(every5, 0), 300);
    assert.equal(nextRun(every5, 300), 600);
    assert.equal(parseCron('61 * * * *'), null);
    assert.equal(nextRun(parseCron('@hourly') ?? every5, 10), 3600);
  });

  it('rejects invalid objects with the API server message and never throws on garbage', () => {
    const sim = Simulation.preset('multi-worker');
    const bad = sim.apply(deployment('web', -1));
    assert.equal(bad.error, 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    for (const junk of [null, 42, 'x', [], { kind: 5 }, { apiVersion: 'v1', kind: 'Pod', metadata: 'no' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: 'nope' } }]) {
      const r = sim.apply(junk as unknown as KubeObject);
      assert.equal(r.ok, false);
    }
    assert.equal(sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'nope' }, spec: { containers: [{ name: 'c', image: 'x' }] } }).error, 'namespaces "nope" not found');
  });

  it('writes fail without etcd quorum and succeed again once it returns', () => {
    const sim = Simulation.preset('ha');
    sim.fail('control-plane-1/etcd');
    assert.equal(sim.apply(deployment('a', 1)).ok, true, '2/3 members is a quorum');
    sim.fail('control-plane-2/etcd');
    assert.equal(sim.apply(deployment('b', 1)).error, 'etcdserver: request timed out');
    sim.heal('control-plane-2/etcd');
    assert.equal(sim.apply(deployment('b', 1)).ok, true);
  });

  it('a rolling update never exceeds replicas + maxSurge pods nor drops below replicas - maxUnavailable ready', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(deployment('web', 4));
    sim.runUntilSettled();
    sim.apply(deployment('web', 4, 'nginx:1.28'));
    let maxPods = 0;
    let minReady = 4;
    for (let t = 0; t < 120; t++) {
      sim.advance(1);
      const s = sim.snapshot();
      const pods = s.pods.filter((p) => p.reason !== 'Terminating');
      maxPods = Math.max(maxPods, pods.length);
      minReady = Math.min(minReady, pods.filter((p) => p.ready).length);
    }
    const s = sim.snapshot();
    assert.equal(maxPods, 5, '25% of 4 rounds up to 1 surge pod');
    assert.equal(minReady, 3, '25% of 4 rounds down to 1 unavailable');
    assert.equal(s.pods.length, 4);
    assert.equal(new Set(s.pods.map((p) => p.owner?.name)).size, 1, 'all pods from the new ReplicaSet');
    assert.ok(s.events.some((e) => e.reason === 'ScalingReplicaSet' && /Scaled down replica set web-\w+ from 4 to 3/.test(e.message)));
  });

  it('deleting a Deployment garbage-collects its ReplicaSet and pods', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(deployment('web', 3));
    sim.runUntilSettled();
    assert.equal(sim.delete('Deployment', 'default', 'web').ok, true);
    sim.runUntilSettled();
    assert.equal(sim.snapshot().pods.length, 0);
    assert.equal(sim.internals.store.count('ReplicaSet'), 0);
  });

  it('a healed worker comes back Ready and untainted, and its evicted pods are finally removed', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(deployment('web', 4));
    sim.runUntilSettled();
    sim.fail('worker-1');
    sim.runUntilSettled();
    sim.heal('worker-1');
    sim.runUntilSettled();
    const s = sim.snapshot();
    const w1 = s.cluster.nodes.find((n) => n.name === 'worker-1');
    assert.equal(w1?.ready, true);
    assert.deepEqual(w1?.taints, []);
    assert.equal(s.pods.length, 4);
    assert.ok(s.pods.every((p) => p.reason === 'Running'));
  });

  it('a run interrupted at every chance records the same journal as an uninterrupted one (the worker\'s slices change nothing)', () => {
    // `budget` checks per slice, as the worker's deadline: at least one unit of work, then it stops at every chance.
    const history = (budget: number): { entries: string; yields: number } => {
      const sim = Simulation.preset('multi-worker');
      // 300 pods in one scheduling batch: the scheduler stops every 256; a Service and a Job keep several controllers busy.
      sim.apply(deployment('web', 300));
      sim.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
      sim.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '5'] }] } } } });
      let yields = 0;
      let checks = 0;
      const run = sim.run(3600, true);
      for (;;) {
        checks = 0;
        if (run.resume(() => ++checks > budget)) break;
        yields++;
      }
      const entries: unknown[] = [];
      for (let page = journalSince(sim.journal, 0); ; page = journalSince(sim.journal, page.next)) {
        for (const e of page.entries) entries.push(e);
        if (!page.more) break;
      }
      return { entries: JSON.stringify(entries), yields };
    };
    const whole = history(Infinity);
    const sliced = history(1);
    assert.ok(sliced.yields > 10, `it was interrupted (${sliced.yields} times)`);
    assert.ok(whole.entries.length > 100_000, 'the whole history is compared');
    assert.equal(sliced.entries, whole.entries);
  });

  it('is deterministic: the same inputs give byte-identical snapshots', () => {
    const run = (): string => {
      const sim = Simulation.preset('ha');
      sim.apply(deployment('web', 5));
      sim.runUntilSettled();
      sim.fail('worker-2');
      sim.runUntilSettled();
      return JSON.stringify(sim.snapshot());
    };
    assert.equal(run(), run());
  });
});
