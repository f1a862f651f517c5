import { timestamp } from '../clock';
import { WorkQueue, type Controller, type SimContext } from '../context';
import type { Client } from '../cluster';
import { refOf } from '../eventLog';
import { obj, str } from '../objects';
import { isReady, readyFalse } from '../pods';
import type { Stored } from '../store';
import type { Json } from '../types';
import { asNode } from '../typed';

/**
 * kube-controller-manager --node-monitor-grace-period: 50 s since v1.32 (was 40 s), checked every
 * --node-monitor-period 5 s (https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/).
 */
export const NODE_MONITOR_GRACE_PERIOD = 50;
export const NODE_MONITOR_PERIOD = 5;
/** Taints the node lifecycle controller puts on unhealthy nodes (https://kubernetes.io/docs/reference/labels-annotations-taints/). */
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';

/**
 * Node lifecycle controller (pkg/controller/nodelifecycle): when a kubelet stops renewing its
 * heartbeat for the grace period, the node's Ready condition becomes Unknown, it is tainted
 * unreachable (NoSchedule + NoExecute) and its pods are marked not ready. A kubelet that
 * reports NotReady itself gets the not-ready taints. Healthy again → taints removed.
 */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  readonly queue = new WorkQueue();
  readonly ownedKind = 'Node';
  private readonly silentSince = new Map<string, number>();

  constructor(private readonly ctx: SimContext, private readonly client: () => Client) {}

  /** Watches Nodes (kubelet-reported conditions). */
  start(): this {
    this.ctx.store.watch('Node', (t, n) => t !== 'DELETED' && this.queue.add(n.metadata.name ?? ''));
    return this;
  }

  /** The kubelet of `node` stopped (or resumed) posting status at the current time. */
  heartbeat(node: string, alive: boolean): void {
    if (alive) {
      this.silentSince.delete(node);
      return void this.queue.add(node);
    }
    if (this.silentSince.has(node)) return;
    const now = this.ctx.clock.now();
    this.silentSince.set(node, now);
    const due = Math.ceil((now + NODE_MONITOR_GRACE_PERIOD) / NODE_MONITOR_PERIOD) * NODE_MONITOR_PERIOD;
    this.ctx.timers.at(due, () => this.queue.add(node));
  }

  resync(): void {
    for (const n of this.ctx.store.list('Node')) this.queue.add(n.metadata.name ?? '');
  }

  reconcile(name: string): void {
    const node = this.ctx.store.get('Node', undefined, name);
    if (!node) return;
    const since = this.silentSince.get(name);
    if (since !== undefined) {
      if (this.ctx.clock.now() - since >= NODE_MONITOR_GRACE_PERIOD) this.markUnknown(node);
      return;
    }
    const ready = readyStatus(node);
    this.setTaints(node, ready === 'False' ? NOT_READY : null);
  }

  private markUnknown(node: Stored): void {
    if (readyStatus(node) === 'Unknown' && hasTaint(node, UNREACHABLE)) return;
    const status = { ...obj(node.status), conditions: [readyCondition('Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.')] };
    const r = this.ctx.api.update(this.client(), { ...node, status });
    if (!r.ok) return;
    // RecordNodeStatusChange (pkg/controller/util/node/controller_utils.go) records a Normal event.
    this.ctx.emit('node-controller', this.client(), 'NodeNotReady', refOf(node), `Node ${node.metadata.name} status is now: NodeNotReady`, 'Normal');
    this.setTaints(r.object, UNREACHABLE);
    this.markPodsNotReady(node.metadata.name ?? '');
  }

  /**
   * MarkPodsNotReady (pkg/controller/util/node/controller_utils.go): only the pod's Ready condition
   * becomes False (ContainersReady is the kubelet's and stays as it was); the event is a Warning.
   */
  private markPodsNotReady(node: string): void {
    for (const k of this.ctx.store.podsOnNode(node)) {
      const [ns, name] = k.split('/');
      const pod = this.ctx.store.get('Pod', ns, name);
      if (!pod || !isReady(pod)) continue;
      this.ctx.api.update(this.client(), { ...pod, status: { ...obj(pod.status), conditions: readyFalse(pod.status, this.ctx.clock.now()) } });
      this.ctx.emit('node-controller', this.client(), 'NodeNotReady', refOf(pod), 'Node is not ready', 'Warning');
    }
  }

  private setTaints(node: Stored, key: string | null): void {
    const others = (asNode(node).spec?.taints ?? []).filter((t) => ![UNREACHABLE, NOT_READY].includes(str(obj(t)?.key) ?? ''));
    const existing = (asNode(node).spec?.taints ?? []).filter((t) => str(obj(t)?.key) === key);
    const added = key ? (existing.length === 2 ? existing : ['NoSchedule', 'NoExecute'].map((effect) => ({ key, effect, timeAdded: timestamp(this.ctx.clock.now()) }))) : [];
    const taints = [...others, ...added];
    if (taints.length === (asNode(node).spec?.taints ?? []).length && existing.length === added.length) return;
    this.ctx.api.update(this.client(), { ...node, spec: { ...obj(node.spec), taints } });
  }
}

/** Status of the node's Ready condition ('True' | 'False' | 'Unknown'). */
export function readyStatus(node: Stored): string {
  const c = (asNode(node).status?.conditions ?? []).map(obj).find((x) => x?.type === 'Ready');
  return str(c?.status) ?? 'Unknown';
}

/** A Ready condition. */
export function readyCondition(status: string, reason: string, message: string): Json {
  return { type: 'Ready', status, reason, message };
}

function hasTaint(node: Stored, key: string): boolean {
  return (asNode(node).spec?.taints ?? []).some((t) => obj(t)?.key === key);
}
