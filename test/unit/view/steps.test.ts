import * as assert from 'assert';
import { Simulation } from '../../../src/core/sim';
import { diffView } from '../../../src/core/view/delta';
import { toClusterView } from '../../../src/core/view/fromSnapshot';
import { pathHops } from '../../../src/core/view/steps';
import type { ViewStep } from '../../../src/shared/protocol';
import { applyDelta } from '../../../src/webview/model';

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop', namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: 'shop' } }, template: { metadata: { labels: { app: 'shop' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } };

function haSteps(): readonly ViewStep[] {
  const sim = Simulation.preset('ha');
  sim.apply(deployment);
  sim.runUntilSettled();
  return toClusterView(sim.snapshot()).steps ?? [];
}

const hops = (s: ViewStep | undefined): string[] => (s?.hops ?? []).map((h) => `${h.from}>${h.to}${h.port ? `:${h.port}` : ''}${h.kind === 'request' ? '' : ` (${h.kind})`}`);

describe('Cluster View steps of the process', () => {
  it('kubectl apply travels through the API load balancer :6443 to a kube-apiserver and into etcd :2379, then the controller-manager is told', () => {
    const apply = haSteps().find((s) => s.actor === 'kubectl');
    assert.deepStrictEqual(hops(apply), ['kubectl>api-lb:6443', 'api-lb>control-plane-1/kube-apiserver:6443', 'control-plane-1/kube-apiserver>control-plane-1/etcd:2379', 'control-plane-1/kube-apiserver>control-plane-1/kube-controller-manager (watch)']);
    assert.strictEqual(apply?.mark, 'apply');
    assert.match(apply?.text ?? '', /^kubectl sent Deployment default\/shop to the API server/);
  });

  it('a pod created by the ReplicaSet controller is delivered to kube-scheduler by a watch; the binding to the node\'s kubelet', () => {
    const steps = haSteps();
    const created = steps.find((s) => s.verb === 'SuccessfulCreate');
    assert.deepStrictEqual(hops(created).slice(-1), ['control-plane-1/kube-apiserver>control-plane-1/kube-scheduler (watch)']);
    const bound = steps.find((s) => s.verb === 'Scheduled');
    const target = / on (worker-\d)/.exec(bound?.text ?? '')?.[1];
    assert.ok(target, bound?.text);
    assert.strictEqual(bound?.actor, 'kube-scheduler');
    assert.deepStrictEqual(hops(bound).slice(-1), [`control-plane-1/kube-apiserver>${target}/kubelet (watch)`]);
    assert.match(bound?.text ?? '', /^kube-scheduler placed shop-[a-z0-9]+-[a-z0-9]+ on worker-\d/);
  });

  it('the kubelet asks containerd before it reports through the load balancer', () => {
    const pulling = haSteps().find((s) => s.verb === 'Pulling');
    const node = pulling?.node ?? '';
    assert.deepStrictEqual(hops(pulling).slice(0, 2), [`${node}/kubelet>${node}/containerd (local)`, `${node}/kubelet>api-lb:6443`]);
  });

  it('a fault is a marked step', () => {
    const sim = Simulation.preset('multi-worker');
    sim.runUntilSettled();
    sim.fail('worker-1');
    sim.runUntilSettled();
    const fault = (toClusterView(sim.snapshot()).steps ?? []).find((s) => s.mark === 'fault');
    assert.ok(fault && /^You stopped host worker-1/.test(fault.text), fault?.text);
  });

  it('reads ports and nodes from recorded paths', () => {
    assert.deepStrictEqual(pathHops({ path: ['kube-scheduler', 'kube-apiserver :6443 (cp-2)', 'etcd :2379'], node: 'cp-2' }).map((h) => `${h.from}>${h.to}:${h.port}`), ['cp-2/kube-scheduler>cp-2/kube-apiserver:6443', 'cp-2/kube-apiserver>cp-2/etcd:2379']);
    assert.deepStrictEqual(pathHops({ path: [], node: 'x' }), []);
  });
});

describe('Cluster View deltas', () => {
  it('sends only what changed, and applying it gives the new view', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(deployment);
    sim.runUntilSettled();
    const before = toClusterView(sim.snapshot());
    sim.fail('worker-1');
    sim.runUntilSettled();
    const after = toClusterView(sim.snapshot());
    const delta = diffView(before, after);
    assert.ok(delta);
    assert.ok(delta.nodes.some((n) => n.name === 'worker-1'));
    assert.ok(!('nodes' in delta.fields) && !('steps' in delta.fields));
    const { steps: _a, ...want } = after;
    assert.deepStrictEqual(applyDelta({ ...before, steps: undefined }, delta), { ...want, steps: undefined });
    assert.strictEqual(diffView(after, after), null, 'nothing changed, nothing sent');
  });

  it('follows nodes added, removed and reordered', () => {
    const base = toClusterView(Simulation.preset('multi-worker').snapshot());
    const grown = { ...base, nodes: [...base.nodes, { ...base.nodes[1]!, name: 'worker-3' }] };
    const shrunk = { ...base, nodes: base.nodes.filter((n) => n.name !== 'worker-1').reverse() };
    assert.deepStrictEqual(applyDelta(base, diffView(base, grown)!).nodes.map((n) => n.name), grown.nodes.map((n) => n.name));
    assert.deepStrictEqual(applyDelta(base, diffView(base, shrunk)!).nodes.map((n) => n.name), shrunk.nodes.map((n) => n.name));
  });
});

describe('Cluster View steps from the journal', () => {
  function journalSteps(): readonly ViewStep[] {
    const sim = Simulation.preset('ha');
    sim.apply(deployment);
    sim.runUntilSettled();
    return toClusterView(sim.snapshot(), sim.journal).steps ?? [];
  }

  it('animates kubectl\'s write along its recorded hops, and the watch that tells the controller-manager', () => {
    const steps = journalSteps();
    const apply = steps.find((s) => s.actor === 'kubectl' && s.verb === 'create');
    assert.deepStrictEqual(hops(apply), ['kubectl>api-lb:6443', 'api-lb>control-plane-1/kube-apiserver:6443', 'control-plane-1/kube-apiserver>control-plane-1/etcd:2379']);
    assert.strictEqual(apply?.mark, 'apply');
    const watch = steps.find((s) => s.seq === apply?.seq && s.verb === 'watch ADDED');
    assert.deepStrictEqual(hops(watch), ['control-plane-1/kube-apiserver>control-plane-1/kube-controller-manager:6443 (watch)']);
  });

  it('explains each scheduling decision with a verdict per node', () => {
    const decision = journalSteps().find((s) => s.verb === 'schedule');
    assert.match(decision?.text ?? '', /^kube-scheduler placed Pod default\/shop-\w+-\w+ on worker-\d: highest score/);
    const lines = decision?.detail ?? [];
    assert.strictEqual(lines.length, 5, 'one line per node');
    assert.ok(lines.some((l) => /^control-plane-1: rejected: node\(s\) had untolerated taint/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => / \(chosen\)$/.test(l)));
  });

  it('shows the kubelet asking containerd over CRI, without a port', () => {
    const pull = journalSteps().find((s) => s.verb === 'PullImage');
    assert.match(hops(pull)[0] ?? '', /^worker-\d\/kubelet>worker-\d\/containerd \(local\)$/);
  });
});
