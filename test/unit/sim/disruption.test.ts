/**
 * The disruption controller (pkg/controller/disruption) and the eviction subresource
 * (pkg/registry/core/pod/storage/eviction.go) as `kubectl drain` meets them.
 */
import { strict as assert } from 'node:assert';
import { EVICTION_REFUSED, Simulation, type KubeObject } from '../../../src/core/sim';

const deployment = (name: string, replicas: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: {
    replicas, selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  },
});

const pdb = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec,
});

function settled(...objects: KubeObject[]): Simulation {
  const sim = Simulation.preset('multi-worker');
  for (const o of objects) assert.ok(sim.apply(o).ok, `applies ${o.kind}`);
  sim.runUntilSettled(600);
  return sim;
}

const statusOf = (sim: Simulation, name: string): Record<string, unknown> =>
  (sim.internals.ctx.store.get('PodDisruptionBudget', 'default', name)?.status ?? {}) as Record<string, unknown>;
const podNames = (sim: Simulation, prefix: string): string[] =>
  [...sim.internals.ctx.store.list('Pod')].filter((p) => p.metadata.name?.startsWith(`${prefix}-`) && !p.metadata.deletionTimestamp).map((p) => p.metadata.name ?? '').sort();
const events = (sim: Simulation, reason: string): string[] => sim.snapshot().events.filter((e) => e.reason === reason).map((e) => e.message);

describe('PodDisruptionBudget: the disruption controller and the eviction API', () => {
  it('keeps the status: expected, desired and current healthy pods, disruptions allowed, DisruptionAllowed condition', () => {
    const sim = settled(deployment('web', 3), pdb('web', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
    const s = statusOf(sim, 'web');
    assert.deepEqual([s.expectedPods, s.desiredHealthy, s.currentHealthy, s.disruptionsAllowed, s.observedGeneration], [3, 2, 3, 1, 1]);
    const cond = (s.conditions as Record<string, unknown>[])[0];
    assert.deepEqual([cond.type, cond.status, cond.reason], ['DisruptionAllowed', 'True', 'SufficientPods']);
  });

  it('maxUnavailable as a percentage counts the Deployment\'s replicas, rounding up (GetScaledValueFromIntOrPercent)', () => {
    const sim = settled(deployment('web', 3), pdb('web', { maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } }));
    const s = statusOf(sim, 'web');
    assert.deepEqual([s.expectedPods, s.desiredHealthy, s.disruptionsAllowed], [3, 1, 2]);
  });

  it('evicts while the budget allows, then refuses with 429 and kube-apiserver\'s message', () => {
    const sim = settled(deployment('web', 2), pdb('web', { minAvailable: 1, selector: { matchLabels: { app: 'web' } } }));
    const [a, b] = podNames(sim, 'web');
    assert.deepEqual(sim.evict('default', a), { ok: true, code: 201 });
    const s = statusOf(sim, 'web');
    assert.equal(s.disruptionsAllowed, 0, 'the eviction took the one allowed disruption');
    const refused = sim.evict('default', b);
    assert.deepEqual(refused, { ok: false, code: 429, reason: 'TooManyRequests', error: EVICTION_REFUSED, cause: 'The disruption budget web needs 1 healthy pods and has 1 currently' });
    assert.equal(EVICTION_REFUSED, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.ok(sim.internals.ctx.store.get('Pod', 'default', b) && !sim.internals.ctx.store.get('Pod', 'default', b)?.metadata.deletionTimestamp, 'the refused pod keeps running');
    sim.runUntilSettled(600);
    assert.equal(statusOf(sim, 'web').disruptionsAllowed, 1, 'the replacement is Ready: one disruption allowed again');
    assert.deepEqual(sim.evict('default', b), { ok: true, code: 201 });
  });

  it('a pod that is not running is evicted without asking its budget (canIgnorePDB)', () => {
    const sim = settled(pdb('web', { minAvailable: 5, selector: { matchLabels: { app: 'web' } } }));
    assert.ok(sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-stuck', labels: { app: 'web' } }, spec: { nodeSelector: { none: 'x' }, containers: [{ name: 'c', image: 'nginx:1.27' }] } }).ok);
    sim.runUntilSettled(60);
    assert.deepEqual(sim.evict('default', 'web-stuck'), { ok: true, code: 201 });
  });

  it('refuses a pod two budgets select, and reports a budget that matches nothing', () => {
    const sim = settled(deployment('web', 2), pdb('one', { minAvailable: 1, selector: { matchLabels: { app: 'web' } } }),
      pdb('two', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }), pdb('empty', { minAvailable: 1, selector: { matchLabels: { app: 'nothing' } } }));
    const [a] = podNames(sim, 'web');
    const r = sim.evict('default', a);
    assert.deepEqual([r.ok, r.code, r.ok ? '' : r.error], [false, 500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.']);
    assert.deepEqual(events(sim, 'NoPods'), ['No matching pods found']);
    assert.equal(statusOf(sim, 'empty').disruptionsAllowed, 0);
  });

  it('a percentage over DaemonSet pods fails the sync: disruptionsAllowed 0, SyncFailed, CalculateExpectedPodCountFailed', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', 'infinity'] }] } } },
    };
    const sim = settled(ds, pdb('agent', { minAvailable: '50%', selector: { matchLabels: { app: 'agent' } } }));
    const s = statusOf(sim, 'agent');
    const cond = (s.conditions as Record<string, unknown>[])[0];
    assert.deepEqual([s.disruptionsAllowed, cond.status, cond.reason, cond.message], [0, 'False', 'SyncFailed', 'daemonsets.apps does not implement the scale subresource']);
    assert.deepEqual(events(sim, 'CalculateExpectedPodCountFailed'), ['Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource']);
  });
});
