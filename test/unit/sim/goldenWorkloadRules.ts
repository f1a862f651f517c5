/** The rules of the workload-controller golden scenarios (StatefulSet, DaemonSet, Job, CronJob, GC, rolling update). */
import assert from 'node:assert/strict';
import type { ClusterSnapshot } from '../../../src/core/sim';

type Output = ClusterSnapshot;
type Rule = (out: Output, code: number) => void;

/** Times of the events with `reason` whose message matches. */
const when = (o: Output, reason: string, message: RegExp): number[] => o.events.filter((e) => e.reason === reason && message.test(e.message)).map((e) => e.time);
const only = (xs: number[], what: string): number => {
  assert.equal(xs.length, 1, `${what}: ${xs.length} events`);
  return xs[0];
};
/** When the kubelet started a pod's container. */
const started = (o: Output, pod: string): number[] => o.events.filter((e) => e.reason === 'Started' && e.object?.name === pod).map((e) => e.time);
const podsOf = (o: Output, owner: string): Output['pods'] => o.pods.filter((p) => p.owner?.name === owner);
const nodesOf = (o: Output, owner: string): (string | null)[] => podsOf(o, owner).map((p) => p.node).sort();

/** StatefulSet: https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#deployment-and-scaling-guarantees */
const statefulsetOrdered: Rule = (o, code) => {
  assert.equal(code, 0);
  const create = (name: string): number[] => when(o, 'SuccessfulCreate', new RegExp(`^create Pod ${name} in`));
  assert.equal(create('web-1')[0], started(o, 'web-0')[0], 'web-1 is created when web-0 is Running and Ready, not before');
  assert.equal(create('web-2')[0], started(o, 'web-1')[0], 'web-2 waits for web-1');
  assert.deepEqual(['par-0', 'par-1', 'par-2'].map((n) => only(create(n), n)), [0, 0, 0], 'Parallel creates every pod at once');
  assert.equal(create('web-1').length, 2, 'the deleted web-1 came back');
  assert.ok(create('web-1')[1] > 60, 'with the same name, after the old one was gone');
  const gone = (n: string): number => only(when(o, 'SuccessfulDelete', new RegExp(`^delete Pod ${n} in`)), n);
  assert.ok(gone('web-2') < gone('web-1'), 'scale-down removes the highest ordinal first, one at a time');
  assert.deepEqual(o.pods.map((p) => [p.name, p.reason]), [['par-0', 'Running'], ['par-1', 'Running'], ['par-2', 'Running'], ['web-0', 'Running']]);
  assert.deepEqual(o.workloads.map((w) => [w.name, w.desired, w.ready]), [['par', 3, 3], ['web', 1, 1]]);
};

/** DaemonSet: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/ */
const daemonsetFollowsNodes: Rule = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual(nodesOf(o, 'agent'), ['worker-2', 'worker-3'], 'one pod per eligible node; none on the tainted control plane');
  assert.deepEqual(nodesOf(o, 'cp-agent'), ['control-plane', 'worker-2', 'worker-3'], 'a toleration admits the control plane');
  assert.deepEqual(nodesOf(o, 'ssd-agent'), ['worker-3'], 'the nodeSelector picks the ssd node that joined');
  assert.ok(o.pods.every((p) => p.reason === 'Running'));
  assert.equal(o.events.filter((e) => e.reason === 'SuccessfulCreate' && e.time === 30).length, 3, 'worker-3 got its three pods when it joined');
  assert.ok(o.events.filter((e) => e.reason === 'Scheduled').every((e) => e.component === 'default-scheduler'), 'placed by the default scheduler');
  assert.deepEqual(o.workloads.map((w) => [w.name, w.desired, w.ready]), [['agent', 2, 2], ['cp-agent', 3, 3], ['ssd-agent', 1, 1]]);
  assert.ok(!o.cluster.nodes.some((n) => n.name === 'worker-1') && o.pods.every((p) => p.node !== 'worker-1'), 'worker-1 left with its pods');
};

