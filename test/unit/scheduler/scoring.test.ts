import { strict as assert } from 'node:assert';
import { Scheduler } from '../../../src/core/sim/scheduler';
import { bound, node, pod } from './helpers';

describe('scoring (default plugin weights, v1.33)', () => {
  it('computes LeastAllocated, BalancedAllocation and TaintToleration exactly', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { cpu: '4', memory: '8Gi' }));
    // fit: cpu (4000-1000)*100/4000 = 75, memory 75 -> 75; balanced: 100; taints: 3 × 100.
    assert.equal(s.schedule(pod('p', { cpu: '1', memory: '2Gi' })).verdicts?.['a'], 'fits (score 475)');
  });

  it('prefers the less allocated node', () => {
    const s = new Scheduler();
    s.upsertNode(node('busy'));
    s.upsertNode(node('idle'));
    s.addPod(bound(pod('x', { cpu: '2', memory: '4Gi' }), 'busy'));
    assert.equal(s.schedule(pod('p', { cpu: '500m', memory: '1Gi' })).nodeName, 'idle');
  });

  it('spreads a workload across nodes even against LeastAllocated (PodTopologySpread weight 2)', () => {
    const setup = () => {
      const s = new Scheduler();
      s.upsertNode(node('large', { cpu: '64', memory: '256Gi' }));
      s.upsertNode(node('small', { cpu: '4', memory: '8Gi' }));
      for (const name of ['w-0', 'w-1']) s.addPod(bound(pod(name, { cpu: '100m', memory: '128Mi', owner: 'web' }), 'large'));
      return s;
    };
    assert.equal(setup().schedule(pod('bare', { cpu: '100m', memory: '128Mi' })).nodeName, 'large', 'no workload: LeastAllocated');
    assert.equal(setup().schedule(pod('w-2', { cpu: '100m', memory: '128Mi', owner: 'web' })).nodeName, 'small');
  });

  it('places replicas one per node when nodes are equal', () => {
    const s = new Scheduler();
    ['a', 'b', 'c'].forEach((n) => s.upsertNode(node(n)));
    const placed = ['r0', 'r1', 'r2'].map((name) => {
      const p = pod(name, { cpu: '100m', owner: 'api' });
      const r = s.schedule(p);
      s.addPod(bound(p, r.nodeName ?? ''));
      return r.nodeName;
    });
    assert.deepEqual([...placed].sort(), ['a', 'b', 'c']);
  });

  it('avoids untolerated PreferNoSchedule taints and follows preferred node affinity', () => {
    const s = new Scheduler();
    s.upsertNode(node('soft', { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }));
    s.upsertNode(node('plain'));
    assert.equal(s.schedule(pod('p')).nodeName, 'plain');
    const prefers = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['soft'] }] } }] } };
    const tolerant = pod('q', { tolerations: [{ key: 'spot', operator: 'Exists' }], spec: { affinity: prefers } });
    assert.equal(s.schedule(tolerant).nodeName, 'soft');
  });

  it('breaks ties by search order, deterministically', () => {
    const run = () => {
      const s = new Scheduler();
      ['x', 'y', 'z'].forEach((n) => s.upsertNode(node(n)));
      return s.schedule(pod('p')).nodeName;
    };
    assert.equal(run(), 'x');
    assert.equal(run(), 'x');
  });
});
