import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { DAEMON_TOLERATIONS, daemonPodSpec, nodeShouldRun, targetNode } from '../../../src/core/sim/controllers/daemonPods';
import type { Json } from '../../../src/core/sim/types';

const node = (taints: Json[] = [], labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels }, spec: { taints } });
const container = (cpu = '100m', image = 'nginx:1.27'): Json => ({ name: 'c', image, resources: { requests: { cpu } } });

function workload(kind: 'DaemonSet' | 'StatefulSet', name: string, spec: Json = {}, podSpec: Json = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind, metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, ...spec, template: { metadata: { labels: { app: name } }, spec: { containers: [container()], ...podSpec } } },
  };
}
const pods = (sim: Simulation, prefix: string): { name: string; node: string | null; reason: string }[] =>
  sim.snapshot().pods.filter((p) => p.name.startsWith(prefix)).map((p) => ({ name: p.name, node: p.node, reason: p.reason }));

describe('DaemonSet placement (daemonPods.ts)', () => {
  it('adds the documented tolerations, network-unavailable only with hostNetwork', () => {
    const keys = (spec: Json): string[] => (spec.tolerations as Json[]).map((t) => `${t.key}:${t.effect}`);
    assert.deepEqual(keys(daemonPodSpec({}, 'n1')), [
      'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule']);
    assert.ok(keys(daemonPodSpec({ hostNetwork: true }, 'n1')).includes('node.kubernetes.io/network-unavailable:NoSchedule'));
    assert.ok(DAEMON_TOLERATIONS.every((t) => t.tolerationSeconds === undefined), 'never evicted');
  });

  it('replaces the required node affinity with a metadata.name matchFields term', () => {
    const spec = daemonPodSpec({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }] } } } }, 'worker-2');
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec };
    assert.deepEqual((spec.affinity as Json).nodeAffinity, { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-2'] }] }] } });
    assert.equal(targetNode(pod), 'worker-2');
  });

  it('NodeShouldRunDaemonPod: NoSchedule stops new pods only, NoExecute removes them, selectors must match', () => {
    const noSchedule = { key: 'x', effect: 'NoSchedule' };
    assert.deepEqual(nodeShouldRun(node([noSchedule]), {}), { shouldRun: false, shouldContinueRunning: true });
    assert.deepEqual(nodeShouldRun(node([{ key: 'x', effect: 'NoExecute' }]), {}), { shouldRun: false, shouldContinueRunning: false });
    assert.deepEqual(nodeShouldRun(node([noSchedule]), { tolerations: [{ key: 'x', operator: 'Exists' }] }), { shouldRun: true, shouldContinueRunning: true });
    assert.deepEqual(nodeShouldRun(node([{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), {}).shouldRun, true, 'tolerated by the daemon tolerations');
    assert.equal(nodeShouldRun(node([], { disk: 'hdd' }), { nodeSelector: { disk: 'ssd' } }).shouldContinueRunning, false);
    assert.equal(nodeShouldRun(node(), { nodeName: 'other' }).shouldRun, false);
  });
});

describe('DaemonSet controller', () => {
  it('keeps its pod on a failed node (never evicted); the node stops counting as desired', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(workload('DaemonSet', 'agent'));
    sim.runUntilSettled();
    sim.fail('worker-1');
    sim.runUntilSettled();
    assert.deepEqual(pods(sim, 'agent').map((p) => [p.node, p.reason]).sort(), [['worker-1', 'Running'], ['worker-2', 'Running']], 'tolerates unreachable:NoExecute forever');
    assert.deepEqual(sim.snapshot().workloads.map((w) => [w.desired, w.ready]), [[1, 1]], 'unreachable:NoSchedule is not tolerated: worker-1 is not desired');
  });

  it('runs on a cordoned node, and follows a node label change', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, spec: { unschedulable: true } });
    sim.apply(workload('DaemonSet', 'agent'));
    sim.apply(workload('DaemonSet', 'gpu', {}, { nodeSelector: { gpu: 'yes' } }));
    sim.runUntilSettled();
    assert.deepEqual(pods(sim, 'agent').map((p) => p.node).sort(), ['worker-1', 'worker-2'], 'node.kubernetes.io/unschedulable is tolerated');
    assert.deepEqual(pods(sim, 'gpu'), []);
    sim.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-2', labels: { gpu: 'yes' } } });
    sim.runUntilSettled();
    assert.deepEqual(pods(sim, 'gpu').map((p) => [p.node, p.reason]), [['worker-2', 'Running']]);
  });

  it('rolls a template change one node at a time (maxUnavailable 1)', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(workload('DaemonSet', 'agent', {}, { tolerations: [{ operator: 'Exists' }] }));
    sim.runUntilSettled();
    const before = pods(sim, 'agent').map((p) => p.name);
    sim.apply(workload('DaemonSet', 'agent', {}, { tolerations: [{ operator: 'Exists' }], containers: [container('100m', 'nginx:1.28')] }));
    let minReady = 3;
    for (let t = 0; t < 60; t++) {
      sim.advance(1);
      minReady = Math.min(minReady, sim.snapshot().pods.filter((p) => p.name.startsWith('agent') && p.ready && p.reason === 'Running').length);
    }
    const after = pods(sim, 'agent');
    assert.equal(after.length, 3);
    assert.ok(after.every((p) => !before.includes(p.name) && p.reason === 'Running'), 'every pod replaced');
    assert.equal(minReady, 2, 'never more than one node without its daemon');
  });
});

describe('StatefulSet controller', () => {
  it('OrderedReady: web-1 is not created while web-0 cannot run', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ ...workload('StatefulSet', 'web', { replicas: 3 }), spec: { ...workload('StatefulSet', 'web', { replicas: 3 }).spec as Json, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container('64')] } } } });
    sim.runUntilSettled();
    assert.deepEqual(pods(sim, 'web'), [{ name: 'web-0', node: null, reason: 'Pending' }]);
  });

  it('an evicted pod stays Terminating on its unreachable node (no replacement) until the node returns, then comes back with its name', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(workload('StatefulSet', 'db', { replicas: 2, podManagementPolicy: 'Parallel' }));
    sim.runUntilSettled();
    const lost = pods(sim, 'db').find((p) => p.node === 'worker-1')?.name ?? '';
    sim.fail('worker-1');
    sim.runUntilSettled();
    assert.deepEqual(pods(sim, lost), [{ name: lost, node: 'worker-1', reason: 'Terminating' }], 'at most one pod per identity');
    sim.heal('worker-1');
    sim.runUntilSettled();
    assert.equal(pods(sim, 'db').length, 2);
    assert.equal(pods(sim, lost)[0]?.reason, 'Running');
  });

  it('RollingUpdate replaces pods from the highest ordinal down, one at a time', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(workload('StatefulSet', 'web', { replicas: 3 }));
    sim.runUntilSettled();
    const updated = workload('StatefulSet', 'web', { replicas: 3 });
    (((updated.spec as Json).template as Json).spec as Json).containers = [container('100m', 'nginx:1.28')];
    sim.apply(updated);
    sim.runUntilSettled();
    const deletes = sim.snapshot().events.filter((e) => e.reason === 'SuccessfulDelete').map((e) => [e.message.split(' ')[2], e.time] as const);
    assert.deepEqual(deletes.map((d) => d[0]), ['web-2', 'web-1', 'web-0']);
    assert.ok(deletes[0][1] < deletes[1][1] && deletes[1][1] < deletes[2][1]);
    assert.equal(pods(sim, 'web').filter((p) => p.reason === 'Running').length, 3);
  });
});
