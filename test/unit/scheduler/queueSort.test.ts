/**
 * PrioritySort (pkg/scheduler/framework/plugins/queuesort/priority_sort.go) on pods coming back from the
 * unschedulable set: when room frees up for one, the higher-priority pod is tried first, even if it
 * was queued later. `preemptionPolicy: Never` keeps preemption out of the picture.
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';

const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { nodeSelector: { 'kubernetes.io/hostname': 'worker-1' }, containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '3' } } }], ...extra },
} as KubeObject);
const nodeOf = (sim: Simulation, name: string): unknown => (sim.internals.store.get('Pod', 'default', name)?.spec as { nodeName?: string }).nodeName;

describe('scheduling queue: PrioritySort on retried pods', () => {
  it('binds the later, higher-priority pod first when the node frees room for one', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as KubeObject).ok);
    assert.ok(sim.apply(pod('blocker')).ok);
    sim.runUntilSettled();
    assert.equal(nodeOf(sim, 'blocker'), 'worker-1');
    assert.ok(sim.apply(pod('low')).ok);
    sim.runUntilSettled();
    assert.ok(sim.apply(pod('high', { priorityClassName: 'high', preemptionPolicy: 'Never' })).ok);
    sim.runUntilSettled();
    assert.deepEqual([nodeOf(sim, 'low'), nodeOf(sim, 'high')], [undefined, undefined], 'both wait: the node is full and high may not preempt');
    assert.ok(sim.delete('Pod', 'default', 'blocker').ok);
    sim.runUntilSettled();
    assert.deepEqual([nodeOf(sim, 'low'), nodeOf(sim, 'high')], [undefined, 'worker-1']);
  });
});
