import * as assert from 'assert';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';

const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n  namespace: default\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: shop}\n  template:\n    metadata:\n      labels: {app: shop}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n';
const docs = [{ uri: 'file:///shop.yaml', text: manifest }];

const pods = (c: WorkspaceCluster): number => c.state(['file:///shop.yaml']).view.nodes.reduce((n, x) => n + x.podCount, 0);

describe('Cluster View actions on the workspace cluster', () => {
  it('scales a workload applied from a manifest, and a later edit of the manifest wins again', () => {
    const c = new WorkspaceCluster('multi-worker');
    c.sync(docs);
    assert.strictEqual(c.viewAction({ kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'shop' }, replicas: 5 }), null);
    assert.strictEqual(pods(c), 5);
    c.sync([{ uri: 'file:///shop.yaml', text: manifest.replace('replicas: 2', 'replicas: 3') }]);
    assert.strictEqual(pods(c), 3);
    assert.match(c.viewAction({ kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'nope' }, replicas: 1 }) ?? '', /not applied from an open manifest/);
  });

  it('adds a worker and removes it; refuses to remove a control-plane node', () => {
    const c = new WorkspaceCluster('multi-worker');
    c.sync(docs);
    assert.strictEqual(c.viewAction({ kind: 'addWorker' }), null);
    assert.deepStrictEqual(c.state([]).view.nodes.map((n) => n.name), ['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    assert.strictEqual(c.viewAction({ kind: 'removeWorker', node: 'worker-3' }), null);
    assert.deepStrictEqual(c.state([]).view.nodes.map((n) => n.name), ['control-plane', 'worker-1', 'worker-2']);
    assert.match(c.viewAction({ kind: 'removeWorker', node: 'control-plane' }) ?? '', /control-plane node/);
  });

  it('shows an earlier moment: right after the apply no pod is running yet', () => {
    const c = new WorkspaceCluster('multi-worker');
    c.sync(docs);
    const past = c.viewAt(0);
    assert.ok(typeof past !== 'string', String(past));
    const now = c.viewAt(null);
    assert.ok(typeof now !== 'string');
    const running = (v: typeof now): number => (typeof v === 'string' ? -1 : v.nodes.flatMap((n) => n.pods).filter((p) => p.phase === 'Running' && p.ready).length);
    assert.strictEqual(running(past), 0);
    assert.strictEqual(running(now), 2);
    assert.ok(past.time < now.time);
  });
});
