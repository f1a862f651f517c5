import { SIM_EPOCH_MS } from '../clock';
import { WorkQueue, type Controller, type SimContext } from '../context';
import type { Client } from '../cluster';
import { refOf } from '../eventLog';
import { num, obj, str } from '../objects';
import { isTerminating } from '../pods';
import type { Stored } from '../store';
import type { Json } from '../types';
import { asNode, asPod } from '../typed';

/**
 * Taint eviction controller (pkg/controller/tainteviction): a pod on a node with a NoExecute
 * taint it does not tolerate is deleted at once; one it tolerates for tolerationSeconds is
 * deleted that long after the taint was added (the default 300 s from DefaultTolerationSeconds)
 * (https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions).
 * A pod that lands on an already-tainted node is handled when it is bound: the controller's
 * `processPodOnNode` starts its tolerationSeconds then, so it is deleted tolerationSeconds after
 * its binding (pkg/controller/tainteviction/taint_eviction.go), and at once with no toleration.
 */
export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  readonly queue = new WorkQueue();
  readonly ownedKind = 'Node';
  private readonly scheduled = new Set<string>();
  /** Nodes with a NoExecute taint, and when each pod was bound to one of them (the start of its tolerationSeconds). */
  private readonly tainted = new Set<string>();
  private readonly boundAt = new Map<string, number>();

  constructor(private readonly ctx: SimContext, private readonly client: () => Client) {}

  /** Watches nodes (taint changes) and pods landing on tainted nodes. */
  start(): this {
    this.ctx.store.watch('Node', (t, n) => {
      const name = n.metadata.name ?? '';
      if (t !== 'DELETED' && (asNode(n).spec?.taints ?? []).some((x) => obj(x)?.effect === 'NoExecute')) this.tainted.add(name);
      else this.tainted.delete(name);
      if (t !== 'DELETED') this.queue.add(name);
    });
    this.ctx.store.watch('Pod', (t, p, old, k) => {
      if (t === 'DELETED') { this.boundAt.delete(k); return; }
      if (this.tainted.size === 0) return;
      const node = asPod(p).spec?.nodeName;
      if (!node || node === asPod(old ?? p).spec?.nodeName && t !== 'ADDED') return;
      if (!this.tainted.has(node)) return;
      this.boundAt.set(k, this.ctx.clock.now());
      this.queue.add(node);
    });
    return this;
  }

  resync(): void {
    for (const n of this.ctx.store.list('Node')) this.queue.add(n.metadata.name ?? '');
  }

  reconcile(name: string): void {
    const node = this.ctx.store.get('Node', undefined, name);
    if (!node) return;
    const taints = (asNode(node).spec?.taints ?? []).map(obj).filter((t): t is Json => t?.effect === 'NoExecute');
    if (taints.length === 0) return;
    for (const k of this.ctx.store.podsOnNode(name)) this.plan(name, k, taints);
  }

  private plan(node: string, k: string, taints: Json[]): void {
    const [ns, name] = k.split('/');
    const pod = this.ctx.store.get('Pod', ns, name);
    if (!pod || isTerminating(pod)) return;
    const due = evictionTime(pod, taints, this.boundAt.get(k) ?? 0);
    if (due === null) return;
    if (due <= this.ctx.clock.now()) return this.evict(pod);
    const id = `${node}|${due}`;
    if (this.scheduled.has(id)) return;
    this.scheduled.add(id);
    this.ctx.timers.at(due, () => {
      this.scheduled.delete(id);
      this.queue.add(node);
    });
  }

  private evict(pod: Stored): void {
    const { namespace: ns, name } = pod.metadata;
    const r = this.ctx.api.delete(this.client(), 'Pod', ns, name ?? '');
    if (r.ok) this.ctx.emit('taint-eviction-controller', this.client(), 'TaintManagerEviction', refOf(pod), `Marking for deletion Pod ${ns}/${name}`);
  }
}

/**
 * When the pod must go: min over the taints it tolerates for a while of start + tolerationSeconds, where
 * start is when the taint was added or the pod bound to the node, whichever is later; at once for a taint
 * it does not tolerate; null = never.
 */
export function evictionTime(pod: Stored, taints: Json[], boundAt = 0): number | null {
  let due: number | null = null;
  for (const t of taints) {
    const tol = (asPod(pod).spec?.tolerations ?? []).map(obj).find((x) => x && tolerates(x, t));
    const added = (Date.parse(str(t.timeAdded) ?? '') - SIM_EPOCH_MS) / 1000;
    const start = Math.max(Number.isFinite(added) ? added : 0, boundAt);
    if (!tol) return start;
    const secs = num(tol.tolerationSeconds);
    if (secs === undefined) continue;
    const d = start + Math.max(0, secs);
    due = due === null ? d : Math.min(due, d);
  }
  return due;
}

/** v1 helper ToleratesTaint: key/operator/value/effect matching. */
export function tolerates(tol: Json, taint: Json): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
  return tol.key === taint.key && (str(tol.value) ?? '') === (str(taint.value) ?? '');
}
