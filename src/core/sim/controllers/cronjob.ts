import { SIM_EPOCH_MS, timestamp, type Timer } from '../clock';
import { refOf } from '../eventLog';
import { obj, str } from '../objects';
import { simSeconds } from '../snapshot';
import type { Stored } from '../store';
import type { Json, KubeObject } from '../types';
import { watchOwnedLazily } from './ownedWatch';
import { BaseController, intField } from './base';
import { nextRun, parseCron, zonedTimestamp } from './cron';
import { finishedCondition } from './job';
import { ownerRefs } from './podTemplate';
import { asCronJob, asJob } from '../typed';

/** History limits' defaults (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits). */
export const DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
export const DEFAULT_FAILED_JOBS_HISTORY_LIMIT = 1;
/** More unmet start times than this is reported as TooManyMissedTimes (cronjob_controllerv2.go). */
export const MAX_MISSED_TIMES = 100;
/** Annotation with the scheduled time on each Job (https://kubernetes.io/docs/reference/labels-annotations-taints/#batch-kubernetes-io-cronjob-scheduled-timestamp). */
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/**
 * CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go) on the simulated clock:
 * at each scheduled time it creates a Job named `<cronjob>-<scheduled time in minutes since the
 * Unix epoch>`, honouring concurrencyPolicy (Allow, Forbid, Replace), suspend and
 * startingDeadlineSeconds, and keeps 3 successful / 1 failed finished Jobs by default.
 * Its wake-ups are recurring timers, which never keep the cluster from settling.
 */
export class CronJobController extends BaseController {
  readonly name = 'cronjob-controller';
  protected readonly kind = 'CronJob';
  private readonly timers = new Map<string, Timer>();

  /** Starts watching CronJobs and their Jobs. */
  start(): this {
    watchOwnedLazily(this.ctx, this.kind, this.queue, 'Job');
    return this;
  }

  reconcile(k: string): void {
    const cj = this.get(k);
    const cron = cj && !cj.metadata.deletionTimestamp ? parseCron(asCronJob(cj).spec?.schedule ?? '', asCronJob(cj).spec?.timeZone) : null;
    if (!cj || !cron) return this.cancel(k);
    const jobs = this.children(cj, 'Job');
    this.sawCompleted(cj, jobs);
    const created = this.maybeRun(cj, cron, jobs);
    this.cleanupHistory(cj, this.children(cj, 'Job'));
    this.updateStatus(this.get(k) ?? cj, created);
    this.wakeAtNext(k, cron);
  }

  /** Creates the Job of the most recent unmet schedule time, if policy allows; returns that time. */
  private maybeRun(cj: Stored, cron: NonNullable<ReturnType<typeof parseCron>>, jobs: Stored[]): number | null {
    const now = this.ctx.clock.now();
    const scheduled = this.mostRecentUnmet(cj, cron, now);
    if (scheduled === null || asCronJob(cj).spec?.suspend === true) return null;
    const deadline = asCronJob(cj).spec?.startingDeadlineSeconds;
    if (typeof deadline === 'number' && scheduled < now - deadline) {
      this.emit('MissSchedule', cj, `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`, 'Warning');
      return null;
    }
    const name = jobName(cj, scheduled);
    if (jobs.some((j) => j.metadata.name === name)) return null;
    const active = jobs.filter((j) => !finishedCondition(j));
    const policy = asCronJob(cj).spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length > 0) {
      this.emit('JobAlreadyActive', cj, 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return null;
    }
    if (policy === 'Replace') for (const j of active) this.deleteJob(cj, j);
    return this.createJob(cj, cron, name, scheduled) ? scheduled : null;
  }

  /** mostRecentScheduleTime: the latest schedule time in (lastScheduleTime or creation, now]. */
  private mostRecentUnmet(cj: Stored, cron: NonNullable<ReturnType<typeof parseCron>>, now: number): number | null {
    const last = asCronJob(cj).status?.lastScheduleTime;
    let t = nextRun(cron, last ? simSeconds(last) : simSeconds(cj.metadata.creationTimestamp));
    let found: number | null = null;
    let missed = 0;
    for (; t !== null && t <= now && missed < 100_000; t = nextRun(cron, t)) { found = t; missed++; }
    if (missed > MAX_MISSED_TIMES) this.emit('TooManyMissedTimes', cj, `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`, 'Warning');
    return found;
  }

