/**
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status: a Deployment's Available and
 * Progressing conditions, the progress deadline, and a paused Deployment.
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';

function deployment(image: string, extra: Record<string, unknown> = {}, replicas = 3): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } }, ...extra },
  } as KubeObject;
}

type Condition = { type: string; status: string; reason: string; message: string; lastTransitionTime: string; lastUpdateTime: string };
function conditions(sim: Simulation): Record<string, Condition> {
  const d = sim.internals.store.get('Deployment', 'default', 'web');
  const list = ((d?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
  return Object.fromEntries(list.map((c) => [c.type, c]));
}
const rsName = (sim: Simulation): string[] => [...sim.internals.store.list('ReplicaSet')].map((r) => r.metadata.name ?? '').sort();

describe('Deployment status conditions', () => {
  it('a finished rollout: Available (MinimumReplicasAvailable) and Progressing (NewReplicaSetAvailable), Available listed first', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(deployment('nginx:1.27')).ok);
    sim.runUntilSettled();
    const c = conditions(sim);
    assert.deepEqual([c.Available?.status, c.Available?.reason, c.Available?.message], ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']);
    assert.deepEqual([c.Progressing?.status, c.Progressing?.reason], ['True', 'NewReplicaSetAvailable']);
    assert.equal(c.Progressing?.message, `ReplicaSet "${rsName(sim)[0]}" has successfully progressed.`);
    const d = sim.internals.store.get('Deployment', 'default', 'web');
    assert.deepEqual(((d?.status as { conditions: Condition[] }).conditions).map((x) => x.type), ['Available', 'Progressing']);
  });

  it('a rollout stuck on an image no registry serves: Progressing False, ProgressDeadlineExceeded, progressDeadlineSeconds after its last progress', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(deployment('registry.invalid/web:1.0', { progressDeadlineSeconds: 120 })).ok);
    sim.runUntilSettled(60);
    assert.deepEqual([conditions(sim).Available?.status, conditions(sim).Available?.reason], ['False', 'MinimumReplicasUnavailable']);
    assert.equal(conditions(sim).Progressing?.status, 'True', 'within the deadline');
    sim.advance(200);
    const p = conditions(sim).Progressing;
    assert.deepEqual([p?.status, p?.reason], ['False', 'ProgressDeadlineExceeded']);
    assert.equal(p?.message, `ReplicaSet "${rsName(sim)[0]}" has timed out progressing.`);
  });

  it('a paused Deployment rolls nothing out: a template change makes no ReplicaSet until it is resumed; scaling still works', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(deployment('nginx:1.27')).ok);
    sim.runUntilSettled();
    const before = rsName(sim);
    assert.ok(sim.apply(deployment('nginx:1.28', { paused: true }, 4)).ok);
    sim.runUntilSettled();
    assert.deepEqual(rsName(sim), before, 'no new ReplicaSet while paused');
    assert.deepEqual([conditions(sim).Progressing?.status, conditions(sim).Progressing?.reason, conditions(sim).Progressing?.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    assert.equal((sim.internals.store.get('ReplicaSet', 'default', before[0])?.spec as { replicas: number }).replicas, 4, 'scaled while paused');
    assert.ok(sim.apply(deployment('nginx:1.28', {}, 4)).ok);
    sim.runUntilSettled();
    assert.equal(rsName(sim).length, 2, 'resumed: the new ReplicaSet rolls out');
    assert.equal(conditions(sim).Progressing?.reason, 'NewReplicaSetAvailable');
  });
});
