import { obj, str } from '../objects';
import { isAvailable, isFinished, isReady, isTerminating, nextAvailableAt, nodeName } from '../pods';
import { templateHash } from '../prng';
import type { Stored } from '../store';
import type { Json, KubeObject } from '../types';
import { watchOwnedLazily } from './ownedWatch';
import { BaseController, intField, keyOf } from './base';
import { compilePlacement, daemonPodSpec, targetNode, type Placement } from './daemonPods';
import { podFromTemplate } from './podTemplate';
import { asDaemonSet, asNode } from '../typed';

/** Label of a daemon pod's template revision (apps/v1 DefaultDaemonSetUniqueLabelKey). */
export const REVISION_LABEL = 'controller-revision-hash';
/** RollingUpdate maxUnavailable default: 1 (https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/). */
export const DEFAULT_DS_MAX_UNAVAILABLE = 1;

interface NodeState { node: Stored; placement: Placement; pods: Stored[] }

/**
 * DaemonSet controller (pkg/controller/daemon/daemon_controller.go): one pod per node that
 * should run it (daemonPods.ts), created with a `metadata.name` node affinity for the default
 * scheduler to bind; follows nodes joining, leaving and changing labels or taints; replaces
 * deleted or failed pods; rolls template changes node by node (RollingUpdate, maxUnavailable).
 */
export class DaemonSetController extends BaseController {
  readonly name = 'daemonset-controller';
  protected readonly kind = 'DaemonSet';

  /** Watches DaemonSets, their pods, and Nodes (any node change can change where daemons belong). */
  start(): this {
    watchOwnedLazily(this.ctx, this.kind, this.queue);
    this.ctx.store.watch('Node', (t, n, old) => {
      if (t === 'MODIFIED' && old && !placementChanged(old, n)) return;
      this.resync();
    });
    return this;
  }

  reconcile(k: string): void {
    const ds = this.get(k);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const template = (obj(asDaemonSet(ds).spec?.template) ?? {}) as Json;
    const spec = (obj(template.spec) ?? {}) as Json;
    const hash = templateHash(template);
    const states = this.nodeStates(ds, spec);
    for (const s of states) this.syncNode(ds, template, spec, hash, s);
    this.deleteOrphans(ds, states);
    this.rollingUpdate(ds, hash, states);
    this.updateStatus(ds, hash, spec);
  }

