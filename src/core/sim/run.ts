import type { Engine } from './engine';

const never = (): boolean => false;

/**
 * A run of the engine towards a simulated time, or until it settles, that can stop between two units
 * of work (a controller's batch, a few hundred pods scheduled, a timer step) and go on later. The
 * worker thread uses it to abandon a computation a newer edit supersedes and to report progress;
 * Simulation.runUntilSettled and advance are single, never-yielding resumes of one. Stopping changes
 * nothing but where the work pauses: the engine's round (controllers, scheduler, kubelets) and the batch
 * it stopped in go on where they stopped, so resumed to the end the run records the same journal, entry
 * for entry, as an uninterrupted one (a unit test in engine.test.ts interrupts it at every chance).
 */
export class Run {
  private done = false;

  /** `end`: the simulated second to stop at; `untilSettled`: stop earlier once no pending work would change the cluster. */
  constructor(private readonly engine: Engine, readonly end: number, private readonly untilSettled: boolean) {}

  /** True once the run reached its end. */
  get finished(): boolean {
    return this.done;
  }

  /** Runs on until the end (true) or until `shouldYield()` returns true between two units of work (false: call again). */
  resume(shouldYield: () => boolean = never): boolean {
    const e = this.engine;
    while (!this.done) {
      if (!e.drain(shouldYield)) return false;
      if (this.untilSettled && e.timers.pendingWork() === 0) break;
      if (shouldYield()) return false;
      if (!e.step(this.end, shouldYield)) {
        if (!this.untilSettled) e.clock.set(this.end);
        break;
      }
    }
    this.done = true;
    return true;
  }
}
