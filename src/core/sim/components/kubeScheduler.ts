import type { Client } from '../cluster';
import type { SimContext } from '../context';
import { timestamp } from '../clock';
import { refOf } from '../eventLog';
import { budgetMatcher, pdbOf } from '../controllers/disruption';
import { claimClass, isBound, SELECTED_NODE } from '../controllers/persistentVolume';
import type { LeaderElector } from '../leaderElection';
import { arr, num, obj, str } from '../objects';
import { CONDITIONS, isFinished, isGated, isTerminating, nodeName, stampConditions, withPodCondition } from '../pods';
import { key, type Stored, type WatchType } from '../store';
import type { PdbBudget, PreemptionResult } from '../scheduler/types';
import type { KubeObject } from '../types';

/** How many pods an interruptible run schedules between two checks for newer work. */
const YIELD_EVERY = 256;
/**
 * How long VolumeBinding's PreBind waits for a pod's claims to be bound before the binding cycle fails (VolumeBindingArgs
 * bindTimeoutSeconds, default 600: https://kubernetes.io/docs/reference/config-api/kube-scheduler-config.v1/#kubescheduler-config-k8s-io-v1-VolumeBindingArgs).
 */
const BIND_TIMEOUT_SECONDS = 600;
/** The binding cycle's error when the claims are still unbound then (framework RunPreBindPlugins, volume binder BindPodVolumes). */
const BIND_TIMEOUT_MESSAGE = 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded';

/** A pod assumed on its node while PreBind waits for its WaitForFirstConsumer claims to be bound (`claims`: namespace/name). */
interface WaitingBinding { readonly res: ScheduleResult; readonly claims: readonly string[]; readonly deadline: number }

/** What the scheduling algorithm (src/core/sim/scheduler) returns for one pod. */
export interface ScheduleResult {
  readonly nodeName: string | null;
  readonly message: string | null;
  readonly verdicts: Record<string, string> | null;
  readonly feasibleNodes: number;
  readonly evaluatedNodes: number;
  readonly scoredNodes: number;
  readonly note: string | null;
}

/** The scheduling algorithm with its node/pod cache (filter → score → pick). */
export interface SchedulingAlgorithm {
  upsertNode(node: KubeObject): void;
  removeNode(name: string): void;
  addPod(pod: KubeObject): void;
  removePod(pod: KubeObject): void;
  schedule(pod: KubeObject): ScheduleResult;
  /** DefaultPreemption: a node, the lower-priority pods to evict there (PDBs honoured where possible), or the PostFilter message. */
  preempt?(pod: KubeObject, pdbs: readonly PdbBudget[]): PreemptionResult;
  /** The scheduler's nominator: `pod` counts on `nodeName` for pods of lower or equal priority until unnominated. */
  nominate?(pod: KubeObject, nodeName: string): void;
  unnominate?(pod: KubeObject): void;
  /** Whether a filter that removing pods cannot help fails `pod` on `nodeName`. */
  unresolvableOn?(pod: KubeObject, nodeName: string): boolean;
}

/** Annotation holding the per-node verdicts (as kube-scheduler-simulator records its results). */
export const VERDICTS_ANNOTATION = 'scheduler.kube-anatomy.dev/verdicts';
/** Annotation holding the algorithm's note (e.g. "scored 100 of 500 feasible nodes"). */
export const NOTE_ANNOTATION = 'scheduler.kube-anatomy.dev/note';

/**
 * The kube-scheduler process: its informers keep the algorithm's cache current (on every
 * instance, leader or not); the leader pops unscheduled pods, runs the algorithm and binds
 * through the API, or records FailedScheduling and parks the pod until the cluster changes.
 */
export class KubeScheduler {
  private active = new Set<string>();
  private readonly unschedulable = new Set<string>();
  /** The priority of each unscheduled pod whose priority is not 0 (the queue-sort's input). */
  private readonly nonZero = new Map<string, number>();
  /** Pods in their binding cycle, waiting in PreBind for their claims (by pod key). */
  private readonly binding = new Map<string, WaitingBinding>();
  /** Whether a claim changed since the waiting bindings were last checked. */
  private claimsChanged = false;

