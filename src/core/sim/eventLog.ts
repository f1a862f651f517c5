import type { ObjectRef, SimEvent } from './types';

/**
 * The event log: a ring buffer of the most recent events plus per-reason counts.
 * Real Kubernetes events expire too (kube-apiserver --event-ttl, 1h by default:
 * https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/).
 */
export class EventLog {
  private readonly ring: (SimEvent | undefined)[];
  private seq = 0;
  private readonly counts = new Map<string, number>();
  private readonly listeners = new Set<(e: SimEvent) => void>();

  constructor(private readonly capacity = 10_000) {
    this.ring = new Array<SimEvent | undefined>(capacity);
  }

  /** Records an event and notifies listeners. */
  record(e: Omit<SimEvent, 'seq'>): SimEvent {
    const ev: SimEvent = e.node === undefined
      ? { seq: this.seq, time: e.time, component: e.component, reason: e.reason, object: e.object, message: e.message, path: e.path, type: e.type }
      : { seq: this.seq, time: e.time, component: e.component, reason: e.reason, object: e.object, message: e.message, path: e.path, node: e.node, type: e.type };
    this.ring[this.seq % this.capacity] = ev;
    this.seq++;
    this.counts.set(e.reason, (this.counts.get(e.reason) ?? 0) + 1);
    if (this.listeners.size > 0) for (const l of this.listeners) l(ev);
    return ev;
  }

  /** Events with seq >= index that are still in the buffer, oldest first. */
  since(index: number): readonly SimEvent[] {
    const from = Math.max(index, this.seq - this.capacity, 0);
    const out: SimEvent[] = [];
    for (let i = from; i < this.seq; i++) out.push(this.ring[i % this.capacity] as SimEvent);
    return out;
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
}

/** Reference to an object for an event. */
export function refOf(obj: { kind: string; metadata: { namespace?: string; name?: string } }): ObjectRef {
  const ns = obj.metadata.namespace;
  return ns ? { kind: obj.kind, namespace: ns, name: obj.metadata.name ?? '' } : { kind: obj.kind, name: obj.metadata.name ?? '' };
}
