import assert from 'node:assert/strict';
import { parseManifests } from '../../../src/core/manifests';
import { MAX_NODES, MAX_PODS, presetTopology, Simulation, topologyLimitError } from '../../../src/core/sim';
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

  it('a kind config above the node limit is refused at once, with an error at the config', function () {
    this.timeout(60_000);
    const text = 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n- role: control-plane\n' + '- role: worker\n'.repeat(MAX_NODES);
    const t0 = performance.now();
    const r = runCli(['simulate', 'kind.yaml'], { 'kind.yaml': text });
    assert.equal(r.code, 1);
    assert.match(r.err, /^kind\.yaml:1:1: kind Cluster config: 20001 nodes is more than the simulator's limit of 20000/m);
    assert.ok(performance.now() - t0 < 20_000, 'refused without building 20,001 hosts');
    assert.equal(topologyLimitError(parseManifests('apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\n', 'k').objects.map((s) => s.object)), null);
  });
});
