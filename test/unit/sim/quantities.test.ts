/**
 * Quantities as kube-apiserver stores them: resource.Quantity's canonical form (apimachinery
 * pkg/api/resource/quantity.go), applied to every Quantity field through the API's types.
 */
import assert from 'node:assert/strict';
import { canonicalQuantity } from '../../../src/core/quantity';
import { presetTopology, Simulation, type KubeObject } from '../../../src/core/sim';

describe('resource quantities in canonical form', () => {
  it('writes each quantity as resource.Quantity serialises it', () => {
    const cases: [unknown, string | undefined][] = [
      // The Quantity doc comment's own examples: "1.5 will be serialized as 1500m", "1.5Gi will be serialized as 1536Mi".
      ['1.5', '1500m'], ['1.5Gi', '1536Mi'],
      ['0.5', '500m'], [0.5, '500m'], ['0.1', '100m'], ['.5', '500m'], ['-0.5', '-500m'],
      ['1000m', '1'], ['1500u', '1500u'], ['1000u', '1m'], ['0.1n', '1n'], ['1e-12', '1e-9'],
      ['1024Mi', '1Gi'], ['2048Ki', '2Mi'], ['1000Mi', '1000Mi'], ['0.5Gi', '512Mi'], ['0.5Ki', '512'], ['12Ki', '12Ki'],
      // A fraction of a byte is kept in decimal rather than rounded (CanonicalizeBytes' "Don't lose precision").
      ['1.1Gi', '1181116006400m'],
      ['2000', '2k'], ['1000M', '1G'], ['100M', '100M'], ['1024', '1024'], ['128974848', '128974848'], [2, '2'],
      ['1e3', '1e3'], ['1e4', '10e3'], ['5.5e3', '5500'], ['129e6', '129e6'],
      ['0', '0'], ['0Mi', '0'], ['0.0', '0'],
      ['9999999999Ei', '9223372036854775807'], // capped at the largest int64, as ParseQuantity caps a binary amount
      ['+1', '+1'], // already canonical: ParseQuantity keeps the text
      ['abc', undefined], ['1Qi', undefined], [Number.NaN, undefined], [true, undefined],
    ];
    for (const [input, want] of cases) assert.equal(canonicalQuantity(input), want, JSON.stringify(input));
  });

  it('the Assign CPU Resources task\'s cpu-demo is stored with a request of 500m; re-applying it is `configured` (kubectl patches 0.5 over 500m) and writes nothing', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cpu-example' } });
    const pod: KubeObject = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cpu-demo', namespace: 'cpu-example' },
      spec: { containers: [{ name: 'cpu-demo-ctr', image: 'vish/stress', resources: { limits: { cpu: '1' }, requests: { cpu: '0.5' } }, args: ['-cpus', '2'] }] },
    };
    assert.equal(sim.apply(pod).action, 'created');
    const stored = sim.internals.store.get('Pod', 'cpu-example', 'cpu-demo')!;
    const containers = (stored.spec as { containers: { resources: unknown }[] }).containers;
    assert.deepEqual(containers[0]!.resources, { limits: { cpu: '1' }, requests: { cpu: '500m' } });
    assert.equal(sim.apply(pod).action, 'configured');
    assert.equal(sim.internals.store.get('Pod', 'cpu-example', 'cpu-demo'), stored, 'the API server found nothing to change');
    const canonical = { ...pod, spec: { containers: [{ name: 'cpu-demo-ctr', image: 'vish/stress', resources: { limits: { cpu: '1' }, requests: { cpu: '500m' } }, args: ['-cpus', '2'] }] } };
    assert.equal(sim.apply(canonical).action, 'configured', 'the last applied configuration said 0.5');
    assert.equal(sim.apply(canonical).action, 'unchanged');
  });

  it('canonicalises every Quantity field the API declares: templates, requests defaulted from limits, claims, quotas, limit ranges, emptyDir', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'web', image: 'nginx:1.27', resources: { limits: { memory: '1024Mi', cpu: '0.25' } } }],
            volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '2048Mi' } }],
          },
        },
      },
    });
    sim.apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } });
    sim.apply({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.memory': '2048Mi', pods: '10' } } });
    sim.apply({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', default: { cpu: '0.5' }, defaultRequest: { cpu: '0.25' } }] } });
    sim.runUntilSettled();
    const store = sim.internals.store;
    const template = (store.get('Deployment', 'default', 'web')!.spec as { template: { spec: { containers: { resources: unknown }[]; volumes: { emptyDir: unknown }[] } } }).template.spec;
    assert.deepEqual(template.containers[0]!.resources, { limits: { memory: '1Gi', cpu: '250m' } });
    assert.deepEqual(template.volumes[0]!.emptyDir, { sizeLimit: '2Gi' });
    const pod = [...store.list('Pod')].find((p) => p.metadata.name?.startsWith('web-'))!;
    // SetDefaults_Pod copies the limits into the requests: canonical too.
    assert.deepEqual((pod.spec as { containers: { resources: unknown }[] }).containers[0]!.resources, { limits: { memory: '1Gi', cpu: '250m' }, requests: { memory: '1Gi', cpu: '250m' } });
    assert.deepEqual((store.get('PersistentVolumeClaim', 'default', 'data')!.spec as { resources: unknown }).resources, { requests: { storage: '1Gi' } });
    assert.deepEqual((store.get('ResourceQuota', 'default', 'q')!.spec as { hard: unknown }).hard, { 'requests.memory': '2Gi', pods: '10' });
    assert.deepEqual((store.get('LimitRange', 'default', 'lr')!.spec as { limits: unknown[] }).limits[0], { type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' } });
  });
});
