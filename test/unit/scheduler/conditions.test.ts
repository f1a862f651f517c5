/**
 * The PodScheduled condition as the scheduler and the binding write it: lastTransitionTime is when the status last
 * changed (podutil.UpdatePodCondition), so an unschedulable pod keeps its time across retries, and binding restamps it.
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';

const scheduled = (sim: Simulation, name: string): Record<string, unknown> | undefined =>
  ((sim.internals.store.get('Pod', 'default', name)?.status as { conditions?: Record<string, unknown>[] }).conditions ?? []).find((c) => c.type === 'PodScheduled');

describe('PodScheduled condition times', () => {
  it('keeps the time an unschedulable pod first failed across retries, and takes the binding time once bound', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', image: 'nginx:1.27' }] } } as KubeObject);
    sim.runUntilSettled();
    assert.deepEqual([scheduled(sim, 'p')?.status, scheduled(sim, 'p')?.lastTransitionTime, scheduled(sim, 'p')?.lastProbeTime], ['False', '2025-01-01T00:00:00Z', null]);
    sim.advance(20);
    // A node event retries the pod: it fails again, its message follows the new node count, its time stays.
    sim.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-3', labels: {} } } as KubeObject);
    sim.runUntilSettled();
    assert.match(String(scheduled(sim, 'p')?.message), /^0\/4 nodes are available/);
    assert.equal(scheduled(sim, 'p')?.lastTransitionTime, '2025-01-01T00:00:00Z');
    sim.advance(10);
    sim.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-4', labels: { disk: 'ssd' } } } as KubeObject);
    sim.runUntilSettled();
    assert.deepEqual([scheduled(sim, 'p')?.status, scheduled(sim, 'p')?.lastTransitionTime], ['True', '2025-01-01T00:00:30Z']);
  });
});
