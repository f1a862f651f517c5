/**
 * Client-side `kubectl apply` over a live object: the three-way merge of the last applied configuration, the
 * manifest and the live object (sim/applyMerge.ts), and what the kubelet does when a Pod's image changes.
 */
import assert from 'node:assert/strict';
import { presetTopology, Simulation, type KubeObject } from '../../../src/core/sim';
import { threeWayMerge } from '../../../src/core/sim/applyMerge';
import { KUBECTL } from '../../../src/core/sim/cluster';

const pod = (image: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image, ...extra }] } });
const spec = (sim: Simulation, kind: string, name: string): Record<string, unknown> => sim.internals.store.get(kind, 'default', name)!.spec as Record<string, unknown>;

describe('kubectl apply: the three-way merge', () => {
  it('sets what the manifest sets, removes what the last configuration set and the manifest no longer does, keeps what others wrote', () => {
    const original = { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { replicas: 3, containers: [{ name: 'a', image: 'x:1', env: [{ name: 'A', value: '1' }] }] } };
    const modified = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'x:2', env: [{ name: 'A', value: '1' }] }] } };
    const current = {
      metadata: { labels: { app: 'web', tier: 'front', 'pod-template-hash': 'abc' }, uid: 'u' },
      spec: { replicas: 5, nodeName: 'worker-1', containers: [{ name: 'a', image: 'x:1', imagePullPolicy: 'IfNotPresent', env: [{ name: 'A', value: '1' }, { name: 'INJECTED', value: 'y' }] }, { name: 'sidecar', image: 's' }] },
      status: { phase: 'Running' },
    };
    assert.deepEqual(threeWayMerge(original, modified, current), {
      metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' }, uid: 'u' },
      spec: { nodeName: 'worker-1', containers: [{ name: 'a', image: 'x:2', imagePullPolicy: 'IfNotPresent', env: [{ name: 'A', value: '1' }, { name: 'INJECTED', value: 'y' }] }, { name: 'sidecar', image: 's' }] },
      status: { phase: 'Running' },
    });
    // A list without a merge key (args, tolerations) is the manifest's, whole.
    assert.deepEqual(threeWayMerge({}, { spec: { args: ['b'] } }, { spec: { args: ['a', 'b'] } }), { spec: { args: ['b'] } });
  });

  it('re-applying a scheduled Pod\'s manifest is unchanged, and it stays on its node (it used to lose its nodeName)', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply(pod('nginx:1.27'));
    sim.runUntilSettled();
    const before = sim.internals.store.get('Pod', 'default', 'web')!;
    assert.ok(spec(sim, 'Pod', 'web').nodeName);
    assert.equal(sim.apply(pod('nginx:1.27')).action, 'unchanged');
    assert.equal(sim.internals.store.get('Pod', 'default', 'web'), before, 'nothing written');
  });

  it('a new image restarts the container in place: Killing "definition changed", the new image pulled, restartCount 1, the same node', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply(pod('nginx:1.27'));
    sim.runUntilSettled();
    const node = spec(sim, 'Pod', 'web').nodeName;
    const seen = sim.eventsSince(0).length;
    assert.equal(sim.apply(pod('nginx:1.28')).action, 'configured');
    sim.runUntilSettled();
    const events = sim.eventsSince(seen).map((e) => `${e.reason}: ${e.message}`);
    assert.deepEqual(events.filter((e) => !e.startsWith('Configured')), [
      'Killing: Container web definition changed, will be restarted',
      'Pulling: Pulling image "nginx:1.28"',
      events.find((e) => e.startsWith('Pulled: Successfully pulled image "nginx:1.28"'))!,
      'Created: Created container: web',
      'Started: Started container web',
    ]);
    const p = sim.internals.store.get('Pod', 'default', 'web')!;
    assert.equal((p.spec as { nodeName?: string }).nodeName, node, 'not rescheduled');
    const [status] = (p.status as { containerStatuses: { image: string; restartCount: number; state: object }[] }).containerStatuses;
    assert.equal(status!.image, 'nginx:1.28');
    assert.equal(status!.restartCount, 1);
    assert.ok('running' in status!.state);
  });

  it('any other change to a Pod\'s containers is refused as kube-apiserver refuses it', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply(pod('nginx:1.27'));
    sim.runUntilSettled();
    const r = sim.apply(pod('nginx:1.27', { resources: { requests: { cpu: '1' } } }));
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/);
  });

  it('a Deployment whose manifest leaves replicas out keeps the count an autoscaler (or kubectl scale) set; removing replicas: 5 from it goes back to the default', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    const deployment = (replicas?: number): KubeObject => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    });
    sim.apply(deployment());
    sim.runUntilSettled();
    const live = sim.internals.store.get('Deployment', 'default', 'web')!;
    assert.equal(sim.internals.api.update(KUBECTL, { ...live, spec: { ...(live.spec as object), replicas: 4 } }).ok, true);
    assert.equal(sim.apply(deployment()).action, 'unchanged');
    assert.equal(spec(sim, 'Deployment', 'web').replicas, 4);
    sim.apply(deployment(5));
    assert.equal(spec(sim, 'Deployment', 'web').replicas, 5);
    assert.equal(sim.apply(deployment()).action, 'configured');
    assert.equal(spec(sim, 'Deployment', 'web').replicas, 1, 'the field the last configuration set is removed, and defaulted again');
  });
});
