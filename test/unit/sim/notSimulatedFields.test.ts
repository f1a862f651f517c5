import assert from 'node:assert/strict';
import { Simulation } from '../../../src/core/sim';

describe('fields the engine does not act on are named, never ignored silently', () => {
  it('names unsupported volume types and host namespaces at each field, not the simulated lifecycle hooks,, and still simulates the object', () => {
    const sim = Simulation.preset('multi-worker');
    const r = sim.apply({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: {
        hostPID: true,
        containers: [{ name: 'web', image: 'nginx:1.27', lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo hi > /msg'] } }, preStop: { exec: { command: ['sleep', '5'] } } } }],
        volumes: [{ name: 'host', hostPath: { path: '/var/log' } }],
      } } },
    });
    assert.equal(r.ok, true);
    assert.equal(r.warning, undefined);
    assert.deepEqual(r.notModelled?.map((n) => [n.path.join('.'), n.message]), [
      ['spec.template.spec.hostPID', 'Deployment "web": The simulation does not model spec.template.spec.hostPID: kube-apiserver\'s PodSecurity admission reads it (a namespace enforcing baseline or restricted refuses the pod); no processes run, so the Pod is simulated as if it had its own PID namespace.'],
      // preStop (it delays SIGTERM) and postStart (it holds the container back, or fails it) are simulated.
      ['spec.template.spec.volumes.0.hostPath', 'Deployment "web": The simulation does not model spec.template.spec.volumes[0].hostPath: the containers start as if it was mounted; no files exist.'],
    ]);
    sim.runUntilSettled();
    assert.equal(sim.snapshot().pods[0].reason, 'Running');
  });

  it('puts each note at its field when the caller can locate it (the CLI prints file:line:column)', () => {
    const sim = Simulation.preset('multi-worker');
    const lines: Record<string, number> = { 'spec.hostIPC': 7, 'spec.containers.0.tty': 11 };
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { hostIPC: true, containers: [{ name: 'a', image: 'nginx:1.27', tty: true }] } },
      { file: 'p.yaml', line: 1, column: 1, locate: (path) => (lines[path.join('.')] ? { file: 'p.yaml', line: lines[path.join('.')], column: 3 } : undefined) });
    const rows = sim.snapshot().errors.map((e) => [e.line, e.severity, e.message.split(':')[0]]);
    assert.deepEqual(rows, [[7, 'warning', 'Pod "p"'], [11, 'warning', 'Pod "p"']]);
  });

  it('models the deprecated serviceAccount as kube-apiserver does: an alias copied to and from serviceAccountName', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder' } });
    const r = sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { serviceAccount: 'builder', containers: [{ name: 'a', image: 'nginx:1.27' }] } });
    assert.equal(r.notModelled, undefined, 'not reported: it is modelled');
    const spec = sim.internals.store.get('Pod', 'default', 'p')?.spec as { serviceAccountName?: string; serviceAccount?: string };
    assert.deepEqual([spec.serviceAccountName, spec.serviceAccount], ['builder', 'builder']);
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' }, spec: { containers: [{ name: 'a', image: 'nginx:1.27' }] } });
    const q = sim.internals.store.get('Pod', 'default', 'q')?.spec as { serviceAccount?: string };
    assert.equal(q.serviceAccount, 'default', 'written back from the defaulted serviceAccountName');
  });
});
