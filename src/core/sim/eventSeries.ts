/**
 * How the event recorders fold a repeated event into one Event object (client-go tools/record/events_cache.go,
 * EventCorrelator's eventLogger): an event equal to an earlier one in its source (component and host), involved
 * object, type, reason and message is not stored again; the earlier Event gets `count` + 1 and a new
 * `lastTimestamp`. So `kubectl get events` lists a crash-looping pod's BackOff once, and `kubectl describe` prints
 * it as `2m (x5 over 4m)`. kube-scheduler's events.k8s.io recorder counts its repeats as an EventSeries, which
 * the core/v1 Event shows the same way.
 *
 * Not modelled: the recorders' spam filter (a token bucket per source and object) and their aggregation of
 * similar events with different messages ("(combined from similar events)"); the simulation's event log keeps
 * every occurrence, for the timeline.
 */
import type { SimEvent } from './types';

/** One Event object: its first and latest occurrence and how many there were. */
export interface EventSeries { readonly first: SimEvent; readonly last: SimEvent; readonly count: number }

/** events_cache.go getEventKey: source, involved object, type, reason and message. */
function keyOf(e: SimEvent): string {
  const o = e.object;
  return [e.component, e.node ?? '', o?.kind ?? '', o?.namespace ?? '', o?.name ?? '', e.type, e.reason, e.message].join('\u0000');
}

/** Folds events as they are recorded; `observe` says which Event object each one lands in. */
export class EventCorrelator {
  /** By key, in the order of their latest occurrence (a repeat moves its series to the end). */
  private readonly series = new Map<string, EventSeries>();

  /** The Event object `e` lands in: `count` 1 when it is the first of its kind. */
  observe(e: SimEvent): EventSeries {
    const k = keyOf(e);
    const prev = this.series.get(k);
    const next = prev ? { first: prev.first, last: e, count: prev.count + 1 } : { first: e, last: e, count: 1 };
    this.series.delete(k);
    this.series.set(k, next);
    return next;
  }

  /** Every Event object so far, ordered by its latest occurrence. */
  all(): EventSeries[] {
    return [...this.series.values()];
  }
}

/** The Event objects `events` make (oldest first), ordered by their latest occurrence. */
export function correlate(events: readonly SimEvent[]): EventSeries[] {
  const c = new EventCorrelator();
  for (const e of events) c.observe(e);
  return c.all();
}