  constructor(private readonly ctx: SimContext, private readonly algo: SchedulingAlgorithm, private readonly elector: LeaderElector) {}

  /** Starts the informers. */
  start(): this {
    this.ctx.store.watch('Node', (t, n) => this.onNode(t, n));
    this.ctx.store.watch('Pod', (t, p, old, k) => this.onPod(t, p, old, k));
    // VolumeBinding's EventsToRegister: a claim, a volume or a class that appears or changes can make a waiting pod schedulable.
    // A claim's change may also end a PreBind wait (finishBindings).
    for (const kind of ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass']) {
      this.ctx.store.watch(kind, () => {
        this.retryUnschedulable();
        if (kind === 'PersistentVolumeClaim' && this.binding.size > 0) this.claimsChanged = true;
      });
    }
    return this;
  }

  /** True when there is work the leader can do now. */
  hasWork(): boolean {
    return (this.rest !== null || this.active.size > 0 || this.claimsChanged) && this.elector.active() !== null;
  }

  /** The batch an interrupted {@link process} goes on with, from `next`: the pods queued meanwhile wait for the next batch. */
  private rest: { readonly batch: readonly string[]; readonly next: number } | null = null;

  /** Enqueues every unscheduled pod (a new leader's initial list). */
  resync(): void {
    for (const p of this.ctx.store.list('Pod')) {
      if (!this.wants(p)) continue;
      this.active.add(keyOf(p));
      this.trackPriority(keyOf(p), p);
    }
  }

  /**
   * Schedules every queued pod, in queue order (PrioritySort: {@link queueOrder}). Every YIELD_EVERY pods it
   * asks `shouldYield`; on true it returns false (an interruptible run, run.ts) and the next call goes on with
   * the pods of this batch not yet tried, as an uninterrupted call would: the pods queued meanwhile wait for
   * the next batch, so the worker's slices do not change what the journal records.
   */
  process(shouldYield?: () => boolean): boolean {
    const node = this.elector.active();
    if (!node) {
      if (this.rest) this.requeueRest();
      return true;
    }
    let batch: readonly string[];
    let first = 0;
    if (this.rest) {
      ({ batch, next: first } = this.rest);
      this.rest = null;
    } else {
      batch = this.queueOrder(this.active);
      this.active = new Set();
    }
    const client = this.clientFor(node);
    if (this.claimsChanged) this.finishBindings(client);
    const b = this.ctx.barrier;
    for (let i = first; i < batch.length; i++) {
      if (shouldYield && i > first && (i + 1) % YIELD_EVERY === 0 && shouldYield()) {
        b.enter(null, null, null);
        this.rest = { batch, next: i };
        return false;
      }
      const k = batch[i] as string;
      // A dispatch point of the fault barrier: a scheduling cycle that throws leaves its pod Pending, the rest go on.
      b.enter('kube-scheduler', 'Pod', k);
      try { this.scheduleOne(k, client); } catch (err) { b.crashed(err); }
    }
    b.enter(null, null, null);
    return true;
  }

  /**
   * The activeQ's order, kube-scheduler's default queue-sort plugin PrioritySort
   * (pkg/scheduler/framework/plugins/queuesort/priority_sort.go, Less): the higher `.spec.priority` first,
   * then the earlier queue timestamp. Pods are queued in timestamp order here, so a stable sort by priority
   * keeps the second criterion. Only unscheduled pods of non-zero priority are remembered ({@link nonZero}):
   * when none is queued the order is left as it is, with no lookup per pod.
   */
  private queueOrder(queued: ReadonlySet<string>): string[] {
    const keys = Array.from(queued);
    if (this.nonZero.size === 0) return keys;
    return keys.sort((a, b) => (this.nonZero.get(b) ?? 0) - (this.nonZero.get(a) ?? 0));
  }

  /** Follows the priority of an unscheduled pod for {@link queueOrder} (a pod's priority never changes once created). */
  private trackPriority(k: string, p: KubeObject | undefined): void {
    const v = p && this.wants(p) ? num(obj(withPriority(this.ctx, p).spec)?.priority) ?? 0 : 0;
    if (v !== 0) this.nonZero.set(k, v);
    else if (this.nonZero.size > 0) this.nonZero.delete(k);
  }

