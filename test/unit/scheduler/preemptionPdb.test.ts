import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Scheduler } from '../../../src/core/sim/scheduler';
import type { SchedNode, SchedPod } from '../../../src/core/sim/scheduler';
import type { PdbBudget } from '../../../src/core/sim/scheduler/types';
import { numCandidates } from '../../../src/core/sim/scheduler/preemption';

function node(name: string, cpu: number): SchedNode {
  return { metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { allocatable: { cpu: String(cpu), memory: '8Gi', pods: '110' } } };
}

function pod(name: string, cpuM: number, priority: number, app = name, nodeName?: string): SchedPod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app } },
    spec: { nodeName, priority, containers: [{ name: 'c', resources: { requests: { cpu: `${cpuM}m` } } }] },
  };
}

function budget(app: string, allowed: number, disrupted: string[] = []): PdbBudget {
  return { namespace: 'default', matches: (l) => l.app === app, disruptionsAllowed: allowed, disruptedPods: new Set(disrupted) };
}

/** Two 4-CPU nodes, each holding one 3-CPU pod of priority 0: `guarded` on node-a, `batch` on node-b. */
function fullCluster(): Scheduler {
  const s = new Scheduler();
  s.upsertNode(node('node-a', 4));
  s.upsertNode(node('node-b', 4));
  s.addPod(pod('guarded', 3000, 0, 'guarded', 'node-a'));
  s.addPod(pod('batch', 3000, 0, 'batch', 'node-b'));
  return s;
}

