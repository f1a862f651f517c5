/**
 * Journal entries name the right actor, verb and network path for each kind of write
 * (ports from https://kubernetes.io/docs/reference/networking/ports-and-protocols/).
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import { journalSince, narrate } from '../../../src/core/sim/journal';
import type { JournalEntry, JournalHop, WriteEntry } from '../../../src/shared/journal';

function deployment(name: string, replicas: number): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } };
}

function entries(sim: Simulation, from = 0): JournalEntry[] {
  return journalSince(sim.journal, from, 10_000).entries;
}

function writes(sim: Simulation, from = 0): WriteEntry[] {
  return entries(sim, from).filter((e): e is WriteEntry => e.type === 'write');
}

/** "kubectl → api-load-balancer:6443 → kube-apiserver@control-plane-1:6443 → etcd@control-plane-1:2379". */
function route(path: readonly JournalHop[]): string {
  if (path.length === 0) return '';
  const at = (c: string, n?: string): string => (n ? `${c}@${n}` : c);
  return [at(path[0].from.component, path[0].from.node), ...path.map((h) => `${at(h.to.component, h.to.node)}${h.port === null ? '' : ':' + h.port}`)].join(' → ');
}

describe('journal: who wrote what, over which path', () => {
  let sim: Simulation;
  before(() => {
    sim = Simulation.preset('ha');
    sim.apply(deployment('shop', 2));
    sim.runUntilSettled();
  });

  it('kubectl create goes through the API load balancer to a kube-apiserver and its etcd', () => {
    const w = writes(sim).find((e) => e.object.kind === 'Deployment' && e.verb === 'create');
    assert.ok(w);
    assert.deepEqual(w.actor, { component: 'kubectl' });
    assert.equal(route(w.path), 'kubectl → api-load-balancer:6443 → kube-apiserver@control-plane-1:6443 → etcd@control-plane-1:2379');
    assert.equal(w.event?.reason, 'Created');
    assert.equal(w.revision, Number(sim.journal.record(w.seq)?.object?.metadata.resourceVersion));
  });

  it('the ReplicaSet controller creates the pods through its local kube-apiserver', () => {
    const w = writes(sim).filter((e) => e.object.kind === 'Pod' && e.verb === 'create');
    assert.equal(w.length, 2);
    for (const e of w) {
      assert.deepEqual(e.actor, { component: 'kube-controller-manager', node: 'control-plane-1', controller: 'replicaset-controller' });
      assert.equal(route(e.path), 'kube-controller-manager@control-plane-1 → kube-apiserver@control-plane-1:6443 → etcd@control-plane-1:2379');
      assert.deepEqual(e.changed, []);
    }
  });

  it('kube-scheduler binds each pod and journals its per-node verdicts first', () => {
    const binds = writes(sim).filter((e) => e.verb === 'bind');
    assert.equal(binds.length, 2);
    for (const b of binds) {
      assert.equal(b.actor.component, 'kube-scheduler');
      assert.ok(b.changed.includes('spec.nodeName'), b.changed.join());
      assert.equal(b.event?.reason, 'Scheduled');
    }
    const s = entries(sim).find((e) => e.type === 'schedule');
    assert.ok(s && s.type === 'schedule');
    assert.deepEqual(s.verdicts?.filter((v) => v.outcome === 'rejected').map((v) => v.node), ['control-plane-1', 'control-plane-2', 'control-plane-3']);
    assert.match(narrate(s), /^kube-scheduler placed Pod default\/shop-\S+ on worker-\d: highest score \(\d+\) of 2 feasible nodes; control-plane-1, control-plane-2, control-plane-3 skipped: node\(s\) had untolerated taint/);
  });

  it('the kubelet patches pod status through the load balancer, and its CRI calls go to containerd over the socket', () => {
    const w = writes(sim).filter((e) => e.verb === 'patchStatus' && e.object.kind === 'Pod');
    assert.ok(w.length >= 2);
    assert.equal(w[0].actor.component, 'kubelet');
    assert.equal(route(w[0].path), `kubelet@${w[0].actor.node} → api-load-balancer:6443 → kube-apiserver@control-plane-1:6443 → etcd@control-plane-1:2379`);
    assert.ok(w.some((e) => e.changed.includes('status.phase')));
    const cri = entries(sim).filter((e) => e.type === 'cri').map((e) => (e.type === 'cri' ? e.call : ''));
    assert.deepEqual([...new Set(cri)].sort(), ['CreateContainer', 'PullImage', 'StartContainer']);
    const pull = entries(sim).find((e) => e.type === 'cri');
    assert.ok(pull && pull.type === 'cri');
    assert.equal(pull.path[0].socket, 'unix:///run/containerd/containerd.sock');
  });

  it('watches deliver each change to the components that watch it', () => {
    const bind = writes(sim).find((e) => e.verb === 'bind') as WriteEntry;
    const watchers = entries(sim).filter((e) => e.type === 'watch' && e.writeSeq === bind.seq).map((e) => (e.type === 'watch' ? `${e.watcher.component}@${e.watcher.node}` : ''));
    assert.deepEqual(watchers, ['kube-scheduler@control-plane-1', 'kube-controller-manager@control-plane-1', `kubelet@${(sim.journal.record(bind.seq)?.object?.spec as { nodeName: string }).nodeName}`]);
  });

  it('a failed worker: node lifecycle taints it, taint eviction evicts its pods after 300 s', () => {
    const from = sim.journal.head;
    const node = (writes(sim).find((e) => e.verb === 'bind') as WriteEntry).event?.message.split(' to ')[1] as string;
    sim.fail(node);
    sim.advance(400);
    const after = entries(sim, from);
    assert.deepEqual(after[0], { ...after[0], type: 'fault', node, failed: true });
    const taint = after.find((e) => e.type === 'write' && e.object.kind === 'Node' && e.changed.includes('spec.taints'));
    assert.ok(taint && taint.type === 'write');
    assert.deepEqual(taint.actor, { component: 'kube-controller-manager', node: 'control-plane-1', controller: 'node-lifecycle-controller' });
    assert.equal(taint.verb, 'update');
    const evict = after.find((e) => e.type === 'write' && e.verb === 'evict');
    assert.ok(evict && evict.type === 'write');
    assert.equal(evict.actor.controller, 'taint-eviction-controller');
    assert.equal(evict.graceful, true);
    assert.equal(evict.time, taint.time + 300);
    assert.match(narrate(evict), /^kube-controller-manager \(taint-eviction-controller\) on control-plane-1 evicted Pod default\/shop-/);
  });

  it('the garbage collector deletes what a deleted owner owned', () => {
    const from = sim.journal.head;
    sim.delete('Deployment', 'default', 'shop');
    sim.runUntilSettled();
    const del = writes(sim, from).filter((e) => e.verb === 'delete');
    assert.deepEqual(del[0].actor, { component: 'kubectl' });
    const rs = del.find((e) => e.object.kind === 'ReplicaSet');
    assert.ok(rs);
    assert.deepEqual(rs.actor, { component: 'kube-controller-manager', node: 'control-plane-1', controller: 'garbage-collector' });
  });

  it('a write refused for lost etcd quorum is journalled with its path up to etcd', () => {
    const s = Simulation.preset('ha');
    s.fail('control-plane-2');
    s.fail('control-plane-3');
    const from = s.journal.head;
    s.apply(deployment('late', 1));
    const r = entries(s, from).find((e) => e.type === 'rejected');
    assert.ok(r && r.type === 'rejected');
    assert.equal(r.error, 'etcdserver: request timed out');
    assert.equal(r.path[r.path.length - 1].to.component, 'etcd');
    assert.equal(narrate(r), 'kube-apiserver refused kubectl\'s create of Deployment default/late: etcdserver: request timed out');
  });
});

describe('journal: the docker-server host has no API server', () => {
  it('journals dockerd running the containers, with no watch told by a kube-apiserver', () => {
    const sim = Simulation.preset('docker-server');
    sim.apply(deployment('shop', 2));
    sim.runUntilSettled();
    const all = entries(sim);
    assert.ok(all.length > 0);
    assert.deepEqual(all.filter((e) => e.type === 'watch'), []);
    const sentences = all.map(narrate);
    assert.deepEqual(sentences.filter((s) => s.includes('kube-apiserver')), []);
  });
});
