import assert from 'node:assert/strict';
import { WEB, runCli } from './helpers';

const run = runCli;

describe('kube-anatomy simulate (CLI)', () => {
  it('prints nodes, pods and events as kubectl does, and exits 0', () => {
    const r = run(['simulate', 'web.yaml'], { 'web.yaml': WEB });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    assert.match(r.out, /node\/worker-1\s+Ready\s+<none>/);
    assert.match(r.out, /default\s+pod\/web-\w+-\w+\s+1\/1\s+Running\s+0/);
    assert.match(r.out, /LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE/);
  });

  it('prints one JSON object with the documented top-level keys', () => {
    const r = run(['simulate', '--output', 'json', 'web.yaml'], { 'web.yaml': WEB });
    const j = JSON.parse(r.out) as Record<string, unknown>;
    for (const k of ['cluster', 'pods', 'workloads', 'services', 'events', 'errors']) assert.ok(k in j, k);
  });

  it('exits 2 with one line and the usage on usage errors', () => {
    for (const argv of [[], ['simulate'], ['simulate', '--bogus', 'x'], ['simulate', '--output', 'xml', 'x'], ['simulate', '--for', 'soon', 'x'], ['frobnicate'], ['simulate', '--topology']]) {
      const r = run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, /usage: kube-anatomy simulate/);
    }
    const bad = run(['simulate', '--fail', 'worker-9', 'web.yaml'], { 'web.yaml': WEB });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^kube-anatomy: --fail worker-9: unknown node "worker-9"/);
  });

  it('exits 1 for input errors, still simulates the valid documents, and prints file:line:column', () => {
    const text = `${WEB}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n    - name: x\n`;
    const r = run(['simulate', '--output', 'json', 'app.yaml', 'missing.yaml'], { 'app.yaml': text });
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out) as { pods: unknown[]; errors: { file: string; line: number; message: string }[] };
    assert.equal(j.pods.length, 2);
    assert.ok(j.errors.some((e) => e.file === 'app.yaml' && e.line === 23 && /image: Required value/.test(e.message)), JSON.stringify(j.errors));
    assert.ok(j.errors.some((e) => e.file === 'missing.yaml' && /cannot read file/.test(e.message)));
    assert.match(r.err, /^app\.yaml:23:\d+: Pod "broken" is invalid/m);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  });

  it('--fail NAME@S fails at that simulated second; --for bounds the run', () => {
    const r = run(['simulate', '--output', 'json', '--fail', 'worker-1@10', '--for', '30', 'web.yaml'], { 'web.yaml': WEB });
    const j = JSON.parse(r.out) as { time: number; cluster: { nodes: { name: string; up: boolean; ready: boolean }[] }; events: { reason: string; time: number }[] };
    assert.equal(j.time, 30);
    assert.equal(j.events.find((e) => e.reason === 'NodeDown')?.time, 10);
    const w1 = j.cluster.nodes.find((n) => n.name === 'worker-1');
    assert.deepEqual([w1?.up, w1?.ready], [false, true], 'still Ready in the API: the 50s grace period has not passed');
  });

  it('takes the topology from a kind config given with --topology FILE', () => {
    const kind = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: demo\nnodes:\n  - role: control-plane\n  - role: control-plane\n  - role: worker\n';
    const r = run(['simulate', '--output', 'json', '--topology', 'kind.yaml', 'web.yaml'], { 'kind.yaml': kind, 'web.yaml': WEB });
    const j = JSON.parse(r.out) as { cluster: { apiLoadBalancer: boolean; nodes: { name: string }[] } };
    assert.deepEqual(j.cluster.nodes.map((n) => n.name), ['demo-control-plane', 'demo-control-plane2', 'demo-worker']);
    assert.equal(j.cluster.apiLoadBalancer, true);
  });

  it('prints each workload kind as kubectl get does, in its own columns (kube-apiserver\'s printer columns)', () => {
    const ds = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n        - name: a\n          image: busybox:1.36\n';
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: a\n          image: busybox:1.36\n          command: [sh, -c, "sleep 3"]\n';
    const r = run(['simulate', 'web.yaml', 'ds.yaml', 'job.yaml'], { 'web.yaml': WEB, 'ds.yaml': ds, 'job.yaml': job });
    assert.match(r.out, /NAMESPACE\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndefault\s+deployment\.apps\/web\s+2\/2\s+2\s+2\s+\d+s\n/);
    assert.match(r.out, /NAMESPACE\s+NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\ndefault\s+daemonset\.apps\/agent\s+2\s+2\s+2\s+2\s+2\s+<none>\s+\d+s\n/);
    assert.match(r.out, /NAMESPACE\s+NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\ndefault\s+job\.batch\/once\s+Complete\s+1\/1\s+\d+s\s+\d+s\n/);
  });

  it('needs no workaround for kind configs, and warns about other tool configuration files instead of applying them', () => {
    const kind = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n  - role: worker\n';
    const kubeadm = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n';
    const r = run(['simulate', '--output', 'json', 'all.yaml'], { 'all.yaml': `${kind}---\n${kubeadm}---\n${WEB}` });
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { cluster: { nodes: { name: string }[] }; errors: { line: number; severity: string; message: string }[] };
    assert.deepEqual(j.cluster.nodes.map((n) => n.name), ['kind-control-plane', 'kind-worker']);
    assert.deepEqual(j.errors.map((e) => [e.line, e.severity, e.message]), [[7, 'warning', 'ClusterConfiguration (kubeadm.k8s.io/v1beta3) is a tool configuration file, not an API object: it is not simulated']]);
  });
});
