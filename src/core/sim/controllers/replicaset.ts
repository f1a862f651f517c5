import { refOf } from '../eventLog';
import { obj } from '../objects';
import { isActive, isAvailable, nextAvailableAt, isReady, nodeName, phase } from '../pods';
import type { Stored } from '../store';
import type { Json } from '../types';
import { BaseController, intField } from './base';
import { podFromTemplate } from './podTemplate';
import { asReplicaSet } from '../typed';

/** replica_set.go BurstReplicas: at most 500 creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/**
 * ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps `spec.replicas`
 * active pods, creating from the template or deleting the least valuable pods first.
 */
export class ReplicaSetController extends BaseController {
  readonly name: string = 'replicaset-controller';
  protected readonly kind: string = 'ReplicaSet';

  /** Starts watching ReplicaSets and their pods. */
  start(): this {
    this.watchOwned();
    return this;
  }

  reconcile(k: string): void {
    const rs = this.get(k);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const pods = this.children(rs);
    let active = 0;
    for (const p of pods) if (isActive(p)) active++;
    const desired = Math.min(intField(asReplicaSet(rs).spec?.replicas, 1), this.ctx.options.maxReplicasPerWorkload);
    const diff = desired - active;
    // Watch handlers only enqueue, so the pods changed here are exactly the ones created or deleted.
    if (diff > 0) {
      const created = this.createPods(rs, Math.min(diff, BURST_REPLICAS), diff > BURST_REPLICAS, k);
      this.updateStatus(rs, pods.filter(isActive), active + created, k);
    } else if (diff < 0) {
      const list = pods.filter(isActive);
      const deleted = this.deletePods(list, -diff);
      const left = list.filter((p) => !deleted.has(p));
      this.updateStatus(rs, left, left.length, k);
    } else this.updateStatus(rs, pods.filter(isActive), active, k);
  }

  /** Creates up to `n` pods; returns how many were created. */
  private createPods(rs: Stored, n: number, more: boolean, k: string): number {
    const template = obj(asReplicaSet(rs).spec?.template) ?? {};
    // One pod object serves every create of the batch: the API server copies what it stores.
    const pod = podFromTemplate(template as Json, rs);
    const ref = refOf(rs);
    for (let i = 0; i < n; i++) {
      const r = this.ctx.api.create(this.client(), pod);
      if (!r.ok) {
        this.emit('FailedCreate', rs, `Error creating: ${r.error}`, 'Warning');
        return i;
      }
      if (this.ctx.options.podEvents) this.ctx.emit(this.name, this.client(), 'SuccessfulCreate', ref, `Created pod: ${r.object.metadata.name}`);
    }
    if (more) this.queue.add(k);
    return n;
  }

  /** Deletes the `n` least valuable pods; returns those the API deleted (now terminating or gone). */
  private deletePods(active: Stored[], n: number): Set<Stored> {
    const victims = [...active].sort(deletionOrder).slice(0, Math.min(n, BURST_REPLICAS));
    const deleted = new Set<Stored>();
    for (const p of victims) {
      const r = this.ctx.api.delete(this.client(), 'Pod', p.metadata.namespace, p.metadata.name ?? '');
      if (r.ok) deleted.add(p);
      if (r.ok && this.ctx.options.podEvents) this.emit('SuccessfulDelete', this.ownerOf(p), `Deleted pod: ${p.metadata.name}`);
    }
    return deleted;
  }

  private ownerOf(p: Stored): Stored {
    const uid = (obj((p.metadata.ownerReferences as unknown[])[0])?.uid as string) ?? '';
    return this.ctx.store.byId(uid) ?? p;
  }

  /**
   * calculateStatus (replica_set_utils.go): `replicas` active pods, of which `pods` exist already; Ready ones are
   * available once Ready for longer than `minReadySeconds`. A pod that turned Ready requeues the ReplicaSet for
   * the second it becomes available (replica_set.go updatePod: enqueueRSAfter minReadySeconds + 1 s).
   */
  private updateStatus(rs: Stored, pods: readonly Stored[], replicas: number, k: string): void {
    const minReady = intField(asReplicaSet(rs).spec?.minReadySeconds, 0);
    const now = this.ctx.clock.now();
    let ready = 0;
    let available = 0;
    for (const p of pods) {
      if (!isReady(p)) continue;
      ready++;
      if (minReady === 0 || isAvailable(p, minReady, now)) available++;
    }
    const due = available < ready ? nextAvailableAt(pods, minReady, now) : null;
    if (due !== null) this.requeueAt(k, due);
    this.writeStatus(rs, {
      replicas, fullyLabeledReplicas: replicas, readyReplicas: ready, availableReplicas: available,
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

/**
 * ReplicationController controller (pkg/controller/replication/replication_controller.go): kube-controller-manager
 * runs the ReplicaSet controller's code for it, through a conversion of ReplicationControllers to ReplicaSets
 * (its `spec.selector` is a plain label map, which the API server defaults from the template's labels).
 */
export class ReplicationControllerController extends ReplicaSetController {
  override readonly name: string = 'replication-controller';
  protected override readonly kind: string = 'ReplicationController';
}
