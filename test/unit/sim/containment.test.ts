import assert from 'node:assert/strict';
import { WorkspaceCluster } from '../../../src/core/live/workspaceCluster';
import { WorkQueue } from '../../../src/core/sim/context';
import { parseManifests } from '../../../src/core/manifests';
import { presetTopology, Simulation } from '../../../src/core/sim';
import { runCli } from '../cli/helpers';

const OK_POD = `---
apiVersion: v1
kind: Pod
metadata: {name: ok}
spec:
  containers: [{name: c, image: nginx}]
`;

/** The half-typed inputs of issue 10 that crashed the scheduler or a controller. */
const HALF_TYPED: Record<string, string> = {
  'a lone - under tolerations': 'tolerations:\n  -\n',
  'an empty preferred node affinity item': 'affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      -\n',
  'initContainers holding a number': 'initContainers: 5\n',
  'initContainers holding a null item': 'initContainers: [null]\n',
  'nodeSelectorTerms: 5': 'affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: 5\n',
  'an empty matchExpressions item': 'affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: [{matchExpressions: [null]}]\n',
  'resources.requests as a list': 'overhead: [1]\n',
};

function pod(specExtra: string, metaExtra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n${metaExtra}spec:\n  ${specExtra}  containers: [{name: c, image: nginx}]\n` + OK_POD;
}

describe('fault barrier: a crash is a bug, and contained', () => {
  for (const [what, spec] of Object.entries(HALF_TYPED)) {
    it(`${what}: no internal error, the valid pod beside it runs`, () => {
      const r = runCli(['simulate', 'a.yaml'], { 'a.yaml': pod(spec) });
      assert.doesNotMatch(r.err, /internal error/);
      assert.match(r.out, /pod\/ok\s+1\/1\s+Running/);
    });
  }

  it('a null ownerReferences item: no internal error', () => {
    const r = runCli(['simulate', 'a.yaml'], { 'a.yaml': pod('', '  ownerReferences: [null]\n') });
    assert.doesNotMatch(r.err, /internal error/);
    assert.match(r.out, /pod\/ok\s+1\/1\s+Running/);
  });

  function simWith(text: string): Simulation {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    for (const s of parseManifests(text, 'in.yaml').objects) sim.apply(s.object, { file: 'in.yaml', line: s.range.start.line, column: s.range.start.column });
    return sim;
  }

  const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
` + OK_POD;

  it('a watch handler that throws is reported on the written object, at its owner\'s source, and the rest runs', () => {
    const sim = new Simulation({ topology: presetTopology('multi-worker') });
    sim.internals.store.watch('Pod', (_t, p) => { if (p.metadata.name?.startsWith('web-')) throw new TypeError('boom\nsecond line'); });
    for (const s of parseManifests(DEPLOY, 'in.yaml').objects) sim.apply(s.object, { file: 'in.yaml', line: s.range.start.line, column: s.range.start.column });
    sim.runUntilSettled();
    const snap = sim.snapshot();
    const crash = snap.errors.find((e) => e.message.includes('internal error'));
    assert.ok(crash, 'crash reported');
    assert.equal(crash.line, 1, 'at the Deployment that owns the pod');
    assert.match(crash.message, /internal error in a Pod watch handler while handling Pod default\/web-[\w-]+: TypeError: boom \(/);
    assert.equal(snap.pods.filter((p) => p.phase === 'Running').length, 3, 'every pod still runs');
    assert.ok(snap.events.some((e) => e.reason === 'InternalError' && e.component === 'simulator'));
  });

  it('a controller whose reconcile throws: reported once per key and message, other controllers go on', () => {
    const sim = simWith(OK_POD);
    const queue = new WorkQueue();
    sim.internals.controllerManager.controllers.unshift({ name: 'broken-controller', queue, ownedKind: 'Pod', reconcile: () => { throw new Error('nope'); }, resync: () => undefined });
    queue.add('default/ok');
    sim.runUntilSettled();
    queue.add('default/ok');
    sim.runUntilSettled();
    const crashes = sim.crashes();
    assert.equal(crashes.length, 1);
    assert.deepEqual(crashes[0], { component: 'broken-controller', kind: 'Pod', key: 'default/ok', message: 'Error: nope' });
    assert.equal(sim.snapshot().errors.find((e) => e.message.includes('nope'))?.line, 2, 'at the pod\'s source');
    assert.equal(sim.snapshot().pods[0].phase, 'Running');
  });

  it('a timer that throws runs as the dispatch that scheduled it', () => {
    const sim = simWith(OK_POD);
    const b = sim.internals.barrier;
    b.enter('kubelet', 'Pod', 'default/ok');
    sim.internals.timers.at(sim.now() + 1, () => { throw new RangeError('late'); });
    b.enter(null, null, null);
    sim.runUntilSettled();
    assert.deepEqual(sim.crashes().map((c) => `${c.component} ${c.kind} ${c.key} ${c.message}`), ['kubelet Pod default/ok RangeError: late']);
    assert.equal(sim.snapshot().pods[0].phase, 'Running');
  });
});

describe('fault barrier in the live cluster', () => {
  it('a crash during a sync is a diagnostic on the object that caused it, and the state still comes back', () => {
    const ws = new WorkspaceCluster();
    ws.sync([{ uri: 'file:///a.yaml', text: OK_POD.slice(4) }]);
    const sim = (ws as unknown as { sim: Simulation }).sim;
    sim.internals.store.watch('Pod', (t) => { if (t === 'MODIFIED') throw new Error('bug\u001b[31m'); });
    const state = ws.sync([{ uri: 'file:///a.yaml', text: OK_POD.slice(4).replace('image: nginx', 'image: nginx:1.28') }]);
    const diags = state.diagnostics['file:///a.yaml'].filter((d) => d.code === 'simulator-crash');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, 1);
    assert.match(diags[0].message, /^internal error in a Pod watch handler while handling Pod default\/ok: Error: bug\\u001b\[31m/);
    assert.ok(state.view);
  });
});
