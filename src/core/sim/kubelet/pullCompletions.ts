import type { TimerQueue } from '../clock';
import type { LocalPod } from './localPod';

/** One finished image pull to report: the pod, the image, how long the pull took and how long after it was asked for. */
export interface PullDone {
  readonly k: string;
  readonly local: LocalPod;
  readonly image: string;
  readonly seconds: number;
  readonly waited: number;
}

/**
 * Pulls that finish at the same simulated instant on one node share one timer: a node pulls an
 * image once for all the pods that wait for it, so at scale this keeps one timer per node and
 * instant instead of one per pod. The Pulled events still come in the order the pulls began.
 */
export class PullCompletions {
  private readonly due = new Map<number, PullDone[]>();

  constructor(private readonly timers: TimerQueue, private readonly report: (done: PullDone) => void) {}

  /** Reports `done` at `time`. */
  add(time: number, done: PullDone): void {
    const batch = this.due.get(time);
    if (batch) {
      batch.push(done);
      return;
    }
    this.due.set(time, [done]);
    this.timers.at(time, () => this.fire(time));
  }

  private fire(time: number): void {
    const batch = this.due.get(time) ?? [];
    this.due.delete(time);
    for (const done of batch) this.report(done);
  }
}
