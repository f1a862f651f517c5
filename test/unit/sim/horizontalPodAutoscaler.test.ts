/**
 * https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/: the HPA controller keeps the target within
 * minReplicas and maxReplicas; with no metrics API served (a kind cluster has no metrics-server) it cannot read CPU.
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';

const deployment = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'php-apache', namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { run: 'php-apache' } }, template: { metadata: { labels: { run: 'php-apache' } }, spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example', resources: { requests: { cpu: '200m' } } }] } } },
} as KubeObject);
const hpa = (min: number, max: number): KubeObject => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: min, maxReplicas: max, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
} as KubeObject);

function run(replicas: number, min: number, max: number): Simulation {
  const sim = Simulation.preset('multi-worker');
  for (const o of [deployment(replicas), hpa(min, max)]) assert.ok(sim.apply(o).ok, JSON.stringify(sim.applyErrors()));
  sim.runUntilSettled();
  sim.advance(30);
  return sim;
}
const replicas = (sim: Simulation): unknown => (sim.internals.store.get('Deployment', 'default', 'php-apache')?.spec as { replicas?: number }).replicas;
const events = (sim: Simulation): string[] => sim.snapshot().events.filter((e) => e.object?.kind === 'HorizontalPodAutoscaler').map((e) => `${e.reason}: ${e.message}`);
type Condition = { type: string; status: string; reason: string };
const conditions = (sim: Simulation): string[] => ((sim.internals.store.get('HorizontalPodAutoscaler', 'default', 'php-apache')?.status as { conditions: Condition[] }).conditions).map((c) => `${c.type}=${c.status} ${c.reason}`);

describe('HorizontalPodAutoscaler controller', () => {
  it('scales the target up to minReplicas and down to maxReplicas, with SuccessfulRescale', () => {
    const up = run(1, 3, 10);
    assert.equal(replicas(up), 3);
    assert.ok(events(up).includes('SuccessfulRescale: New size: 3; reason: Current number of replicas below Spec.MinReplicas'), events(up).join('\n'));
    assert.equal(up.snapshot().pods.filter((p) => p.phase === 'Running').length, 3);
    const down = run(8, 1, 4);
    assert.equal(replicas(down), 4);
    assert.ok(events(down).includes('SuccessfulRescale: New size: 4; reason: Current number of replicas above Spec.MaxReplicas'));
  });

  it('within the bounds it cannot read CPU (no metrics API, as in kind): FailedGetResourceMetric, ScalingActive False, no scaling', () => {
    const sim = run(2, 1, 10);
    assert.equal(replicas(sim), 2);
    const e = events(sim);
    assert.deepEqual(e.filter((x) => x.startsWith('FailedGetResourceMetric')), [
      'FailedGetResourceMetric: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    ], 'once: the recorder counts the repeats of every 15-second sync');
    assert.ok(e.some((x) => x.startsWith('FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value:')));
    assert.deepEqual(conditions(sim), ['AbleToScale=True SucceededGetScale', 'ScalingActive=False FailedGetResourceMetric']);
    assert.equal(sim.unsettledReason(), null, 'its 15-second syncs do not keep the cluster from settling');
  });

  it('a missing target: AbleToScale False, FailedGetScale', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(hpa(1, 5)).ok);
    sim.runUntilSettled();
    assert.deepEqual(conditions(sim), ['AbleToScale=False FailedGetScale']);
    assert.ok(events(sim).includes('FailedGetScale: deployments.apps "php-apache" not found'));
  });
});
