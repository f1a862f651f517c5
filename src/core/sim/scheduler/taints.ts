/**
 * Taints and tolerations, per the API's `Toleration.ToleratesTaint`
 * (k8s.io/api/core/v1/toleration.go) and `FindMatchingUntoleratedTaint`
 * (k8s.io/component-helpers/scheduling/corev1/helpers.go).
 * https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
import type { Taint, Toleration } from './types';

/** The taint the node controller's cordon maps to `spec.unschedulable` (NodeUnschedulable plugin). */
export const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/**
 * Whether one toleration tolerates one taint: an empty effect matches every effect,
 * an empty key matches every key, `Exists` ignores the value, empty or `Equal` compares it.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** Whether any toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

/** Whether the scheduler's filter considers this taint: NoSchedule and NoExecute only (`DoNotScheduleTaintsFilterFunc`). */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/** The first NoSchedule/NoExecute taint no toleration tolerates, in the node's taint order. */
export function firstUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | null {
  for (const taint of taints) {
    if (isDoNotScheduleTaint(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return null;
}

/** How many PreferNoSchedule taints are not tolerated (TaintToleration's score, lower is better). */
export function countIntolerablePreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  // Only tolerations with an empty or PreferNoSchedule effect count (getAllTolerationPreferNoSchedule).
  const relevant = tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  let n = 0;
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(relevant, taint)) n++;
  }
  return n;
}
