import { strict as assert } from 'node:assert';
import { Scheduler } from '../../../src/core/sim/scheduler';
import type { SchedPod, TopologySpreadConstraint } from '../../../src/core/sim/scheduler/types';
import { bound, node, pod } from './helpers';

const CP_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function spread(extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint[] {
  return [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra }];
}

/** Schedules `count` replicas one after another, binding each; returns the node of each (null = Pending). */
function place(s: Scheduler, count: number, mk: (i: number) => SchedPod): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const p = mk(i);
    const r = s.schedule(p);
    out.push(r.nodeName);
    if (r.nodeName) s.addPod(bound(p, r.nodeName));
  }
  return out;
}

function kindCluster(): Scheduler {
  const s = new Scheduler();
  s.upsertNode(node('control-plane', { taints: [CP_TAINT] }));
  s.upsertNode(node('worker-1'));
  s.upsertNode(node('worker-2'));
  return s;
}

describe('PodTopologySpread', () => {
  it('counts the tainted control plane as an empty domain by default (nodeTaintsPolicy Ignore): the third replica waits', () => {
    const s = kindCluster();
    const mk = (i: number) => pod(`web-${i}`, { owner: 'web', labels: { app: 'web' }, spec: { topologySpreadConstraints: spread() } });
    assert.deepEqual(place(s, 2, mk).sort(), ['worker-1', 'worker-2']);
    const r = s.schedule(mk(2));
    assert.equal(r.nodeName, null);
    assert.equal(r.message, "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
      + "2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: "
      + '1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
  });

  it('leaves the tainted node out of the domains with nodeTaintsPolicy Honor', () => {
    const s = kindCluster();
    const mk = (i: number) => pod(`web-${i}`, { owner: 'web', labels: { app: 'web' }, spec: { topologySpreadConstraints: spread({ nodeTaintsPolicy: 'Honor' }) } });
    const nodes = place(s, 4, mk);
    assert.ok(nodes.every((n) => n !== null));
    assert.equal(nodes.filter((n) => n === 'worker-1').length, 2);
  });

  it('honours the pod\'s node affinity when counting domains (nodeAffinityPolicy Honor, the default)', () => {
    const s = kindCluster();
    s.upsertNode(node('worker-3', { labels: { pool: 'b' } }));
    const sel = { pool: 'a' };
    ['worker-1', 'worker-2'].forEach((n) => s.upsertNode(node(n, { labels: sel })));
    const mk = (policy?: string) => (i: number) => pod(`web-${i}`, { owner: 'web', labels: { app: 'web' }, nodeSelector: sel,
      tolerations: [{ key: CP_TAINT.key, operator: 'Exists' }], spec: { topologySpreadConstraints: spread(policy ? { nodeAffinityPolicy: policy } : {}) } });
    assert.ok(place(s, 4, mk()).every((n) => n !== null));
    const s2 = kindCluster();
    s2.upsertNode(node('worker-3', { labels: { pool: 'b' } }));
    ['worker-1', 'worker-2'].forEach((n) => s2.upsertNode(node(n, { labels: sel })));
    // Ignore: control-plane and worker-3 are empty domains the pod can never reach, so only one pod per worker.
    assert.deepEqual(place(s2, 3, mk('Ignore')).filter((n) => n === null).length, 1);
  });

  it('treats the global minimum as 0 while there are fewer domains than minDomains', () => {
    const s = new Scheduler();
    ['a', 'b'].forEach((n) => s.upsertNode(node(n)));
    const mk = (i: number) => pod(`web-${i}`, { owner: 'web', labels: { app: 'web' }, spec: { topologySpreadConstraints: spread({ minDomains: 3 }) } });
    assert.deepEqual(place(s, 3, mk).map((n) => n === null), [false, false, true]);
  });

  it('rejects nodes without the topology key as unresolvable', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }));
    s.upsertNode({ ...node('b'), metadata: { name: 'b', labels: {} } });
    const r = s.schedule(pod('web', { labels: { app: 'web' }, spec: { topologySpreadConstraints: spread({ topologyKey: 'topology.kubernetes.io/zone' }) } }));
    assert.equal(r.nodeName, 'a');
    assert.equal(r.verdicts?.b, "node(s) didn't match pod topology spread constraints (missing required label)");
  });

  it('spreads by zone', () => {
    const s = new Scheduler();
    s.upsertNode(node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }));
    s.upsertNode(node('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }));
    s.upsertNode(node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }));
    const mk = (i: number) => pod(`web-${i}`, { owner: 'web', labels: { app: 'web' }, spec: { topologySpreadConstraints: spread({ topologyKey: 'topology.kubernetes.io/zone' }) } });
    const nodes = place(s, 4, mk);
    assert.equal(nodes.filter((n) => n === 'b1').length, 2);
  });

  it('matchLabelKeys narrow the selector to the pod\'s own value (one rollout revision at a time)', () => {
    const s = new Scheduler();
    ['a', 'b'].forEach((n) => s.upsertNode(node(n)));
    s.addPod(bound(pod('old-0', { labels: { app: 'web', 'pod-template-hash': 'old' } }), 'a'));
    s.addPod(bound(pod('old-1', { labels: { app: 'web', 'pod-template-hash': 'old' } }), 'a'));
    const c = spread({ matchLabelKeys: ['pod-template-hash'] });
    const mk = (i: number) => pod(`new-${i}`, { owner: 'new', labels: { app: 'web', 'pod-template-hash': 'new' }, spec: { topologySpreadConstraints: c } });
    assert.deepEqual(place(s, 2, mk).sort(), ['a', 'b']);
  });

  it('ScheduleAnyway scores but never rejects', () => {
    const s = new Scheduler();
    ['a', 'b'].forEach((n) => s.upsertNode(node(n)));
    const mk = (i: number) => pod(`web-${i}`, { labels: { app: 'web' }, nodeSelector: i < 3 ? { 'kubernetes.io/hostname': 'a' } : undefined,
      spec: { topologySpreadConstraints: spread({ whenUnsatisfiable: 'ScheduleAnyway' }) } });
    assert.deepEqual(place(s, 4, mk), ['a', 'a', 'a', 'b']);
  });

  it('applies the cluster default zone constraint (maxSkew 5) to a ReplicaSet\'s pods when nodes carry zones', () => {
    const s = new Scheduler();
    s.upsertNode(node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }));
    s.upsertNode(node('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }));
    s.upsertNode(node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }));
    const nodes = place(s, 4, (i) => pod(`web-${i}`, { owner: 'web', labels: { app: 'web' } }));
    assert.equal(nodes.filter((n) => n === 'b1').length, 2, nodes.join());
  });
});
