import { strict as assert } from 'node:assert';
import { Scheduler } from '../../../src/core/sim/scheduler';
import { toleratesTaint } from '../../../src/core/sim/scheduler/taints';
import { bound, node, pod } from './helpers';

const CONTROL_PLANE = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function verdictsFor(nodes: ReturnType<typeof node>[], p: ReturnType<typeof pod>): Readonly<Record<string, string>> {
  const s = new Scheduler();
  nodes.forEach((n) => s.upsertNode(n));
  const r = s.schedule(p);
  assert.ok(r.verdicts);
  return r.verdicts;
}

describe('scheduler filters (kube-scheduler v1.33 reasons)', () => {
  it('NodeUnschedulable rejects a cordoned node unless the pod tolerates node.kubernetes.io/unschedulable', () => {
    const n = node('a', { unschedulable: true });
    assert.equal(verdictsFor([n], pod('p'))['a'], 'node(s) were unschedulable');
    const tolerant = pod('q', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    assert.match(verdictsFor([n], tolerant)['a'], /^fits \(score \d+\)$/);
  });

  it('NodeName rejects every other node', () => {
    const v = verdictsFor([node('a'), node('b')], pod('p', { nodeName: 'b' }));
    assert.equal(v['a'], "node(s) didn't match the requested node name");
    assert.match(v['b'], /^fits/);
  });

  it('TaintToleration names the first untolerated NoSchedule/NoExecute taint with braces', () => {
    const v = verdictsFor([
      node('cp', { taints: [CONTROL_PLANE] }),
      node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] }),
      node('soft', { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }),
    ], pod('p'));
    assert.equal(v['cp'], 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
    assert.equal(v['gpu'], 'node(s) had untolerated taint {dedicated: gpu}');
    assert.match(v['soft'], /^fits/, 'PreferNoSchedule does not filter');
  });

  it('NodeAffinity covers nodeSelector and required node affinity', () => {
    const nodes = [node('ssd', { labels: { disk: 'ssd' } }), node('hdd', { labels: { disk: 'hdd' } })];
    const bySelector = verdictsFor(nodes, pod('p', { nodeSelector: { disk: 'ssd' } }));
    assert.equal(bySelector['hdd'], "node(s) didn't match Pod's node affinity/selector");
    assert.match(bySelector['ssd'], /^fits/);
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }] },
    ] } } };
    const byAffinity = verdictsFor(nodes, pod('q', { spec: { affinity } }));
    assert.equal(byAffinity['ssd'], "node(s) didn't match Pod's node affinity/selector");
    assert.match(byAffinity['hdd'], /^fits/);
  });

  it('node affinity terms are ORed, expressions ANDed, and matchFields reads metadata.name', () => {
    const nodes = [node('a', { labels: { n: '5' } }), node('b', { labels: { n: '50' } }), node('c')];
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchExpressions: [{ key: 'n', operator: 'Gt', values: ['10'] }, { key: 'n', operator: 'Exists' }] },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['c'] }] },
    ] } } };
    const v = verdictsFor(nodes, pod('p', { spec: { affinity } }));
    assert.equal(v['a'], "node(s) didn't match Pod's node affinity/selector");
    assert.match(v['b'], /^fits/);
    assert.match(v['c'], /^fits/);
  });

  it('NodeResourcesFit reports every insufficient resource, pods first', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { cpu: '1', memory: '1Gi', pods: '1' }));
    s.addPod(bound(pod('x', { cpu: '500m', memory: '512Mi' }), 'a'));
    const r = s.schedule(pod('p', { cpu: '600m', memory: '600Mi' }));
    assert.equal(r.verdicts?.['a'], 'Too many pods, Insufficient cpu, Insufficient memory');
  });

  it('a pod without requests still needs a pod slot', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { pods: '1' }));
    assert.equal(s.schedule(pod('p')).nodeName, 'a');
    s.addPod(bound(pod('x'), 'a'));
    assert.equal(s.schedule(pod('q')).verdicts?.['a'], 'Too many pods');
  });

  it('the first rejecting plugin decides, in kube-scheduler order', () => {
    const n = node('a', { unschedulable: true, taints: [CONTROL_PLANE], labels: { x: 'y' }, cpu: '100m' });
    assert.equal(verdictsFor([n], pod('p', { cpu: '1', nodeSelector: { x: 'z' } }))['a'], 'node(s) were unschedulable');
    const n2 = node('b', { taints: [CONTROL_PLANE], cpu: '100m' });
    assert.equal(verdictsFor([n2], pod('q', { cpu: '1', nodeSelector: { x: 'z' } }))['b'],
      'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
  });

  it('a toleration with a matching key and effect lets the pod onto a tainted node', () => {
    const v = verdictsFor([node('cp', { taints: [CONTROL_PLANE] })],
      pod('p', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    assert.match(v['cp'], /^fits/);
  });
});

describe('toleration matching (core/v1 Toleration.ToleratesTaint)', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  const cases: [string, Parameters<typeof toleratesTaint>[0], boolean][] = [
    ['Equal with same value', { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, true],
    ['empty operator means Equal', { key: 'k', value: 'v' }, true],
    ['Equal with other value', { key: 'k', operator: 'Equal', value: 'w' }, false],
    ['Exists ignores value', { key: 'k', operator: 'Exists' }, true],
    ['empty key with Exists matches all', { operator: 'Exists' }, true],
    ['other key', { key: 'j', operator: 'Exists' }, false],
    ['other effect', { key: 'k', operator: 'Exists', effect: 'NoExecute' }, false],
    ['empty effect matches all effects', { key: 'k', operator: 'Exists', effect: '' }, true],
    ['unknown operator', { key: 'k', operator: 'Gt', value: 'v' }, false],
  ];
  for (const [name, toleration, expected] of cases) {
    it(name, () => assert.equal(toleratesTaint(toleration, taint), expected));
  }
});
