import * as assert from 'assert';
import { Simulation, type PresetName } from '../../../src/core/sim';
import { toClusterView } from '../../../src/core/view/fromSnapshot';
import { studyGuideMultiWorker } from '../../../src/core/view/studyGuide';
import type { ClusterView, ViewPod } from '../../../src/shared/protocol';
import { layoutCluster, podShape, type Box, type Layout } from '../../../src/webview/layout';

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, b: Box): boolean => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const right = (b: Box): number => b.x + b.w;

const deployment = (replicas: number, lb = false): Parameters<Simulation['apply']>[0][] => [
  {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'shop' } }, template: { metadata: { labels: { app: 'shop' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '10m' } } }] } } },
  },
  ...(lb ? [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop', namespace: 'default' }, spec: { type: 'LoadBalancer', selector: { app: 'shop' }, ports: [{ port: 80 }] } }] : []),
];

function presetView(name: PresetName, replicas = 4, lb = true): ClusterView {
  const sim = Simulation.preset(name);
  for (const o of deployment(replicas, lb)) sim.apply(o);
  sim.runUntilSettled();
  return toClusterView(sim.snapshot());
}

function assertTidy(l: Layout): void {
  for (const n of l.nodes) for (const c of [...n.chips, ...n.pods]) assert.ok(inside(c.box, n.box), `${c.key} inside ${n.node.name}`);
  const boxes = [...l.nodes.map((n) => ({ id: n.node.name, box: n.box })), ...l.extras.map((x) => ({ id: x.id, box: x.box }))];
  for (const a of boxes) for (const b of boxes) if (a !== b) assert.ok(!overlaps(a.box, b.box), `${a.id} and ${b.id} overlap`);
  for (const a of boxes) assert.ok(right(a.box) <= l.width && a.box.y + a.box.h <= l.height, `${a.id} inside the drawing`);
}

describe('Cluster View layout', () => {
  it('multi-worker, as the study guide draws it: workstation, control plane, workers stacked, app load balancer, users, left to right', () => {
    const l = layoutCluster(presetView('multi-worker'));
    const [cp, w1, w2] = l.nodes;
    assert.deepStrictEqual(l.nodes.map((n) => n.node.name), ['control-plane', 'worker-1', 'worker-2']);
    const x = (id: string): Box => l.extras.find((e) => e.id === id)!.box;
    assert.ok(cp && w1 && w2);
    assert.ok(right(x('kubectl')) < cp.box.x && right(cp.box) < w1.box.x, 'workstation, control plane, workers');
    assert.ok(w1.box.x === w2.box.x && right(w1.box) <= w2.box.y + Infinity && w1.box.y + w1.box.h < w2.box.y, 'workers stacked');
    assert.ok(right(w1.box) < x('app-lb').x && right(x('app-lb')) < x('users').x, 'app load balancer, then users');
    assert.deepStrictEqual(cp.chips.map((c) => c.name).slice(0, 4), ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);
    assert.ok(l.edges.some((e) => e.from === 'kubectl' && e.to === 'control-plane/kube-apiserver' && e.label.includes(':6443')));
    assert.ok(l.edges.some((e) => e.from === 'worker-1/kubelet' && e.label === ':6443'));
    assertTidy(l);
  });

  it('HA: control-plane nodes stacked on the left, the API load balancer between them and the workstation, workers right, users far right', () => {
    const l = layoutCluster(presetView('ha'));
    const cps = l.nodes.filter((n) => n.control);
    const workers = l.nodes.filter((n) => !n.control);
    const x = (id: string): Box => l.extras.find((e) => e.id === id)!.box;
    assert.strictEqual(cps.length, 3);
    assert.ok(cps.every((n) => n.box.x === cps[0]!.box.x) && cps[0]!.box.y < cps[1]!.box.y && cps[1]!.box.y < cps[2]!.box.y, 'stacked');
    assert.ok(Math.max(...cps.map((n) => right(n.box))) < x('api-lb').x, 'load balancer right of the control plane');
    assert.ok(x('kubectl').y + x('kubectl').h <= x('api-lb').y && x('kubectl').x === x('api-lb').x, 'workstation above the load balancer');
    assert.ok(right(x('api-lb')) < Math.min(...workers.map((n) => n.box.x)), 'workers right of it');
    assert.ok(Math.max(...workers.map((n) => right(n.box))) < x('app-lb').x && right(x('app-lb')) < x('users').x);
    assert.strictEqual(l.edges.filter((e) => e.from === 'api-lb').length, 3, 'the load balancer reaches every kube-apiserver');
    assert.strictEqual(l.edges.filter((e) => e.kind === 'peer').length, 2, 'etcd members peer on :2380');
    assertTidy(l);
  });

  it('docker server and single node: the workstation reaches dockerd on :2376, or the one node\'s API server', () => {
    const docker = layoutCluster(presetView('docker-server', 2, false));
    assert.ok(docker.edges.some((e) => e.label === 'docker :2376'));
    assert.strictEqual(docker.nodes[0]?.role, 'docker-host');
    assertTidy(docker);
    const single = layoutCluster(presetView('single-node', 2));
    assert.strictEqual(single.nodes.length, 1);
    assert.ok(single.edges.some((e) => e.to === 'minikube/kube-apiserver'));
    assert.ok(single.edges.some((e) => e.from === 'app-lb' && e.to === 'minikube'), 'users reach the one node');
    assertTidy(single);
  });

  it('sizes everything from the editor\'s font: a bigger font gives bigger chips that still hold the longest name', () => {
    for (const font of [11, 13, 20]) {
      const l = layoutCluster(studyGuideMultiWorker(), { font });
      const chip = l.nodes[0]!.chips.find((c) => c.name === 'kube-controller-manager')!;
      assert.ok(chip.box.w >= 'kube-controller-manager'.length * 0.6 * font, `chip ${chip.box.w} at font ${font}`);
      assert.ok(chip.box.h >= font * 1.5);
    }
    assert.ok(layoutCluster(studyGuideMultiWorker(), { font: 20 }).width > layoutCluster(studyGuideMultiWorker(), { font: 13 }).width);
  });

  it('keeps pods inside their node and counts those it cannot draw', () => {
    const base = studyGuideMultiWorker();
    const pods: ViewPod[] = Array.from({ length: 80 }, (_, i) => ({ namespace: 'default', name: `web-${i}`, phase: 'Running', ready: true }));
    const view: ClusterView = { ...base, nodes: base.nodes.map((n) => (n.name === 'worker-1' ? { ...n, pods, podCount: 100 } : n)) };
    const l = layoutCluster(view);
    const w1 = l.nodes[1]!;
    assert.strictEqual(w1.pods.length + w1.hiddenPods, 100);
    assert.ok(w1.hiddenPods > 0);
    assertTidy(l);
  });

  it('draws a 50-node cluster whole, workers in several columns, nothing overlapping', () => {
    const base = studyGuideMultiWorker();
    const worker = base.nodes[1]!;
    const nodes = [base.nodes[0]!, ...Array.from({ length: 49 }, (_, i) => ({ ...worker, name: `w-${i}`, pods: Array.from({ length: 20 }, (_, j) => ({ namespace: 'd', name: `p-${i}-${j}`, phase: 'Running', ready: true })), podCount: 20 }))];
    const l = layoutCluster({ ...base, nodes });
    assert.strictEqual(l.nodes.length, 50);
    assert.ok(new Set(l.nodes.filter((n) => !n.control).map((n) => n.box.x)).size >= 5, 'several worker columns');
    assert.strictEqual(l.nodes.reduce((n, x) => n + x.pods.length, 0), 49 * 20);
    assertTidy(l);
  });

  it('puts pods no node holds in a pending tray that says how many there are', () => {
    const pending: ViewPod[] = Array.from({ length: 3 }, (_, i) => ({ namespace: 'default', name: `big-${i}`, phase: 'Pending', ready: false, message: '0/3 nodes are available' }));
    const l = layoutCluster({ ...studyGuideMultiWorker(), pending, pendingCount: 120 });
    const tray = l.extras.find((x) => x.id === 'pending')!;
    assert.strictEqual(tray.subtitle, '120 pods');
    assert.strictEqual((tray.pods?.length ?? 0) + (tray.hiddenPods ?? 0), 120);
    assertTidy(l);
  });

  it('gives every pod state its own shape, not only a colour', () => {
    const p = (phase: string, ready: boolean, status?: string): ViewPod => ({ namespace: 'd', name: 'p', phase, ready, ...(status ? { status } : {}) });
    const shapes = [p('Running', true), p('Running', false), p('Pending', false), p('Pending', false, 'ContainerCreating'), p('Terminating', true), p('Failed', false), p('Running', false, 'CrashLoopBackOff'), p('Succeeded', false)].map(podShape);
    assert.deepStrictEqual(shapes, ['running', 'starting', 'pending', 'starting', 'terminating', 'failed', 'failed', 'succeeded']);
  });

  it('anchors every component for the animation', () => {
    const l = layoutCluster(presetView('ha'));
    for (const id of ['kubectl', 'api-lb', 'control-plane-2/etcd', 'control-plane-1/kube-scheduler', 'worker-1/kubelet', 'worker-2/containerd', 'app-lb', 'users']) assert.ok(l.anchors.has(id), id);
  });
});
