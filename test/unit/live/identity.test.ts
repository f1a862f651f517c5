import * as assert from 'assert';
import { addressOf, feedsCluster, identityKeys, uniqueDocuments } from '../../../src/core/live/identity';
import { WorkspaceCluster, type LiveState } from '../../../src/core/live/workspaceCluster';
import type { KubeObject } from '../../../src/core/manifests';

const deployment = (name: string, extra = '', replicas = 2): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extra}spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;
const generatedPod = (image: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: task-\nspec:\n  containers: [{name: c, image: ${image}}]\n`;
const pods = (s: LiveState): string[] => s.view.nodes.flatMap((n) => n.pods.map((p) => p.name)).sort();
const obj = (kind: string, metadata: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind, metadata });

describe('live cluster identity (issue 10)', () => {
  it('keys a namespaced object without a namespace as `default`, a cluster-scoped one with none', () => {
    assert.deepStrictEqual(addressOf(obj('Deployment', { name: 'web' })), { kind: 'Deployment', namespace: 'default', name: 'web' });
    assert.deepStrictEqual(addressOf(obj('Deployment', { name: 'web', namespace: 'shop' })), { kind: 'Deployment', namespace: 'shop', name: 'web' });
    assert.deepStrictEqual(addressOf(obj('Namespace', { name: 'shop' })), { kind: 'Namespace', namespace: undefined, name: 'shop' });
    assert.deepStrictEqual(addressOf(obj('ClusterRole', { name: 'r', namespace: 'ignored' })), { kind: 'ClusterRole', namespace: undefined, name: 'r' });
    assert.deepStrictEqual(identityKeys('file:///a.yaml', [obj('ConfigMap', { name: 'c' }), obj('ConfigMap', { name: 'c', namespace: 'default' })]), ['ConfigMap/default/c', 'ConfigMap/default/c']);
  });

  it('closing a.yaml keeps `web` that b.yaml still declares with namespace: default', () => {
    const c = new WorkspaceCluster();
    const a = { uri: 'file:///a.yaml', text: deployment('web') };
    const b = { uri: 'file:///b.yaml', text: deployment('web', '  namespace: default\n') };
    const both = c.sync([a, b]);
    assert.strictEqual(both.objects, 1, 'one object, declared twice');
    const kept = c.sync([b]);
    assert.strictEqual(pods(kept).length, 2, 'its pods keep running');
    assert.deepStrictEqual(pods(kept), pods(both));
  });

  it('a generateName object keeps its identity across edits of its document: no pod per edit', () => {
    const c = new WorkspaceCluster();
    const first = pods(c.sync([{ uri: 'file:///t.yaml', text: generatedPod('busybox:1.36') }]));
    assert.strictEqual(first.length, 1);
    assert.match(first[0] ?? '', /^task-[a-z0-9]{5}$/);
    for (const image of ['busybox:1.37', 'busybox:1.36', 'busybox:1.37']) {
      assert.deepStrictEqual(pods(c.sync([{ uri: 'file:///t.yaml', text: generatedPod(image) }])), first);
    }
    const two = pods(c.sync([{ uri: 'file:///t.yaml', text: `${generatedPod('busybox:1.36')}---\n${generatedPod('busybox:1.36')}` }]));
    assert.strictEqual(two.length, 2, 'a second generateName object in the document is a second object');
    assert.ok(two.includes(first[0] as string));
    assert.deepStrictEqual(pods(c.sync([])), [], 'closing the document deletes what it created');
  });

  it('feeds the cluster from file: and untitled: documents and the workspace\'s own virtual scheme only', () => {
    assert.ok(feedsCluster('file:///w/app.yaml'));
    assert.ok(feedsCluster('untitled:Untitled-1'));
    assert.ok(!feedsCluster('git:/w/app.yaml?%7B%22ref%22%3A%22HEAD%22%7D'), 'a git: view of HEAD is not a second copy');
    assert.ok(!feedsCluster('output:extension-output-kube-anatomy'));
    assert.ok(!feedsCluster('vscode-vfs://github/o/r/app.yaml'));
    assert.ok(feedsCluster('vscode-vfs://github/o/r/app.yaml', ['vscode-vfs']), 'a virtual workspace (the web build)');
    assert.ok(!feedsCluster('no-scheme'));
  });

  it('counts the same document open twice once (its last text)', () => {
    const docs = uniqueDocuments([{ uri: 'file:///b.yaml', text: '1' }, { uri: 'file:///a.yaml', text: 'a' }, { uri: 'file:///b.yaml', text: '2' }]);
    assert.deepStrictEqual(docs, [{ uri: 'file:///a.yaml', text: 'a' }, { uri: 'file:///b.yaml', text: '2' }]);
    const c = new WorkspaceCluster();
    const s = c.sync([{ uri: 'file:///a.yaml', text: deployment('web', '', 1) }, { uri: 'file:///a.yaml', text: deployment('web', '', 3) }]);
    assert.strictEqual(pods(s).length, 3);
  });
});
