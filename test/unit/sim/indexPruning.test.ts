import * as assert from 'assert';
import { Simulation, type KubeObject } from '../../../src/core/sim';

const deployment = (name: string, replicas: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
});

/** The store's index sizes and the scheduler cache's per-workload tables (private: read for this test only). */
function sizes(sim: Simulation): Record<string, number> {
  const algo = (sim.internals.scheduler as unknown as { algo: { pods: { workloadIds: Map<string, number>; entries: Map<string, unknown> }; profiles: { byWorkload: Map<string, unknown> } } }).algo;
  return { ...sim.internals.store.indexSizes(), workloads: algo.pods.workloadIds.size, schedulerPods: algo.pods.entries.size, profiles: algo.profiles.byWorkload.size };
}

describe('store and scheduler indexes are pruned on delete (memory over live edits)', () => {
  it('return to their baseline after create/delete cycles of workloads, their pods and odd kinds', () => {
    const sim = Simulation.preset('multi-worker');
    sim.runUntilSettled();
    const baseline = sizes(sim);
    for (let i = 0; i < 30; i++) {
      sim.apply(deployment(`app-${i}`, 3));
      sim.apply({ apiVersion: 'v1', kind: `Half${i}`, metadata: { name: 'typed-half-way' } });
      sim.runUntilSettled();
      assert.ok(sizes(sim).owners > baseline.owners, 'the pods are indexed under their ReplicaSet while they exist');
      sim.delete('Deployment', 'default', `app-${i}`);
      sim.delete(`Half${i}`, 'default', 'typed-half-way');
      sim.runUntilSettled();
    }
    assert.deepStrictEqual(sizes(sim), baseline);
  });
});