  /** The leader is gone mid-batch: the pods not yet tried go back in front of the pods queued meanwhile. */
  private requeueRest(): void {
    const rest = this.rest;
    if (!rest) return;
    const next = new Set<string>();
    for (let i = rest.next; i < rest.batch.length; i++) next.add(rest.batch[i] as string);
    for (const k of this.active) next.add(k);
    this.active = next;
    this.rest = null;
  }

  private client: Client | null = null;
  private lastNote: string | null = null;

  private clientFor(node: string): Client {
    if (this.client?.node !== node) this.client = { component: 'kube-scheduler', node };
    return this.client;
  }

  private scheduleOne(k: string, client: Client): void {
    const stored = this.ctx.store.getByKey('Pod', k);
    if (!stored || !this.wants(stored) || this.binding.has(k)) return;
    const pod = withPriority(this.ctx, stored);
    const volumes = hasClaims(pod) ? volumeBinding(this.ctx, pod) : null;
    if (volumes?.reject) return this.fail(pod, preFilterFailure(volumes.reject, this.ctx.store.count('Node')), client, k);
    const res = this.algo.schedule(pod);
    this.ctx.journal?.schedule(client, pod, res);
    if (res.nodeName) {
      if (volumes !== null && volumes.waiting.length > 0) this.waitForVolumes(pod, res, volumes.waiting, client, k);
      else this.bind(stored, res, client, k);
    } else if (this.tryPreempt(stored, pod, res, client, k)) return;
    else this.fail(stored, res, client, k);
  }

  /**
   * PostFilter: DefaultPreemption nominates a node and evicts the victims there (each gets a Preempted
   * event, preemption.go prepareCandidate); the pod records nominatedNodeName and waits for them to go.
   * The FailedScheduling message then carries no preemption part (PostFilter succeeded).
   */
  private tryPreempt(stored: Stored, pod: Stored, res: ScheduleResult, client: Client, k: string): boolean {
    const priority = num(obj(pod.spec)?.priority) ?? 0;
    if (!this.algo.preempt || priority <= 0 && !hasPriorityClass(pod)) return false;
    const filterMessage = (res.message ?? '').replace(/ preemption: .*$/, '');
    const nominated = nominatedNode(stored);
    // PodEligibleToPreemptOthers: a pod whose nominated node still has a terminating lower-priority pod waits for it.
    if (nominated !== undefined && this.algo.unresolvableOn?.(pod, nominated) === false && this.terminatingBelow(nominated, priority)) {
      this.fail(stored, { ...res, message: `${filterMessage} preemption: ${NOT_ELIGIBLE_TERMINATING}` }, client, k);
      return true;
    }
    const found = this.algo.preempt(pod, pdbBudgets(this.ctx));
    if (found.nodeName === null) {
      this.fail(stored, { ...res, message: `${filterMessage} ${found.message}` }, client, k);
      return true;
    }
    for (const v of found.victims) this.evictVictim(v, stored, found.nodeName, client);
    for (const p of found.lowerNominated) this.clearNomination(p, client);
    this.unschedulable.add(k);
    const cond = unschedulable(stored, filterMessage, this.ctx.clock.now());
    this.ctx.api.update(client, { ...stored, metadata: withVerdicts(stored, res), status: pendingStatus(stored, cond, found.nodeName) });
    this.ctx.emit('default-scheduler', client, 'FailedScheduling', refOf(stored), filterMessage, 'Warning');
    return true;
  }

