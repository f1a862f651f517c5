/**
 * Simulated time. The engine never reads the wall clock: the host steps a SimClock and
 * everything that should happen later is a timer in one binary heap keyed by (time, seq),
 * so timers due at the same second fire in the order they were scheduled (determinism).
 */

/** A scheduled callback. `recurring` timers (CronJob ticks) do not keep the cluster "unsettled". */
export interface Timer {
  readonly time: number;
  readonly seq: number;
  readonly recurring: boolean;
  readonly run: () => void;
  cancelled: boolean;
  /** The dispatch that scheduled it (crashes.ts): a crash in `run` is reported on the same object. */
  readonly component: string | null;
  readonly kind: string | null;
  readonly key: string | null;
}

/** Where a timer reads the cause current when it is scheduled (the CrashBarrier). */
export interface CauseSource {
  readonly component: string | null;
  readonly kind: string | null;
  readonly key: string | null;
}

/** Binary min-heap of timers ordered by (time, seq). */
export class TimerQueue {
  private readonly heap: Timer[] = [];
  private seq = 0;
  private live = 0;

  constructor(private readonly cause: CauseSource = { component: null, kind: null, key: null }) {}

  /** Schedules `run` at absolute simulated `time`. */
  at(time: number, run: () => void, recurring = false): Timer {
    const c = this.cause;
    const t: Timer = { time, seq: this.seq++, recurring, run, cancelled: false, component: c.component, kind: c.kind, key: c.key };
    this.heap.push(t);
    this.up(this.heap.length - 1);
    if (!recurring) this.live++;
    return t;
  }

  /** Cancels a timer; it is dropped lazily when it reaches the top. */
  cancel(t: Timer): void {
    if (t.cancelled) return;
    t.cancelled = true;
    if (!t.recurring) this.live--;
  }

  /** The next non-cancelled timer, without removing it. */
  peek(): Timer | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
    return this.heap[0];
  }

  /** Removes and returns the next timer (cancelled ones included; callers use `next`). */
  next(): Timer | undefined {
    const t = this.peek();
    if (t) {
      this.pop();
      if (!t.recurring) this.live--;
    }
    return t;
  }

  /** Number of pending non-recurring timers: work that will still change the cluster. */
  pendingWork(): number {
    return this.live;
  }

  /** When the earliest pending non-recurring timer is due; null when none is. */
  nextWorkAt(): number | null {
    let at: number | null = null;
    for (const t of this.heap) if (!t.cancelled && !t.recurring && (at === null || t.time < at)) at = t.time;
    return at;
  }

  /** The pending non-recurring timers' causes ("component Kind key"), most frequent first, at most `limit`. */
  pendingCauses(limit: number): { what: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const t of this.heap) {
      if (t.cancelled || t.recurring) continue;
      const what = `${t.component ?? 'the simulator'}${t.kind ? ` (${t.kind} ${t.key ?? ''})` : ''}`;
      counts.set(what, (counts.get(what) ?? 0) + 1);
    }
    return [...counts].map(([what, count]) => ({ what, count })).sort((a, b) => b.count - a.count || (a.what < b.what ? -1 : 1)).slice(0, limit);
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: Timer, b: Timer): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) return;
      const t = h[i];
      h[i] = h[p];
      h[p] = t;
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) return;
      const t = h[i];
      h[i] = h[m];
      h[m] = t;
      i = m;
    }
  }
}

/** Simulation time in seconds since the start of the run, stepped only by the engine loop. */
export class SimClock {
  private t = 0;
  /** Current simulated second. */
  now(): number {
    return this.t;
  }
  /** Moves time forward (never backwards). */
  set(time: number): void {
    if (time > this.t) this.t = time;
  }
}

/** The wall-clock instant that simulated second 0 is printed as (fixed, so output is deterministic). */
export const SIM_EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

/** RFC 3339 timestamp of simulated second `t`, as metadata.creationTimestamp is printed. */
export function timestamp(t: number): string {
  const s = Math.floor(t);
  if (s !== lastSecond) {
    lastSecond = s;
    lastStamp = new Date(SIM_EPOCH_MS + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastStamp;
}
let lastSecond = NaN;
let lastStamp = '';
