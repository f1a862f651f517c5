import { timestamp } from '../clock';
import { obj, str } from '../objects';
import { CONDITIONS, containers, containersNotReady, readinessGated, sameConditions, stampConditions, withOtherConditions } from '../pods';
import type { Json, KubeObject } from '../types';
import { OOM_EXIT_CODE, oomKills, terminationMessage } from './lifetime';

/**
 * What the kubelet knows of a pod's containers. `exited`: the container just exited and is restarted
 * at once; `backoff`: it waits out the restart back-off (CrashLoopBackOff); the pod stays Running meanwhile.
 */
export type LocalStage = 'creating' | 'init' | 'waiting' | 'starting' | 'running' | 'exited' | 'backoff' | 'succeeded' | 'failed' | 'stopping' | 'stopped';

/** Why a container waits in stage 'waiting' (InvalidImageName, ErrImagePull, ImagePullBackOff, CreateContainerConfigError), or in 'exited' after a failed start (PostStartHookError). */
export interface Waiting { readonly container: string; readonly reason: string; readonly message: string }

const cache = new WeakMap<object, Map<string, readonly Json[]>>();

/**
 * A container of a running pod with a lifecycle of its own (stages.ts partlyEnding): running, `ended` for good (its
 * restart policy keeps it terminated), just `exited` (restarted at once), or waiting out its `backoff`; its own
 * restarts and last exit code.
 */
export interface SideState { readonly state: 'running' | 'ended' | 'exited' | 'backoff'; readonly restarts: number; readonly code: number; readonly exitedAt: number | null }
/** Those containers by name; null when the pod has none. */
export type Sides = ReadonlyMap<string, SideState> | null;

/** The names of the containers in `sides` that are not running (not Ready). */
function notRunning(sides: Sides): string[] {
  const out: string[] = [];
  sides?.forEach((s, name) => { if (s.state !== 'running') out.push(name); });
  return out;
}

function sidesKey(sides: Sides): string {
  if (!sides || sides.size === 0) return '';
  let key = '';
  sides.forEach((s, name) => { key += `/${name}:${s.state}:${s.restarts}:${s.code}:${s.exitedAt}`; });
  return key;
}

const isRunning = (stage: LocalStage): boolean => stage === 'running' || stage === 'starting';
const EMPTY = {};

/**
 * containerStatuses for a stage and restart count, shared per pod spec (all pods of a ReplicaSet share one array).
 * `sides`: the containers of a running pod with a lifecycle of their own (a partly ending pod), their restarts
 * counted on top of the pod's.
 */
export function containerStatuses(pod: KubeObject, stage: LocalStage, restarts = 0, code = 1, waiting: Waiting | null = null, sides: Sides = null, exitedAt: number | null = null): readonly Json[] {
  const list = obj(pod.spec)?.containers;
  const k = typeof list === 'object' && list !== null ? list : EMPTY;
  let m = cache.get(k);
  if (!m) cache.set(k, (m = new Map()));
  const base = `${stage}/${restarts}/${code}/${exitedAt}`;
  const key = (waiting ? `${base}/${waiting.container}/${waiting.reason}/${waiting.message}` : base) + sidesKey(sides);
  let s = m.get(key);
  if (!s) {
    s = Object.freeze(containers(pod).map((c) => {
      // A pod whose containers all ended on their own keeps each one's own end (its code and time) once terminal.
      const own = sides?.get(str(c.name) ?? '');
      const side = isRunning(stage) || (own?.state === 'ended' && (stage === 'succeeded' || stage === 'failed')) ? own : undefined;
      if (side !== undefined) return Object.freeze(sideStatusOf(c, side, restarts, exitedAt));
      if (waiting && stage === 'exited' && waiting.container === str(c.name)) return Object.freeze(failedStartOf(c, restarts, code, waiting, exitedAt));
      return Object.freeze(waiting && stage === 'waiting' ? waitingStatusOf(c, waiting) : statusOf(c, stage, restarts, code, exitedAt));
    }));
    if (m.size > 64) m.clear();
    m.set(key, s);
  }
  return s;
}

/** A container with its own lifecycle in a running pod: ended for good (terminated, not Ready), or as a restarting one's stage shows it. */
function sideStatusOf(c: Json, side: SideState, podRestarts: number, podExitedAt: number | null): Json {
  const restartCount = podRestarts + side.restarts;
  const exitedAt = side.exitedAt ?? podExitedAt;
  if (side.state === 'ended') {
    return { name: str(c.name) ?? '', image: str(c.image) ?? '', restartCount, ready: false, started: false, state: { terminated: terminated(c, side.code, side.code === 0 ? 'Completed' : 'Error', exitedAt) } };
  }
  return statusOf(c, side.state, restartCount, side.code, exitedAt);
}

/** The named container waits with the reason; the others are still being created. */
function waitingStatusOf(c: Json, w: Waiting): Json {
  const name = str(c.name) ?? '';
  const state = name === w.container ? { waiting: { reason: w.reason, message: w.message } } : { waiting: { reason: 'ContainerCreating' } };
  return { name, image: str(c.image) ?? '', restartCount: 0, ready: false, started: false, state };
}

/**
 * A container whose start failed after it ran (a failed postStart hook): kubelet_pods.go convertToAPIContainerStatuses
 * shows the start error as the waiting reason, the dead container as its last state, until the restart.
 */
