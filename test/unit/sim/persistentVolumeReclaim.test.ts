/** https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reclaiming: a deleted claim's volume by its reclaim policy. */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';

const pv = (name: string, policy?: string): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', hostPath: { path: `/data/${name}` }, ...(policy ? { persistentVolumeReclaimPolicy: policy } : {}) },
} as KubeObject);
const pvc = (name: string, volumeName: string): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', volumeName, resources: { requests: { storage: '1Gi' } } },
} as KubeObject);

function afterClaimDeleted(policy: string | undefined): { sim: Simulation; volume: KubeObject | undefined } {
  const sim = Simulation.preset('multi-worker');
  for (const o of [pv('vol', policy), pvc('data', 'vol')]) assert.ok(sim.apply(o).ok, JSON.stringify(sim.applyErrors()));
  sim.runUntilSettled();
  assert.equal((sim.internals.store.get('PersistentVolume', undefined, 'vol')?.status as { phase?: string } | undefined)?.phase, 'Bound');
  assert.ok(sim.delete('PersistentVolumeClaim', 'default', 'data').ok);
  sim.runUntilSettled();
  return { sim, volume: sim.internals.store.get('PersistentVolume', undefined, 'vol') };
}
const phase = (o: KubeObject | undefined): unknown => (o?.status as { phase?: string } | undefined)?.phase;

describe('PersistentVolume reclaim policy when its claim is deleted', () => {
  it('Retain (the default of a volume written by hand): Released, still holding its claimRef, so a new claim does not bind it', () => {
    const { sim, volume } = afterClaimDeleted(undefined);
    assert.equal(phase(volume), 'Released');
    assert.equal((volume?.spec as { claimRef?: { name?: string } }).claimRef?.name, 'data');
    assert.ok(sim.apply(pvc('again', 'vol')).ok);
    sim.runUntilSettled();
    assert.notEqual(phase(sim.internals.store.get('PersistentVolumeClaim', 'default', 'again')), 'Bound');
  });
  it('Delete: the volume is deleted', () => {
    assert.equal(afterClaimDeleted('Delete').volume, undefined);
  });
  it('Recycle: scrubbed and Available again, with a VolumeRecycled event', () => {
    const { sim, volume } = afterClaimDeleted('Recycle');
    assert.equal(phase(volume), 'Available');
    assert.equal((volume?.spec as { claimRef?: unknown }).claimRef, undefined);
    assert.ok(sim.snapshot().events.some((e) => e.reason === 'VolumeRecycled'));
  });
});
