/** The RuntimeClass admission plugin (plugin/pkg/admission/runtimeclass/admission.go) and containerd's handlers in kind. */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';

const rc = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler: 'runc', ...extra } as KubeObject);
const pod = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
} as KubeObject);

function withClasses(...classes: KubeObject[]): Simulation {
  const sim = Simulation.preset('multi-worker');
  for (const c of classes) assert.ok(sim.apply(c).ok, JSON.stringify(sim.applyErrors()));
  return sim;
}
const refusal = (sim: Simulation, o: KubeObject): string | undefined => {
  const r = sim.apply(o);
  return r.ok ? undefined : r.error;
};
const stored = (sim: Simulation, name: string): Record<string, unknown> => sim.internals.store.get('Pod', 'default', name)?.spec as Record<string, unknown>;

describe('RuntimeClass admission', () => {
  it('copies the class\'s overhead into spec.overhead, and kube-scheduler counts it', () => {
    const sim = withClasses(rc('kata', { overhead: { podFixed: { cpu: '3500m', memory: '120Mi' } } }));
    assert.equal(refusal(sim, pod('a', { runtimeClassName: 'kata', containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] })), undefined);
    assert.deepEqual(stored(sim, 'a').overhead, { cpu: '3500m', memory: '120Mi' });
    sim.runUntilSettled();
    // 100m + 3.5 CPU of overhead fits a 4-CPU worker; a second such pod fits only on the other worker, a third nowhere.
    sim.apply(pod('b', { runtimeClassName: 'kata' }));
    sim.apply(pod('c', { runtimeClassName: 'kata' }));
    sim.runUntilSettled();
    const failed = sim.snapshot().events.find((e) => e.object?.name === 'c' && e.reason === 'FailedScheduling');
    assert.match(failed?.message ?? '', /2 Insufficient cpu/);
  });
  it('merges the class\'s scheduling into the pod\'s nodeSelector and tolerations; a conflicting selector is forbidden', () => {
    const sim = withClasses(rc('sandbox', { scheduling: { nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] } }));
    assert.equal(refusal(sim, pod('a', { runtimeClassName: 'sandbox', nodeSelector: { disk: 'ssd' } })), undefined);
    assert.deepEqual(stored(sim, 'a').nodeSelector, { disk: 'ssd', 'kubernetes.io/os': 'linux' });
    assert.ok((stored(sim, 'a').tolerations as { key?: string }[]).some((t) => t.key === 'sandbox'));
    assert.equal(refusal(sim, pod('b', { runtimeClassName: 'sandbox', nodeSelector: { 'kubernetes.io/os': 'windows' } })),
      'pods "b" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[kubernetes.io/os] = linux; pod.spec.nodeSelector[kubernetes.io/os] = windows');
  });
  it('refuses a missing class, and an overhead the class does not define', () => {
    const sim = withClasses(rc('plain'), rc('kata', { overhead: { podFixed: { cpu: '250m' } } }));
    assert.equal(refusal(sim, pod('a', { runtimeClassName: 'gvisor' })), 'pods "a" is forbidden: pod rejected: RuntimeClass "gvisor" not found');
    assert.equal(refusal(sim, pod('b', { overhead: { cpu: '1' } })), 'pods "b" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
    assert.equal(refusal(sim, pod('c', { runtimeClassName: 'plain', overhead: { cpu: '1' } })), 'pods "c" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
    assert.equal(refusal(sim, pod('d', { runtimeClassName: 'kata', overhead: { cpu: '1' } })), 'pods "d" is forbidden: pod rejected: Pod\'s Overhead doesn\'t match RuntimeClass\'s defined Overhead');
    assert.equal(refusal(sim, pod('e', { runtimeClassName: 'kata', overhead: { cpu: '0.25' } })), undefined, '0.25 = 250m');
  });
  it('keeps the handler immutable and a DNS label', () => {
    const sim = withClasses(rc('plain'));
    assert.match(refusal(sim, rc('plain', { handler: 'runsc' })) ?? '', /^RuntimeClass\.node\.k8s\.io "plain" is invalid: handler: Invalid value: "runsc": field is immutable$/);
    assert.match(refusal(sim, rc('upper', { handler: 'Run_SC' })) ?? '', /handler: Invalid value: "Run_SC": a lowercase RFC 1123 label/);
  });
});
