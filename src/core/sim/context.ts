import type { ApiServer } from './apiServer';
import type { SimClock, TimerQueue } from './clock';
import type { Client, ClusterRuntime } from './cluster';
import type { EventLog } from './eventLog';
import type { Journal } from './journal/journal';
import type { Prng } from './prng';
import type { Store } from './store';
import type { ObjectRef } from './types';

/** Tunables of a run; the defaults are Kubernetes' own, cited where they are used. */
export interface SimOptions {
  /** Largest replica count a single workload is simulated with (absurd inputs are capped with a warning). */
  readonly maxReplicasPerWorkload: number;
  /** Keep per-pod lifecycle events (Scheduled, Pulling, Started…); large benchmarks can turn them off. */
  readonly podEvents: boolean;
}

/** Everything a component needs: the API, the informer cache (store), time, events and the physical cluster. */
export interface SimContext {
  readonly api: ApiServer;
  readonly store: Store;
  readonly clock: SimClock;
  readonly timers: TimerQueue;
  readonly events: EventLog;
  readonly cluster: ClusterRuntime;
  readonly prng: Prng;
  readonly options: SimOptions;
  /** The journal, when one is kept: components report what the store cannot see (decisions, the acting controller). */
  readonly journal?: Journal;
  /** Records an event from `component`, acting as `client` (whose network path it took). */
  emit(component: string, client: Client, reason: string, object: ObjectRef | null, message: string, type?: 'Normal' | 'Warning'): void;
}

/** A deduplicating queue of object keys, as client-go's workqueue: handlers add, workers drain. */
export class WorkQueue {
  private items = new Set<string>();
  /** Adds a key (no-op if queued). */
  add(key: string): void {
    this.items.add(key);
  }
  /** Takes every queued key, in insertion order. */
  take(): string[] {
    const out = [...this.items];
    this.items = new Set();
    return out;
  }
  /** Number of queued keys. */
  get size(): number {
    return this.items.size;
  }
}

/** A level-triggered controller: watch handlers enqueue keys; reconcile(key) converges one object. */
export interface Controller {
  readonly name: string;
  readonly queue: WorkQueue;
  reconcile(key: string): void;
  /** Enqueues every object it owns (what an informer's initial list does after a restart or a new leader). */
  resync(): void;
}
