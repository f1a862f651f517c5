/** Pod predicates and shared, frozen status fragments (shared so 150,000 pods stay small). */
import { SIM_EPOCH_MS, timestamp } from './clock';
import { arr, obj } from './objects';
import type { Json, KubeObject } from './types';
import { asPod } from './typed';

/** A condition as in PodStatus.conditions; the templates below carry no time, {@link stampConditions} adds it. */
interface Condition { readonly type: string; readonly status: 'True' | 'False'; readonly reason?: string; readonly message?: string; readonly lastProbeTime?: null; readonly lastTransitionTime?: string }

const c = (type: string, status: 'True' | 'False', reason?: string): Condition =>
  Object.freeze(reason ? { type, status, reason } : { type, status });

/** Conditions of each pod stage, shared by all pods in that stage. */
export const CONDITIONS = {
  scheduled: Object.freeze([c('PodScheduled', 'True')]),
  /** Init containers still running (kubelet_pods.go generateAPIPodStatus: Initialized False, ContainersNotInitialized). */
  initializing: Object.freeze([c('PodScheduled', 'True'), c('Initialized', 'False', 'ContainersNotInitialized'), c('ContainersReady', 'False', 'ContainersNotReady'), c('Ready', 'False', 'ContainersNotReady')]),
  creating: Object.freeze([c('PodScheduled', 'True'), c('Initialized', 'True'), c('ContainersReady', 'False', 'ContainersNotReady'), c('Ready', 'False', 'ContainersNotReady')]),
  running: Object.freeze([c('PodScheduled', 'True'), c('Initialized', 'True'), c('ContainersReady', 'True'), c('Ready', 'True')]),
  /** `running` after the node controller's MarkPodsNotReady: only Ready flipped to False. */
  notReady: Object.freeze([c('PodScheduled', 'True'), c('Initialized', 'True'), c('ContainersReady', 'True'), c('Ready', 'False')]),
  /** A terminal pod (pkg/kubelet/status/generate.go generateContainersReadyConditionForTerminalPhase): PodCompleted, or PodFailed. */
  completed: Object.freeze([c('PodScheduled', 'True'), c('Initialized', 'True'), c('ContainersReady', 'False', 'PodCompleted'), c('Ready', 'False', 'PodCompleted')]),
  failed: Object.freeze([c('PodScheduled', 'True'), c('Initialized', 'True'), c('ContainersReady', 'False', 'PodFailed'), c('Ready', 'False', 'PodFailed')]),
};

/** Init containers not all done when the pod failed: Initialized False naming them (GeneratePodInitializedCondition), not Ready for PodFailed. */
const initFailedTemplates = new Map<string, readonly Condition[]>();
export function initIncompleteFailed(names: readonly string[]): readonly Condition[] {
  const message = `containers with incomplete status: [${names.join(' ')}]`;
  let out = initFailedTemplates.get(message);
  if (!out) {
    out = Object.freeze([c('PodScheduled', 'True'), Object.freeze({ type: 'Initialized', status: 'False' as const, reason: 'ContainersNotInitialized', message }), c('ContainersReady', 'False', 'PodFailed'), c('Ready', 'False', 'PodFailed')]);
    if (initFailedTemplates.size > 256) initFailedTemplates.clear();
    initFailedTemplates.set(message, out);
  }
  return out;
}

/** `running` with some containers ended (a partly ending pod): not ready, naming them, by their names (bounded). */
const unreadyTemplates = new Map<string, readonly Condition[]>();

/**
 * The conditions of a running pod whose containers `names` have ended (generateContainersReadyCondition,
 * pkg/kubelet/status/generate.go): ContainersReady and Ready False, ContainersNotReady, `containers with unready
 * status: [debian-container]`.
 */
export function containersNotReady(names: readonly string[]): readonly Condition[] {
  const message = `containers with unready status: [${names.join(' ')}]`;
  let out = unreadyTemplates.get(message);
  if (!out) {
    const notReady = (type: string): Condition => Object.freeze({ type, status: 'False' as const, reason: 'ContainersNotReady', message });
    out = Object.freeze([c('PodScheduled', 'True'), c('Initialized', 'True'), notReady('ContainersReady'), notReady('Ready')]);
    if (unreadyTemplates.size > 256) unreadyTemplates.clear();
    unreadyTemplates.set(message, out);
  }
  return out;
}

