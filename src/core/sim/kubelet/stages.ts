/**
 * The pod lifecycle as a table of stages, the way kwok describes fake kubelets: each stage
 * says which pods it applies to, the next state, and a simulated delay. The delays are the
 * simulator's choice (not Kubernetes numbers) and are documented here.
 */
import { at, str } from '../objects';
import type { KubeObject } from '../types';

/** Simulated durations in seconds. */
export const DELAYS = {
  /** Pulling an image that is not on the node yet. */
  imagePull: 5,
  /** Re-checking the registry for imagePullPolicy Always when the image is already present. */
  imageRecheck: 1,
  /** containerd creating and starting the containers. */
  containerStart: 1,
  /** A container exiting after SIGTERM (well under the 30 s terminationGracePeriodSeconds). */
  containerStop: 1,
  /** How long a run-to-completion pod (restartPolicy Never/OnFailure, e.g. a Job's) runs before exiting 0. */
  jobRun: 10,
} as const;

/** Annotation overriding how long a run-to-completion pod runs, in seconds. */
export const RUN_SECONDS_ANNOTATION = 'sim.kube-anatomy.dev/run-seconds';
/** Annotation giving the exit code of a run-to-completion pod (non-zero = the pod fails). */
export const EXIT_CODE_ANNOTATION = 'sim.kube-anatomy.dev/exit-code';

/** A stage transition: the state a pod moves to and after how long. */
export interface Stage {
  readonly name: 'ContainerCreating' | 'Running' | 'Succeeded' | 'Failed';
  readonly applies: (pod: KubeObject) => boolean;
}

/** Whether a pod runs to completion (its containers are not restarted on exit 0). */
export function runsToCompletion(pod: KubeObject): boolean {
  return (str(at(pod, 'spec', 'restartPolicy')) ?? 'Always') !== 'Always';
}

/** Seconds a run-to-completion pod runs. */
export function runSeconds(pod: KubeObject): number {
  const v = Number(pod.metadata.annotations?.[RUN_SECONDS_ANNOTATION]);
  return Number.isFinite(v) && v >= 0 ? v : DELAYS.jobRun;
}

/** The phase a finished run-to-completion pod ends in. */
export function finalPhase(pod: KubeObject): 'Succeeded' | 'Failed' {
  const code = Number(pod.metadata.annotations?.[EXIT_CODE_ANNOTATION] ?? 0);
  return code === 0 || !Number.isFinite(code) ? 'Succeeded' : 'Failed';
}

/** The lifecycle table: Pending (bound) → ContainerCreating → Running → (Succeeded | Failed). */
export const STAGES: readonly Stage[] = [
  { name: 'ContainerCreating', applies: () => true },
  { name: 'Running', applies: () => true },
  { name: 'Succeeded', applies: (p) => runsToCompletion(p) && finalPhase(p) === 'Succeeded' },
  { name: 'Failed', applies: (p) => runsToCompletion(p) && finalPhase(p) === 'Failed' },
];
