import type { SimContext, WorkQueue } from '../context';
import { controllerOf } from '../objects';
import { key } from '../store';
import { keyOf } from './base';

/**
 * BaseController.watchOwned for kinds that are often absent: the child handler returns at once
 * while no object of `kind` exists, so 150,000 pods of Deployments pay nothing for the
 * DaemonSet, StatefulSet, Job and CronJob controllers (informer handlers run on every pod write).
 */
export function watchOwnedLazily(ctx: SimContext, kind: string, queue: WorkQueue, childKind = 'Pod'): void {
  ctx.store.watch(kind, (_t, o) => queue.add(keyOf(o)));
  ctx.store.watch(childKind, (_t, child) => {
    if (ctx.store.count(kind) === 0) return;
    const owner = controllerOf(child);
    if (owner && owner.kind === kind) queue.add(key(child.metadata.namespace, owner.name));
  });
}
