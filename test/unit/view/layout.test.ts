import * as assert from 'assert';
import { studyGuideMultiWorker } from '../../../src/core/view/studyGuide';
import type { ClusterView } from '../../../src/shared/protocol';
import { layoutCluster, type Box } from '../../../src/webview/layout';

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, b: Box): boolean => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

describe('Cluster View layout', () => {
  it('draws the study guide\'s multi-worker cluster: control plane above two workers, kubectl connected on :6443', () => {
    const l = layoutCluster(studyGuideMultiWorker());
    const [cp, w1, w2] = l.nodes;
    assert.deepStrictEqual(l.nodes.map((n) => n.node.name), ['control-plane', 'worker-1', 'worker-2']);
    assert.ok(cp && w1 && w2 && cp.box.y + cp.box.h < w1.box.y && w1.box.y === w2.box.y);
    assert.deepStrictEqual(cp.chips.map((c) => c.name).slice(0, 4), ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);
    assert.ok(l.edges.some((e) => e.label === ':6443'));
    assert.ok(!l.extras.some((e) => e.title === 'API load balancer'));
  });

  it('keeps every chip and pod inside its node and nodes apart', () => {
    const base = studyGuideMultiWorker();
    const pods = Array.from({ length: 100 }, (_, i) => ({ namespace: 'default', name: `web-${i}`, phase: 'Running', ready: true }));
    const view: ClusterView = { ...base, nodes: base.nodes.map((n) => (n.name === 'worker-1' ? { ...n, pods } : n)) };
    const l = layoutCluster(view);
    for (const n of l.nodes) for (const c of [...n.chips, ...n.pods]) assert.ok(inside(c.box, n.box), `${c.box.x},${c.box.y} in ${n.node.name}`);
    for (const a of l.nodes) for (const b of l.nodes) if (a !== b) assert.ok(!overlaps(a.box, b.box));
    assert.strictEqual(l.nodes[1]?.hiddenPods, 20);
  });

  it('puts an API load balancer in front of several control planes, and users behind an app load balancer', () => {
    const base = studyGuideMultiWorker();
    const cp = base.nodes[0]!;
    const view: ClusterView = { ...base, apiLoadBalancer: true, appLoadBalancer: true, nodes: [cp, { ...cp, name: 'cp-2' }, { ...cp, name: 'cp-3' }, ...base.nodes.slice(1)] };
    const l = layoutCluster(view);
    assert.deepStrictEqual(l.extras.map((e) => e.title), ['Workstation', 'API load balancer', 'Users', 'App load balancer']);
    assert.strictEqual(l.edges.filter((e) => e.kind === 'api').length, 1 + 3 + 2);
    assert.ok(l.width > 0 && l.height > 0);
  });
});
