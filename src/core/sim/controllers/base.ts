import type { Client } from '../cluster';
import { WorkQueue, type Controller, type SimContext } from '../context';
import { refOf } from '../eventLog';
import { namespaceOf } from '../objects';
import { key, type Stored } from '../store';
import type { KubeObject } from '../types';

/** Common plumbing of the kube-controller-manager controllers (sample-controller's shape). */
export abstract class BaseController implements Controller {
  readonly queue = new WorkQueue();
  abstract readonly name: string;
  /** The kind this controller owns. */
  protected abstract readonly kind: string;

  constructor(protected readonly ctx: SimContext, protected readonly client: () => Client) {}

  /** The owned kind, named in crash reports. */
  get ownedKind(): string {
    return this.kind;
  }

  abstract reconcile(key: string): void;

  /** Enqueues every object of the owned kind. */
  resync(): void {
    for (const o of this.ctx.store.list(this.kind)) this.queue.add(keyOf(o));
  }

  /** Watches the owned kind and the pods (or other children) it controls. */
  protected watchOwned(childKind = 'Pod'): void {
    this.ctx.store.watch(this.kind, (_t, o) => this.queue.add(keyOf(o)));
    // Dispatched by the child's controller kind in the store: O(1) per write however many controllers watch pods.
    this.ctx.store.watchControlled(childKind, this.kind, (ownerKey) => this.queue.add(ownerKey));
  }

  /** Reads the owned object for a key. */
  protected get(k: string): Stored | undefined {
    const slash = k.indexOf('/');
    return slash < 0 ? this.ctx.store.get(this.kind, undefined, k) : this.ctx.store.get(this.kind, k.slice(0, slash), k.slice(slash + 1));
  }

  /** Children of an owner of a given kind. */
  protected children(owner: Stored, kind = 'Pod'): Stored[] {
    const all = this.ctx.store.children(owner.metadata.uid as string);
    for (const c of all) if (c.kind !== kind) return all.filter((x) => x.kind === kind);
    return all; // a fresh array either way: callers may sort it
  }

  /** Records an event as this controller. */
  protected emit(reason: string, o: KubeObject, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    this.ctx.emit(this.name, this.client(), reason, refOf(o), message, type);
  }

  private readonly wakeups = new Set<string>();

  /**
   * Enqueues `k` again at simulated second `due` (the workqueue's AddAfter), once per key and time. `settles`: the
   * wake-up only re-checks a status (a progress deadline), so it does not keep the cluster from settling (as a
   * CronJob's ticks do not); the clock still reaches it when time is run on.
   */
  protected requeueAt(k: string, due: number, settles = false): void {
    const id = `${k}@${due}`;
    if (this.wakeups.has(id)) return;
    this.wakeups.add(id);
    this.ctx.timers.at(due, () => { this.wakeups.delete(id); this.queue.add(k); }, settles);
  }

  /** Writes a new status when it differs from the stored one. */
  protected writeStatus(o: Stored, status: Record<string, unknown>): void {
    const cur = (o.status ?? {}) as Record<string, unknown>;
    if (Object.keys(status).every((k) => sameValue(cur[k], status[k])) && Object.keys(cur).length === Object.keys(status).length) return;
    this.ctx.api.update(this.client(), { ...o, status });
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** Queue key of an object: namespace/name, or name. */
export function keyOf(o: KubeObject): string {
  return key(namespaceOf(o), o.metadata.name ?? '');
}

/** An integer field of a spec with a default (defensive against wrong types). */
export function intField(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : dflt;
}
