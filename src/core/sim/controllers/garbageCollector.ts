import { WorkQueue, type Controller, type SimContext } from '../context';
import type { Client } from '../cluster';
import { arr, obj, str } from '../objects';
import type { WatchType } from '../store';
import type { KubeObject } from '../types';
import { nodeName } from '../pods';
import { PodGc } from './podGc';

/** Kinds whose deletion can orphan dependents in the simulation. */
const OWNER_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Pod'];

/**
 * Garbage collector (pkg/controller/garbagecollector): when an owner is gone, dependents
 * whose ownerReferences all point at missing objects are deleted (background propagation,
 * https://kubernetes.io/docs/concepts/architecture/garbage-collection/). Also PodGC's orphan
 * sweep for pods bound to nodes that do not exist (podGc.ts) and the namespace controller's
 * deletion of a namespace's objects.
 */
export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  readonly queue = new WorkQueue();
  private readonly podGc: PodGc;

  constructor(private readonly ctx: SimContext, private readonly client: () => Client) {
    this.podGc = new PodGc(ctx, client, () => this.queue.add('podgc:sweep'));
  }

  /** Watches deletions. */
  start(): this {
    for (const kind of OWNER_KINDS) this.ctx.store.watch(kind, (t, o) => this.onDelete(t, o, 'owner'));
    this.ctx.store.watch('Node', (t, o) => this.onDelete(t, o, 'node'));
    this.ctx.store.watch('Namespace', (t, o) => this.onDelete(t, o, 'ns'));
    // A pod's node only changes when it is bound: look at writes that bind, not at every status write.
    this.ctx.store.watch('Pod', (t, o, old) => {
      if (t === 'DELETED') return;
      const node = nodeName(o);
      if (node !== null && (old === undefined || nodeName(old) !== node)) this.podGc.suspect(node);
    });
    return this;
  }

  resync(): void {
    // Deletions that happened while no leader ran are found from the dangling references.
    for (const kind of this.ctx.store.kindNames()) {
      for (const o of this.ctx.store.list(kind)) for (const uid of ownerUids(o)) if (!this.ctx.store.byId(uid)) this.queue.add('owner:' + uid);
    }
    this.podGc.resync();
  }

  reconcile(k: string): void {
    const [what, id] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];
    if (what === 'owner') this.collect(id);
    else if (what === 'node') this.podGc.suspect(id);
    else if (what === 'podgc') this.podGc.sweep();
    else this.deleteNamespace(id);
  }

  private onDelete(t: WatchType, o: KubeObject, what: string): void {
    if (t !== 'DELETED') return;
    this.queue.add(what === 'owner' ? 'owner:' + str(o.metadata.uid) : `${what}:${o.metadata.name}`);
  }

  private collect(uid: string): void {
    for (const child of this.ctx.store.children(uid)) {
      if (ownerUids(child).some((u) => this.ctx.store.byId(u))) continue;
      this.ctx.api.delete(this.client(), child.kind, child.metadata.namespace, child.metadata.name ?? '');
    }
  }

  private deleteNamespace(ns: string): void {
    for (const kind of this.ctx.store.kindNames()) {
      for (const o of [...this.ctx.store.list(kind)]) {
        if (o.metadata.namespace === ns) this.ctx.api.delete(this.client(), kind, ns, o.metadata.name ?? '', true);
      }
    }
  }
}

function ownerUids(o: KubeObject): string[] {
  return arr(o.metadata.ownerReferences).map((r) => str(obj(r)?.uid)).filter((u): u is string => !!u);
}
