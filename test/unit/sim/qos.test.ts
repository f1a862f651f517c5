/** status.qosClass: set by kube-apiserver at create (ComputePodQOS), kept by the scheduler and the kubelet. */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { qosClassOf } from '../../../src/core/sim/qos';

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };
const container = (name: string, resources?: Resources): Record<string, unknown> => ({ name, image: 'nginx:1.27', ...(resources ? { resources } : {}) });
const pod = (name: string, containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers, ...extra } } as KubeObject);
const statusOf = (sim: Simulation, name: string): Record<string, unknown> => sim.internals.store.get('Pod', 'default', name)?.status as Record<string, unknown>;

describe('Pod QoS class (https://kubernetes.io/docs/tasks/configure-pod-container/quality-service-pod/)', () => {
  it('classifies the task page\'s four pods, and limits alone (requests default to them) as Guaranteed', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(pod('qos-demo', [container('qos-demo-ctr', { limits: { memory: '200Mi', cpu: '700m' }, requests: { memory: '200Mi', cpu: '700m' } })]));
    sim.apply(pod('qos-demo-2', [container('qos-demo-2-ctr', { limits: { memory: '200Mi' }, requests: { memory: '100Mi' } })]));
    sim.apply(pod('qos-demo-3', [container('qos-demo-3-ctr')]));
    sim.apply(pod('qos-demo-4', [container('qos-demo-4-ctr-1', { requests: { memory: '200Mi' } }), container('qos-demo-4-ctr-2')]));
    sim.apply(pod('limits-only', [container('c', { limits: { memory: '1Gi', cpu: '1' } })]));
    const want = { 'qos-demo': 'Guaranteed', 'qos-demo-2': 'Burstable', 'qos-demo-3': 'BestEffort', 'qos-demo-4': 'Burstable', 'limits-only': 'Guaranteed' };
    for (const [name, qos] of Object.entries(want)) assert.equal(statusOf(sim, name).qosClass, qos, name);
    sim.runUntilSettled();
    for (const [name, qos] of Object.entries(want)) {
      assert.equal(statusOf(sim, name).phase, 'Running', name);
      assert.equal(statusOf(sim, name).qosClass, qos, `${name}: the kubelet's status keeps it`);
    }
  });

  it('counts only cpu and memory above zero, summed over app and init containers', () => {
    const spec = (containers: Record<string, unknown>[], initContainers: Record<string, unknown>[] = []): Record<string, unknown> => ({ containers, initContainers });
    assert.equal(qosClassOf(spec([container('c', { requests: { 'ephemeral-storage': '1Gi' } })])), 'BestEffort', 'ephemeral-storage does not count');
    assert.equal(qosClassOf(spec([container('c', { requests: { cpu: '0' } })])), 'BestEffort', 'a zero request does not count');
    assert.equal(qosClassOf(spec([container('c', { limits: { cpu: '1', memory: '1Gi' } })], [container('i')])), 'Burstable', 'an init container without limits');
    assert.equal(qosClassOf(spec([container('a', { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '0.1', memory: '64Mi' } }), container('b', { limits: { cpu: '200m', memory: '64Mi' }, requests: { cpu: '0.2', memory: '64Mi' } })])), 'Guaranteed', '0.1 and 0.2 cores equal 100m and 200m (a sum that floating point would miss)');
    assert.equal(qosClassOf(spec([container('c', { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } })])), 'Burstable');
  });

  it('a new pod\'s status is what kube-apiserver sets, whatever the manifest carried', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ ...pod('p', [container('c')], { nodeSelector: { disk: 'ssd' } }), status: { phase: 'Running', podIP: '10.0.0.9', conditions: [{ type: 'Ready', status: 'True' }] } } as KubeObject);
    assert.deepEqual(statusOf(sim, 'p'), { phase: 'Pending', qosClass: 'BestEffort' });
    sim.runUntilSettled();
    const s = statusOf(sim, 'p');
    assert.equal(s.qosClass, 'BestEffort', 'an unschedulable pod keeps its class');
    assert.equal(s.podIP, undefined);
    assert.equal((s.conditions as { reason?: string }[])[0]?.reason, 'Unschedulable');
  });
});
