import { timestamp } from '../clock';
import { obj, uidOf } from '../objects';
import { isActive, isFinished, isReady, isTerminating, phase } from '../pods';
import type { Stored } from '../store';
import type { Json, KubeObject } from '../types';
import { watchOwnedLazily } from './ownedWatch';
import { BaseController, intField } from './base';
import { podFromTemplate } from './podTemplate';
import { asJob, asPod } from '../typed';
import { simSeconds } from '../snapshot';
import { completedIndexes, indexedPod, indexOf, isIndexed, nextIndexes } from './indexedJob';
import { matchPodFailurePolicy } from './podFailurePolicy';
import { terminalCondition } from './jobStatus';

/** `.spec.backoffLimit` default (https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-backoff-failure-policy). */
export const DEFAULT_BACKOFF_LIMIT = 6;
/** Failed pods are recreated after 10 s, 20 s, 40 s … capped at six minutes (same page). */
export const BACKOFF_BASE_SECONDS = 10;
export const BACKOFF_MAX_SECONDS = 360;

interface Counts {
  succeeded: number; failed: number; lastFailure: number; failuresSinceSuccess: number;
  /** A failed pod matched a FailJob rule of the pod failure policy: the Job fails with this message. */
  failJob?: string;
  /** The succeeded completion indexes of an Indexed Job. */
  readonly indexes: Set<number>;
  /** With backoffLimitPerIndex: the counted failures of each index so far, when the last was, and the failed indexes. */
  readonly perIndex: Map<number, { failures: number; last: number }>;
  readonly failedIndexes: Set<number>;
}

/**
 * Job controller (pkg/controller/job/job_controller.go): runs pods to completion until
 * `completions` of them succeeded, at most `parallelism` at a time; failed pods are replaced
 * with an exponential back-off until more than `backoffLimit` have failed. Finished pods are
 * counted once each (the real controller's job-tracking finalizer) and kept, as Kubernetes keeps
 * them. Pods run as long as their command says (kubelet/lifetime.ts; a command the simulator cannot read
 * runs kubelet/stages.ts DELAYS.jobRun, or the `sim.kube-anatomy.dev/run-seconds` annotation) and fail
 * with its exit code (or the `sim.kube-anatomy.dev/exit-code` annotation). A Job active longer than
 * `activeDeadlineSeconds` (from status.startTime) has its pods deleted and fails with DeadlineExceeded
 * (https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup). A pod failure
 * policy (podFailurePolicy.ts) may ignore a failure or fail the Job at once (reason PodFailurePolicy). An Indexed
 * Job with `backoffLimitPerIndex` retries each index on its own (https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index):
 * an index whose retries are used up (or that matched a FailIndex rule) fails alone, and the Job fails once every
 * index is done (FailedIndexes) or when more than `maxFailedIndexes` failed (MaxFailedIndexesExceeded).
 */
export class JobController extends BaseController {
  readonly name = 'job-controller';
  protected readonly kind = 'Job';
  private readonly counted = new Map<string, Set<string>>();
  private readonly counts = new Map<string, Counts>();
  /**
   * Per Job (podReplacementPolicy Failed): its pods seen terminating, as last seen. The real controller's
   * job-tracking finalizer keeps a deleted pod until the kubelet has set it Failed and the controller has
   * counted it; here a pod that left without being counted is counted then, from how it was last seen.
   */
  private readonly leaving = new Map<string, Map<string, Stored>>();

  /** Starts watching Jobs and their pods. */
  start(): this {
    watchOwnedLazily(this.ctx, this.kind, this.queue);
    this.ctx.store.watch('Job', (t, job) => {
      if (t === 'DELETED') { this.counted.delete(uidOf(job)); this.counts.delete(uidOf(job)); this.leaving.delete(uidOf(job)); }
    });
    return this;
  }

