/**
 * The steps of the process crossing from the simulation worker to the extension host. Every state
 * carries the latest VIEW_STEPS steps (fromSnapshot.ts), most of which the host already has: at teaching
 * size that is 300 KB of a 380 KB state, cloned on both sides of the message on every edit. The worker
 * sends only the steps after the last ones it posted (`StepSender`); the host puts the view's latest
 * steps back together (`StepReceiver`), so what reads the state (the Cluster View's feed) sees it whole.
 */
import type { ClusterView, ViewStep } from '../../shared/protocol';
import { VIEW_STEPS } from './fromSnapshot';

/** A view with only its new steps, and the seq they follow (undefined: the steps are complete, replace). */
export interface SentSteps {
  readonly view: ClusterView;
  readonly stepsAfter?: number;
}

/** The seq of a view's last step, or -1. */
function lastSeq(steps: readonly ViewStep[] | undefined): number {
  return steps && steps.length > 0 ? (steps[steps.length - 1] as ViewStep).seq : -1;
}

/** Worker side: strips from each view the steps an earlier state of the same cluster already carried. */
export class StepSender {
  private sent: { readonly clusterId: number | undefined; readonly seq: number } | undefined;

  trim(view: ClusterView): SentSteps {
    const steps = view.steps ?? [];
    const sent = this.sent;
    const seq = lastSeq(steps);
    // Another cluster (its journal counts from 0 again), or a journal that went back: send them all.
    if (!sent || sent.clusterId !== view.clusterId || seq < sent.seq) {
      this.sent = { clusterId: view.clusterId, seq };
      return { view };
    }
    this.sent = { clusterId: view.clusterId, seq: Math.max(seq, sent.seq) };
    let first = steps.length;
    while (first > 0 && (steps[first - 1] as ViewStep).seq > sent.seq) first--;
    return { view: { ...view, steps: steps.slice(first) }, stepsAfter: sent.seq };
  }
}

/** Host side: the latest VIEW_STEPS steps of the cluster, put back into each view received. */
export class StepReceiver {
  private held: readonly ViewStep[] = [];
  private clusterId: number | undefined;

  merge(sent: SentSteps): ClusterView {
    const { view, stepsAfter } = sent;
    const steps = view.steps ?? [];
    if (stepsAfter === undefined || view.clusterId !== this.clusterId) this.held = steps;
    else if (steps.length > 0) {
      const joined = this.held.concat(steps);
      this.held = joined.length > VIEW_STEPS ? joined.slice(-VIEW_STEPS) : joined;
    }
    this.clusterId = view.clusterId;
    return { ...view, steps: this.held };
  }

  /** The worker was replaced: its first state carries every step again. */
  reset(): void {
    this.held = [];
    this.clusterId = undefined;
  }
}
