import assert from 'node:assert/strict';
import { parseManifests } from '../../../src/core/manifests';
import { MAX_NODES, MAX_PODS, presetTopology, Simulation, topologyLimitError, type KubeObject } from '../../../src/core/sim';
import { nodeSpecFromObject } from '../../../src/core/sim/topology/fromObjects';
import { kindConfigOverLimit } from '../../../src/core/manifests/kindConfig';
import { LineIndex } from '../../../src/core/manifests/lines';
import { runCli } from '../cli/helpers';

const DEPLOY = (name: string, replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: nginx}]}
`;

describe('bounded everything: the cluster-wide pod limit and the node limit', () => {
  it('an object with 200,000 invalid labels is refused with the API server\'s message, not a stack overflow', () => {
    const labels: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) labels[`-bad${i}`] = 'x';
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    const r = sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as KubeObject);
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /^Pod "p" is invalid: \[metadata\.labels: Invalid value: "-bad0": name part must consist of/);
    assert.doesNotMatch(r.error ?? '', /Maximum call stack|internal error/);
  });

  it('the limits are well above the 150,000-pod / 5,000-node benchmark', () => {
    assert.ok(MAX_PODS >= 2 * 150_000);
    assert.ok(MAX_NODES >= 4 * 5_000);
  });

  it('pods beyond the pod limit are refused with FailedCreate and one error naming the owner, at its source', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.internals.api.podLimit = 5;
    const text = DEPLOY('a', 3) + '---\n' + DEPLOY('b', 4);
    for (const s of parseManifests(text, 'in.yaml').objects) sim.apply(s.object, { file: 'in.yaml', line: s.range.start.line, column: s.range.start.column });
    sim.runUntilSettled();
    const snap = sim.snapshot();
    assert.equal(snap.pods.length, 5);
    const failed = snap.events.filter((e) => e.reason === 'FailedCreate');
    assert.ok(failed.length > 0);
    assert.match(failed[0].message, /^Error creating: pods "b-[\w-]+" is forbidden: the simulator's cluster-wide limit of 5 pods is reached$/);
    const errors = snap.errors.filter((e) => /cluster-wide limit/.test(e.message));
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /^ReplicaSet default\/b-\w+: pods beyond the simulator's cluster-wide limit of 5 pods are refused/);
    assert.equal(errors[0].line, 11, 'at the Deployment that owns the ReplicaSet');
  });

  it('a kind config above the node limit is refused at once, before parsing, at the node that passes the limit', function () {
    this.timeout(60_000);
    const text = 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n- role: control-plane\n' + '- role: worker\n'.repeat(MAX_NODES);
    const t0 = performance.now();
    const r = runCli(['simulate', 'kind.yaml'], { 'kind.yaml': text });
    assert.equal(r.code, 1);
    // Item 20,001 is on line 3 + 20,001.
    assert.match(r.err, /^kind\.yaml:20004:1: kind Cluster config: 20001 nodes is more than the simulator's limit of 20000/m);
    assert.ok(performance.now() - t0 < 20_000, 'refused without building 20,001 hosts');
    assert.equal(topologyLimitError(parseManifests('apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\n', 'k').objects.map((s) => s.object)), null);
  });

  it('the pre-parse check refuses one node over the limit and accepts a config at the limit', () => {
    const config = (n: number, indent = ''): string => `kind: Cluster\napiVersion: "kind.x-k8s.io/v1alpha4"\nnodes:\n${`${indent}- role: worker\n${indent}  labels: {a: b}\n`.repeat(n - 1)}${indent}- role: control-plane\n`;
    assert.equal(kindConfigOverLimit(config(MAX_NODES)), null);
    const over = kindConfigOverLimit(config(MAX_NODES + 1, '  '));
    assert.match(over?.message ?? '', /^kind Cluster config: 20001 nodes is more than the simulator's limit of 20000 \(Kubernetes supports clusters of up to 5,000 nodes\); it is not simulated$/);
    assert.deepEqual(over && new LineIndex(config(MAX_NODES + 1, '  ')).position(over.at), { line: 3 + 2 * MAX_NODES + 1, column: 3 }, 'the node that passes the limit');
    assert.equal(kindConfigOverLimit(config(MAX_NODES + 1).replace('kind: Cluster', 'kind: Other')), null, 'only a kind config');
  });

  it('--topology FILE: a kind config above the limit is a usage error with its position', () => {
    const text = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n' + '- role: worker\n'.repeat(MAX_NODES + 5) + '- role: control-plane\n';
    const t0 = performance.now();
    const r = runCli(['simulate', '--topology', 'big.yaml', 'app.yaml'], { 'big.yaml': text, 'app.yaml': DEPLOY('a', 1) });
    assert.equal(r.code, 2);
    assert.match(r.err, /^kube-anatomy: --topology big\.yaml:20004:1: kind Cluster config: 20006 nodes is more than the simulator's limit of 20000 /);
    assert.ok(performance.now() - t0 < 5_000, `refused in ${Math.round(performance.now() - t0)} ms`);
  });

  it('the documents beside a refused kind config are still read, and Node objects do not become the topology', () => {
    const kind = 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n' + '- role: worker\n'.repeat(MAX_NODES + 1);
    const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n';
    const text = DEPLOY('a', 2) + '---\n' + kind + '---\n' + node + '---\n' + DEPLOY('b', 1) + 'bad: [\n';
    const r = runCli(['simulate', 'all.yaml'], { 'all.yaml': text });
    assert.equal(r.code, 1);
    assert.match(r.err, /^all\.yaml:20014:1: kind Cluster config: 20001 nodes/m, 'DEPLOY is 9 lines, then ---, 3 lines of header, and item 20,001');
    // The last document's error keeps its own line: the refused document was emptied, not removed.
    const small = DEPLOY('b', 1) + 'bad: [\n';
    assert.equal(parseManifests(small, 'x').diagnostics.find((d) => d.code === 'yaml-syntax')?.range.start.line, small.split('\n').length, 'the unclosed [ is reported on the last line');
    assert.match(r.err, new RegExp(`^all\\.yaml:${text.split('\n').length}:1: YAML syntax error`, 'm'));
    assert.match(r.out, /pod\/a-/);
    assert.doesNotMatch(r.out, /node\/n1/);
    assert.match(r.out, /node\/worker-1 /, 'the default topology');
  });
});

describe('Node objects are validated as kube-apiserver validates them (validateNodeTaints)', () => {
  const node = (taints: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints } }) as KubeObject;

  it('a taint key that is no qualified name (a URL, a newline and ===) is refused, so it never reaches a hover', () => {
    const err = nodeSpecFromObject(node([{ key: 'http://evil.example:8080/login', effect: 'NoSchedule' }, { key: 'a\n===', effect: 'NoSchedule' }]), 0);
    assert.equal(typeof err, 'string');
    assert.match(String(err), /^Node "n1" is invalid: \[spec\.taints\[0\]\.key: Invalid value: "http:\/\/evil\.example:8080\/login": a qualified name must consist of/);
    assert.match(String(err), /spec\.taints\[1\]\.key: Invalid value: "a\\n===": name part must consist of/);
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    assert.match(sim.apply(node([{ key: 'http://evil.example:8080/login', effect: 'NoSchedule' }])).error ?? '', /^Node "n1" is invalid/);
  });

  it('an effect is required and one of the three; a value is a label value; a valid taint is kept', () => {
    assert.equal(nodeSpecFromObject(node([{ key: 'k' }]), 0), 'Node "n1" is invalid: spec.taints[0].effect: Required value');
    assert.equal(nodeSpecFromObject(node([{ key: 'k', effect: 'NoAdmit' }]), 0), 'Node "n1" is invalid: spec.taints[0].effect: Unsupported value: "NoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"');
    assert.match(String(nodeSpecFromObject(node([{ key: 'k', value: 'a b', effect: 'NoSchedule' }]), 0)), /^Node "n1" is invalid: spec\.taints\[0\]\.value: Invalid value: "a b": a valid label must be/);
    const ok = nodeSpecFromObject(node([{ key: 'example.com/gpu', value: 'a100', effect: 'NoExecute' }]), 0);
    assert.deepEqual(typeof ok === 'string' ? ok : ok.taints, [{ key: 'example.com/gpu', value: 'a100', effect: 'NoExecute' }]);
  });

  it('a Node whose name is no DNS-1123 subdomain, or whose label key is no qualified name, is refused as ValidateNode refuses it', () => {
    const named = nodeSpecFromObject({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'Worker_1' } } as KubeObject, 0);
    assert.match(String(named), /^Node "Worker_1" is invalid: metadata\.name: Invalid value: "Worker_1": a lowercase RFC 1123 subdomain must consist of/);
    const labelled = nodeSpecFromObject({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { '-zone': 'a' } } } as KubeObject, 0);
    assert.match(String(labelled), /^Node "n1" is invalid: metadata\.labels: Invalid value: "-zone": name part must consist of/);
  });
});
