/**
 * Where a watch starts, as kube-apiserver's watch cache decides it
 * (staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go, getAllEventsSinceLocked, v1.33):
 * - `resourceVersion` unset or "0": the current state as ADDED events, then the changes;
 * - a version the history still holds: every change after it, replayed, then the live ones (this is how
 *   `kubectl get -w` and client-go informers continue from the list they just read without missing a write);
 * - a version older than the history's horizon: 410 Expired, `too old resource version: X (Y)` where Y is
 *   the oldest version it can still continue from (the client lists again);
 * - a version newer than the store: 504 Timeout `Too large resource version` (the cacher waits 3 s for it
 *   first; nothing here can catch up meanwhile, so it answers at once).
 * The history of the store's kinds is the engine's journal (it records every write with its after-image and
 * the revision it made, as etcd's MVCC history does); Events have their own ring (the EventLog), so their
 * resourceVersions count events and their horizon is the ring's oldest event.
 */
import type { Journal } from '../sim/journal';
import type { EventLog } from '../sim/eventLog';
import type { Store, WatchType } from '../sim/store';
import type { KubeObject } from '../sim/types';
import { status, type StatusBody } from './status';

/** One change of an object: the object after it (the removed object for DELETED) and before it. */
export interface Change {
  readonly type: WatchType;
  readonly object: KubeObject;
  readonly old: KubeObject | undefined;
  /** The resourceVersion the change made (a DELETED object carries it, as etcd3's watcher sends it). */
  readonly revision: number;
}

/** A watch's start: the changes to replay, or the Status its single ERROR event carries. */
export type Start = { readonly replay: readonly Change[] } | { readonly error: StatusBody };

/** The changes of `kind` in the store after `rv` (> 0), from the journal. */
export function storeChangesSince(journal: Journal, store: Store, kind: string, rv: number): Start {
  const current = store.resourceVersion();
  if (rv > current) return { error: tooLarge(rv, current) };
  const oldest = oldestRevision(journal, current);
  if (rv < oldest) return { error: tooOld(rv, oldest) };
  const replay: Change[] = [];
  for (let seq = firstAfter(journal, rv); seq <= journal.head; seq++) {
    const r = journal.record(seq);
    if (!r || r.kind !== 'write' || !r.object || r.object.kind !== kind || r.revision <= rv) continue;
    const type: WatchType = r.removed ? 'DELETED' : r.old ? 'MODIFIED' : 'ADDED';
    replay.push({ type, object: r.object as KubeObject, old: r.old as KubeObject | undefined, revision: r.revision });
  }
  return { replay };
}

/**
 * The oldest resourceVersion a watch can continue from: the version just before the first retained write
 * (the watch cache's `oldest-1`), or the store's version when nothing is retained (the journal is off, or
 * was just forgotten): then only a watch from now can continue.
 */
function oldestRevision(journal: Journal, current: number): number {
  const first = journal.record(journal.compacted + 1);
  if (!first) return current;
  return first.kind === 'write' ? first.revision - 1 : first.revision;
}

/** The seq of the first retained record whose revision is above `rv` (records are in revision order). */
function firstAfter(journal: Journal, rv: number): number {
  let lo = journal.compacted + 1;
  let hi = journal.head + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((journal.record(mid)?.revision ?? Infinity) > rv) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The Events recorded after `rv` (an Event's resourceVersion is its sequence number + 1). */
export function eventsSince(events: EventLog, rv: number): { readonly from: number } | { readonly error: StatusBody } {
  const current = events.total();
  if (rv > current) return { error: tooLarge(rv, current) };
  const oldest = Math.max(0, current - events.capacity);
  if (rv < oldest) return { error: tooOld(rv, oldest) };
  return { from: rv };
}

/** k8s.io/apimachinery errors.NewResourceExpired, as the watch cache builds it. */
function tooOld(rv: number, oldest: number): StatusBody {
  return status(410, 'Expired', `too old resource version: ${rv} (${oldest})`);
}

/** staging/src/k8s.io/apiserver/pkg/storage/errors.go NewTooLargeResourceVersionError (a Timeout with a cause, retry after 1 s). */
function tooLarge(rv: number, current: number): StatusBody {
  return status(504, 'Timeout', `Timeout: Too large resource version: ${rv}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1,
  });
}

/**
 * What a watcher with a selector sees of a change (cacher/cache_watcher.go, convertToWatchEvent): an object
 * that comes to match is ADDED, one that stops matching is DELETED (its last matching state), one that
 * matches before and after is MODIFIED; nothing when it matches neither.
 */
export function watchEvent(change: Change, matches: (o: KubeObject) => boolean): { type: WatchType; object: KubeObject } | undefined {
  const now = change.type !== 'DELETED' && matches(change.object);
  const before = change.type === 'ADDED' ? false : change.old !== undefined && matches(change.old);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: change.object };
  if (!before || !change.old) return undefined;
  const last = change.old;
  return { type: 'DELETED', object: { ...last, metadata: { ...last.metadata, resourceVersion: String(change.revision) } } };
}
