/**
 * Init containers (https://kubernetes.io/docs/concepts/workloads/pods/init-containers/): they run one
 * after another, each to completion, before the app containers are created; a failing one is restarted
 * with back-off (restartPolicy Always/OnFailure) or fails the pod (Never). Sidecars (init containers with
 * `restartPolicy: Always`, https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/) start in
 * order and keep running beside the app. While they run the pod is Pending with Initialized=False and its
 * app containers wait with reason PodInitializing (pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses),
 * which kubectl shows as `Init:0/1`, then `PodInitializing`.
 */
import { timestamp } from '../clock';
import { arr, obj, str } from '../objects';
import type { Json, KubeObject } from '../types';
import { stopsOnSigterm } from './lifetime';

const NO_INIT: readonly Json[] = Object.freeze([]);
const lists = new WeakMap<object, readonly Json[]>();

/** The pod's init containers (memoized per spec array). */
export function initContainers(pod: KubeObject): readonly Json[] {
  const list = (pod.spec as { initContainers?: unknown } | undefined)?.initContainers;
  if (!Array.isArray(list) || list.length === 0) return NO_INIT;
  let out = lists.get(list);
  if (out === undefined) lists.set(list, (out = Object.freeze(arr(list).map(obj).filter((c): c is Json => !!c))));
  return out;
}

/** A sidecar: an init container with restartPolicy Always. */
export function isSidecar(c: Json): boolean {
  return str(c.restartPolicy) === 'Always';
}

/** What the current init container is doing. */
export type InitState = 'pending' | 'running' | 'error' | 'backoff';

const memo = new WeakMap<object, Map<string, readonly Json[]>>();

/**
 * initContainerStatuses when `next` init containers have completed (sidecars among them are running) and
 * the next one is in `state`; `next` = all of them once initialization is done. `terminal`: the pod ended, and the
 * kubelet stopped its sidecars after its app containers (https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#sidecar-containers-and-pod-lifecycle).
 */
export function initStatuses(pod: KubeObject, next: number, state: InitState, restarts: number, code: number, terminal = false, exitedAt: number | null = null): readonly Json[] {
  const list = initContainers(pod);
  let m = memo.get(list);
  if (!m) memo.set(list, (m = new Map()));
  const key = `${next}/${state}/${restarts}/${code}/${terminal}/${exitedAt}`;
  let s = m.get(key);
  if (s === undefined) {
    s = Object.freeze(list.map((c, i) => Object.freeze(statusOf(c, i, next, state, restarts, code, terminal, exitedAt))));
    if (m.size > 64) m.clear();
    m.set(key, s);
  }
  return s;
}

function statusOf(c: Json, i: number, next: number, state: InitState, restarts: number, code: number, terminal: boolean, exitedAt: number | null): Json {
  const base = { name: str(c.name) ?? '', image: str(c.image) ?? '' };
  // When the current init container last failed (kubectl's RESTARTS: `3 (12s ago)` while the pod initializes).
  const failed = { terminated: exitedAt === null ? { exitCode: code, reason: 'Error' } : { exitCode: code, reason: 'Error', finishedAt: timestamp(exitedAt) } };
  if (i < next && isSidecar(c) && terminal) {
    // Stopped with SIGTERM: a server exits (0); a process that ignores it as PID 1 (`tail -F`) is SIGKILLed (137).
    const stopped = stopsOnSigterm(c) ? { exitCode: 0, reason: 'Completed' } : { exitCode: 137, reason: 'Error' };
    return { ...base, restartCount: 0, ready: false, started: false, state: { terminated: stopped } };
  }
  if (i < next) {
    return isSidecar(c) ? { ...base, restartCount: 0, ready: true, started: true, state: { running: {} } }
      : { ...base, restartCount: 0, ready: true, started: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
  }
  if (i > next) return { ...base, restartCount: 0, ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } };
  const last = restarts > 0 ? { lastState: failed } : {};
  switch (state) {
    case 'running': return { ...base, ...last, restartCount: restarts, ready: false, started: true, state: { running: {} } };
    case 'error': return { ...base, ...last, restartCount: restarts, ready: false, started: false, state: failed };
    case 'backoff': return { ...base, lastState: failed, restartCount: restarts, ready: false, started: false, state: { waiting: { reason: 'CrashLoopBackOff' } } };
    default: return { ...base, restartCount: restarts, ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } };
  }
}
