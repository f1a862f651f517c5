import * as assert from 'assert';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';

/** A kind Cluster config with one control-plane node and `nodes - 1` workers (https://kind.sigs.k8s.io/docs/user/configuration/#nodes). */
function kindConfig(nodes: number): string {
  const lines = ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', '- role: control-plane'];
  for (let i = 1; i < nodes; i++) lines.push('- role: worker');
  return `${lines.join('\n')}\n`;
}

describe('live facts of a large cluster (hover lines stay short)', () => {
  it('names five nodes in a "runs on" line and counts the others, stopped ones apart', () => {
    const cluster = new WorkspaceCluster();
    cluster.sync([{ uri: 'file:///kind.yaml', text: kindConfig(60) }]);
    assert.strictEqual(cluster.fault('kind-worker40', true), null);
    const facts = cluster.state(['file:///kind.yaml']).facts;
    const line = facts['kube-proxy']?.[1] ?? '';
    assert.match(line, /^on kind-control-plane \(running\), kind-worker \(running\), kind-worker2 \(running\), kind-worker3 \(running\), kind-worker4 \(running\), … and 55 more \(1 stopped\)$/);
    for (const [id, lines] of Object.entries(facts)) assert.ok(lines.join('\n').length < 2_000, `${id}: ${lines.join('\n').length} characters`);
  });

  it('names every node of a small cluster', () => {
    const cluster = new WorkspaceCluster();
    const facts = cluster.sync([{ uri: 'file:///kind.yaml', text: kindConfig(3) }]).facts;
    assert.strictEqual(facts['kube-proxy']?.[1], 'on kind-control-plane (running), kind-worker (running), kind-worker2 (running)');
  });
});

describe('editor facts of a large cluster', () => {
  it('carries the taints of tainted nodes only (the control plane\'s), not an empty list per worker', () => {
    const kind = ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', '- role: control-plane', ...Array.from({ length: 59 }, () => '- role: worker')].join('\n');
    const editor = new WorkspaceCluster().sync([{ uri: 'file:///kind.yaml', text: `${kind}\n` }]).editor;
    assert.deepStrictEqual(Object.keys(editor.taints), ['kind-control-plane']);
    assert.deepStrictEqual(editor.taints['kind-control-plane'], ['node-role.kubernetes.io/control-plane:NoSchedule']);
  });
});
