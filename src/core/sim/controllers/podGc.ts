import type { Timer } from '../clock';
import type { Client } from '../cluster';
import type { SimContext } from '../context';
import { refOf } from '../eventLog';
import { isFinished, nodeName, withPodCondition } from '../pods';
import type { Stored } from '../store';

/** pkg/controller/podgc/gc_controller.go: the gc loop runs every gcCheckPeriod = 20 s. */
export const GC_CHECK_PERIOD = 20;
/** gc_controller.go quarantineTime = 40 s: how long gcOrphaned waits before it treats a missing node as truly gone. */
export const QUARANTINE_TIME = 40;
/** The condition gcOrphaned adds before the force delete (gc_controller.go). */
export const ORPHANED_CONDITION = Object.freeze({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });

/**
 * PodGC's gcOrphaned: pods bound to a node that does not exist are put in a quarantine
 * (nodeQueue.AddAfter(node, quarantineTime)); a gc pass after it ends finds the node still
 * missing, sets the pods Failed with a DisruptionTarget condition and force-deletes them
 * (grace period 0). The 20 s loop is only scheduled while some node is suspected, so an idle
 * cluster has no timers and settles.
 */
export class PodGc {
  /** Nodes seen missing → when their quarantine ends (a delaying queue keeps the earliest time). */
  private readonly quarantine = new Map<string, number>();
  /** Node names to look at on the next pass. */
  private readonly suspects = new Set<string>();
  private tick: Timer | null = null;
  /** Its own writes during a pass do not make it suspect the node again. */
  private sweeping = false;

  constructor(private readonly ctx: SimContext, private readonly client: () => Client, private readonly wake: () => void) {}

  /** A pod was written or a node deleted: suspect its node if there is no Node object. */
  suspect(node: string | null): void {
    if (!node || this.sweeping || this.ctx.cluster.topology.mode === 'docker' || this.ctx.store.get('Node', undefined, node)) return;
    this.suspects.add(node);
    this.schedule();
  }

  /** A new leader lists every pod again. */
  resync(): void {
    for (const p of this.ctx.store.list('Pod')) this.suspect(nodeName(p));
  }

  /** One gc pass (gcOrphaned), at the current time. */
  sweep(): void {
    const now = this.ctx.clock.now();
    for (const node of this.suspects) {
      if (this.ctx.store.get('Node', undefined, node) || this.ctx.store.podsOnNode(node).length === 0) { this.suspects.delete(node); this.quarantine.delete(node); continue; }
      if (!this.quarantine.has(node)) this.quarantine.set(node, now + QUARANTINE_TIME);
    }
    for (const [node, ready] of this.quarantine) {
      if (ready > now) continue;
      this.quarantine.delete(node);
      this.suspects.delete(node);
      this.sweeping = true;
      for (const k of this.ctx.store.podsOnNode(node)) this.deleteOrphan(k, node);
      this.sweeping = false;
    }
    if (this.suspects.size > 0) this.schedule();
  }

  /** markFailedAndDeletePodWithCondition: phase Failed plus the condition, then delete with grace period 0. */
  private deleteOrphan(k: string, node: string): void {
    const [ns, name] = [k.slice(0, k.indexOf('/')), k.slice(k.indexOf('/') + 1)];
    const pod: Stored | undefined = this.ctx.store.get('Pod', ns, name);
    if (!pod) return;
    if (!isFinished(pod)) {
      if (!this.ctx.api.update(this.client(), { ...pod, status: { ...withPodCondition(pod.status, { ...ORPHANED_CONDITION }), phase: 'Failed' } }).ok) return;
    }
    const r = this.ctx.api.delete(this.client(), 'Pod', ns, name, true);
    // PodGC itself only logs this ("Forced deletion of orphaned Pod succeeded"); the note keeps the lesson visible.
    if (r.ok) this.ctx.emit('pod-garbage-collector', this.client(), 'PodGCOrphaned', refOf(pod), `Forced deletion of orphaned Pod ${k}: node ${node} no longer exists`, 'Warning');
  }

  /** The next pass of the 20 s loop (a timer that counts as pending work). */
  private schedule(): void {
    if (this.tick) return;
    const next = Math.floor(this.ctx.clock.now() / GC_CHECK_PERIOD) * GC_CHECK_PERIOD + GC_CHECK_PERIOD;
    this.tick = this.ctx.timers.at(next, () => { this.tick = null; this.wake(); });
  }
}
