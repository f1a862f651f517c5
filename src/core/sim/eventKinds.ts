import type { SimEvent } from './types';

/** Rows of the event log that no `kubectl get events` would list: kubectl's output, injected faults, the simulator's notes. */
const SIM_COMPONENTS = new Set(['kubectl', 'simulator', 'docker CLI', 'pod-garbage-collector']);
const SIM_REASONS = new Set(['NotSimulated', 'PartialScoring', 'PodGCOrphaned']);

/** Whether a row is the simulator's own (not an Event object a cluster would store). */
export function isSimulationRow(e: SimEvent): boolean {
  return SIM_COMPONENTS.has(e.component) || SIM_REASONS.has(e.reason) || (e.reason === 'LeaderElection' && / expired \(/.test(e.message));
}
