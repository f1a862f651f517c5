/**
 * The engine's fault barrier. A thrown exception inside a component is a bug in the simulator, never
 * the learner's fault; it must not take the rest of the cluster down with it. Every dispatch point
 * (the controller manager's work queues, the store's watch fan-out, the timer queue, the scheduling
 * cycle, the kubelet's pod sync, the API server's apply) runs its callee in a try/catch whose catch
 * calls `CrashBarrier.crashed`; nothing else in the engine catches. The barrier records what crashed,
 * on which object (the dispatch point names its cause; timers inherit the cause current when they
 * were scheduled), and tells its listener (the Simulation, which turns it into an error at the
 * object's source position). The failed callee's work item is dropped, so a crash cannot loop.
 */

/** One contained crash. */
export interface Crash {
  /** The component whose code threw ("kube-scheduler", "replicaset-controller", "kubelet", ...). */
  readonly component: string;
  /** The kind and store key ("namespace/name" or "name") of the object being handled, when known. */
  readonly kind: string | null;
  readonly key: string | null;
  /** The thrown value's message, on one line. */
  readonly message: string;
}

/** Most crashes recorded per simulation (each distinct one once): a bug that fires on every pod must not fill memory. */
export const MAX_CRASHES = 100;

/** Where crashes are reported, and the cause (object) being dispatched right now. */
export class CrashBarrier {
  /** The component doing the current dispatch (null outside of one). */
  component: string | null = null;
  /** Kind of the object being handled by the current dispatch (null outside of one). */
  kind: string | null = null;
  /** Store key of the object being handled by the current dispatch. */
  key: string | null = null;
  private readonly seen = new Set<string>();
  private readonly list: Crash[] = [];
  private listener: ((c: Crash) => void) | null = null;
  private dropped = 0;

  /** Sets the component and cause of the work about to run (cheap: three field writes, no allocation). */
  enter(component: string | null, kind: string | null, key: string | null): void {
    this.component = component;
    this.kind = kind;
    this.key = key;
  }

  /** Records a crash of the current dispatch's component while handling its cause (or of the ones given). */
  crashed(err: unknown, component: string = this.component ?? 'simulator', kind: string | null = this.kind, key: string | null = this.key): void {
    const message = oneLine(err);
    const id = `${component}\u0000${kind}\u0000${key}\u0000${message}`;
    if (this.seen.has(id)) return;
    if (this.list.length >= MAX_CRASHES) {
      this.dropped++;
      return;
    }
    this.seen.add(id);
    const crash: Crash = { component, kind, key, message };
    this.list.push(crash);
    this.listener?.(crash);
  }

  /** The listener told of each new crash (one: the Simulation). */
  onCrash(listener: (c: Crash) => void): void {
    this.listener = listener;
  }

  /** Every crash so far (distinct, at most MAX_CRASHES). */
  crashes(): readonly Crash[] {
    return this.list;
  }

  /** Crashes not recorded because MAX_CRASHES was reached. */
  droppedCount(): number {
    return this.dropped;
  }
}

/** The first line of a thrown value's message, with its constructor's name ("TypeError: ..."). */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}
