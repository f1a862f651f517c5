/**
 * VolumeBinding's PreBind (pkg/scheduler/framework/plugins/volumebinding, binder.go BindPodVolumes): a pod whose
 * WaitForFirstConsumer claim is not bound yet is assumed on its node and bound only once the claim is; a claim no
 * running provisioner serves leaves it waiting, and after bindTimeoutSeconds (600) the binding cycle fails.
 */
import assert from 'node:assert/strict';
import { Simulation, presetTopology, type KubeObject } from '../../../src/core/sim';

const cls = (name: string, provisioner: string): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: 'WaitForFirstConsumer',
} as KubeObject);
const claim = (name: string, storageClassName: string): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' },
  spec: { storageClassName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
} as KubeObject);
const plain = (name: string, cpu: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu } } }] },
} as KubeObject);
const user = (name: string, claimName: string, cpu = '100m'): KubeObject => {
  const pod = plain(name, cpu);
  return { ...pod, spec: { ...(pod.spec as object), volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } } as KubeObject;
};

function cluster(objects: KubeObject[]): Simulation {
  const sim = Simulation.preset('single-node');
  for (const o of objects) assert.ok(sim.apply(o).ok, JSON.stringify(sim.applyErrors()));
  sim.runUntilSettled();
  return sim;
}
const podOf = (sim: Simulation, name: string): KubeObject | undefined => sim.internals.store.get('Pod', 'default', name);
const nodeOf = (sim: Simulation, name: string): unknown => (podOf(sim, name)?.spec as { nodeName?: string } | undefined)?.nodeName;
const reasonsOf = (sim: Simulation, name: string): string[] => sim.snapshot().events.filter((e) => e.object?.name === name).map((e) => e.reason);

describe('VolumeBinding PreBind waits for WaitForFirstConsumer claims', () => {
  it('binds the pod only after its claim is provisioned and bound', () => {
    const sim = cluster([claim('data', 'standard'), user('app', 'data')]);
    assert.equal(nodeOf(sim, 'app'), 'minikube');
    const events = sim.snapshot().events.map((e) => `${e.reason}/${e.object?.name}`);
    assert.ok(events.indexOf('ProvisioningSucceeded/data') < events.indexOf('Scheduled/app'), events.join(' '));
  });

  it('a claim whose provisioner does not run leaves the pod Pending and unbound, holding its room on the chosen node', () => {
    const sim = cluster([cls('nfs', 'example.com/nfs'), claim('data', 'nfs'), user('app', 'data', '1500m')]);
    assert.equal(nodeOf(sim, 'app'), undefined);
    assert.equal((podOf(sim, 'app')?.status as { phase?: string }).phase, 'Pending');
    assert.deepEqual(reasonsOf(sim, 'app').filter((r) => r !== 'Created'), [], 'no Scheduled, no FailedScheduling while PreBind waits');
    const pvc = sim.internals.store.get('PersistentVolumeClaim', 'default', 'data');
    assert.equal(pvc?.metadata.annotations?.['volume.kubernetes.io/selected-node'], 'minikube');
    assert.deepEqual(reasonsOf(sim, 'data').filter((r) => r !== 'Created'), ['WaitForFirstConsumer', 'ExternalProvisioning']);
    // The pod of 1.5 CPU is assumed on the node (2 CPU): one asking for 1 CPU does not fit next to it.
    sim.apply(plain('late', '1'));
    sim.runUntilSettled();
    assert.equal(nodeOf(sim, 'late'), undefined);
    assert.match(sim.snapshot().events.find((e) => e.object?.name === 'late' && e.reason === 'FailedScheduling')?.message ?? '', /Insufficient cpu/);
  });

  it('after 600 s the binding cycle fails with the scheduler\'s error, and a volume written by hand lets the pod run', () => {
    const sim = cluster([cls('nfs', 'example.com/nfs'), claim('data', 'nfs'), user('app', 'data')]);
    sim.advance(599);
    assert.ok(!reasonsOf(sim, 'app').includes('FailedScheduling'));
    sim.advance(2);
    const failed = sim.snapshot().events.filter((e) => e.object?.name === 'app' && e.reason === 'FailedScheduling');
    assert.deepEqual(failed.map((e) => e.message), ['running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded']);
    assert.ok(sim.apply({
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'by-hand' },
      spec: { storageClassName: 'nfs', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], nfs: { server: 'nfs.example.com', path: '/x' } },
    } as KubeObject).ok);
    sim.runUntilSettled();
    assert.equal(nodeOf(sim, 'app'), 'minikube');
  });

  it('a waiting pod deleted gives its room back', () => {
    const sim = cluster([cls('nfs', 'example.com/nfs'), claim('data', 'nfs'), user('app', 'data', '1500m')]);
    assert.ok(sim.delete('Pod', 'default', 'app').ok);
    sim.runUntilSettled();
    sim.apply(plain('late', '1'));
    sim.runUntilSettled();
    assert.equal(nodeOf(sim, 'late'), 'minikube');
  });
});

describe('DefaultStorageClass admission', () => {
  const claim = (name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, labels }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  });
  const classOf = (sim: Simulation, name: string): unknown => (sim.internals.store.get('PersistentVolumeClaim', 'default', name)?.spec as { storageClassName?: unknown }).storageClassName;

  it('a claim that names no class is stored with the default one (kind\'s standard); "" asks for none and is kept', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply(claim('data'));
    sim.apply(claim('none', { storageClassName: '' }));
    assert.equal(classOf(sim, 'data'), 'standard');
    assert.equal(classOf(sim, 'none'), '');
    // SetDefaults_PersistentVolumeClaim: stored Pending; with no class and no volume it stays so.
    sim.runUntilSettled();
    assert.deepEqual(sim.internals.store.get('PersistentVolumeClaim', 'default', 'none')?.status, { phase: 'Pending' });
  });

  it('re-applying the manifest keeps the class the cluster wrote (kubectl apply\'s three-way merge)', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply(claim('data'));
    assert.equal(sim.apply(claim('data', {}, { tier: 'db' })).ok, true);
    assert.equal(classOf(sim, 'data'), 'standard');
    assert.equal(sim.apply(claim('data', {}, { tier: 'db' })).action, 'unchanged');
  });
});

describe('the PersistentVolume controller\'s volume phase', () => {
  it('the Configure a Pod to Use a PersistentVolume task: task-pv-volume is Available, then Bound to default/task-pv-claim', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'task-pv-volume', labels: { type: 'local' } },
      spec: { storageClassName: 'manual', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } } } as KubeObject);
    sim.runUntilSettled();
    const pv = () => sim.internals.store.get('PersistentVolume', undefined, 'task-pv-volume') as KubeObject & { spec: { claimRef?: { namespace: string; name: string } } };
    assert.deepEqual(pv().status, { phase: 'Available' });
    sim.apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'task-pv-claim' },
      spec: { storageClassName: 'manual', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } } } } as KubeObject);
    sim.runUntilSettled();
    assert.deepEqual([pv().status, pv().spec.claimRef?.namespace, pv().spec.claimRef?.name], [{ phase: 'Bound' }, 'default', 'task-pv-claim']);
  });
});