  /**
   * preemption.go prepareCandidate: the victim gets the DisruptionTarget condition (reason PreemptionByScheduler),
   * then is deleted (gracefully: preemption deletes, it does not go through the eviction API) with a Preempted event.
   */
  private evictVictim(v: { namespace: string; name: string }, preemptor: Stored, node: string, client: Client): void {
    const victim = this.ctx.store.get('Pod', v.namespace, v.name);
    if (!victim) return;
    if (!isTerminating(victim)) {
      this.ctx.api.update(client, { ...victim, status: withPodCondition(victim.status, PREEMPTION_CONDITION) });
    }
    const r = this.ctx.api.delete(client, 'Pod', v.namespace, v.name);
    if (r.ok) this.ctx.emit('default-scheduler', client, 'Preempted', refOf(victim), `Preempted by pod ${String(preemptor.metadata.uid)} on node ${node}`);
  }

  /** util.ClearNominatedNodeName: a lower-priority pod nominated to the freed node loses its nomination. */
  private clearNomination(ref: { namespace: string; name: string }, client: Client): void {
    const p = this.ctx.store.get('Pod', ref.namespace, ref.name);
    const status = obj(p?.status);
    if (!p || !status || status.nominatedNodeName === undefined) return;
    const { nominatedNodeName: _dropped, ...rest } = status;
    this.ctx.api.update(client, { ...p, status: rest });
  }

  /** Whether a pod of lower priority than `priority` is terminating on `node`. */
  private terminatingBelow(node: string, priority: number): boolean {
    for (const k of this.ctx.store.podsOnNode(node)) {
      const p = this.ctx.store.getByKey('Pod', k);
      if (p && isTerminating(p) && (num(obj(withPriority(this.ctx, p).spec)?.priority) ?? 0) < priority) return true;
    }
    return false;
  }

  /**
   * VolumeBinding's PreBind for WaitForFirstConsumer claims (volume_binding.go, binder.go BindPodVolumes): the chosen node
   * goes on each claim, for the provisioner, and the pod, assumed on that node in the scheduler's cache (so later pods see
   * its requests there), is bound only once every claim is bound: the volume exists before the pod is scheduled. After
   * {@link BIND_TIMEOUT_SECONDS} the binding cycle fails and the pod waits to be scheduled again.
   */
  private waitForVolumes(pod: Stored, res: ScheduleResult, claims: readonly Stored[], client: Client, k: string): void {
    const node = res.nodeName as string;
    for (const pvc of claims) {
      if (pvc.metadata.annotations?.[SELECTED_NODE] === node) continue;
      this.ctx.api.update(client, { ...pvc, metadata: { ...pvc.metadata, annotations: { ...pvc.metadata.annotations, [SELECTED_NODE]: node } } });
    }
    this.algo.addPod({ ...pod, spec: { ...obj(pod.spec), nodeName: node } });
    const deadline = this.ctx.clock.now() + BIND_TIMEOUT_SECONDS;
    this.binding.set(k, { res, claims: claims.map((c) => key(c.metadata.namespace, c.metadata.name ?? '')), deadline });
    // A wake-up that does not keep the cluster from settling: a claim no provisioner serves leaves the pod Pending, as in kind.
    this.ctx.timers.at(deadline, () => { if (this.binding.get(k)?.deadline === deadline) this.claimsChanged = true; }, true);
  }

  /** Binds each waiting pod whose claims are now all bound; fails those past their deadline; forgets those deleted. */
  private finishBindings(client: Client): void {
    this.claimsChanged = false;
    const now = this.ctx.clock.now();
    for (const [k, w] of [...this.binding]) {
      const pod = this.ctx.store.getByKey('Pod', k);
      const claims = w.claims.map((c) => this.ctx.store.getByKey('PersistentVolumeClaim', c));
      if (!pod || !this.wants(pod)) this.forgetBinding(k, pod);
      else if (claims.every((c) => c !== undefined && isBound(c))) {
        this.binding.delete(k);
        this.bind(pod, w.res, client, k);
      } else if (claims.includes(undefined)) {
        // A claim was deleted meanwhile: the pod goes back to the queue, and its next cycle's PreFilter says why it waits.
        this.forgetBinding(k, pod);
        this.active.add(k);
      } else if (now >= w.deadline) {
        this.forgetBinding(k, pod);
        this.fail(pod, { ...w.res, nodeName: null, message: BIND_TIMEOUT_MESSAGE, verdicts: null }, client, k);
      }
    }
  }

