import * as assert from 'assert';
import { WorkspaceCluster, type LiveState } from '../../../src/core/live/workspaceCluster';

const deployment = (replicas: number | string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources: { requests: { cpu: 100m, memory: 128Mi } }
`;

const podsOn = (s: LiveState, node: string): string[] => s.view.nodes.find((n) => n.name === node)?.pods.map((p) => p.name) ?? [];
const allPods = (s: LiveState): string[] => s.view.nodes.flatMap((n) => n.pods.map((p) => `${n.name}/${p.name}`)).sort();

describe('WorkspaceCluster (the simulation behind the open manifests)', () => {
  it('schedules the Deployment\'s replicas onto the workers, never the tainted control plane', () => {
    const s = new WorkspaceCluster().sync([{ uri: 'file:///d.yaml', text: deployment(3) }]);
    assert.strictEqual(s.objects, 1);
    assert.deepStrictEqual(podsOn(s, 'control-plane'), []);
    assert.strictEqual(podsOn(s, 'worker-1').length + podsOn(s, 'worker-2').length, 3);
    assert.match(s.facts.replicas?.join('\n') ?? '', /Deployment default\/shop: 3\/3 ready/);
  });

  it('a file being typed (errors on the way to `replicas: 4`) keeps its running objects; the finished edit scales them', () => {
    const c = new WorkspaceCluster();
    const before = allPods(c.sync([{ uri: 'file:///d.yaml', text: deployment(3) }]));
    assert.strictEqual(before.length, 3);
    // Half-typed: the line holds `r` (an unknown field, refused as the API server's strict decoding does).
    const typing = c.sync([{ uri: 'file:///d.yaml', text: deployment(3).replace('  replicas: 3', '  r') }]);
    assert.ok((typing.diagnostics['file:///d.yaml'] ?? []).some((d) => d.severity === 'error'), 'the half-typed line is an error');
    assert.deepStrictEqual(allPods(typing), before, 'the Deployment and its pods are kept while the file has errors');
    const after = allPods(c.sync([{ uri: 'file:///d.yaml', text: deployment(4) }]));
    assert.strictEqual(after.length, 4);
    for (const p of before) assert.ok(after.includes(p), `${p} kept`);
    // Removing a document from a file without errors still deletes its objects.
    assert.deepStrictEqual(allPods(c.sync([{ uri: 'file:///d.yaml', text: '# nothing here\n' }])), []);
  });

  it('editing replicas 3 → 5 keeps the three running pods and schedules two more', () => {
    const c = new WorkspaceCluster();
    const before = allPods(c.sync([{ uri: 'file:///d.yaml', text: deployment(3) }]));
    const after = allPods(c.sync([{ uri: 'file:///d.yaml', text: deployment(5) }]));
    assert.strictEqual(after.length, 5);
    for (const p of before) assert.ok(after.includes(p), `${p} kept`);
  });

  it('closing the file deletes its objects and garbage-collects their pods', () => {
    const c = new WorkspaceCluster();
    c.sync([{ uri: 'file:///d.yaml', text: deployment(2) }]);
    const s = c.sync([]);
    assert.deepStrictEqual(allPods(s), []);
    assert.strictEqual(s.objects, 0);
  });

  it('a failed worker\'s pods come back on the other worker', () => {
    const c = new WorkspaceCluster();
    c.sync([{ uri: 'file:///d.yaml', text: deployment(4) }]);
    assert.strictEqual(c.fault('worker-1', true), null);
    const s = c.state(['file:///d.yaml']);
    assert.strictEqual(s.view.nodes.find((n) => n.name === 'worker-1')?.ready, false);
    const running = s.view.nodes.find((n) => n.name === 'worker-2')?.pods.filter((p) => p.phase === 'Running') ?? [];
    assert.strictEqual(running.length, 4);
    assert.match(c.fault('worker-9', true) ?? '', /worker-9/);
  });

  it('reports broken YAML at its position and still simulates the valid documents', () => {
    const text = `${deployment(2)}---\nkind: [unclosed\n`;
    const s = new WorkspaceCluster().sync([{ uri: 'file:///d.yaml', text }]);
    const diags = s.diagnostics['file:///d.yaml'] ?? [];
    assert.ok(diags.some((d) => d.severity === 'error' && d.range.start.line === 19), JSON.stringify(diags));
    assert.strictEqual(allPods(s).length, 2);
  });

  it('reads the topology from a kind config in the workspace', () => {
    const kind = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n  - role: control-plane\n  - role: control-plane\n  - role: worker\n';
    const s = new WorkspaceCluster().sync([{ uri: 'file:///kind.yaml', text: kind }]);
    assert.deepStrictEqual(s.view.nodes.map((n) => n.name), ['kind-control-plane', 'kind-control-plane2', 'kind-control-plane3', 'kind-worker']);
    assert.strictEqual(s.view.apiLoadBalancer, true);
  });

  it('switches to a preset and rebuilds the cluster from the same manifests', () => {
    const c = new WorkspaceCluster();
    c.sync([{ uri: 'file:///d.yaml', text: deployment(2) }]);
    c.setTopology('ha');
    const s = c.sync([{ uri: 'file:///d.yaml', text: deployment(2) }]);
    assert.deepStrictEqual(s.view.nodes.map((n) => n.name), ['control-plane-1', 'control-plane-2', 'control-plane-3', 'worker-1', 'worker-2']);
    assert.strictEqual(allPods(s).length, 2);
    assert.deepStrictEqual(s.view.etcd, { members: 3, healthy: 3, quorum: true });
  });

  it('hovers learn that etcd lost quorum when two of three control-plane nodes fail', () => {
    const c = new WorkspaceCluster('ha');
    c.sync([{ uri: 'file:///d.yaml', text: deployment(2) }]);
    assert.match(c.state([]).facts.etcd?.join('\n') ?? '', /3\/3 members healthy, quorum of 2 held/);
    c.fault('control-plane-1', true);
    assert.match(c.state([]).facts.etcd?.join('\n') ?? '', /2\/3 members healthy, quorum of 2 held/);
    c.fault('control-plane-2', true);
    const s = c.state([]);
    assert.match(s.facts.etcd?.join('\n') ?? '', /1\/3 members healthy, quorum of 2 lost: every write fails/);
    assert.deepStrictEqual(s.view.etcd, { members: 3, healthy: 1, quorum: false });
    assert.strictEqual(allPods(s).length, 2, 'running containers keep running');
  });

  it('is deterministic: the same edits give the same view', () => {
    const run = (): string => {
      const c = new WorkspaceCluster();
      c.sync([{ uri: 'file:///d.yaml', text: deployment(3) }]);
      c.fault('worker-2', true);
      return JSON.stringify(c.sync([{ uri: 'file:///d.yaml', text: deployment(4) }]));
    };
    assert.strictEqual(run(), run());
  });
});
