import type { ObjectRef, SimEvent } from './types';

type EventType = SimEvent['type'];

/**
 * The event log: a ring buffer of the most recent events plus per-reason counts.
 * Real Kubernetes events expire too (kube-apiserver --event-ttl, 1h by default:
 * https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/).
 *
 * The ring is stored by column and an event becomes a SimEvent object only when someone
 * reads it (`since`) or listens: a large run records hundreds of thousands of events that
 * rotate out unread, and building an object for each was a large share of its allocations.
 */
export class EventLog {
  private seq = 0;
  private readonly counts = new Map<string, number>();
  private readonly listeners = new Set<(e: SimEvent) => void>();
  private readonly times: Float64Array;
  private readonly components: string[];
  private readonly reasons: string[];
  private readonly objects: (ObjectRef | null)[];
  private readonly messages: string[];
  private readonly paths: (readonly string[])[];
  private readonly nodes: (string | undefined)[];
  private readonly types: EventType[];
  /** What `rows` keeps, per row function. */
  private readonly mapped = new Map<(e: SimEvent) => unknown, { first: number; rows: unknown[] }>();
  /** Materialised events, per slot (cleared when the slot is reused). */
  private readonly built: (SimEvent | undefined)[];
  /** Receives every event as it is recorded (the journal); null: none. */
  sink: ((e: SimEvent) => void) | null = null;

  constructor(readonly capacity = 10_000) {
    this.times = new Float64Array(capacity);
    this.components = new Array<string>(capacity).fill('');
    this.reasons = new Array<string>(capacity).fill('');
    this.objects = new Array<ObjectRef | null>(capacity).fill(null);
    this.messages = new Array<string>(capacity).fill('');
    this.paths = new Array<readonly string[]>(capacity).fill([]);
    this.nodes = new Array<string | undefined>(capacity).fill(undefined);
    this.types = new Array<EventType>(capacity).fill('Normal');
    this.built = new Array<SimEvent | undefined>(capacity).fill(undefined);
  }

  /** Records an event and notifies listeners. */
  record(e: Omit<SimEvent, 'seq'>): SimEvent {
    this.add(e.time, e.component, e.reason, e.object, e.message, e.path, e.node, e.type);
    return this.at(this.seq - 1);
  }

  /** Records an event from its fields (no object is built unless someone listens). */
  add(time: number, component: string, reason: string, object: ObjectRef | null, message: string, path: readonly string[], node: string | undefined, type: EventType): void {
    const i = this.seq % this.capacity;
    this.times[i] = time;
    this.components[i] = component;
    this.reasons[i] = reason;
    this.objects[i] = object;
    this.messages[i] = message;
    this.paths[i] = path;
    this.nodes[i] = node;
    this.types[i] = type;
    this.built[i] = undefined;
    this.seq++;
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    if (this.sink) this.sink(this.at(this.seq - 1));
    if (this.listeners.size > 0) {
      const ev = this.at(this.seq - 1);
      for (const l of this.listeners) l(ev);
    }
  }

  /**
   * Per object (`key` of its ref), the message of its latest event of reason `failed` that no event of reason `cleared`
   * followed, read from the ring's columns (no event object is built): a controller still failing to create.
   */
  unresolved(failed: string, cleared: string, key: (o: ObjectRef) => string): Map<string, string> {
    const out = new Map<string, string>();
    // Most clusters never record the failure: then no key is built for the many events that clear it.
    if (!this.counts.get(failed)) return out;
    for (let s = Math.max(this.seq - this.capacity, 0); s < this.seq; s++) {
      const i = s % this.capacity;
      const reason = this.reasons[i];
      const object = this.objects[i];
      if (object === null || (reason !== failed && reason !== cleared)) continue;
      if (reason === failed) out.set(key(object), this.messages[i]);
      else out.delete(key(object));
    }
    return out;
  }

  /** Events with seq >= index that are still in the buffer, oldest first. */
  since(index: number): readonly SimEvent[] {
    const from = Math.max(index, this.seq - this.capacity, 0);
    const out: SimEvent[] = [];
    for (let s = from; s < this.seq; s++) out.push(this.at(s));
    return out;
  }

  /**
   * Every event still in the ring mapped by `row`, oldest first, as a new array. The mapped rows are kept
   * between calls (per `row` function), so a call after a few new events maps only those: a live cluster
   * builds a snapshot on every edit, and mapping the whole ring each time was a millisecond of it.
   */
  rows<T>(row: (e: SimEvent) => T): T[] {
    let kept = this.mapped.get(row) as { first: number; rows: T[] } | undefined;
    if (!kept) this.mapped.set(row, (kept = { first: 0, rows: [] }));
    const from = Math.max(this.seq - this.capacity, 0);
    if (from > kept.first) {
      kept.rows.splice(0, Math.min(from - kept.first, kept.rows.length));
      kept.first = from;
    }
    for (let s = kept.first + kept.rows.length; s < this.seq; s++) kept.rows.push(row(this.at(s)));
    return kept.rows.slice();
  }

  /** Total events ever recorded (the next seq). */
  total(): number {
    return this.seq;
  }

  /** How many events of each reason were recorded, including ones that have rotated out. */
  reasonCounts(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** Subscribes to new events; returns the unsubscribe function. */
  subscribe(listener: (e: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The event with sequence number `seq` (still in the ring), built once. */
  private at(seq: number): SimEvent {
    const i = seq % this.capacity;
    const hit = this.built[i];
    if (hit !== undefined) return hit;
    const node = this.nodes[i];
    const ev: SimEvent = node === undefined
      ? { seq, time: this.times[i], component: this.components[i], reason: this.reasons[i], object: this.objects[i], message: this.messages[i], path: this.paths[i], type: this.types[i] }
      : { seq, time: this.times[i], component: this.components[i], reason: this.reasons[i], object: this.objects[i], message: this.messages[i], path: this.paths[i], node, type: this.types[i] };
    this.built[i] = ev;
    return ev;
  }
}

/** Reference to an object for an event. */
export function refOf(obj: { kind: string; metadata: { namespace?: string; name?: string } }): ObjectRef {
  const ns = obj.metadata.namespace;
  return ns ? { kind: obj.kind, namespace: ns, name: obj.metadata.name ?? '' } : { kind: obj.kind, name: obj.metadata.name ?? '' };
}
