import { at, obj } from '../objects';
import { isActive, isReady, nodeName, phase } from '../pods';
import type { Stored } from '../store';
import type { Json } from '../types';
import { BaseController, intField } from './base';
import { podFromTemplate } from './podTemplate';

/** replica_set.go BurstReplicas: at most 500 creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/**
 * ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps `spec.replicas`
 * active pods, creating from the template or deleting the least valuable pods first.
 */
export class ReplicaSetController extends BaseController {
  readonly name = 'replicaset-controller';
  protected readonly kind = 'ReplicaSet';

  /** Starts watching ReplicaSets and their pods. */
  start(): this {
    this.watchOwned();
    return this;
  }

  reconcile(k: string): void {
    const rs = this.get(k);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const active = this.children(rs).filter(isActive);
    const desired = Math.min(intField(at(rs, 'spec', 'replicas'), 1), this.ctx.options.maxReplicasPerWorkload);
    const diff = desired - active.length;
    if (diff > 0) this.createPods(rs, Math.min(diff, BURST_REPLICAS), diff > BURST_REPLICAS, k);
    else if (diff < 0) this.deletePods(active, -diff);
    this.updateStatus(rs);
  }

  private createPods(rs: Stored, n: number, more: boolean, k: string): void {
    const template = obj(at(rs, 'spec', 'template')) ?? {};
    for (let i = 0; i < n; i++) {
      const r = this.ctx.api.create(this.client(), podFromTemplate(template as Json, rs));
      if (!r.ok) return this.emit('FailedCreate', rs, `Error creating: ${r.error}`, 'Warning');
      if (this.ctx.options.podEvents) this.emit('SuccessfulCreate', rs, `Created pod: ${r.object.metadata.name}`);
    }
    if (more) this.queue.add(k);
  }

  private deletePods(active: Stored[], n: number): void {
    const victims = [...active].sort(deletionOrder).slice(0, Math.min(n, BURST_REPLICAS));
    for (const p of victims) {
      const r = this.ctx.api.delete(this.client(), 'Pod', p.metadata.namespace, p.metadata.name ?? '');
      if (r.ok && this.ctx.options.podEvents) this.emit('SuccessfulDelete', this.ownerOf(p), `Deleted pod: ${p.metadata.name}`);
    }
  }

  private ownerOf(p: Stored): Stored {
    const uid = (obj((p.metadata.ownerReferences as unknown[])[0])?.uid as string) ?? '';
    return this.ctx.store.byId(uid) ?? p;
  }

  private updateStatus(rs: Stored): void {
    const active = this.children(rs).filter(isActive);
    const ready = active.filter(isReady).length;
    this.writeStatus(rs, {
      replicas: active.length, fullyLabeledReplicas: active.length, readyReplicas: ready, availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    });
  }
}

/** controller.ActivePods ordering: unscheduled, then pending, then not ready, then the newest go first. */
function deletionOrder(a: Stored, b: Stored): number {
  return rank(a) - rank(b) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp))
    || String(b.metadata.name).localeCompare(String(a.metadata.name));
}

function rank(p: Stored): number {
  if (!nodeName(p)) return 0;
  if (phase(p) === 'Pending') return 1;
  return isReady(p) ? 3 : 2;
}