/** Job: https://kubernetes.io/docs/concepts/workloads/controllers/job/ */
const jobCompletions: Rule = (o, code) => {
  assert.equal(code, 0);
  const pi = podsOf(o, 'pi');
  assert.equal(pi.length, 5);
  assert.ok(pi.every((p) => p.phase === 'Succeeded' && p.reason === 'Completed'), 'finished pods are kept');
  const perStart = new Map<number, number>();
  for (const p of pi) perStart.set(p.createdAt, (perStart.get(p.createdAt) ?? 0) + 1);
  assert.deepEqual([...perStart.values()].sort(), [1, 2, 2], 'parallelism 2: pairs, then the last one');
  assert.deepEqual(o.workloads.map((w) => [w.name, w.desired, w.ready]), [['flaky', 1, 0], ['once', 1, 1], ['pi', 5, 5]]);
  const flakyPods = [...podsOf(o, 'flaky')].sort((a, b) => a.createdAt - b.createdAt);
  assert.equal(flakyPods.length, 3, 'backoffLimit 2: the first pod and two retries');
  assert.ok(flakyPods.every((p) => p.phase === 'Failed'));
  // A pod fails when it has run 10 s after it started (kubelet/stages.ts DELAYS); the first one started once its image
  // was pulled, after the node's puller pulled perl for pi (busybox: "in 5s (10s including waiting)").
  const failedAt = flakyPods.map((p) => (o.events.find((e) => e.reason === 'Started' && e.object?.name === p.name)?.time ?? NaN) + 10);
  assert.deepEqual([flakyPods[1].createdAt - failedAt[0], flakyPods[2].createdAt - failedAt[1]], [10, 20], 'retries after 10 s, then 20 s, from each failure');
  assert.equal(only(when(o, 'BackoffLimitExceeded', /^Job has reached the specified backoff limit$/), 'failed'), failedAt[2]);
  assert.ok(o.events.some((e) => e.object?.name === flakyPods[0].name && e.message === 'Successfully pulled image "busybox:1.36" in 5s (10s including waiting). Image size: 190101567 bytes.'), 'its pull waited for the node\'s pull of perl');
  assert.deepEqual(o.events.filter((e) => e.reason === 'Completed').map((e) => e.object?.name), ['once', 'pi']);
};

/** CronJob: https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ */
const cronjobFires: Rule = (o, code) => {
  assert.equal(code, 0);
  const created = (cj: string): string[] => o.events.filter((e) => e.reason === 'SuccessfulCreate' && e.object?.name === cj).map((e) => e.message.replace('Created job ', ''));
  const minute = (t: number): number => Math.floor((Date.UTC(2025, 0, 1) / 1000 + t) / 60);
  assert.deepEqual(created('every-minute'), [60, 120, 180, 240, 300, 360].map((t) => `every-minute-${minute(t)}`), 'named <cronjob>-<minutes since the epoch>');
  assert.deepEqual(when(o, 'SuccessfulCreate', /^Created job every-minute-/), [60, 120, 180, 240, 300, 360]);
  const jobs = (cj: string): Set<string> => new Set(o.pods.map((p) => p.owner?.name ?? '').filter((n) => n.startsWith(`${cj}-`)));
  assert.equal(jobs('every-minute').size, 3, 'successfulJobsHistoryLimit 3: older Jobs (and their pods) were deleted');
  assert.ok(when(o, 'JobAlreadyActive', /concurrency policy is Forbid$/).length > 0, 'Forbid skips a run while one is active');
  const runs = o.events.filter((e) => e.object?.name.startsWith('forbid-') && (e.reason === 'Completed' || (e.reason === 'SuccessfulCreate' && e.component === 'job-controller')));
  let active = 0;
  for (const e of runs) { active += e.reason === 'Completed' ? -1 : 1; assert.ok(active <= 1, `forbid runs overlap at ${e.time}`); }
  assert.deepEqual(when(o, 'SuccessfulDelete', /^Deleted job replace-/), [240, 360], 'Replace deletes the running Job at the next run');
  assert.equal(created('paused').length, 0, 'suspended');
};