/** `running` with Ready held False by readiness gates, by message (bounded: the messages are few per cluster). */
const gatedTemplates = new Map<string, readonly Condition[]>();

/**
 * GeneratePodReadyCondition (pkg/kubelet/status/generate.go): once the containers are ready (`template` is
 * {@link CONDITIONS.running}), the pod is Ready only when every `spec.readinessGates` condition is True in its
 * status; otherwise Ready is False, reason ReadinessGatesNotReady, with the kubelet's message per gate
 * (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate).
 */
export function readinessGated(template: readonly Condition[], pod: KubeObject): readonly Condition[] {
  if (template !== CONDITIONS.running) return template;
  const gates = gateConditions(pod);
  if (!gates) return template;
  const unready: string[] = [];
  for (const { type, status } of gates) {
    if (status === undefined) unready.push(`corresponding condition of pod readiness gate ${JSON.stringify(type)} does not exist.`);
    else if (status !== 'True') unready.push(`the status of pod readiness gate ${JSON.stringify(type)} is not "True", but ${String(status)}`);
  }
  if (unready.length === 0) return template;
  const message = unready.join(', ');
  let gated = gatedTemplates.get(message);
  if (!gated) {
    gated = Object.freeze([...template.filter((x) => x.type !== 'Ready'), Object.freeze({ type: 'Ready', status: 'False' as const, reason: 'ReadinessGatesNotReady', message })]);
    if (gatedTemplates.size > 256) gatedTemplates.clear();
    gatedTemplates.set(message, gated);
  }
  return gated;
}

/** kubectl's READINESS GATES column: how many of the pod's gates have their condition True, of how many; `<none>` without gates. */
export function readinessGatesCell(pod: KubeObject): string {
  const gates = gateConditions(pod);
  return gates ? `${gates.filter((g) => g.status === 'True').length}/${gates.length}` : '<none>';
}

/** Each readiness gate of the pod with the status of its condition (undefined: no such condition); null without gates. */
function gateConditions(pod: KubeObject): { readonly type: string; readonly status: unknown }[] | null {
  const gates = asPod(pod).spec?.readinessGates;
  if (!Array.isArray(gates) || gates.length === 0) return null;
  const current = arr(obj(pod.status)?.conditions).map(obj);
  return gates.map((gate) => {
    const type = String(obj(gate)?.conditionType ?? '');
    return { type, status: current.find((x) => x?.type === type)?.status };
  });
}

/**
 * The pod's status with `condition` in place of any earlier one of its type (podutil.UpdatePodCondition), as the
 * DisruptionTarget condition is written before a pod is preempted, evicted or collected.
 */
export function withPodCondition(status: unknown, condition: { readonly type: string }): Record<string, unknown> {
  const conditions = arr(obj(status)?.conditions).filter((c) => obj(c)?.type !== condition.type);
  conditions.push(condition);
  return { ...obj(status), conditions };
}

/** The pod's conditions with only Ready set to False (controller_utils.go MarkPodsNotReady), its transition at `now`. */
export function readyFalse(status: unknown, now: number): readonly unknown[] {
  const conds = obj(status)?.conditions;
  const info = Array.isArray(conds) ? stampedInfo.get(conds) : undefined;
  if (info?.template === CONDITIONS.running) return stampConditions(CONDITIONS.notReady, conds, now);
  return arr(conds).map((x) => (obj(x)?.type === 'Ready' && obj(x)?.status !== 'False' ? Object.freeze({ ...obj(x), status: 'False', lastTransitionTime: timestamp(now) }) : x));
}

/** What a stamped conditions array was made from: its template, each condition's transition second, and whether Ready is True. */
interface Stamped { readonly template: readonly Condition[]; readonly times: readonly number[]; readonly ready: boolean }
const stampedInfo = new WeakMap<readonly unknown[], Stamped>();
/** Stamped arrays by template and transition seconds: pods that changed state in the same second share one array. */
const stampedArrays = new WeakMap<readonly Condition[], Map<string, readonly Condition[]>>();

/**
 * A stage's conditions as the kubelet's status manager writes them (updateLastTransitionTime in
 * pkg/kubelet/status/status_manager.go): a condition whose status is unchanged from `current` keeps its
 * lastTransitionTime, one that changed (or is new) gets `now`. Shared and frozen, like the templates.
 */
