import { strict as assert } from 'node:assert';
import { Scheduler } from '../../../src/core/sim/scheduler';
import { bound, node, pod } from './helpers';

describe('scheduler cache (upsertNode/removeNode/addPod/removePod)', () => {
  it('removePod frees the resources it held', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { cpu: '1' }));
    const x = bound(pod('x', { cpu: '800m' }), 'a');
    s.addPod(x);
    assert.equal(s.schedule(pod('p', { cpu: '500m' })).nodeName, null);
    s.removePod(x);
    assert.equal(s.schedule(pod('p2', { cpu: '500m' })).nodeName, 'a');
  });

  it('re-adding a pod replaces it instead of counting it twice', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { cpu: '1' }));
    const x = bound(pod('x', { cpu: '600m' }), 'a');
    s.addPod(x);
    s.addPod(x);
    assert.equal(s.schedule(pod('p', { cpu: '400m' })).nodeName, 'a');
  });

  it('schedule does not change the cache', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { cpu: '1' }));
    assert.equal(s.schedule(pod('p', { cpu: '600m' })).nodeName, 'a');
    assert.equal(s.schedule(pod('q', { cpu: '600m' })).nodeName, 'a');
  });

  it('re-evaluates static filters when a node\'s labels or taints change', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { labels: { disk: 'hdd' } }));
    const wantsSsd = () => pod('p', { owner: 'rs', nodeSelector: { disk: 'ssd' } });
    assert.equal(s.schedule(wantsSsd()).nodeName, null);
    s.upsertNode(node('a', { labels: { disk: 'ssd' } }));
    assert.equal(s.schedule(wantsSsd()).nodeName, 'a');
    s.upsertNode(node('a', { labels: { disk: 'ssd' }, taints: [{ key: 'k', effect: 'NoSchedule' }] }));
    assert.equal(s.schedule(wantsSsd()).nodeName, null);
  });

  it('updates allocatable on upsert and forgets removed nodes', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { cpu: '1' }));
    assert.equal(s.schedule(pod('p', { cpu: '2' })).nodeName, null);
    s.upsertNode(node('a', { cpu: '4' }));
    assert.equal(s.schedule(pod('q', { cpu: '2' })).nodeName, 'a');
    s.removeNode('a');
    assert.equal(s.nodeCount(), 0);
    assert.equal(s.schedule(pod('r')).message, 'no nodes available to schedule pods');
  });

  it('counts pods bound to a node the scheduler has not seen yet once the node appears', () => {
    const s = new Scheduler();
    s.addPod(bound(pod('early', { cpu: '900m' }), 'late'));
    s.upsertNode(node('late', { cpu: '1' }));
    assert.equal(s.schedule(pod('p', { cpu: '500m' })).nodeName, null);
  });

  it('a removed and re-added node gets its pods back', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { cpu: '1' }));
    s.addPod(bound(pod('x', { cpu: '900m' }), 'a'));
    s.removeNode('a');
    s.upsertNode(node('b', { cpu: '1' }));
    s.upsertNode(node('a', { cpu: '1' }));
    assert.equal(s.schedule(pod('p', { cpu: '500m', nodeSelector: { 'kubernetes.io/hostname': 'a' } })).nodeName, null);
    assert.equal(s.schedule(pod('q', { cpu: '500m' })).nodeName, 'b');
  });

  it('replicas of one owner with different specs get different profiles', () => {
    const s = new Scheduler();
    s.upsertNode(node('a', { cpu: '1' }));
    assert.equal(s.schedule(pod('small', { owner: 'rs', cpu: '100m' })).nodeName, 'a');
    assert.equal(s.schedule(pod('big', { owner: 'rs', cpu: '2' })).nodeName, null);
    assert.equal(s.schedule(pod('small-again', { owner: 'rs', cpu: '100m' })).nodeName, 'a');
  });
});