  /** Unreserve: the assumed pod leaves the scheduler's cache. */
  private forgetBinding(k: string, pod: KubeObject | undefined): void {
    const w = this.binding.get(k);
    if (!w) return;
    this.binding.delete(k);
    if (pod) this.algo.removePod(pod);
  }

  private bind(pod: Stored, res: ScheduleResult, client: Client, k: string): void {
    const r = this.ctx.api.update(client, {
      ...pod, metadata: withVerdicts(pod, res), spec: { ...obj(pod.spec), nodeName: res.nodeName },
      status: scheduledStatus(pod.status, this.ctx.clock.now()),
    }, k);
    if (!r.ok) return;
    if (this.unschedulable.size > 0) this.unschedulable.delete(k);
    if (res.note && res.note !== this.lastNote) {
      this.lastNote = res.note;
      this.ctx.emit('default-scheduler', client, 'PartialScoring', null, res.note);
    }
    if (this.ctx.options.podEvents) {
      this.ctx.emit('default-scheduler', client, 'Scheduled', refOf(pod), `Successfully assigned ${k} to ${res.nodeName}`);
    }
  }

  private fail(pod: Stored, res: ScheduleResult, client: Client, k: string): void {
    const message = res.message ?? 'no nodes available to schedule pods';
    this.unschedulable.add(k);
    const cond = unschedulable(pod, message, this.ctx.clock.now());
    // A failed cycle leaves the nomination as it is (handleSchedulingFailure with ModeNoop).
    this.ctx.api.update(client, { ...pod, metadata: withVerdicts(pod, res), status: pendingStatus(pod, cond, nominatedNode(pod)) });
    this.ctx.emit('default-scheduler', client, 'FailedScheduling', refOf(pod), message, 'Warning');
  }

  private onNode(t: WatchType, n: KubeObject): void {
    if (t === 'DELETED') this.algo.removeNode(n.metadata.name ?? '');
    else this.algo.upsertNode(n);
    this.retryUnschedulable();
  }

  private onPod(t: WatchType, p: KubeObject, old: KubeObject | undefined, k: string): void {
    const wasCached = !!old && t !== 'ADDED' && cached(old);
    const isCached = t !== 'DELETED' && cached(p);
    if (wasCached && (!isCached || nodeName(old) !== nodeName(p))) {
      this.algo.removePod(old);
      this.retryUnschedulable();
    }
    if (isCached && (!wasCached || nodeName(old as KubeObject) !== nodeName(p))) this.algo.addPod(withPriority(this.ctx, p));
    this.track(t, p, old);
    this.trackPriority(k, t === 'DELETED' ? undefined : p);
    if (t === 'DELETED') {
      this.unschedulable.delete(k);
      this.forgetBinding(k, p);
    } else if (this.wants(p) && (t === 'ADDED' || old?.spec !== p.spec)) this.active.add(k);
  }

  /** The nominator follows status.nominatedNodeName of unbound, live pods. */
  private track(t: WatchType, p: KubeObject, old: KubeObject | undefined): void {
    if (!this.algo.nominate || !this.algo.unnominate) return;
    const now = t === 'DELETED' || nodeName(p) || isTerminating(p) ? undefined : nominatedNode(p);
    const before = old && !nodeName(old) && !isTerminating(old) ? nominatedNode(old) : undefined;
    if (now !== undefined && (now !== before || t === 'ADDED')) this.algo.nominate(withPriority(this.ctx, p), now);
    else if (now === undefined && (before !== undefined || t === 'DELETED')) this.algo.unnominate(p);
  }

  private retryUnschedulable(): void {
    for (const k of this.unschedulable) this.active.add(k);
    this.unschedulable.clear();
  }

  /** An unscheduled pod for the default scheduler. */
  private wants(p: KubeObject): boolean {
    const sched = str(obj(p.spec)?.schedulerName) ?? 'default-scheduler';
    // SchedulingGates (PreEnqueue): a gated pod never enters the queue, so it gets no FailedScheduling either.
    return !nodeName(p) && !isTerminating(p) && !isFinished(p) && sched === 'default-scheduler' && !isGated(p);
  }
}

