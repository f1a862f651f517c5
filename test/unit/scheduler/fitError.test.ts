import { strict as assert } from 'node:assert';
import { Scheduler } from '../../../src/core/sim/scheduler';
import { formatNodesAvailable } from '../../../src/core/sim/scheduler/fitError';
import { bound, node, pod } from './helpers';

const CONTROL_PLANE = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('FailedScheduling message (FitError.Error(), v1.33)', () => {
  it('matches kube-scheduler for a tainted control plane and two full workers', () => {
    const s = new Scheduler();
    s.upsertNode(node('control-plane', { taints: [CONTROL_PLANE] }));
    s.upsertNode(node('worker-1', { cpu: '1' }));
    s.upsertNode(node('worker-2', { cpu: '1' }));
    const r = s.schedule(pod('big', { cpu: '2' }));
    assert.equal(r.nodeName, null);
    assert.equal(r.message,
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. '
      + 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
    assert.equal(r.evaluatedNodes, 3);
    assert.deepEqual(Object.keys(r.verdicts ?? {}).sort(), ['control-plane', 'worker-1', 'worker-2']);
  });

  it('counts each reason of a multi-reason node and sorts "<count> <reason>" as strings', () => {
    const s = new Scheduler();
    for (let i = 0; i < 10; i++) s.upsertNode(node(`small-${i}`, { cpu: '1', memory: '1Gi' }));
    s.upsertNode(node('tiny', { cpu: '1', memory: '8Gi' }));
    s.upsertNode(node('cordoned', { unschedulable: true }));
    s.upsertNode(node('cordoned-2', { unschedulable: true }));
    const r = s.schedule(pod('p', { cpu: '2', memory: '2Gi' }));
    // sort.Strings puts "10 ..." before "11 ..." before "2 ...".
    assert.equal(r.message,
      '0/13 nodes are available: 10 Insufficient memory, 11 Insufficient cpu, 2 node(s) were unschedulable. '
      + 'preemption: 0/13 nodes are available: 11 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
  });

  it('all nodes unresolvable: preemption is not helpful anywhere', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { labels: { disk: 'hdd' } }));
    const r = s.schedule(pod('p', { nodeSelector: { disk: 'ssd' } }));
    assert.equal(r.message, "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. "
      + 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });

  it('preemptionPolicy Never short-circuits the preemption message', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { cpu: '1' }));
    const r = s.schedule(pod('p', { cpu: '2', spec: { preemptionPolicy: 'Never' } }));
    assert.equal(r.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });

  it('anti-affinity rejections are Unschedulable (preemption is tried)', () => {
    const s = new Scheduler();
    s.upsertNode(node('a'));
    s.addPod(bound(pod('db-0', { labels: { app: 'db' } }), 'a'));
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
      { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    const r = s.schedule(pod('db-1', { labels: { app: 'db' }, spec: { affinity: anti } }));
    assert.equal(r.message, "0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules. "
      + 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  });

  it('an empty cluster gives ErrNoNodesAvailable', () => {
    const r = new Scheduler().schedule(pod('p'));
    assert.equal(r.message, 'no nodes available to schedule pods');
    assert.equal(r.nodeName, null);
  });

  it('formatNodesAvailable without reasons prints only the head', () => {
    assert.equal(formatNodesAvailable(0, new Map()), '0/0 nodes are available:');
  });
});