describe('DefaultPreemption with PodDisruptionBudgets and nominated pods', () => {
  const critical = pod('critical', 3000, 1000);

  it('takes the first node when no PDB is involved (the baseline the next tests change)', () => {
    const r = fullCluster().preempt(critical, []);
    assert.equal(r.nodeName, 'node-a');
  });

  it('prefers a node whose victims violate no PDB (pickOneNodeForPreemption: fewest PDB violations first)', () => {
    const r = fullCluster().preempt(critical, [budget('guarded', 0)]);
    assert.ok(r.nodeName !== null);
    assert.deepEqual([r.nodeName, r.victims.map((v) => v.name), r.pdbViolations], ['node-b', ['batch'], 0]);
  });

  it('still preempts when every choice violates a PDB (best effort), and counts the violation', () => {
    const r = fullCluster().preempt(critical, [budget('guarded', 0), budget('batch', 0)]);
    assert.ok(r.nodeName !== null);
    assert.deepEqual([r.nodeName, r.pdbViolations], ['node-a', 1]);
  });

  it('a PDB that still allows a disruption is no violation; pods in disruptedPods are not counted again', () => {
    assert.equal(fullCluster().preempt(critical, [budget('guarded', 1), budget('batch', 0)]).nodeName, 'node-a');
    const r = fullCluster().preempt(critical, [budget('guarded', 0, ['guarded']), budget('batch', 0)]);
    assert.ok(r.nodeName !== null);
    assert.deepEqual([r.nodeName, r.pdbViolations], ['node-a', 0]);
  });

  it('reprieves PDB-protected pods first: of two pods where either victim frees the node, the unprotected one goes', () => {
    const s = new Scheduler();
    s.upsertNode(node('node-a', 4));
    s.addPod(pod('keep', 2000, 5, 'keep', 'node-a'));
    s.addPod(pod('spare', 2000, 5, 'spare', 'node-a'));
    const r = s.preempt(pod('big', 2000, 100), [budget('keep', 0)]);
    assert.ok(r.nodeName !== null);
    assert.deepEqual([r.victims.map((v) => v.name), r.pdbViolations], [['spare'], 0]);
  });

  it('names the real reason when removing lower-priority pods does not help (SelectVictimsOnNode status)', () => {
    const s = fullCluster();
    const r = s.preempt(pod('huge', 6000, 1000), []);
    assert.deepEqual(r, { nodeName: null, message: 'preemption: 0/2 nodes are available: 2 Insufficient cpu.' });
    const empty = new Scheduler();
    empty.upsertNode(node('node-a', 1));
    assert.deepEqual(empty.preempt(pod('x', 2000, 10), []), { nodeName: null, message: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.' });
  });

  it('a nominated pod occupies its node for pods of lower or equal priority, not for higher ones', () => {
    const s = new Scheduler();
    s.upsertNode(node('node-a', 4));
    s.nominate(pod('waiting', 3000, 100), 'node-a');
    assert.equal(s.schedule(pod('low', 2000, 0)).nodeName, null, 'lower priority: the nominated pod counts');
    assert.equal(s.schedule(pod('peer', 2000, 100)).nodeName, null, 'equal priority: it counts too');
    assert.equal(s.schedule(pod('high', 2000, 1000)).nodeName, 'node-a', 'higher priority: it does not');
    assert.equal(s.schedule(pod('waiting', 3000, 100)).nodeName, 'node-a', 'the nominated pod itself is not in its own way');
    s.unnominate(pod('waiting', 3000, 100));
    assert.equal(s.schedule(pod('low', 2000, 0)).nodeName, 'node-a', 'gone once unnominated');
  });

  it('a second preemptor of equal priority does not pick the node already nominated to the first', () => {
    const s = fullCluster();
    const first = s.preempt(pod('first', 3000, 1000), []);
    assert.equal(first.nodeName, 'node-a');
    s.nominate(pod('first', 3000, 1000), 'node-a');
    const second = s.preempt(pod('second', 3000, 1000), []);
    assert.ok(second.nodeName !== null);
    assert.deepEqual([second.nodeName, second.victims.map((v) => v.name)], ['node-b', ['batch']]);
  });

  it('hands back the lower-priority pods nominated to the chosen node (they lose their nomination)', () => {
    const s = new Scheduler();
    s.upsertNode(node('node-a', 4));
    s.addPod(pod('low', 3000, 0, 'low', 'node-a'));
    s.nominate(pod('mid', 1000, 10), 'node-a');
    const r = s.preempt(pod('top', 3000, 1000), []);
    assert.ok(r.nodeName !== null);
    assert.deepEqual(r.lowerNominated, [{ namespace: 'default', name: 'mid' }]);
  });

  it('numCandidates: 10% of the nodes, at least 100, at most all (calculateNumCandidates)', () => {
    assert.deepEqual([numCandidates(3), numCandidates(500), numCandidates(5000)], [3, 100, 500]);
  });

  it('property: no PDB is broken by preemption when a node could be freed without breaking one', () => {
    const arb = fc.record({
      nodes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }),
      pods: fc.array(fc.record({ cpu: fc.constantFrom(500, 1000, 2000), priority: fc.constantFrom(0, 5, 10), app: fc.constantFrom('a', 'b', 'c') }), { maxLength: 30 }),
      budgets: fc.array(fc.record({ app: fc.constantFrom('a', 'b', 'c'), allowed: fc.integer({ min: 0, max: 2 }) }), { maxLength: 3 }),
      want: fc.constantFrom(1000, 2000, 3000),
    });
    fc.assert(fc.property(arb, ({ nodes, pods, budgets, want }) => {
      const s = new Scheduler();
      nodes.forEach((cpu, i) => s.upsertNode(node(`n${i}`, cpu)));
      const bound: { name: string; node: number; cpu: number; priority: number; app: string }[] = [];
      pods.forEach((p, i) => {
        const sp = pod(`p${i}`, p.cpu, p.priority, p.app);
        const r = s.schedule(sp);
        if (r.nodeName === null) return;
        s.addPod({ ...sp, spec: { ...sp.spec, nodeName: r.nodeName } });
        bound.push({ name: `p${i}`, node: Number(r.nodeName.slice(1)), cpu: p.cpu, priority: p.priority, app: p.app });
      });
      const preemptor = pod('pre', want, 100);
      if (s.schedule(preemptor).nodeName !== null) return;
      const pdbs = budgets.map((b) => budget(b.app, b.allowed));
      const r = s.preempt(preemptor, pdbs);
      const covered = (app: string): boolean => budgets.some((b) => b.app === app);
      const used = (ni: number, keep: (b: (typeof bound)[number]) => boolean): number => bound.filter((b) => b.node === ni && keep(b)).reduce((t, b) => t + b.cpu, 0);
      // A node freed by evicting only pods no PDB covers: a choice that breaks no budget.
      const clean = nodes.some((cpu, ni) => used(ni, (b) => covered(b.app)) + want <= cpu * 1000);
      if (clean) assert.ok(r.nodeName !== null && r.pdbViolations === 0, `a clean choice existed: ${JSON.stringify(r)}`);
      if (r.nodeName === null) return;
      const ni = Number(r.nodeName.slice(1));
      const victims = new Set(r.victims.map((v) => v.name));
      for (const v of victims) assert.ok(bound.find((b) => b.name === v && b.node === ni && b.priority < 100), 'victims are lower-priority pods of the node');
      assert.ok(used(ni, (b) => !victims.has(b.name)) + want <= nodes[ni] * 1000, 'the pod fits once the victims are gone');
    }), { numRuns: 300 });
  });
});