/**
 * The PodScheduled=False condition a failed cycle writes (handleSchedulingFailure, podutil.UpdatePodCondition): its
 * lastTransitionTime stays while the pod stays unschedulable, only the message follows the latest attempt.
 */
function unschedulable(pod: Stored, message: string, now: number): readonly unknown[] {
  const prev = arr(obj(pod.status)?.conditions).map(obj).find((c) => c?.type === 'PodScheduled');
  const since = prev?.status === 'False' && typeof prev.lastTransitionTime === 'string' ? prev.lastTransitionTime : timestamp(now);
  return Object.freeze([Object.freeze({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: since })]);
}

/**
 * The scheduler's updatePod: the PodScheduled condition and the nominated node (none: cleared) written over the
 * pod's status, whose other fields (the QoS class kube-apiserver set) stay.
 */
function pendingStatus(pod: Stored, conditions: readonly unknown[], nominated: string | undefined): Record<string, unknown> {
  const { nominatedNodeName: _cleared, ...rest } = obj(pod.status) ?? {};
  const status = { ...rest, phase: 'Pending', conditions };
  return nominated === undefined ? status : { ...status, nominatedNodeName: nominated };
}

const scheduledStatuses = new WeakMap<object, { readonly second: number; readonly status: Readonly<Record<string, unknown>> }>();

/**
 * The pod's status with the PodScheduled condition (True since `now`, as the binding writes it), shared for pods that
 * share a status and are bound in the same second (all new pods of a template do).
 */
function scheduledStatus(status: unknown, now: number): Record<string, unknown> {
  const cur = obj(status);
  const conditions = stampConditions(CONDITIONS.scheduled, cur?.conditions, now);
  if (!cur || !Object.isFrozen(cur)) return { ...cur, conditions };
  let s = scheduledStatuses.get(cur);
  if (s === undefined || s.second !== Math.floor(now)) scheduledStatuses.set(cur, (s = { second: Math.floor(now), status: Object.freeze({ ...cur, conditions }) }));
  return s.status as Record<string, unknown>;
}

/** The scheduler's cache holds bound pods that have not finished (its informer filters terminal pods). */
function cached(p: KubeObject): boolean {
  return nodeName(p) !== null && !isFinished(p);
}

function keyOf(p: KubeObject): string {
  return key(p.metadata.namespace, p.metadata.name ?? '');
}

/** Verdicts (and the sampling note) are recorded when the algorithm returns them: clusters up to its verdictNodeLimit, or failures. */
function withVerdicts(pod: Stored, res: ScheduleResult): KubeObject['metadata'] {
  const old = pod.metadata.annotations;
  if (!res.verdicts) {
    // No verdicts this cycle (a cluster beyond verdictNodeLimit): drop an earlier cycle's, which would describe other nodes' state.
    if (!old || !(VERDICTS_ANNOTATION in old || NOTE_ANNOTATION in old)) return pod.metadata;
    const { [VERDICTS_ANNOTATION]: _v, [NOTE_ANNOTATION]: _n, ...rest } = old;
    return { ...pod.metadata, annotations: rest };
  }
  const annotations: Record<string, string> = { ...old };
  annotations[VERDICTS_ANNOTATION] = JSON.stringify(sortKeys(res.verdicts));
  if (res.note) annotations[NOTE_ANNOTATION] = res.note;
  return { ...pod.metadata, annotations };
}

function sortKeys(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}

/** Whether the pod mounts any PersistentVolumeClaim (most pods do not: the VolumeBinding plugin then skips them). */
function hasClaims(pod: KubeObject): boolean {
  const vols = obj(pod.spec)?.volumes;
  return Array.isArray(vols) && vols.some((v) => obj(obj(v)?.persistentVolumeClaim) !== undefined);
}

/**
 * VolumeBinding's PreFilter (pkg/scheduler/framework/plugins/volumebinding/volume_binding.go): a claim that
 * does not exist or is being deleted, or an unbound claim of an Immediate class, rejects the pod on every
 * node (UnschedulableAndUnresolvable); unbound WaitForFirstConsumer claims are bound once a node is chosen.
 */
