import { resourceName } from '../apiServer';
import { QUOTA_COUNTED_KINDS, quotaStatus } from '../apiserver/admission/resourceQuota';
import { BaseController, keyOf } from './base';

/**
 * The resourcequota controller (pkg/controller/resourcequota/resource_quota_controller.go): keeps each quota's
 * `status.hard` (its spec's) and `status.used` (what the namespace's objects take, admission's accounting) current, so
 * `kubectl get quota` and `kubectl describe quota` show usage against the limits, as in the Configure Memory and CPU
 * Quotas task's `kubectl get resourcequota … --output=yaml`. A change to a counted object of a namespace with quotas
 * re-queues them (the replenishment controller); namespaces without quotas cost one count per write.
 */
export class ResourceQuotaController extends BaseController {
  readonly name = 'resourcequota-controller';
  protected readonly kind = 'ResourceQuota';

  start(): this {
    this.ctx.store.watch('ResourceQuota', (t, q) => { if (t !== 'DELETED') this.queue.add(keyOf(q)); });
    for (const kind of QUOTA_COUNTED_KINDS) {
      if (kind === 'ResourceQuota') continue;
      this.ctx.store.watch(kind, (_t, o) => {
        if (this.ctx.store.count('ResourceQuota') === 0) return;
        const ns = o.metadata.namespace;
        for (const q of this.ctx.store.list('ResourceQuota')) if (q.metadata.namespace === ns) this.queue.add(keyOf(q));
      });
    }
    return this;
  }

  reconcile(k: string): void {
    const q = this.get(k);
    if (!q || q.metadata.deletionTimestamp) return;
    this.writeStatus(q, quotaStatus(this.ctx.store, q, resourceName));
  }
}