  /** Every Node with its placement and the daemon pods targeting it (terminating ones included). */
  private nodeStates(ds: Stored, spec: Json): NodeState[] {
    const byNode = new Map<string, Stored[]>();
    for (const p of this.children(ds)) {
      const n = targetNode(p) ?? '';
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    const place = compilePlacement(spec);
    return [...this.ctx.store.list('Node')].map((node) => ({ node, placement: place(node), pods: byNode.get(node.metadata.name ?? '') ?? [] }));
  }

  /** podsShouldBeOnNode: create where missing, delete failed pods, extra pods and pods that must leave. */
  private syncNode(ds: Stored, template: Json, spec: Json, hash: string, s: NodeState): void {
    const live = s.pods.filter((p) => !isTerminating(p));
    for (const p of live.filter(isFinished)) this.deletePod(ds, p);
    const running = live.filter((p) => !isFinished(p));
    if (!s.placement.shouldContinueRunning) return running.forEach((p) => this.deletePod(ds, p));
    if (s.placement.shouldRun && s.pods.filter((p) => !isFinished(p)).length === 0) return this.createPod(ds, template, spec, hash, s.node);
    for (const p of [...running].sort(oldestFirst).slice(1)) this.deletePod(ds, p);
  }

  /** getUnscheduledPodsWithoutNode: pending pods for a node that no longer exists (bound ones are the pod GC's). */
  private deleteOrphans(ds: Stored, states: NodeState[]): void {
    const names = new Set(states.map((s) => s.node.metadata.name));
    for (const p of this.children(ds)) if (!nodeName(p) && !isTerminating(p) && !names.has(targetNode(p) ?? '')) this.deletePod(ds, p);
  }

  /** RollingUpdate: delete old-revision pods while at most maxUnavailable nodes lack an available new pod. */
  private rollingUpdate(ds: Stored, hash: string, states: NodeState[]): void {
    if (asDaemonSet(ds).spec?.updateStrategy?.type === 'OnDelete') return;
    const wanted = states.filter((s) => s.placement.shouldRun);
    const live = (s: NodeState): Stored[] => s.pods.filter((p) => !isTerminating(p) && !isFinished(p));
    const minReady = intField(asDaemonSet(ds).spec?.minReadySeconds, 0);
    const now = this.ctx.clock.now();
    const isUp = (p: Stored): boolean => isAvailable(p, minReady, now);
    const unavailable = wanted.filter((s) => !live(s).some(isUp)).length;
    let budget = maxUnavailable(ds, wanted.length) - unavailable;
    for (const s of wanted) {
      const old = live(s).filter((p) => p.metadata.labels?.[REVISION_LABEL] !== hash);
      if (old.length === 0) continue;
      const up = old.some(isUp);
      if (up && budget <= 0) continue;
      if (up) budget--;
      old.forEach((p) => this.deletePod(ds, p));
    }
  }

  private createPod(ds: Stored, template: Json, spec: Json, hash: string, node: Stored): void {
    const pod = podFromTemplate(template, ds, { labels: { [REVISION_LABEL]: hash }, spec: daemonPodSpec(spec, node.metadata.name ?? '') });
    const r = this.ctx.api.create(this.client(), pod);
    if (!r.ok) return this.emit('FailedCreate', ds, `Error creating: ${r.error}`, 'Warning');
    this.emit('SuccessfulCreate', ds, `Created pod: ${r.object.metadata.name}`);
  }

  private deletePod(ds: Stored, p: Stored): void {
    const r = this.ctx.api.delete(this.client(), 'Pod', p.metadata.namespace, p.metadata.name ?? '');
    if (r.ok) this.emit('SuccessfulDelete', ds, `Deleted pod: ${p.metadata.name}`);
  }

  /** updateDaemonSetStatus: counted over nodes, looking at each node's oldest daemon pod. */
  private updateStatus(ds: Stored, hash: string, spec: Json): void {
    const minReady = intField(asDaemonSet(ds).spec?.minReadySeconds, 0);
    const now = this.ctx.clock.now();
    const counted: Stored[] = [];
    let desired = 0, current = 0, ready = 0, available = 0, updated = 0, misscheduled = 0;
    for (const s of this.nodeStates(ds, spec)) {
      const pod = s.pods.filter((p) => !isTerminating(p) && !isFinished(p)).sort(oldestFirst)[0];
      if (!s.placement.shouldRun) { if (pod) misscheduled++; continue; }
      desired++;
      if (!pod) continue;
      current++;
      counted.push(pod);
      if (isReady(pod)) ready++;
      if (isAvailable(pod, minReady, now)) available++;
      if (pod.metadata.labels?.[REVISION_LABEL] === hash) updated++;
    }
    this.writeStatus(ds, {
      currentNumberScheduled: current, numberMisscheduled: misscheduled, desiredNumberScheduled: desired,
      numberReady: ready, observedGeneration: ds.metadata.generation, updatedNumberScheduled: updated,
      numberAvailable: available, numberUnavailable: desired - available,
    });
    // A pod Ready but not yet available for minReadySeconds: the status is written again when it is.
    const due = available < ready ? nextAvailableAt(counted, minReady, now) : null;
    if (due !== null) this.requeueAt(keyOf(ds), due);
  }
}

/** maxUnavailable: an integer or a percentage of the desired nodes, rounded up (UnavailableCount). */
function maxUnavailable(ds: KubeObject, desired: number): number {
  const v = asDaemonSet(ds).spec?.updateStrategy?.rollingUpdate?.maxUnavailable;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  const m = typeof v === 'string' ? /^(\d+)%$/.exec(v) : null;
  return m ? Math.ceil((Number(m[1]) * desired) / 100) : DEFAULT_DS_MAX_UNAVAILABLE;
}

function placementChanged(old: KubeObject, cur: KubeObject): boolean {
  return JSON.stringify([old.metadata.labels, asNode(old).spec?.taints, asNode(old).spec?.unschedulable])
    !== JSON.stringify([cur.metadata.labels, asNode(cur).spec?.taints, asNode(cur).spec?.unschedulable]);
}

function oldestFirst(a: Stored, b: Stored): number {
  const ta = str(a.metadata.creationTimestamp) ?? '';
  const tb = str(b.metadata.creationTimestamp) ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : (str(a.metadata.uid) ?? '') < (str(b.metadata.uid) ?? '') ? -1 : 1;
}
