/**
 * https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates and
 * #persistentvolumeclaim-retention: the StatefulSet controller creates `<template>-<pod>` claims before each pod; they
 * outlive the pods unless the retention policy says Delete.
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';

function statefulSet(name: string, replicas: number, policy?: { whenDeleted?: string; whenScaled?: string }): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default' },
    spec: {
      serviceName: name, replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www', labels: { tier: 'storage' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...(policy ? { persistentVolumeClaimRetentionPolicy: policy } : {}),
    },
  } as KubeObject;
}

const claims = (sim: Simulation): string[] => [...sim.internals.store.list('PersistentVolumeClaim')].map((c) => c.metadata.name ?? '').sort();
const phase = (o: KubeObject | undefined): unknown => (o?.status as { phase?: string } | undefined)?.phase;

function settled(...objects: KubeObject[]): Simulation {
  const sim = Simulation.preset('multi-worker');
  for (const o of objects) assert.ok(sim.apply(o).ok, JSON.stringify(sim.applyErrors()));
  sim.runUntilSettled();
  return sim;
}

describe('StatefulSet volumeClaimTemplates', () => {
  it('creates each pod\'s claim before the pod, bound by the default StorageClass, and the pods run', () => {
    const sim = settled(statefulSet('web', 2));
    assert.deepEqual(claims(sim), ['www-web-0', 'www-web-1']);
    const claim = sim.internals.store.get('PersistentVolumeClaim', 'default', 'www-web-0');
    assert.deepEqual(claim?.metadata.labels, { tier: 'storage', app: 'web' }, 'the template\'s labels and the selector\'s');
    assert.equal(claim?.metadata.ownerReferences, undefined, 'Retain: no owner');
    assert.equal(phase(claim), 'Bound');
    for (const p of ['web-0', 'web-1']) assert.equal(phase(sim.internals.store.get('Pod', 'default', p)), 'Running');
    const messages = sim.snapshot().events.filter((e) => e.object?.kind === 'StatefulSet' && e.reason === 'SuccessfulCreate').map((e) => e.message);
    assert.deepEqual(messages.slice(0, 2), ['create Claim www-web-0 Pod web-0 in StatefulSet web success', 'create Pod web-0 in StatefulSet web successful']);
  });

  it('keeps the claims when pods go (Retain), and a returning pod gets its old claim', () => {
    const sim = settled(statefulSet('web', 2));
    const uid = sim.internals.store.get('PersistentVolumeClaim', 'default', 'www-web-1')?.metadata.uid;
    assert.ok(sim.apply(statefulSet('web', 1)).ok);
    sim.runUntilSettled();
    assert.equal(sim.internals.store.get('Pod', 'default', 'web-1'), undefined);
    assert.deepEqual(claims(sim), ['www-web-0', 'www-web-1']);
    assert.ok(sim.apply(statefulSet('web', 2)).ok);
    sim.runUntilSettled();
    assert.equal(sim.internals.store.get('PersistentVolumeClaim', 'default', 'www-web-1')?.metadata.uid, uid, 'the same claim');
    assert.ok(sim.delete('StatefulSet', 'default', 'web').ok);
    sim.runUntilSettled();
    assert.deepEqual(claims(sim), ['www-web-0', 'www-web-1'], 'deleting the StatefulSet keeps them too');
  });

  it('whenScaled: Delete removes a scaled-away pod\'s claim after the pod; whenDeleted: Delete removes them with the StatefulSet', () => {
    const sim = settled(statefulSet('db', 2, { whenScaled: 'Delete', whenDeleted: 'Delete' }));
    assert.equal((sim.internals.store.get('PersistentVolumeClaim', 'default', 'www-db-0')?.metadata.ownerReferences as { kind: string }[])[0].kind, 'StatefulSet');
    assert.ok(sim.apply(statefulSet('db', 1, { whenScaled: 'Delete', whenDeleted: 'Delete' })).ok);
    sim.runUntilSettled();
    assert.deepEqual(claims(sim), ['www-db-0']);
    assert.ok(sim.delete('StatefulSet', 'default', 'db').ok);
    sim.runUntilSettled();
    assert.deepEqual(claims(sim), []);
  });
});
