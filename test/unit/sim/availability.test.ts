/**
 * When a pod counts as available or as an endpoint: minReadySeconds
 * (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#min-ready-seconds) and the pod conditions'
 * lastTransitionTime it reads (podutil.IsPodAvailable: Ready, and Ready for longer than minReadySeconds), and a
 * Service's publishNotReadyAddresses.
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import type { Json } from '../../../src/core/sim/types';

function workload(kind: string, name: string, spec: Json): KubeObject {
  return {
    apiVersion: 'apps/v1', kind, metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, ...spec, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
  };
}
const status = (sim: Simulation, kind: string, name: string): Json => (sim.internals.store.get(kind, 'default', name)?.status ?? {}) as Json;
const started = (sim: Simulation, prefix: string): number[] => sim.snapshot().events.filter((e) => e.reason === 'Started' && (e.object?.name ?? '').startsWith(prefix)).map((e) => e.time);
/** Runs until simulated second `t`. */
const until = (sim: Simulation, t: number): void => sim.advance(t - sim.now());

describe('minReadySeconds', () => {
  it('the kubelet stamps each condition with its lastTransitionTime and keeps it while the status stays', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(workload('Deployment', 'web', { replicas: 1 }));
    sim.runUntilSettled();
    const [t] = started(sim, 'web-');
    until(sim, 60);
    const pod = [...sim.internals.store.list('Pod')][0] as KubeObject;
    const conds = (pod.status as { conditions: Json[] }).conditions;
    const at = (type: string): unknown => conds.find((c) => c.type === type)?.lastTransitionTime;
    assert.equal(at('Ready'), `2025-01-01T00:00:0${t}Z`, 'Ready since the container started');
    assert.equal(at('PodScheduled'), '2025-01-01T00:00:00Z', 'scheduled at once');
    assert.ok(conds.every((c) => c.lastProbeTime === null && typeof c.lastTransitionTime === 'string'));
  });

  it('a ReplicaSet counts a Ready pod available only after minReadySeconds, and rechecks then by itself', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(workload('Deployment', 'web', { replicas: 2, minReadySeconds: 20 }));
    sim.advance(10); // Running; not settled: the ReplicaSet's recheck is due
    const t = Math.max(...started(sim, 'web-'));
    until(sim, t + 20);
    const rs = [...sim.internals.store.list('ReplicaSet')][0] as KubeObject;
    assert.equal((rs.spec as Json).minReadySeconds, 20, 'the Deployment passes it to its ReplicaSet');
    assert.deepEqual([status(sim, 'ReplicaSet', rs.metadata.name ?? '').readyReplicas, status(sim, 'ReplicaSet', rs.metadata.name ?? '').availableReplicas], [2, 0]);
    assert.deepEqual([status(sim, 'Deployment', 'web').readyReplicas, status(sim, 'Deployment', 'web').availableReplicas], [2, 0]);
    until(sim, t + 21);
    assert.equal(status(sim, 'ReplicaSet', rs.metadata.name ?? '').availableReplicas, 2, 'requeued at minReadySeconds + 1 s');
    assert.equal(status(sim, 'Deployment', 'web').availableReplicas, 2);
  });

  it('an OrderedReady StatefulSet creates the next pod only once the previous one is available', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(workload('StatefulSet', 'db', { replicas: 2, serviceName: 'db', minReadySeconds: 15 }));
    sim.runUntilSettled();
    const created = sim.snapshot().events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => [e.message.split(' ')[2], e.time]);
    const [t0] = started(sim, 'db-0');
    assert.deepEqual(created, [['db-0', 0], ['db-1', (t0 as number) + 16]]);
    assert.equal(status(sim, 'StatefulSet', 'db').availableReplicas, 2);
  });

  it('a DaemonSet reports its pods available only after minReadySeconds', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ ...workload('DaemonSet', 'agent', { minReadySeconds: 30 }), metadata: { name: 'agent' } });
    sim.advance(10);
    const t = Math.max(...started(sim, 'agent-'));
    until(sim, t + 1);
    const s = status(sim, 'DaemonSet', 'agent');
    assert.deepEqual([s.numberReady, s.numberAvailable, s.numberUnavailable], [2, 0, 2]);
    until(sim, t + 31);
    assert.deepEqual([status(sim, 'DaemonSet', 'agent').numberAvailable, status(sim, 'DaemonSet', 'agent').numberUnavailable], [2, 0]);
  });

  it('the node controller turns Ready False with a new transition time; the kubelet keeps the others', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(workload('Deployment', 'web', { replicas: 2 }));
    sim.runUntilSettled();
    sim.fail('worker-1');
    until(sim, 120);
    const pod = [...sim.internals.store.list('Pod')].find((p) => (p.spec as Json).nodeName === 'worker-1') as KubeObject;
    const conds = (pod.status as { conditions: Json[] }).conditions;
    const ready = conds.find((c) => c.type === 'Ready');
    const notReadyAt = sim.snapshot().events.find((e) => e.reason === 'NodeNotReady' && e.object?.kind === 'Pod')?.time ?? -1;
    assert.equal(ready?.status, 'False');
    assert.equal(ready?.lastTransitionTime, new Date(Date.UTC(2025, 0, 1) + notReadyAt * 1000).toISOString().replace('.000', ''));
    assert.notEqual(conds.find((c) => c.type === 'ContainersReady')?.lastTransitionTime, ready?.lastTransitionTime);
  });
});