  reconcile(k: string): void {
    const job = this.get(k);
    if (!job || job.metadata.deletionTimestamp) return;
    if (finishedCondition(job)) return;
    const pods = this.children(job);
    const c = this.count(job, pods);
    const active = pods.filter(isActive);
    const limit = intField(asJob(job).spec?.backoffLimit, DEFAULT_BACKOFF_LIMIT);
    if (c.failJob) return this.fail(job, active, c, 'PodFailurePolicy', c.failJob);
    if (c.failed > limit || pastBackoffLimitOnFailure(job, active, limit)) return this.fail(job, active, c, 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    // syncJob with backoffLimitPerIndex: too many failed indexes end the Job at once (its running pods are deleted);
    // else, once every index succeeded or failed, any failed index fails it.
    if (backoffLimitPerIndex(job) !== null) {
      const maxFailed = asJob(job).spec?.maxFailedIndexes;
      if (typeof maxFailed === 'number' && c.failedIndexes.size > maxFailed) return this.fail(job, active, c, 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes');
      if (c.failedIndexes.size > 0 && c.failedIndexes.size + c.indexes.size >= intField(asJob(job).spec?.completions, 1)) return this.fail(job, active, c, 'FailedIndexes', 'Job has failed indexes');
    }
    const suspension = this.suspension(job);
    // Resuming resets startTime; a suspended Job has none until it first runs.
    const now = timestamp(this.ctx.clock.now());
    const startTime = suspension.resumed ? now : asJob(job).status?.startTime ?? (asJob(job).spec?.suspend === true ? undefined : now);
    // syncJob: past the deadline the Job fails; before it, it is synced again when the deadline comes.
    const deadline = asJob(job).spec?.activeDeadlineSeconds;
    if (typeof deadline === 'number' && asJob(job).spec?.suspend !== true) {
      const due = (startTime ? simSeconds(startTime) : this.ctx.clock.now()) + deadline;
      if (this.ctx.clock.now() >= due) return this.fail(job, active, c, 'DeadlineExceeded', 'Job was active longer than specified deadline');
      this.requeueAt(k, due);
    }
    const want = this.wantActive(job, c.succeeded + c.failedIndexes.size);
    if (want === null) return this.complete(job, c);
    // manageJob: with podReplacementPolicy Failed, a terminating pod keeps its place until it is gone.
    const occupied = onlyReplaceFailedPods(job) ? pods.filter((p) => !isFinished(p)).length : active.length;
    if (occupied < want) this.createPods(job, k, want - occupied, c, active);
    else if (active.length > want) active.slice(want).forEach((p) => this.deletePod(job, p));
    this.writeJobStatus(job, c, suspension.conditions, undefined, startTime);
  }

  /**
   * The Suspended condition (https://kubernetes.io/docs/concepts/workloads/controllers/job/#suspending-a-job): True
   * with a Suspended event when `suspend` turns true (the running pods are deleted above), False with a Resumed event
   * when it turns false again, which restarts the clock of activeDeadlineSeconds (startTime is reset).
   */
  private suspension(job: Stored): { conditions: Json[] | null; resumed: boolean } {
    const suspended = asJob(job).spec?.suspend === true;
    const cur = (asJob(job).status?.conditions ?? []).map(obj).find((x) => x?.type === 'Suspended');
    const now = timestamp(this.ctx.clock.now());
    if (suspended && cur?.status !== 'True') {
      this.emit('Suspended', job, 'Job suspended');
      return { conditions: [condition('Suspended', 'JobSuspended', 'Job suspended', now)], resumed: false };
    }
    if (!suspended && cur?.status === 'True') {
      this.emit('Resumed', job, 'Job resumed');
      return { conditions: [{ ...condition('Suspended', 'JobResumed', 'Job resumed', now), status: 'False' }], resumed: true };
    }
    return { conditions: cur ? [cur as Json] : null, resumed: false };
  }

  /** Counts newly finished pods exactly once (status.succeeded/failed survive pod deletion). */
  private count(job: Stored, pods: Stored[]): Counts {
    const uid = uidOf(job);
    const seen = this.counted.get(uid) ?? new Set<string>();
    const c = this.counts.get(uid) ?? { succeeded: 0, failed: 0, lastFailure: 0, failuresSinceSuccess: 0, indexes: new Set<number>(), perIndex: new Map(), failedIndexes: new Set<number>() };
    const indexed = isIndexed(job);
    const deletedFail = !onlyReplaceFailedPods(job);
    for (const p of deletedFail ? [] : this.gone(uid, pods, seen)) this.countFailure(job, p, c);
    for (const p of pods) {
      const ph = phase(p);
      // isPodFailed: without a pod failure policy (podReplacementPolicy TerminatingOrFailed), a pod being deleted
      // (drained, evicted, deleted by hand) counts as failed at once; pods this controller deleted are never counted.
      const failed = ph === 'Failed' || (deletedFail && ph !== 'Succeeded' && isTerminating(p));
      if ((ph !== 'Succeeded' && !failed) || seen.has(uidOf(p))) continue;
      seen.add(uidOf(p));
      if (ph === 'Succeeded' && indexed) {
        // An index counts once however many of its pods succeed.
        const i = indexOf(p);
        if (i !== null) c.indexes.add(i);
        c.succeeded = c.indexes.size;
        c.failuresSinceSuccess = 0;
      } else if (ph === 'Succeeded') { c.succeeded++; c.failuresSinceSuccess = 0; }
      else this.countFailure(job, p, c);
    }
    this.counted.set(uid, seen);
    this.counts.set(uid, c);
    return c;
  }

  /** A failed pod, as the pod failure policy says: an ignored failure is neither counted nor backed off. */
  private countFailure(job: Stored, p: KubeObject, c: Counts): void {
    const policy = matchPodFailurePolicy(job, p);
    if (!policy.counts) return;
    c.failJob ??= policy.failJob;
    c.failed++; c.failuresSinceSuccess++; c.lastFailure = this.ctx.clock.now();
    const perIndex = backoffLimitPerIndex(job);
    const i = indexOf(p);
    if (perIndex === null || i === null) return;
    // isIndexFailed (indexed_job_utils.go): a FailIndex rule fails the index at once; else it fails once the failed
    // pod had already used the index's retries (its job-index-failure-count annotation reached backoffLimitPerIndex).
    const seen = c.perIndex.get(i) ?? { failures: 0, last: 0 };
    if (policy.failIndex || seen.failures >= perIndex) c.failedIndexes.add(i);
    else c.perIndex.set(i, { failures: seen.failures + 1, last: this.ctx.clock.now() });
  }

  /** The Job's pods seen terminating that are gone now, uncounted (each marked counted); remembers the ones terminating now. */
  private gone(uid: string, pods: readonly Stored[], seen: Set<string>): Stored[] {
    let leaving = this.leaving.get(uid);
    for (const p of pods) {
      if (!isTerminating(p) || isFinished(p) || seen.has(uidOf(p))) continue;
      if (!leaving) this.leaving.set(uid, (leaving = new Map()));
      leaving.set(uidOf(p), p);
    }
    if (!leaving) return [];
    const byUid = new Map(pods.map((p) => [uidOf(p), p]));
    const out: Stored[] = [];
    for (const [podUid, last] of leaving) {
      const now = byUid.get(podUid);
      if (now && !isFinished(now)) continue; // still terminating
      leaving.delete(podUid);
      if (now || seen.has(podUid)) continue; // finished while still there: counted from its phase
      seen.add(podUid);
      out.push(last);
    }
    return out;
  }

  /** Pods that should be active now, or null when the Job is complete (`succeeded`: with the failed indexes, which need no pod either). */
  private wantActive(job: Stored, succeeded: number): number | null {
    const parallelism = intField(asJob(job).spec?.parallelism, 1);
    const completions = asJob(job).spec?.completions;
    const suspended = asJob(job).spec?.suspend === true;
    if (typeof completions !== 'number') { // work queue: done once any pod succeeded and none still runs
      if (succeeded > 0) return this.children(job).filter(isActive).length || null; // the rest may finish; no new pods
      return suspended ? 0 : parallelism;
    }
    if (succeeded >= completions) return null;
    return suspended ? 0 : Math.min(parallelism, completions - succeeded);
  }

  private createPods(job: Stored, k: string, n: number, c: Counts, active: readonly Stored[]): void {
    const perIndex = backoffLimitPerIndex(job) !== null;
    // With backoffLimitPerIndex each index backs off on its own failures (below); else the Job's failures delay every new pod.
    const due = !perIndex && c.failuresSinceSuccess > 0 ? c.lastFailure + backoffSeconds(c.failuresSinceSuccess) : 0;
    if (due > this.ctx.clock.now()) return this.requeueAt(k, due);
    const template = (obj(asJob(job).spec?.template) ?? {}) as Json;
    // The API server adds these labels to a Job's pod template (https://kubernetes.io/docs/reference/labels-annotations-taints/#batch-kubernetes-io-job-name).
    const labels = { 'batch.kubernetes.io/controller-uid': uidOf(job), 'batch.kubernetes.io/job-name': job.metadata.name ?? '', 'controller-uid': uidOf(job), 'job-name': job.metadata.name ?? '' };
    const done = perIndex ? new Set([...c.indexes, ...c.failedIndexes]) : c.indexes;
    let indexes = isIndexed(job) ? nextIndexes(intField(asJob(job).spec?.completions, 1), done, active, n) : null;
    if (perIndex && indexes) indexes = this.pastIndexBackoff(k, indexes, c);
    for (let i = 0; i < (indexes?.length ?? n); i++) {
      const pod = podFromTemplate(template, job, { labels });
      const r = this.ctx.api.create(this.client(), indexes ? indexedPod(pod, job, indexes[i], perIndex ? c.perIndex.get(indexes[i])?.failures ?? 0 : undefined) : pod);
      if (!r.ok) return this.emit('FailedCreate', job, `Error creating: ${r.error}`, 'Warning');
      this.emit('SuccessfulCreate', job, `Created pod: ${r.object.metadata.name}`);
    }
  }


  /**
   * The indexes whose back-off has passed; the Job is synced again when the next one's does. An index that failed
   * n times waits 10 s · 2^(n-1) after its last failure, as the Job's pods do without per-index limits
   * (getRemainingTimePerIndex, job_controller.go).
   */
  private pastIndexBackoff(k: string, indexes: readonly number[], c: Counts): number[] {
    const now = this.ctx.clock.now();
    let next = Infinity;
    const ready = indexes.filter((i) => {
      const seen = c.perIndex.get(i);
      const due = seen ? seen.last + backoffSeconds(seen.failures) : 0;
      if (due > now) next = Math.min(next, due);
      return due <= now;
    });
    if (next < Infinity) this.requeueAt(k, next);
    return ready;
  }

  private deletePod(job: Stored, p: Stored): void {
    this.counted.get(uidOf(job))?.add(uidOf(p));
    const r = this.ctx.api.delete(this.client(), 'Pod', p.metadata.namespace, p.metadata.name ?? '');
    if (r.ok) this.emit('SuccessfulDelete', job, `Deleted pod: ${p.metadata.name}`);
  }

  /** Terminal conditions (https://kubernetes.io/docs/concepts/workloads/controllers/job/#terminal-job-conditions). */
  private complete(job: Stored, c: Counts): void {
    const now = timestamp(this.ctx.clock.now());
    this.writeJobStatus(job, c, [condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', now),
      condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', now)], now);
    this.emit('Completed', job, 'Job completed');
  }

  private fail(job: Stored, active: Stored[], c: Counts, reason: 'BackoffLimitExceeded' | 'DeadlineExceeded' | 'PodFailurePolicy' | 'MaxFailedIndexesExceeded' | 'FailedIndexes', msg: string): void {
    for (const p of active) this.deletePod(job, p);
    const now = timestamp(this.ctx.clock.now());
    this.writeJobStatus(job, c, [condition('FailureTarget', reason, msg, now), condition('Failed', reason, msg, now)]);
    this.emit(reason, job, msg, 'Warning');
  }

  private writeJobStatus(job: Stored, c: Counts, conditions: Json[] | null, completionTime?: string, start?: string): void {
    const active = this.children(job).filter(isActive);
    const startTime = start ?? asJob(job).status?.startTime ?? (asJob(job).spec?.suspend === true ? undefined : timestamp(this.ctx.clock.now()));
    const terminating = this.children(job).filter((p) => isTerminating(p) && !isFinished(p)).length;
    const status: Json = { active: active.length, ready: active.filter(isReady).length, succeeded: c.succeeded, failed: c.failed, terminating };
    if (startTime) status.startTime = startTime;
    if (isIndexed(job) && c.indexes.size > 0) status.completedIndexes = completedIndexes(c.indexes);
    // With backoffLimitPerIndex, status.failedIndexes is always written ("" while none failed).
    if (isIndexed(job) && backoffLimitPerIndex(job) !== null) status.failedIndexes = completedIndexes(c.failedIndexes);
    if (completionTime) status.completionTime = completionTime;
    if (conditions) status.conditions = conditions;
    this.writeStatus(job, status);
  }
}

/**
 * onlyReplaceFailedPods (job_controller.go): with podReplacementPolicy Failed (the default once a pod failure policy
 * is set) a pod counts as failed only once its phase is Failed, and it is replaced only then
 * (https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-replacement-policy).
 */
function onlyReplaceFailedPods(job: KubeObject): boolean {
  const spec = asJob(job).spec;
  return spec?.podReplacementPolicy === 'Failed' || (spec?.podFailurePolicy !== undefined && spec?.podFailurePolicy !== null);
}

/** The Job's `backoffLimitPerIndex` (an Indexed Job's retries per index), or null when it has none. */
function backoffLimitPerIndex(job: KubeObject): number | null {
  const v = asJob(job).spec?.backoffLimitPerIndex;
  return typeof v === 'number' && isIndexed(job) ? v : null;
}

/** Back-off before the next pod after n consecutive failures: 10 s · 2^(n-1), at most 6 min. */
export function backoffSeconds(failures: number): number {
  return Math.min(BACKOFF_BASE_SECONDS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_SECONDS);
}

/**
 * pastBackoffLimitOnFailure (pkg/controller/job/job_controller.go): with restartPolicy OnFailure the pod stays
 * and its containers restart in place, so the restartCounts of Pending/Running pods count toward backoffLimit
 * (https://kubernetes.io/docs/concepts/workloads/controllers/job/#handling-pod-and-container-failures).
 */
export function pastBackoffLimitOnFailure(job: KubeObject, pods: readonly KubeObject[], limit: number): boolean {
  if (asJob(job).spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (phase(p) !== 'Running' && phase(p) !== 'Pending') continue;
    for (const s of (asPod(p).status?.containerStatuses ?? [])) restarts += Number(obj(s)?.restartCount) || 0;
  }
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** The Job's Complete or Failed condition type when it has one with status True. */
export function finishedCondition(job: KubeObject): 'Complete' | 'Failed' | null {
  return terminalCondition(job)?.type ?? null;
}

function condition(type: string, reason: string, message: string, now: string): Json {
  return { type, status: 'True', reason, message, lastProbeTime: now, lastTransitionTime: now };
}
