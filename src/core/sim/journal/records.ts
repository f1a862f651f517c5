import type { JournalHop, JournalVerb } from '../../../shared/journal';
import type { Client } from '../cluster';
import type { ScheduleResult } from '../components/kubeScheduler';
import type { Stored } from '../store';
import type { NodeSpec } from '../topology/types';
import type { ComponentName, ObjectRef, SimEvent } from '../types';

/** The leaders at a moment (one frozen object per change, shared by the records made meanwhile). */
export interface Leaders { readonly 'kube-scheduler': string | null; readonly 'kube-controller-manager': string | null }

/** What a record is: a store write (or its refusal), a decision, or a change of the physical cluster. */
export type RecordKind = 'write' | 'rejected' | 'schedule' | 'fault' | 'host' | 'leader' | 'event';

/** Extra data of the non-write records. */
export type RecordExtra =
  | { readonly kind: 'schedule'; readonly result: ScheduleResult }
  | { readonly kind: 'fault'; readonly node: string; readonly component?: ComponentName; readonly failed: boolean }
  | { readonly kind: 'host'; readonly spec: NodeSpec | null; readonly node: string; readonly change: 'joined' | 'changed' | 'left' }
  | { readonly kind: 'leader'; readonly component: 'kube-scheduler' | 'kube-controller-manager'; readonly node: string | null; readonly message: string }
  | { readonly kind: 'rejected'; readonly object: ObjectRef; readonly error: string }
  | { readonly kind: 'proxies'; readonly nodes: readonly string[] };

/**
 * One journal record, as compact as the hot path allows: references to the store's immutable
 * after-images (and before-images) instead of copies, and the request's hops shared per client.
 * Public entries (src/shared/journal.ts) are built from records only when someone reads them.
 */
export class JournalRecord {
  constructor(
    readonly kind: RecordKind,
    readonly time: number,
    /** The store's resourceVersion after this record. */
    readonly revision: number,
    readonly actor: Client | null,
    /** kube-controller-manager's acting controller, when the actor is it. */
    readonly controller: string | undefined,
    /** Undefined for an update: entries.ts works it out from the two images (updateVerb). */
    readonly verb: JournalVerb | undefined,
    /** Write: the after-image, or the removed object when `removed`. Schedule: the pod. */
    readonly object: Stored | null,
    /** Write: the before-image (undefined for create). */
    readonly old: Stored | undefined,
    /** The object left the store (a final delete). */
    readonly removed: boolean,
    readonly path: readonly JournalHop[],
    readonly leaders: Leaders,
    readonly extra: RecordExtra | undefined,
    /** Absolute index of this record's event in the journal's events, or -1. */
    public event: number,
    /** Absolute count of events recorded up to and including this record. */
    public eventsEnd: number,
  ) {}
}

/** An event as the journal keeps it: the SimEvent itself (the snapshot's events are these). */
export type JournalEvent = SimEvent;
