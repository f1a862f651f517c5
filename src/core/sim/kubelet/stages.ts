/**
 * The pod lifecycle as a table of stages, the way kwok describes fake kubelets: each stage
 * says which pods it applies to, the next state, and a simulated delay. The delays are the
 * simulator's choice (not Kubernetes numbers) and are documented here.
 */
import { containerList } from '../pods';
import type { KubeObject } from '../types';
import { partialEnds, podLifetime, type Lifetime, type PartEnd } from './lifetime';
import { containerEnv } from './python';
import { asPod } from '../typed';
import { controllerOf } from '../objects';

/** Simulated durations in seconds. */
export const DELAYS = {
  /** Pulling an image that is not on the node yet. */
  imagePull: 5,
  /** Re-checking the registry for imagePullPolicy Always when the image is already present. */
  imageRecheck: 1,
  /** How long an init container whose command the simulator cannot read runs before it exits 0. */
  initRun: 2,
  /** containerd creating and starting the containers. */
  containerStart: 1,
  /** A container exiting after SIGTERM (well under the 30 s terminationGracePeriodSeconds). */
  containerStop: 1,
  /** How long a run-to-completion pod (restartPolicy Never/OnFailure, e.g. a Job's) runs before exiting 0. */
  jobRun: 10,
} as const;

/** Annotation overriding how long a run-to-completion pod runs, in seconds. */
export const RUN_SECONDS_ANNOTATION = 'sim.kube-anatomy.dev/run-seconds';
/**
 * Annotation giving the exit code of a pod's containers after they ran their run-seconds (non-zero = they fail).
 * On a restartPolicy Always pod only a non-zero code makes the container exit (it then crash-loops);
 * without the annotation an Always pod's containers run forever.
 */
export const EXIT_CODE_ANNOTATION = 'sim.kube-anatomy.dev/exit-code';

/** A stage transition: the state a pod moves to and after how long. */
export interface Stage {
  readonly name: 'ContainerCreating' | 'Running' | 'CrashLoopBackOff' | 'Succeeded' | 'Failed';
  readonly applies: (pod: KubeObject) => boolean;
}

/** Whether a pod runs to completion (its containers are not restarted on exit 0). */
export function runsToCompletion(pod: KubeObject): boolean {
  return (asPod(pod).spec?.restartPolicy ?? 'Always') !== 'Always';
}

/** Whether the pod carries the simulator's run-seconds or exit-code annotation (they override the command). */
function annotated(pod: KubeObject): boolean {
  const a = pod.metadata.annotations;
  return a !== undefined && (a[RUN_SECONDS_ANNOTATION] !== undefined || a[EXIT_CODE_ANNOTATION] !== undefined);
}

/** The lifetime read from the containers' commands (lifetime.ts); 'unknown' when annotated; 'forever' while one container of a partly ending pod runs. */
function lifetime(pod: KubeObject): Lifetime {
  if (annotated(pod)) return 'unknown';
  return partlyEnding(pod) !== null ? 'forever' : podLifetime(containerList(pod), (c) => containerEnv(c, pod));
}

/** The containers of `pod` that end on their own while others run on, each with its own lifecycle (lifetime.ts partialEnds), or null. */
export function partlyEnding(pod: KubeObject): ReadonlyMap<string, PartEnd> | null {
  const containers = containerList(pod);
  // Most pods have one container; checked before the rest, which is read on every status. The annotations set one
  // lifetime for the whole pod.
  if (containers.length < 2 || annotated(pod)) return null;
  return partialEnds(containers, (c) => containerEnv(c, pod), asPod(pod).spec?.restartPolicy, controllerOf(pod)?.kind === 'Job');
}

/** Seconds the pod's containers run before they exit: the annotation, else the command's, else 10 s. */
export function runSeconds(pod: KubeObject): number {
  const v = Number(pod.metadata.annotations?.[RUN_SECONDS_ANNOTATION]);
  if (Number.isFinite(v) && v >= 0 && pod.metadata.annotations?.[RUN_SECONDS_ANNOTATION] !== undefined) return v;
  const l = lifetime(pod);
  return typeof l === 'string' ? DELAYS.jobRun : l.seconds;
}

/** The exit code the pod's containers end with: the annotation, else the command's, else 0. */
export function exitCode(pod: KubeObject): number {
  const raw = pod.metadata.annotations?.[EXIT_CODE_ANNOTATION];
  if (raw !== undefined) {
    const code = Number(raw);
    return Number.isFinite(code) ? code : 0;
  }
  const l = lifetime(pod);
  return typeof l === 'string' ? 0 : l.code;
}

/** The phase a finished run-to-completion pod ends in. */
export function finalPhase(pod: KubeObject): 'Succeeded' | 'Failed' {
  return exitCode(pod) === 0 ? 'Succeeded' : 'Failed';
}

/**
 * Whether the pod's containers exit at all: a command that plainly ends (any restartPolicy), a
 * run-to-completion pod whose command the simulator cannot read, or an annotated failing exit code.
 */
export function containersExit(pod: KubeObject): boolean {
  if (annotated(pod)) return runsToCompletion(pod) || exitCode(pod) !== 0;
  const l = lifetime(pod);
  return l === 'unknown' ? runsToCompletion(pod) : l !== 'forever';
}

/**
 * Whether the kubelet restarts an exited container in place: Always restarts every exit, OnFailure a
 * non-zero one, Never none (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy).
 */
export function restartsOnExit(pod: KubeObject): boolean {
  const policy = asPod(pod).spec?.restartPolicy ?? 'Always';
  return policy === 'Always' || (policy === 'OnFailure' && exitCode(pod) !== 0);
}

/** Container restart back-off cap, 300 s (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts). */
export const MAX_RESTART_BACKOFF = 300;
/** Initial container restart back-off, 10 s, doubling each time (same page). */
export const RESTART_BACKOFF_BASE = 10;

/**
 * Seconds the kubelet waits before restarting a container that already restarted `restarts` times:
 * the first crash restarts at once, then 10 s, 20 s, 40 s … capped at 5 min
 * (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#how-pods-handle-problems-with-containers).
 */
export function restartDelay(restarts: number): number {
  return restarts <= 0 ? 0 : Math.min(RESTART_BACKOFF_BASE * 2 ** (restarts - 1), MAX_RESTART_BACKOFF);
}

/** The lifecycle table: Pending (bound) → ContainerCreating → Running (⇄ CrashLoopBackOff) → (Succeeded | Failed). */
export const STAGES: readonly Stage[] = [
  { name: 'ContainerCreating', applies: () => true },
  { name: 'Running', applies: () => true },
  { name: 'CrashLoopBackOff', applies: (p) => containersExit(p) && restartsOnExit(p) },
  { name: 'Succeeded', applies: (p) => runsToCompletion(p) && finalPhase(p) === 'Succeeded' },
  { name: 'Failed', applies: (p) => runsToCompletion(p) && !restartsOnExit(p) && finalPhase(p) === 'Failed' },
];