describe('Service publishNotReadyAddresses', () => {
  it('lists a matching pod before it is Ready (the EndpointSlice controller: ready = publishNotReadyAddresses || IsPodReady)', () => {
    const sim = Simulation.preset('multi-worker');
    const probe = { exec: { command: ['cat', '/tmp/ready'] }, initialDelaySeconds: 300, periodSeconds: 10 };
    sim.apply({ ...workload('StatefulSet', 'db', { replicas: 1, serviceName: 'db', podManagementPolicy: 'Parallel' }), spec: { serviceName: 'db', replicas: 1, podManagementPolicy: 'Parallel', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', readinessProbe: probe }] } } } } as KubeObject);
    const service = (name: string, publish: boolean): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { clusterIP: 'None', publishNotReadyAddresses: publish, selector: { app: 'db' }, ports: [{ port: 80 }] } } as KubeObject);
    sim.apply(service('db', true));
    sim.apply(service('db-ready', false));
    sim.advance(30);
    const endpoints = (name: string): readonly string[] => sim.snapshot().services.find((s) => s.name === name)?.endpoints ?? [];
    assert.equal(sim.snapshot().pods[0]?.ready, false, 'the readiness probe has not passed yet');
    assert.equal(endpoints('db').length, 1, 'published before it is Ready');
    assert.deepEqual(endpoints('db-ready'), [], 'the usual Service waits for Ready');
    assert.equal(sim.snapshot().services.find((s) => s.name === 'db-ready')?.notReady, 1, 'listed, not ready');
    // The EndpointSlice lists the pod with its conditions (podToEndpoint): not ready, not serving, not terminating.
    const slice = [...sim.internals.store.list('EndpointSlice')].find((x) => x.metadata.labels?.['kubernetes.io/service-name'] === 'db-ready') as unknown as { endpoints: Json[] };
    assert.deepEqual(slice.endpoints.map((e) => e.conditions), [{ ready: false, serving: false, terminating: false }]);
    sim.delete('Pod', 'default', 'db-0');
    sim.advance(0); // the controllers act on the delete; nginx is still stopping
    const terminating = [...sim.internals.store.list('EndpointSlice')].find((x) => x.metadata.labels?.['kubernetes.io/service-name'] === 'db') as unknown as { endpoints: Json[] };
    assert.deepEqual(terminating.endpoints.map((e) => e.conditions), [{ ready: true, serving: false, terminating: true }], 'published: still ready while it terminates');
  });
});
