import { strict as assert } from 'node:assert';
import { Scheduler } from '../../../src/core/sim/scheduler';
import { bound, node, pod } from './helpers';

const affinity = (app: string, topologyKey = 'kubernetes.io/hostname') => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
  { labelSelector: { matchLabels: { app } }, topologyKey }] } });

describe('InterPodAffinity required affinity', () => {
  it('places the pod where a selected pod runs, and fails elsewhere as unresolvable', () => {
    const s = new Scheduler();
    ['a', 'b', 'c'].forEach((n) => s.upsertNode(node(n)));
    s.addPod(bound(pod('cache', { labels: { app: 'cache' } }), 'b'));
    const r = s.schedule(pod('web', { labels: { app: 'web' }, spec: { affinity: affinity('cache') } }));
    assert.equal(r.nodeName, 'b');
    assert.equal(r.verdicts?.a, "node(s) didn't match pod affinity rules");
  });
  it('waits when nothing matches, unless the pod matches its own terms (first of a group)', () => {
    const s = new Scheduler();
    ['a', 'b'].forEach((n) => s.upsertNode(node(n)));
    const r = s.schedule(pod('web', { labels: { app: 'web' }, spec: { affinity: affinity('cache') } }));
    assert.equal(r.message, "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    assert.ok(s.schedule(pod('self', { labels: { app: 'cache' }, spec: { affinity: affinity('cache') } })).nodeName);
  });
  it('counts a whole zone as the domain', () => {
    const s = new Scheduler();
    s.upsertNode(node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }));
    s.upsertNode(node('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }));
    s.upsertNode(node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }));
    s.addPod(bound(pod('cache', { labels: { app: 'cache' } }), 'a1'));
    const r = s.schedule(pod('web', { labels: { app: 'web' }, spec: { affinity: affinity('cache', 'topology.kubernetes.io/zone') } }));
    assert.ok(r.nodeName === 'a1' || r.nodeName === 'a2');
    assert.equal(r.verdicts?.b1, "node(s) didn't match pod affinity rules");
  });
  it('preferred affinity pulls the pod toward selected pods, preferred anti-affinity pushes it away', () => {
    const s = new Scheduler();
    ['a', 'b'].forEach((n) => s.upsertNode(node(n)));
    s.addPod(bound(pod('cache', { labels: { app: 'cache' } }), 'b'));
    const term = { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' } };
    assert.equal(s.schedule(pod('near', { spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term] } } } })).nodeName, 'b');
    assert.equal(s.schedule(pod('far', { spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term] } } } })).nodeName, 'a');
  });
});

describe('NodePorts', () => {
  const withPort = (name: string, hostPort: number, hostIP?: string) => pod(name, { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort, ...(hostIP ? { hostIP } : {}) }] }] } });
  it('keeps two pods asking for the same hostPort off one node', () => {
    const s = new Scheduler();
    s.upsertNode(node('a'));
    s.addPod(bound(withPort('first', 8080), 'a'));
    const r = s.schedule(withPort('second', 8080));
    assert.equal(r.message, "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
    assert.equal(s.schedule(withPort('other-port', 8081)).nodeName, 'a');
    s.addPod(bound(withPort('ip-a', 9090, '10.0.0.1'), 'a'));
    assert.equal(s.schedule(withPort('ip-b', 9090, '10.0.0.2')).nodeName, 'a', 'different host IPs do not conflict');
    assert.equal(s.schedule(withPort('any-ip', 9090)).nodeName, null, '0.0.0.0 conflicts with every IP');
  });
});