function volumeBinding(ctx: SimContext, pod: KubeObject): { reject: string | null; waiting: Stored[] } {
  const ns = pod.metadata.namespace ?? 'default';
  const waiting: Stored[] = [];
  let immediate = false;
  for (const v of arr(obj(pod.spec)?.volumes)) {
    const name = str(obj(obj(v)?.persistentVolumeClaim)?.claimName);
    if (name === undefined) continue;
    const pvc = ctx.store.get('PersistentVolumeClaim', ns, name);
    if (!pvc) return { reject: `persistentvolumeclaim "${name}" not found`, waiting };
    if (pvc.metadata.deletionTimestamp) return { reject: `persistentvolumeclaim "${name}" is being deleted`, waiting };
    if (isBound(pvc)) continue;
    const className = claimClass(ctx, pvc);
    const sc = className ? ctx.store.get('StorageClass', undefined, className) : undefined;
    if (sc && str((sc as unknown as Record<string, unknown>).volumeBindingMode) === 'WaitForFirstConsumer') waiting.push(pvc);
    else immediate = true;
  }
  return { reject: immediate ? 'pod has unbound immediate PersistentVolumeClaims' : null, waiting };
}

/** The FitError of a PreFilter rejection (framework/types.go: the PreFilter message, then preemption over unresolvable nodes). */
function preFilterFailure(message: string, nodes: number): ScheduleResult {
  const text = `0/${nodes} nodes are available: ${message}. preemption: 0/${nodes} nodes are available: ${nodes} Preemption is not helpful for scheduling.`;
  return { nodeName: null, message: text, verdicts: null, feasibleNodes: 0, evaluatedNodes: 0, scoredNodes: 0, note: null };
}

/** preemption.go PodEligibleToPreemptOthers' message while a victim on the nominated node terminates. */
const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

/** The condition preemption puts on a victim (preemption.go prepareCandidate, reason v1.PodReasonPreemptionByScheduler). */
const PREEMPTION_CONDITION = Object.freeze({
  type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod',
});

function nominatedNode(p: KubeObject): string | undefined {
  const n = (p.status as { nominatedNodeName?: unknown } | undefined)?.nominatedNodeName;
  return typeof n === 'string' && n !== '' ? n : undefined;
}

/** The PodDisruptionBudgets as preemption reads them (selector, disruptionsAllowed, disruptedPods). */
function pdbBudgets(ctx: SimContext): PdbBudget[] {
  if (ctx.store.count('PodDisruptionBudget') === 0) return [];
  const out: PdbBudget[] = [];
  for (const o of ctx.store.list('PodDisruptionBudget')) {
    const matches = budgetMatcher(o);
    if (!matches) continue;
    const status = pdbOf(o).status;
    out.push({
      namespace: o.metadata.namespace ?? 'default', matches,
      disruptionsAllowed: status?.disruptionsAllowed ?? 0, disruptedPods: new Set(Object.keys(status?.disruptedPods ?? {})),
    });
  }
  return out;
}

function hasPriorityClass(pod: KubeObject): boolean {
  return str(obj(pod.spec)?.priorityClassName) !== undefined;
}

/**
 * The pod with `spec.priority`: the Priority admission plugin sets it from the PriorityClass; when the
 * pod has none yet, it is resolved here from `priorityClassName`, else the globalDefault class, else 0.
 */
function withPriority<T extends KubeObject>(ctx: SimContext, pod: T): T {
  const spec = obj(pod.spec);
  if (!spec || typeof spec.priority === 'number') return pod;
  const name = str(spec.priorityClassName);
  if (name === undefined && ctx.store.count('PriorityClass') === 0) return pod;
  let value: number | undefined;
  for (const pc of ctx.store.list('PriorityClass')) {
    const v = num((pc as unknown as Record<string, unknown>).value);
    if (name !== undefined ? pc.metadata.name === name : (pc as unknown as Record<string, unknown>).globalDefault === true) value = v;
  }
  return value === undefined ? pod : { ...pod, spec: { ...spec, priority: value } };
}