export function stampConditions(template: readonly Condition[], current: unknown, now: number): readonly Condition[] {
  const prev = Array.isArray(current) ? current : undefined;
  const prevInfo = prev ? stampedInfo.get(prev) : undefined;
  const times: number[] = [];
  for (const cond of template) times.push(transitionOf(cond, prev, prevInfo) ?? Math.floor(now));
  const k = times.join(',');
  let byTimes = stampedArrays.get(template);
  if (!byTimes) stampedArrays.set(template, (byTimes = new Map()));
  let out = byTimes.get(k);
  if (!out) {
    out = Object.freeze(template.map((cond, i) => Object.freeze({ ...cond, lastProbeTime: null, lastTransitionTime: timestamp(times[i] as number) })));
    // Bounded: a long live session writes new seconds for ever; an evicted array is only rebuilt, never wrong.
    if (byTimes.size > 256) byTimes.clear();
    byTimes.set(k, out);
    stampedInfo.set(out, { template, times, ready: template.some((x) => x.type === 'Ready' && x.status === 'True') });
  }
  return out;
}

/** The second `cond`'s type last changed to its status in `prev`, or undefined when it is new or changed. */
function transitionOf(cond: Condition, prev: readonly unknown[] | undefined, info: Stamped | undefined): number | undefined {
  if (!prev) return undefined;
  for (let i = 0; i < prev.length; i++) {
    const p = obj(prev[i]);
    if (p?.type !== cond.type) continue;
    if (p.status !== cond.status) return undefined;
    if (info) return info.times[i];
    return typeof p.lastTransitionTime === 'string' ? simSecondsOf(p.lastTransitionTime) : undefined;
  }
  return undefined;
}

/** An RFC 3339 timestamp as a whole simulated second, or undefined when it does not parse. */
export function simSecondsOf(ts: string): number | undefined {
  const ms = Date.parse(ts);
  return Number.isFinite(ms) ? Math.floor((ms - SIM_EPOCH_MS) / 1000) : undefined;
}

/** Whether two conditions arrays say the same (the same stamped template and seconds, when the cache rebuilt one). */
export function sameConditions(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const x = Array.isArray(a) ? stampedInfo.get(a) : undefined;
  const y = Array.isArray(b) ? stampedInfo.get(b) : undefined;
  if (x && y) return x.template === y.template && x.times.every((t, i) => t === y.times[i]);
  // With another component's conditions in it, the array is not a stamped one: compare condition by condition.
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((c, i) => conditionText(c) === conditionText(b[i]));
}

const conditionText = (c: unknown): string => {
  const o = obj(c) ?? {};
  return `${String(o.type)}|${String(o.status)}|${String(o.reason ?? '')}|${String(o.message ?? '')}|${String(o.lastTransitionTime ?? '')}`;
};

/** The condition types the kubelet's status manager writes; any other (DisruptionTarget, a readiness gate's) is another component's. */
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready']);

/**
 * The kubelet's conditions with the other components' kept after them, as the status manager merges them
 * (mergePodStatus: conditions the kubelet does not own stay as the API server has them), so a readiness gate's
 * condition patched through pods/status, or DisruptionTarget, survives the kubelet's next write.
 */
export function withOtherConditions(mine: readonly Condition[], current: unknown): readonly unknown[] {
  // A stamped array holds only the kubelet's own conditions: the common case costs one lookup.
  if (!Array.isArray(current) || stampedInfo.has(current)) return mine;
  const others = current.filter((c) => !KUBELET_CONDITIONS.has(String(obj(c)?.type)));
  return others.length === 0 ? mine : Object.freeze([...mine, ...others]);
}

/**
 * The simulated second the pod's Ready condition last turned True, or null when it is not Ready (or has no
 * transition time, which IsPodAvailable treats as never available once minReadySeconds is set).
 */
export function readySince(p: KubeObject): number | null {
  const conds = (p.status as { conditions?: unknown } | undefined)?.conditions;
  if (!Array.isArray(conds)) return null;
  const info = stampedInfo.get(conds);
  if (info) {
    if (!info.ready) return null;
    const i = info.template.findIndex((x) => x.type === 'Ready');
    return info.times[i] ?? null;
  }
  const ready = conds.map(obj).find((x) => x?.type === 'Ready' && x.status === 'True');
  return typeof ready?.lastTransitionTime === 'string' ? simSecondsOf(ready.lastTransitionTime) ?? null : null;
}

