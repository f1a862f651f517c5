import { strict as assert } from 'node:assert';
import { numFeasibleNodesToFind, Scheduler } from '../../../src/core/sim/scheduler';
import { node, pod } from './helpers';

describe('percentageOfNodesToScore (schedule_one.go numFeasibleNodesToFind)', () => {
  it('searches all nodes below 100, then the adaptive percentage with floors', () => {
    const cases: [number, number][] = [[1, 1], [99, 99], [100, 100], [150, 100], [500, 230], [1000, 420], [3000, 780], [5000, 500], [10000, 500]];
    for (const [nodes, expected] of cases) assert.equal(numFeasibleNodesToFind(0, nodes), expected, `${nodes} nodes`);
  });

  it('honours a configured percentage, never below 100 nodes', () => {
    assert.equal(numFeasibleNodesToFind(50, 1000), 500);
    assert.equal(numFeasibleNodesToFind(1, 1000), 100);
    assert.equal(numFeasibleNodesToFind(100, 1000), 1000);
  });

  it('stops after enough feasible nodes, says so, and continues from the next index', () => {
    const s = new Scheduler();
    for (let i = 0; i < 500; i++) s.upsertNode(node(`n-${String(i).padStart(3, '0')}`));
    const first = s.schedule(pod('a'));
    assert.equal(first.feasibleNodes, 230);
    assert.equal(first.evaluatedNodes, 230);
    assert.equal(first.scoredNodes, 230);
    assert.equal(first.verdicts, null, 'no per-node verdicts above verdictNodeLimit when the pod fits');
    assert.equal(first.note, 'scored 230 of 500 nodes (percentageOfNodesToScore=46%, adaptive)');
    assert.equal(first.nodeName, 'n-000', 'equal scores: the first node searched wins');
    assert.equal(s.schedule(pod('b')).nodeName, 'n-230', 'nextStartNodeIndex advanced by the nodes processed');
    assert.equal(s.schedule(pod('c')).nodeName, 'n-460');
  });

  it('keeps per-node verdicts of a pod that fits nowhere to clusters within the limit too (the message counts the reasons)', () => {
    const small = new Scheduler();
    for (let i = 0; i < 100; i++) small.upsertNode(node(`n-${i}`));
    assert.equal(Object.keys(small.schedule(pod('huge', { cpu: '1000' })).verdicts ?? {}).length, 100);
    const large = new Scheduler();
    for (let i = 0; i < 101; i++) large.upsertNode(node(`n-${i}`));
    const r = large.schedule(pod('huge', { cpu: '1000' }));
    assert.equal(r.nodeName, null);
    assert.equal(r.verdicts, null, '150,000 pending pods on 5,000 nodes would each carry 5,000 verdicts');
    assert.match(r.message ?? '', /^0\/101 nodes are available: 101 Insufficient cpu\./);
  });

  it('reports the configured percentage and returns verdicts when the limit allows', () => {
    const s = new Scheduler({ percentageOfNodesToScore: 50, verdictNodeLimit: 1000 });
    for (let i = 0; i < 400; i++) s.upsertNode(node(`n-${i}`));
    const r = s.schedule(pod('a'));
    assert.equal(r.note, 'scored 200 of 400 nodes (percentageOfNodesToScore=50%)');
    const verdicts = Object.values(r.verdicts ?? {});
    assert.equal(verdicts.length, 400);
    assert.equal(verdicts.filter((v) => v.startsWith('not evaluated')).length, 200);
  });

  it('searches nodes round-robin across zones, like the scheduler cache node tree', () => {
    const s = new Scheduler();
    const zoned = (name: string, zone: string) => node(name, { labels: { 'topology.kubernetes.io/zone': zone } });
    ['a1', 'a2', 'a3'].forEach((n) => s.upsertNode(zoned(n, 'a')));
    ['b1', 'b2'].forEach((n) => s.upsertNode(zoned(n, 'b')));
    s.upsertNode(node('nozone'));
    assert.deepEqual(Object.keys(s.schedule(pod('p')).verdicts ?? {}), ['a1', 'b1', 'nozone', 'a2', 'b2', 'a3']);
    s.removeNode('b1');
    assert.deepEqual(Object.keys(s.schedule(pod('q')).verdicts ?? {}), ['a1', 'b2', 'nozone', 'a2', 'a3']);
  });
});