/** Garbage collection: https://kubernetes.io/docs/concepts/architecture/garbage-collection/ */
const gcDeletesChildren: Rule = (o, code) => {
  assert.equal(code, 0);
  assert.deepEqual(o.pods.map((p) => [p.name, p.owner]), [['lonely', null]], 'every dependent is gone; the bare pod stays');
  assert.deepEqual(o.workloads, []);
  const killed = o.events.filter((e) => e.reason === 'Killing').map((e) => e.object?.name ?? '');
  assert.equal(killed.filter((n) => n.startsWith('web-')).length, 3, 'the ReplicaSet\'s running pods were stopped');
  assert.ok(o.events.filter((e) => e.reason === 'Killing').every((e) => e.time >= 30));
  assert.ok(!o.events.some((e) => e.reason === 'SuccessfulCreate' && e.time >= 30), 'nothing replaced them');
};

/** Rolling update: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-surge */
const rollingUpdateMaxSurge: Rule = (o, code) => {
  assert.equal(code, 0);
  const spec = new Map<string, number>();
  let peak = 0;
  for (const e of o.events.filter((x) => x.reason === 'ScalingReplicaSet')) {
    const m = /^Scaled (?:up|down) replica set (\S+) from (\d+) to (\d+)$/.exec(e.message);
    assert.ok(m, e.message);
    spec.set(m[1], Number(m[3]));
    peak = Math.max(peak, [...spec.values()].reduce((a, b) => a + b, 0));
  }
  assert.equal(peak, 6, 'replicas 4 + maxSurge 2, never more');
  assert.match(o.events.find((e) => e.reason === 'ScalingReplicaSet' && e.time === 30)?.message ?? '', /from 0 to 2$/, 'the surge comes first');
  const scaledDownAt = o.events.filter((e) => e.reason === 'ScalingReplicaSet' && /Scaled down/.test(e.message)).map((e) => e.time);
  assert.ok(scaledDownAt.every((t) => t > 30), 'maxUnavailable 0: old pods go only after new ones are available');
  assert.equal(o.pods.length, 4);
  assert.equal(new Set(o.pods.map((p) => p.owner?.name)).size, 1, 'all from the new ReplicaSet');
  assert.deepEqual(o.workloads, [{ kind: 'Deployment', namespace: 'default', name: 'web', desired: 4, ready: 4 }]);
};

/**
 * minReadySeconds: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#min-ready-seconds — a new
 * pod is available only once Ready for longer than 10 s, and with maxUnavailable 0 an old pod goes only when one
 * more new pod is available: 11 s after it started (the ReplicaSet controller requeues minReadySeconds + 1 s later).
 */
const deploymentMinReadySecondsPacesRollout: Rule = (o, code) => {
  assert.equal(code, 0);
  const started = o.events.filter((e) => e.reason === 'Started' && e.time >= 40).map((e) => e.time);
  const downs = o.events.filter((e) => e.reason === 'ScalingReplicaSet' && /Scaled down/.test(e.message)).map((e) => e.time);
  assert.equal(started.length, 3, 'three new pods');
  assert.equal(downs.length, 3, 'the old ReplicaSet goes down one pod at a time');
  downs.forEach((t, i) => assert.equal(t, (started[i] as number) + 11, `old pod ${i + 1} goes 11 s after new pod ${i + 1} turned Ready`));
  const ups = o.events.filter((e) => e.reason === 'ScalingReplicaSet' && /Scaled up/.test(e.message) && e.time > 40).map((e) => e.time);
  assert.deepEqual(ups, downs.slice(0, 2), 'the next new pod is created as an old one goes (maxSurge 1)');
  assert.deepEqual(o.workloads, [{ kind: 'Deployment', namespace: 'default', name: 'web', desired: 3, ready: 3 }]);
  assert.equal(new Set(o.pods.map((p) => p.owner?.name)).size, 1, 'all from the new ReplicaSet');
};

/** name → assertions. */
export const WORKLOAD_RULES: Record<string, Rule> = {
  'statefulset-ordered': statefulsetOrdered,
  'daemonset-follows-nodes': daemonsetFollowsNodes,
  'job-completions': jobCompletions,
  'cronjob-fires': cronjobFires,
  'gc-deletes-children': gcDeletesChildren,
  'rolling-update-max-surge': rollingUpdateMaxSurge,
  'deployment-min-ready-seconds-paces-rollout': deploymentMinReadySecondsPacesRollout,
};
