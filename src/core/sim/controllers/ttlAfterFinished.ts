import { simSeconds } from '../snapshot';
import { asJob } from '../typed';
import { BaseController, keyOf } from './base';
import { finishedCondition } from './job';

/**
 * TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job (Complete or Failed) with
 * `ttlSecondsAfterFinished` is deleted that many seconds after it finished, and the garbage collector deletes its
 * pods after it (https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/).
 */
export class TtlAfterFinishedController extends BaseController {
  readonly name = 'ttl-after-finished-controller';
  protected readonly kind = 'Job';

  /** Watches Jobs that have a TTL. */
  start(): this {
    this.ctx.store.watch('Job', (t, job) => {
      if (t !== 'DELETED' && asJob(job).spec?.ttlSecondsAfterFinished !== undefined) this.queue.add(keyOf(job));
    });
    return this;
  }

  reconcile(k: string): void {
    const job = this.get(k);
    const ttl = job && asJob(job).spec?.ttlSecondsAfterFinished;
    const finished = job && finishedCondition(job);
    if (!job || job.metadata.deletionTimestamp || typeof ttl !== 'number' || !finished) return;
    // The finish time: the Complete or Failed condition's lastTransitionTime (timeLeft in the controller).
    const at = (asJob(job).status?.conditions ?? []).find((c) => c?.type === finished && c.status === 'True')?.lastTransitionTime;
    const due = simSeconds(at ?? asJob(job).status?.completionTime) + ttl;
    if (this.ctx.clock.now() < due) return this.requeueAt(k, due);
    this.ctx.api.delete(this.client(), 'Job', job.metadata.namespace, job.metadata.name ?? '');
  }
}
