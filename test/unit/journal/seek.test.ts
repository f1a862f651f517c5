/**
 * Seek is exact: the cluster rebuilt from the journal at any past second equals the cluster of a
 * fresh run of the same operations stopped at that second (fast-check fc.commands over random
 * sequences of apply, delete, fail, heal and time steps), also after the journal was compacted.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { EXTRA_NODE } from '../sim/propertyWorkloads';

type Op = { readonly label: string; run(sim: Simulation): void };
interface Real { sim: Simulation; ops: { op: Op; start: number; end: number }[] }
type Model = Record<string, never>;

const TARGETS = ['worker-1', 'worker-2', 'worker-1/kubelet', 'worker-2/containerd', 'control-plane-1/kube-scheduler', 'control-plane-1/kube-controller-manager', 'control-plane-2', 'control-plane-1/etcd'];

function deployment(name: string, replicas: number, cpu: string): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu } } }] } } } };
}

const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }] } };

class Step implements fc.Command<Model, Real> {
  constructor(readonly op: Op) {}
  check = (): boolean => true;
  run(_m: Model, r: Real): void {
    const start = r.sim.now();
    this.op.run(r.sim);
    r.ops.push({ op: this.op, start, end: r.sim.now() });
  }
  toString = (): string => this.op.label;
}

const op = (label: string, run: (sim: Simulation) => void): Op => ({ label, run });

const commands = [
  fc.tuple(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 4 }), fc.constantFrom('100m', '1500m')).map(([n, r, c]) => new Step(op(`apply ${n} x${r} ${c}`, (s) => s.apply(deployment(n, r, c))))),
  fc.constant(new Step(op('apply service a', (s) => s.apply(service)))),
  fc.constantFrom('a', 'b').map((n) => new Step(op(`delete ${n}`, (s) => s.delete('Deployment', 'default', n)))),
  fc.constantFrom(...TARGETS).map((t) => new Step(op(`fail ${t}`, (s) => s.fail(t)))),
  fc.constantFrom(...TARGETS).map((t) => new Step(op(`heal ${t}`, (s) => s.heal(t)))),
  fc.integer({ min: 0, max: 400 }).map((n) => new Step(op(`advance ${n}`, (s) => s.advance(n)))),
  fc.constant(new Step(op('settle', (s) => s.runUntilSettled(900)))),
  fc.constant(new Step(op('add node worker-3', (s) => s.apply(EXTRA_NODE)))),
  fc.constant(new Step(op('delete node worker-3', (s) => s.delete('Node', undefined, 'worker-3')))),
];

/**
 * A fresh run of the same operations, stopped at `t`: the operations that had ended by `t`, then the
 * clock run to `t` (which also runs what was due at `t`; an operation still running at `t` is cut short there).
 */
function freshAt(ops: Real['ops'], t: number, journal?: { maxRecords: number }): Simulation {
  const sim = new Simulation({ topology: Simulation.preset('ha').topology, journal });
  for (const { op: o, end } of ops) {
    if (end > t) break;
    o.run(sim);
  }
  sim.advance(t - sim.now());
  return sim;
}

function moments(r: Real, fractions: number[]): number[] {
  const end = r.sim.now();
  const edges = r.ops.flatMap((o) => [o.start, o.end]);
  return [...new Set([...fractions.map((f) => Math.floor(f * end)), ...edges.filter((_, i) => fractions[i % fractions.length] < 0.3)])].filter((t) => t >= r.sim.journal.oldestTime && t < end);
}

describe('journal: seek', () => {
  it('the state at any past second equals a fresh run stopped there (random operation sequences)', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 14 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }), (cmds, fractions) => {
        const real: Real = { sim: Simulation.preset('ha'), ops: [] };
        fc.modelRun(() => ({ model: {}, real }), cmds);
        for (const t of moments(real, fractions)) {
          assert.deepEqual(real.sim.snapshotAt(t), freshAt(real.ops, t).snapshot(), `at t=${t} after ${real.ops.map((o) => o.op.label).join('; ')}`);
        }
      }),
      { numRuns: 30, seed: 6 },
    );
  });

  it('stays exact after compaction, refuses moments older than the horizon, and keeps at most 1.25 x maxRecords', () => {
    const journal = { maxRecords: 60 };
    const real: Real = { sim: new Simulation({ topology: Simulation.preset('ha').topology, journal }), ops: [] };
    const steps = [
      new Step(op('apply a x4', (s) => s.apply(deployment('a', 4, '100m')))), new Step(op('settle', (s) => s.runUntilSettled())),
      new Step(op('fail worker-1', (s) => s.fail('worker-1'))), new Step(op('advance 400', (s) => s.advance(400))),
      new Step(op('apply b x3', (s) => s.apply(deployment('b', 3, '100m')))), new Step(op('heal worker-1', (s) => s.heal('worker-1'))),
      new Step(op('settle', (s) => s.runUntilSettled())), new Step(op('delete a', (s) => s.delete('Deployment', 'default', 'a'))), new Step(op('settle', (s) => s.runUntilSettled())),
    ];
    for (const s of steps) s.run({}, real);
    const j = real.sim.journal;
    assert.ok(j.compacted > 0, 'nothing was compacted');
    assert.ok(j.head - j.compacted <= 75, `${j.head - j.compacted} records kept`);
    assert.ok(j.oldestTime > 0);
    for (const t of [j.oldestTime, j.oldestTime + 1, Math.floor((j.oldestTime + real.sim.now()) / 2), real.sim.now() - 1]) {
      assert.deepEqual(real.sim.snapshotAt(t), freshAt(real.ops, t, journal).snapshot(), `at t=${t}`);
    }
    assert.throws(() => real.sim.snapshotAt(j.oldestTime - 1), /is not in the journal/);
  });

  it('with the journal off, only the present can be read', () => {
    const sim = new Simulation({ topology: Simulation.preset('single-node').topology, journal: { detail: 'off' } });
    sim.apply(deployment('a', 1, '100m'));
    sim.runUntilSettled();
    assert.equal(sim.journal.head, 0);
    assert.deepEqual(sim.snapshotAt(sim.now()), sim.snapshot());
    assert.throws(() => sim.snapshotAt(0), /journal is off/);
  });
});