/**
 * podutil.IsPodAvailable (pkg/api/v1/pod/util.go): Ready, and with `minReadySeconds` Ready for longer than that
 * (lastTransitionTime + minReadySeconds before now). https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#min-ready-seconds
 */
export function isAvailable(p: KubeObject, minReadySeconds: number, now: number): boolean {
  if (!isReady(p)) return false;
  if (minReadySeconds <= 0) return true;
  const since = readySince(p);
  return since !== null && since + minReadySeconds < now;
}

/** The first second one of `pods` that is Ready but not available yet becomes available (the controller's requeue), or null. */
export function nextAvailableAt(pods: Iterable<KubeObject>, minReadySeconds: number, now: number): number | null {
  if (minReadySeconds <= 0) return null;
  let due: number | null = null;
  for (const p of pods) {
    const t = availableAt(p, minReadySeconds, now);
    if (t !== null && (due === null || t < due)) due = t;
  }
  return due;
}

/** When a Ready pod that is not available yet becomes so (the second after lastTransitionTime + minReadySeconds), else null. */
export function availableAt(p: KubeObject, minReadySeconds: number, now: number): number | null {
  if (minReadySeconds <= 0 || !isReady(p) || isAvailable(p, minReadySeconds, now)) return null;
  const since = readySince(p);
  return since === null ? null : since + minReadySeconds + 1;
}

/** Phase of a pod ('Pending' if unset). */
export function phase(p: KubeObject): string {
  const ph = (p.status as { phase?: unknown } | undefined)?.phase;
  return typeof ph === 'string' ? ph : 'Pending';
}
/** The node a pod is bound to, or null. */
export function nodeName(p: KubeObject): string | null {
  const n = (p.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof n === 'string' && n !== '' ? n : null;
}
/** Has deletionTimestamp (shown as Terminating). */
export function isTerminating(p: KubeObject): boolean {
  return p.metadata.deletionTimestamp !== undefined;
}
/** The pod has scheduling gates: kube-scheduler's SchedulingGates PreEnqueue plugin keeps it out of the queue until they are removed. */
export function isGated(p: KubeObject): boolean {
  const gates = (p.spec as { schedulingGates?: unknown } | undefined)?.schedulingGates;
  return Array.isArray(gates) && gates.length > 0;
}
/** Succeeded or Failed. */
export function isFinished(p: KubeObject): boolean {
  const ph = phase(p);
  return ph === 'Succeeded' || ph === 'Failed';
}
/** Counted by ReplicaSet/Job controllers: not terminating and not finished (controller_utils.go IsPodActive). */
export function isActive(p: KubeObject): boolean {
  return !isTerminating(p) && !isFinished(p);
}
/** The Ready condition is True. */
export function isReady(p: KubeObject): boolean {
  const conds = (p.status as { conditions?: unknown } | undefined)?.conditions;
  if (conds === CONDITIONS.running) return true;
  const info = Array.isArray(conds) ? stampedInfo.get(conds) : undefined;
  if (info) return info.ready;
  return arr(conds).some((x) => obj(x)?.type === 'Ready' && obj(x)?.status === 'True');
}
/** Labels of an object. */
export function labelsOf(o: KubeObject): Record<string, string> {
  return (o.metadata.labels ?? {}) as Record<string, string>;
}
/** The pod's containers (objects only). */
export function containers(p: KubeObject): Json[] {
  return (asPod(p).spec?.containers ?? []).map(obj).filter((x): x is Json => !!x);
}

const containerLists = new WeakMap<object, readonly Json[]>();
const NO_CONTAINERS: readonly Json[] = Object.freeze([]);

/** containers(p) as a shared read-only list, memoized per (frozen) containers array: pods of one template share it. */
export function containerList(p: KubeObject): readonly Json[] {
  const list = (p.spec as { containers?: unknown } | undefined)?.containers;
  if (!Array.isArray(list)) return NO_CONTAINERS;
  if (!Object.isFrozen(list)) return containers(p);
  let out = containerLists.get(list);
  if (out === undefined) containerLists.set(list, (out = Object.freeze(containers(p))));
  return out;
}
