/** Pod predicates and shared, frozen status fragments (shared so 150,000 pods stay small). */
import { arr, obj } from './objects';
import type { Json, KubeObject } from './types';
import { asPod } from './typed';

/** A condition as in PodStatus.conditions (timestamps omitted: the events carry the time). */
interface Condition { readonly type: string; readonly status: 'True' | 'False'; readonly reason?: string; readonly message?: string }

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
  completed: Object.freeze([c('PodScheduled', 'True'), c('Initialized', 'True'), c('ContainersReady', 'False', 'PodCompleted'), c('Ready', 'False', 'PodCompleted')]),
};

/** The pod's conditions with only Ready set to False (controller_utils.go MarkPodsNotReady). */
export function readyFalse(status: unknown): readonly unknown[] {
  const conds = obj(status)?.conditions;
  if (conds === CONDITIONS.running) return CONDITIONS.notReady;
  return arr(conds).map((x) => (obj(x)?.type === 'Ready' ? Object.freeze({ ...obj(x), status: 'False' }) : x));
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
