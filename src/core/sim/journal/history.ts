import type { ClusterRuntime } from '../cluster';
import { key, type Store, type Stored } from '../store';
import type { TopologySpec } from '../topology/types';
import type { SimEvent } from '../types';
import { replayRuntime, type Journal } from './journal';
import type { JournalRecord, Leaders } from './records';

/**
 * A read-only store at a past moment: the kinds' objects by key, with the reads the snapshot
 * makes (the live Store's indexes become scans here: a past moment is read once per seek).
 */
export class HistoricStore {
  private byNode: Map<string, string[]> | null = null;

  constructor(private readonly kinds: Map<string, Map<string, Stored>>) {}

  /** One object, or undefined. */
  get(kind: string, namespace: string | undefined, name: string): Stored | undefined {
    return this.kinds.get(kind)?.get(key(namespace, name));
  }

  /** All objects of a kind. */
  list(kind: string): IterableIterator<Stored> {
    return (this.kinds.get(kind) ?? new Map<string, Stored>()).values();
  }

  /** Number of objects of a kind. */
  count(kind: string): number {
    return this.kinds.get(kind)?.size ?? 0;
  }

  /** Keys of the pods bound to `node`. */
  podsOnNode(node: string): string[] {
    if (!this.byNode) {
      this.byNode = new Map();
      for (const [k, p] of this.kinds.get('Pod') ?? []) {
        const n = (p.spec as { nodeName?: unknown } | undefined)?.nodeName;
        if (typeof n !== 'string' || n === '') continue;
        const list = this.byNode.get(n);
        if (list) list.push(k);
        else this.byNode.set(n, [k]);
      }
    }
    return this.byNode.get(node) ?? [];
  }

  /** Objects whose ownerReferences name `uid`. */
  children(uid: string): Stored[] {
    const out: Stored[] = [];
    for (const m of this.kinds.values()) {
      for (const o of m.values()) {
        const refs = o.metadata.ownerReferences;
        if (Array.isArray(refs) && refs.some((r) => (r as { uid?: unknown } | null)?.uid === uid)) out.push(o);
      }
    }
    return out;
  }
}

/** Everything a snapshot reads, at a past moment. */
export interface HistoricState {
  readonly time: number;
  readonly store: HistoricStore;
  readonly cluster: ClusterRuntime;
  readonly leaders: Leaders;
  /** The events the EventLog's ring held then, oldest first. */
  readonly events: SimEvent[];
  /** The journal seq of the last record included. */
  readonly seq: number;
  readonly revision: number;
}

/**
 * The state at simulated second `time`, rebuilt exactly: a copy of the live store with every write
 * after `time` undone, newest first (a record holds its before-image: a create is removed, a removal
 * put back, an update reverted), the hosts replayed from the oldest retained moment through the
 * fault and host records up to `time`, and the leaders and events as they were after the last record
 * at or before `time`. O(objects + records after `time`), both bounded by the horizon. Undefined
 * when `time` is older than the journal's horizon.
 */
export function stateAt(journal: Journal, store: Store, topology: TopologySpec, time: number, eventWindow: number): HistoricState | undefined {
  if (!journal.enabled || time < journal.oldestTime) return undefined;
  const cut = journal.cutAt(time);
  const kinds = store.copyObjects();
  for (let seq = journal.head; seq > cut; seq--) undo(journal.record(seq) as JournalRecord, kinds);
  const runtime: JournalRecord[] = [];
  for (const seq of journal.runtimeRecords) if (seq <= cut) runtime.push(journal.record(seq) as JournalRecord);
  const cluster = replayRuntime(journal.hostsAtBase, topology, runtime);
  const last = cut > journal.compacted ? journal.record(cut) : undefined;
  const eventsEnd = last ? last.eventsEnd : journal.eventsAtBase;
  const events = journal.events(Math.max(0, eventsEnd - eventWindow), eventsEnd);
  const revision = last ? last.revision : journal.record(cut + 1)?.revision ?? store.resourceVersion();
  return { time, store: new HistoricStore(kinds), cluster, leaders: last ? last.leaders : journal.leadersAtBase, events, seq: cut, revision };
}

function undo(r: JournalRecord, kinds: Map<string, Map<string, Stored>>): void {
  if (r.kind !== 'write' || !r.object) return;
  const o = r.object;
  let m = kinds.get(o.kind);
  if (!m) kinds.set(o.kind, (m = new Map()));
  const k = key(o.metadata.namespace, o.metadata.name ?? '');
  if (r.removed) m.set(k, o);
  else if (r.old) m.set(k, r.old);
  else m.delete(k);
}
