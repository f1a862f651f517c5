import assert from 'node:assert/strict';
import { presetTopology, Simulation, type KubeObject } from '../../../src/core/sim';
import { LAST_APPLIED, withLastApplied } from '../../../src/core/sim/kubectl';

const configMap = (bytes: number): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { blob: 'x'.repeat(bytes) } } as KubeObject);

describe("client-side kubectl apply's last-applied-configuration annotation", () => {
  it('records the applied object as kubectl encodes it: keys sorted, annotations {} and the namespace filled in, HTML characters escaped, a final newline', () => {
    const o = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, note: '<a & b>' } } as unknown as KubeObject;
    assert.equal(withLastApplied(o).metadata.annotations?.[LAST_APPLIED],
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"note":"\\u003ca \\u0026 b\\u003e","replicas":2}}\n');
    const ns = withLastApplied({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', annotations: { team: 'a', [LAST_APPLIED]: 'stale' } } } as KubeObject);
    assert.equal(ns.metadata.annotations?.[LAST_APPLIED], '{"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{"team":"a"},"name":"shop"}}\n', 'cluster-scoped: no namespace; an old value is not recorded in the new one');
    assert.equal(ns.metadata.annotations?.team, 'a');
  });

  it('is stored with the object, and applying the same manifest again changes nothing', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    assert.equal(sim.apply(configMap(10)).action, 'created');
    const stored = sim.internals.store.get('ConfigMap', 'default', 'big');
    assert.match(String(stored?.metadata.annotations?.[LAST_APPLIED]), /^\{"apiVersion":"v1","data":\{"blob":"x{10}"\},"kind":"ConfigMap"/);
    assert.equal(sim.apply(configMap(10)).action, 'unchanged');
    assert.equal(sim.apply(configMap(11)).action, 'configured');
  });

  it('makes an object over 256 KiB fail as `kubectl apply` fails, with what applies it instead; one under it applies', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    const big = sim.apply(configMap(300 * 1024));
    assert.equal(big.ok, false);
    assert.match(big.error ?? '', /^ConfigMap "big" is invalid: metadata\.annotations: Too long: may not be more than 262144 bytes \(client-side `kubectl apply` records the whole object in the kubectl\.kubernetes\.io\/last-applied-configuration annotation.*`kubectl apply --server-side` or `kubectl create` do not add it\)$/);
    assert.equal(sim.internals.store.get('ConfigMap', 'default', 'big'), undefined);
    assert.equal(sim.apply(configMap(200 * 1024)).ok, true);
  });
});