  private createJob(cj: Stored, cron: NonNullable<ReturnType<typeof parseCron>>, name: string, scheduled: number): boolean {
    const tmpl = (obj(asCronJob(cj).spec?.jobTemplate) ?? {}) as Json;
    const meta = obj(tmpl.metadata) ?? {};
    const job: KubeObject = {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: {
        name, namespace: cj.metadata.namespace, labels: { ...(obj(meta.labels) as Record<string, string> | undefined) },
        annotations: { ...(obj(meta.annotations) as Record<string, string> | undefined), [SCHEDULED_TIMESTAMP]: zonedTimestamp(cron, scheduled) },
        ownerReferences: ownerRefs(cj),
      },
      spec: obj(tmpl.spec) ?? {},
    };
    const r = this.ctx.api.create(this.client(), job);
    if (!r.ok) { this.emit('FailedCreate', cj, `Error creating job: ${r.error}`, 'Warning'); return false; }
    this.emit('SuccessfulCreate', cj, `Created job ${name}`);
    return true;
  }

  private deleteJob(cj: Stored, j: Stored): void {
    const r = this.ctx.api.delete(this.client(), 'Job', j.metadata.namespace, j.metadata.name ?? '');
    if (r.ok) this.emit('SuccessfulDelete', cj, `Deleted job ${j.metadata.name}`);
  }

  /** A Job still listed as active has finished: say so once. */
  private sawCompleted(cj: Stored, jobs: Stored[]): void {
    const active = new Set(((asCronJob(cj).status?.active ?? []) as Json[]).map((r) => str(obj(r)?.name)));
    for (const j of jobs) {
      const done = finishedCondition(j);
      if (done && active.has(j.metadata.name)) this.emit('SawCompletedJob', cj, `Saw completed job: ${j.metadata.name}, condition: ${done}`);
    }
  }

  /** cleanupFinishedJobs: delete the oldest finished Jobs beyond the history limits. */
  private cleanupHistory(cj: Stored, jobs: Stored[]): void {
    const limits: Record<'Complete' | 'Failed', number> = {
      Complete: intField(asCronJob(cj).spec?.successfulJobsHistoryLimit, DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT),
      Failed: intField(asCronJob(cj).spec?.failedJobsHistoryLimit, DEFAULT_FAILED_JOBS_HISTORY_LIMIT),
    };
    for (const kind of ['Complete', 'Failed'] as const) {
      const done = jobs.filter((j) => finishedCondition(j) === kind).sort(byScheduledTime);
      for (const j of done.slice(0, Math.max(0, done.length - limits[kind]))) this.deleteJob(cj, j);
    }
  }

  private updateStatus(cj: Stored, created: number | null): void {
    const jobs = this.children(cj, 'Job').sort(byScheduledTime);
    const status: Json = { ...obj(cj.status), active: jobs.filter((j) => !finishedCondition(j)).map(refOf) };
    if (created !== null) status.lastScheduleTime = timestamp(created);
    const done = jobs.filter((j) => finishedCondition(j) === 'Complete').map((j) => asJob(j).status?.completionTime ?? '').sort();
    if (done.length) status.lastSuccessfulTime = done[done.length - 1];
    if ((status.active as unknown[]).length === 0) delete status.active;
    this.writeStatus(cj, status);
  }

  /** One recurring wake-up per CronJob, at its next schedule time. */
  private wakeAtNext(k: string, cron: NonNullable<ReturnType<typeof parseCron>>): void {
    const next = nextRun(cron, this.ctx.clock.now());
    const cur = this.timers.get(k);
    if (next === null || cur?.time === next) return;
    if (cur) this.ctx.timers.cancel(cur);
    this.timers.set(k, this.ctx.timers.at(next, () => { this.timers.delete(k); this.queue.add(k); }, true));
  }

  private cancel(k: string): void {
    const t = this.timers.get(k);
    if (t) this.ctx.timers.cancel(t);
    this.timers.delete(k);
  }
}

/** Go's time.RFC1123Z of a simulated second in UTC, "Wed, 01 Jan 2025 00:05:00 +0000" (cronjob_controllerv2.go formats MissSchedule with `scheduledTime.UTC().Format(time.RFC1123Z)`). */
export function rfc1123z(t: number): string {
  return new Date(SIM_EPOCH_MS + t * 1000).toUTCString().replace(/GMT$/, '+0000');
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the Unix epoch>`. */
export function jobName(cj: KubeObject, scheduled: number): string {
  return `${cj.metadata.name}-${Math.floor((SIM_EPOCH_MS / 1000 + scheduled) / 60)}`;
}

function byScheduledTime(a: Stored, b: Stored): number {
  // Compared as instants: the annotation carries the zone's offset, which changes with daylight saving time.
  const ta = Date.parse(a.metadata.annotations?.[SCHEDULED_TIMESTAMP] ?? '') || 0;
  const tb = Date.parse(b.metadata.annotations?.[SCHEDULED_TIMESTAMP] ?? '') || 0;
  return ta < tb ? -1 : ta > tb ? 1 : (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}
