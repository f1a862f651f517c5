/**
 * A Job's pod failure policy (https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy)
 * and how the Job controller counts pods that are deleted (podReplacementPolicy).
 */
import assert from 'node:assert/strict';
import { Simulation, type KubeObject } from '../../../src/core/sim';
import type { Json } from '../../../src/core/sim/types';

const container = (args: string): Json => ({ name: 'main', image: 'docker.io/library/bash:5', command: ['bash'], args: ['-c', args] });
const job = (name: string, spec: Json, args = 'echo "Hello world!" && sleep 5 && exit 42', restartPolicy = 'Never'): KubeObject =>
  ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { ...spec, template: { spec: { restartPolicy, containers: [container(args)] } } } } as KubeObject);
/** The Job page's job-pod-failure-policy-example. */
const EXAMPLE_POLICY = { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }, { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
const jobStatus = (sim: Simulation, name: string): Json => (sim.internals.store.get('Job', 'default', name)?.status ?? {}) as Json;
const conditions = (sim: Simulation, name: string): Json[] => (jobStatus(sim, name).conditions ?? []) as Json[];
const podsOf = (sim: Simulation, name: string): KubeObject[] => [...sim.internals.store.list('Pod')].filter((p) => p.metadata.labels?.['job-name'] === name);

describe('Job pod failure policy', () => {
  it('FailJob on exit code 42 fails the whole Job at the first such failure, with the controller\'s message (the Job page\'s example)', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(job('job-pod-failure-policy-example', { completions: 12, parallelism: 3, backoffLimit: 6, podFailurePolicy: EXAMPLE_POLICY })).ok);
    sim.runUntilSettled();
    const failed = conditions(sim, 'job-pod-failure-policy-example').find((c) => c.type === 'Failed');
    assert.equal(failed?.reason, 'PodFailurePolicy');
    assert.match(String(failed?.message), /^Container main for pod default\/job-pod-failure-policy-example-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 0$/);
    assert.ok(conditions(sim, 'job-pod-failure-policy-example').some((c) => c.type === 'FailureTarget' && c.reason === 'PodFailurePolicy'));
    assert.equal(podsOf(sim, 'job-pod-failure-policy-example').length, 3, 'no pod replaced: the first failures end it (not 6 retries)');
    const warning = sim.snapshot().events.find((e) => e.reason === 'PodFailurePolicy');
    assert.equal(warning?.type, 'Warning');
  });

  it('an exit code no rule matches is counted toward backoffLimit as usual; NotIn matches the codes not listed', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(job('other-code', { backoffLimit: 1, podFailurePolicy: EXAMPLE_POLICY }, 'exit 3'));
    sim.apply(job('not-in', { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [1, 2] } }] } }, 'exit 3'));
    sim.runUntilSettled();
    assert.equal(conditions(sim, 'other-code').find((c) => c.type === 'Failed')?.reason, 'BackoffLimitExceeded');
    assert.equal(jobStatus(sim, 'other-code').failed, 2);
    assert.match(String(conditions(sim, 'not-in').find((c) => c.type === 'Failed')?.message), /failed with exit code 3 matching FailJob rule at index 0$/);
  });

  it('Ignore on DisruptionTarget: an evicted pod (kubectl drain) is not counted and is replaced once it is gone', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(job('ignore', { backoffLimit: 0, podFailurePolicy: EXAMPLE_POLICY }, 'sleep 90'));
    sim.advance(10);
    const [first] = podsOf(sim, 'ignore');
    assert.equal(sim.evict('default', first!.metadata.name!).ok, true);
    const evicted = sim.internals.store.get('Pod', 'default', first!.metadata.name!);
    assert.deepEqual((evicted?.status as Json).conditions && ((evicted?.status as Json).conditions as Json[]).find((c) => c.type === 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    assert.equal(podsOf(sim, 'ignore').length, 1, 'podReplacementPolicy Failed (the default with a policy): no replacement while it terminates');
    assert.equal(jobStatus(sim, 'ignore').terminating, 1);
    sim.runUntilSettled();
    assert.equal(conditions(sim, 'ignore').find((c) => c.type === 'Complete')?.status, 'True', 'the replacement ran to completion; backoffLimit 0 was not spent');
    assert.equal(jobStatus(sim, 'ignore').failed, 0);
  });

  it('FailJob on DisruptionTarget: an evicted pod fails the Job once it is gone (counted as the tracking finalizer would)', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(job('strict', { podFailurePolicy: { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }, 'sleep 90'));
    sim.advance(10);
    const name = podsOf(sim, 'strict')[0]!.metadata.name!;
    sim.evict('default', name);
    sim.advance(5);
    assert.equal(conditions(sim, 'strict').length, 0, 'not yet: the pod still terminates');
    sim.runUntilSettled();
    const failed = conditions(sim, 'strict').find((c) => c.type === 'Failed');
    assert.equal(failed?.message, `Pod default/${name} has condition DisruptionTarget matching FailJob rule at index 0`);
    assert.equal(jobStatus(sim, 'strict').failed, 1);
  });

  it('without a policy, a deleted pod counts as failed at once and is replaced while it terminates (podReplacementPolicy TerminatingOrFailed)', () => {
    const sim = Simulation.preset('multi-worker');
    sim.apply(job('plain', { backoffLimit: 1 }, 'sleep 90'));
    sim.advance(10);
    const [first] = podsOf(sim, 'plain');
    sim.evict('default', first!.metadata.name!);
    sim.advance(1);
    assert.equal(jobStatus(sim, 'plain').failed, 1);
    // The failure's back-off (10 s) applies; bash as PID 1 ignores SIGTERM, so the evicted pod takes its 30 s grace period.
    sim.advance(10);
    assert.equal(podsOf(sim, 'plain').filter((p) => !p.metadata.deletionTimestamp).length, 1, 'the replacement exists beside the terminating pod');
    assert.equal(podsOf(sim, 'plain').filter((p) => p.metadata.deletionTimestamp).length, 1);
    sim.runUntilSettled();
    assert.equal(conditions(sim, 'plain').find((c) => c.type === 'Complete')?.status, 'True');
  });

  it('kube-apiserver defaults and validates the policy with its messages, and keeps it immutable', () => {
    const sim = Simulation.preset('multi-worker');
    assert.ok(sim.apply(job('d', { podFailurePolicy: EXAMPLE_POLICY })).ok);
    const spec = sim.internals.store.get('Job', 'default', 'd')?.spec as Json;
    assert.equal(spec.podReplacementPolicy, 'Failed');
    assert.deepEqual((((spec.podFailurePolicy as Json).rules as Json[])[1]!.onPodConditions as Json[])[0], { type: 'DisruptionTarget', status: 'True' });
    const error = (name: string, policy: Json, restartPolicy = 'Never'): string | undefined => sim.apply(job(name, { podFailurePolicy: policy }, 'exit 1', restartPolicy)).error;
    assert.equal(error('a', EXAMPLE_POLICY, 'OnFailure'), 'Job.batch "a" is invalid: spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified');
    assert.equal(error('b', { rules: [{ action: 'Retry', onExitCodes: { operator: 'In', values: [0, 3, 2, 2] } }] }),
      'Job.batch "b" is invalid: [spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore", spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator, spec.podFailurePolicy.rules[0].onExitCodes.values[3]: Duplicate value: 2, spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{0, 3, 2, 2}: must be ordered]');
    assert.equal(error('c', { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'app', values: [1] } }] }),
      'Job.batch "c" is invalid: [spec.podFailurePolicy.rules[0].onExitCodes.operator: Required value: valid values: ["In" "NotIn"], spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "app": must be one of the container or initContainer names in the pod template]');
    assert.equal(error('e', { rules: [{ action: 'Ignore' }] }), 'Job.batch "e" is invalid: spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required');
    assert.equal(error('f', { rules: [{ action: 'FailIndex', onPodConditions: [{ type: 'DisruptionTarget' }] }] }), 'Job.batch "f" is invalid: spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set');
    assert.equal(sim.apply(job('d', {})).error, 'Job.batch "d" is invalid: spec.podFailurePolicy: Invalid value: null: field is immutable');
  });
});