function failedStartOf(c: Json, restartCount: number, exitCode: number, w: Waiting, exitedAt: number | null): Json {
  const lastState = { terminated: terminated(c, exitCode, exitCode === 0 ? 'Completed' : 'Error', exitedAt) };
  return { name: str(c.name) ?? '', image: str(c.image) ?? '', restartCount, lastState, ready: false, started: false, state: { waiting: { reason: w.reason, message: w.message } } };
}

function statusOf(c: Json, stage: LocalStage, restartCount: number, exitCode: number, exitedAt: number | null = null): Json {
  const base = { name: str(c.name) ?? '', image: str(c.image) ?? '', restartCount };
  const error = { terminated: terminated(c, exitCode, exitCode === 0 ? 'Completed' : exitCode === OOM_EXIT_CODE && oomKills(c) ? 'OOMKilled' : 'Error', exitedAt) };
  const last = restartCount > 0 ? { lastState: error } : {};
  switch (stage) {
    case 'creating': return { ...base, ready: false, started: false, state: { waiting: { reason: 'ContainerCreating' } } };
    case 'init': return { ...base, ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } };
    case 'running': return { ...base, ...last, ready: true, started: true, state: { running: {} } };
    case 'starting': return { ...base, ...last, ready: false, started: true, state: { running: {} } };
    case 'exited': return { ...base, ...last, ready: false, started: false, state: error };
    case 'backoff': return { ...base, lastState: error, ready: false, started: false, state: { waiting: { reason: 'CrashLoopBackOff' } } };
    case 'succeeded': return { ...base, ready: false, started: false, state: { terminated: terminated(c, 0, 'Completed') } };
    default: return { ...base, ...last, ready: false, started: false, state: error };
  }
}

/**
 * A terminated state, with the container's termination message when it left one (lifetime.ts) and, when the kubelet
 * recorded it, when it ended (`finishedAt`: kubectl's RESTARTS column says how long ago the last restart was).
 */
function terminated(c: Json, exitCode: number, reason: string, exitedAt: number | null = null): Json {
  const message = terminationMessage(c, exitCode);
  const out: Json = message === undefined ? { exitCode, reason } : { exitCode, reason, message };
  if (exitedAt !== null) out.finishedAt = timestamp(exitedAt);
  return out;
}

function phaseOf(stage: LocalStage): string {
  if (stage === 'running' || stage === 'starting' || stage === 'exited' || stage === 'backoff') return 'Running';
  return stage === 'succeeded' ? 'Succeeded' : stage === 'failed' ? 'Failed' : 'Pending';
}

function conditionsOf(stage: LocalStage): typeof CONDITIONS.running {
  if (stage === 'running') return CONDITIONS.running;
  if (stage === 'init') return CONDITIONS.initializing;
  if (stage === 'failed') return CONDITIONS.failed;
  return stage === 'creating' || stage === 'waiting' || stage === 'starting' || stage === 'exited' || stage === 'backoff' ? CONDITIONS.creating : CONDITIONS.completed;
}

/**
 * The PodStatus the kubelet reports for a local stage at simulated second `now` (the conditions' transition times);
 * `startTime`: when the kubelet admitted the pod.
 */
export function podStatusFor(pod: KubeObject, stage: LocalStage, now: number, hostIP: string, podIP: string | null, restarts = 0, code = 1, waiting: Waiting | null = null, startTime = now, sides: Sides = null, exitedAt: number | null = null): Json {
  const phase = phaseOf(stage);
  const unready = isRunning(stage) ? notRunning(sides) : [];
  const conditions = kubeletConditions(unready.length > 0 ? containersNotReady(containers(pod).map((c) => str(c.name) ?? '').filter((n) => unready.includes(n))) : conditionsOf(stage), pod, now);
  const statuses = containerStatuses(pod, stage, restarts, code, waiting, sides, exitedAt);
  const start = timestamp(startTime);
  const out: Json = podIP ? { phase, conditions, hostIP, podIP, startTime: start, containerStatuses: statuses } : { phase, conditions, hostIP, startTime: start, containerStatuses: statuses };
  return withQosClass(out, pod);
}

/** The status with the pod's `qosClass` kept: kube-apiserver set it at create, and the kubelet reports the same class. */
export function withQosClass(status: Json, pod: KubeObject): Json {
  const qos = obj(pod.status)?.qosClass;
  if (typeof qos === 'string') status.qosClass = qos;
  return status;
}

/**
 * The conditions the kubelet writes for a stage's template at `now`: Ready held back by readiness gates, each
 * condition's lastTransitionTime kept while its status stays, the other components' conditions kept after them.
 */
export function kubeletConditions(template: typeof CONDITIONS.running, pod: KubeObject, now: number): readonly unknown[] {
  const current = obj(pod.status)?.conditions;
  return withOtherConditions(stampConditions(readinessGated(template, pod), current, now), current);
}

/** Whether the API already shows what the kubelet would report. */
export function statusMatches(pod: KubeObject, want: Json): boolean {
  const cur = obj(pod.status) ?? {};
  return cur.phase === want.phase && sameConditions(cur.conditions, want.conditions) && cur.startTime === want.startTime && cur.reason === want.reason && cur.podIP === want.podIP && cur.containerStatuses === want.containerStatuses
    && cur.initContainerStatuses === want.initContainerStatuses;
}
