/** The resourcequota controller's status (controllers/resourceQuota.ts): hard from the spec, used from the namespace. */
import assert from 'node:assert/strict';
import { presetTopology, Simulation, type KubeObject } from '../../../src/core/sim';

const NS = 'quota-mem-cpu-example';
const pod = (name: string, req: { cpu: string; memory: string }, lim: { cpu: string; memory: string }): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: NS },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: req, limits: lim } }] },
});

describe('ResourceQuota status', () => {
  it('the Configure Memory and CPU Quotas task: status.used follows the pods, as `kubectl get resourcequota -o yaml` shows', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    sim.apply({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'mem-cpu-demo', namespace: NS }, spec: { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' } } });
    const status = (): unknown => sim.internals.store.get('ResourceQuota', NS, 'mem-cpu-demo')?.status;
    sim.runUntilSettled();
    assert.deepEqual(status(), { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' },
      used: { 'limits.cpu': '0', 'limits.memory': '0', 'requests.cpu': '0', 'requests.memory': '0' } });
    sim.apply(pod('quota-mem-cpu-demo', { cpu: '400m', memory: '600Mi' }, { cpu: '800m', memory: '800Mi' }));
    sim.runUntilSettled();
    assert.deepEqual((status() as { used: unknown }).used, { 'limits.cpu': '800m', 'limits.memory': '800Mi', 'requests.cpu': '400m', 'requests.memory': '600Mi' });
    // The task's second pod would take requests.memory to 1300Mi: refused, and the status does not move.
    const refused = sim.apply(pod('quota-mem-cpu-demo-2', { cpu: '400m', memory: '700Mi' }, { cpu: '800m', memory: '1Gi' }));
    assert.match(refused.error ?? '', /exceeded quota: mem-cpu-demo, requested: requests\.memory=700Mi, used: requests\.memory=600Mi, limited: requests\.memory=1Gi/);
    sim.delete('Pod', NS, 'quota-mem-cpu-demo');
    sim.runUntilSettled();
    assert.deepEqual((status() as { used: unknown }).used, { 'limits.cpu': '0', 'limits.memory': '0', 'requests.cpu': '0', 'requests.memory': '0' });
  });
});
