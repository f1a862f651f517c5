import { strict as assert } from 'node:assert';
import { Scheduler } from '../../../src/core/sim/scheduler';
import { bound, node, pod } from './helpers';

function antiAffinity(app: string, topologyKey = 'kubernetes.io/hostname', extra: Record<string, unknown> = {}) {
  return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
    { labelSelector: { matchLabels: { app } }, topologyKey, ...extra }] } };
}

describe('InterPodAffinity required anti-affinity', () => {
  it('keeps replicas of a workload on different hosts, then runs out of hosts', () => {
    const s = new Scheduler();
    ['a', 'b'].forEach((n) => s.upsertNode(node(n)));
    const mk = (name: string) => pod(name, { owner: 'db', labels: { app: 'db' }, spec: { affinity: antiAffinity('db') } });
    const p0 = mk('db-0');
    const r0 = s.schedule(p0);
    s.addPod(bound(p0, r0.nodeName ?? ''));
    const p1 = mk('db-1');
    const r1 = s.schedule(p1);
    assert.notEqual(r1.nodeName, r0.nodeName);
    s.addPod(bound(p1, r1.nodeName ?? ''));
    const r2 = s.schedule(mk('db-2'));
    assert.equal(r2.nodeName, null);
    assert.match(r2.message ?? '', /^0\/2 nodes are available: 2 node\(s\) didn't match pod anti-affinity rules\./);
  });

  it('honours existing pods\' anti-affinity against the incoming pod', () => {
    const s = new Scheduler();
    ['a', 'b'].forEach((n) => s.upsertNode(node(n)));
    s.addPod(bound(pod('loner', { labels: { app: 'loner' }, spec: { affinity: antiAffinity('noisy') } }), 'a'));
    const r = s.schedule(pod('noisy', { labels: { app: 'noisy' } }));
    assert.equal(r.nodeName, 'b');
    assert.equal(r.verdicts?.['a'], "node(s) didn't satisfy existing pods anti-affinity rules");
  });

  it('applies only within the term\'s namespaces (default: the pod\'s own)', () => {
    const s = new Scheduler();
    s.upsertNode(node('a'));
    s.addPod(bound(pod('other-ns', { namespace: 'team-b', labels: { app: 'db' } }), 'a'));
    assert.equal(s.schedule(pod('db', { labels: { app: 'db' }, spec: { affinity: antiAffinity('db') } })).nodeName, 'a');
    const all = antiAffinity('db', 'kubernetes.io/hostname', { namespaceSelector: {} });
    assert.equal(s.schedule(pod('db2', { labels: { app: 'db' }, spec: { affinity: all } })).nodeName, null);
  });

  it('uses the node label as the domain for other topology keys', () => {
    const s = new Scheduler();
    const zoned = (name: string, zone: string) => node(name, { labels: { 'topology.kubernetes.io/zone': zone } });
    [zoned('a1', 'a'), zoned('a2', 'a'), zoned('b1', 'b'), node('nozone')].forEach((n) => s.upsertNode(n));
    s.addPod(bound(pod('db-0', { labels: { app: 'db' } }), 'a1'));
    const r = s.schedule(pod('db-1', { labels: { app: 'db' }, spec: { affinity: antiAffinity('db', 'topology.kubernetes.io/zone') } }));
    assert.equal(r.verdicts?.['a2'], "node(s) didn't match pod anti-affinity rules");
    assert.match(r.verdicts?.['b1'] ?? '', /^fits/);
    assert.match(r.verdicts?.['nozone'] ?? '', /^fits/, 'a node without the topology label is in no domain');
  });

  it('counts pods bound before the term was first seen', () => {
    const s = new Scheduler();
    s.upsertNode(node('a'));
    s.upsertNode(node('b'));
    s.addPod(bound(pod('cache-0', { labels: { app: 'cache', tier: 'x' } }), 'b'));
    const sel = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{
      labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['cache'] }] }, topologyKey: 'kubernetes.io/hostname' }] } };
    assert.equal(s.schedule(pod('cache-1', { labels: { app: 'cache' }, spec: { affinity: sel } })).nodeName, 'a');
  });
});
