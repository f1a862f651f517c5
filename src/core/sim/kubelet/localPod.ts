import type { Timer } from '../clock';
import type { CpuMem } from '../scheduler/requests';
import type { Stored } from '../store';
import type { ObjectRef } from '../types';
import type { InitState } from './initContainers';
import type { LocalStage, SideState, Waiting } from './podStatus';
import type { PartEnd } from './lifetime';
import { containersExit } from './stages';

/** Shared empty `pulls`. */
export const NO_PULLS: readonly string[] = [];

/**
 * What the kubelet keeps per pod. `pulls` holds [image, message, image, message, …] for the
 * Pulled events of images already present (the last entry for an image wins); `ref` is the pod's event reference.
 */
export interface LocalPod {
  stage: LocalStage; ip: string | null; uid: unknown; timer: Timer | null; pulls: readonly string[]; ref: ObjectRef;
  /** Container restarts so far; the requests admitted for the pod (cpu millicores, memory bytes). */
  restarts: number; req: CpuMem;
  /** The pod IP is allocated from the podCIDR and not yet released; a FailedCreatePodSandBox was recorded. */
  holdsIp: boolean; sandboxFailed: boolean;
  /** The object our last status write stored, and the stage it reported. */
  reported: Stored | null; reportedStage: LocalStage | null;
  /** Why the containers wait (stage 'waiting'); what blocks the start (blockers.ts); failed pulls so far; the last blocker warning. */
  waiting: Waiting | null; blocked: 'mount' | 'config' | 'image' | 'pull' | null; pullFailures: number; lastWarning: string | null;
  /** Init containers completed (or sidecars started) so far; what the current one is doing; its restarts and last exit code. */
  init: number; initState: InitState; initRestarts: number; initCode: number;
  /** Stops the wait of an init container looping until a Service answers (serviceWaits.ts); null when none waits. */
  unwait: (() => void) | null;
  /** When the kubelet admitted the pod (status.startTime); the timer of its activeDeadlineSeconds; why the kubelet failed it. */
  admittedAt: number; deadline: Timer | null; failure: { readonly reason: string; readonly message: string } | null;
  /** The containers of a partly ending pod, each with a lifecycle of its own (stages.ts partlyEnding), by name; null when none. */
  sides: Map<string, Side> | null;
  /**
   * The app container to start next (kuberuntime starts them in order, each one's postStart hook run to its end
   * first) and whether its hook never returns; the failed postStart hook the containers wait on (PostStartHookError)
   * until the restart; the exit code of the container the kubelet last killed when SIGKILL ended it (137), null when
   * it stopped on SIGTERM.
   */
  nextContainer: number; hookHangs: boolean; hookError: Waiting | null; killCode: number | null;
  /** The app container whose image was asked for last (its pull done or under way); -1 when none yet. */
  pulledFor: number;
  /** When the pod's containers last ended (an exit, a kill), in simulated seconds: their terminated state's finishedAt. */
  exitedAt: number | null;
  /** When the current init container last failed, likewise; null once it completed. */
  initExitedAt: number | null;
  /** The app containers as the kubelet created them (containerList's list): a spec with other images restarts them. */
  created: readonly Record<string, unknown>[];
}

/** A container with a lifecycle of its own: its state, restarts and last exit code as its status shows them, what its command does, its timer. */
export interface Side { state: SideState['state']; restarts: number; code: number; exitedAt: number | null; readonly ends: PartEnd; timer: Timer | null }

/** Requests and number of the admitted pods that have not terminated (the kubelet's GetActivePods). */
export function admittedUsage(pods: Iterable<LocalPod>): [CpuMem, number] {
  const used = { cpu: 0, mem: 0 };
  let n = 0;
  for (const p of pods) {
    if (p.stage === 'succeeded' || p.stage === 'failed' || p.stage === 'stopped') continue;
    used.cpu += p.req.cpu;
    used.mem += p.req.mem;
    n++;
  }
  return [used, n];
}

/** Stages that wait on a timer; without one (it came due while containerd was down) a sync resumes them. */
export function needsTimer(stage: LocalStage, pod: Stored): boolean {
  return stage === 'creating' || stage === 'waiting' || stage === 'exited' || stage === 'backoff' || (stage === 'running' && containersExit(pod));
}

/** The message of the last pull of `image` recorded in `pulls` (as a Map keyed by image would give). */
export function lastPull(pulls: readonly string[], image: string): string {
  for (let i = pulls.length - 2; i >= 0; i -= 2) if (pulls[i] === image) return pulls[i + 1];
  return '';
}
