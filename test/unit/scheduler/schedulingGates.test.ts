/**
 * Pod Scheduling Readiness (https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/): a pod
 * created with schedulingGates is SchedulingGated and never tried; removing the gates lets it be scheduled; gates
 * may only be removed (validateOnlyDeletedSchedulingGates).
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';

const pod = (gates: string[]): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'test-pod' },
  spec: { ...(gates.length ? { schedulingGates: gates.map((name) => ({ name })) } : {}), containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.6' }] },
} as KubeObject);
const row = (sim: Simulation): [string, string, string | null] => {
  const p = sim.snapshot().pods[0];
  return [p?.reason ?? '', p?.message ?? '', p?.node ?? null];
};

describe('schedulingGates', () => {
  it('holds the pod as SchedulingGated with no scheduling attempt, and schedules it once the gates are removed', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(pod(['example.com/foo', 'example.com/bar'])).ok);
    sim.runUntilSettled();
    assert.deepEqual(row(sim), ['SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates', null]);
    assert.ok(!sim.snapshot().events.some((e) => e.reason === 'FailedScheduling' || e.reason === 'Scheduled'), 'never tried');
    assert.ok(sim.apply(pod(['example.com/bar'])).ok, 'removing a gate is allowed');
    sim.runUntilSettled();
    assert.equal(row(sim)[0], 'SchedulingGated');
    assert.ok(sim.apply(pod([])).ok);
    sim.runUntilSettled();
    assert.equal(row(sim)[0], 'Running');
    assert.ok(row(sim)[2]?.startsWith('worker-'));
  });

  it('refuses a gate added to an existing pod, as kube-apiserver does', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(pod(['example.com/foo'])).ok);
    const r = sim.apply(pod(['example.com/foo', 'example.com/new']));
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /spec\.schedulingGates\[1\]\.name: Forbidden: only deletion is allowed, but found new scheduling gate 'example\.com\/new'/);
  });
});
