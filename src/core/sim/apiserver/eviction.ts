/**
 * The Pod `eviction` subresource (pkg/registry/core/pod/storage/eviction.go, v1.33): what `kubectl drain`
 * and `kubectl evict` call. A pod that is not running (Pending, Succeeded, Failed) or already terminating is
 * deleted at once; otherwise the one PodDisruptionBudget that selects it must allow a disruption, which the
 * API server takes (disruptionsAllowed - 1, the pod in disruptedPods) before it deletes the pod gracefully.
 * A refusal is HTTP 429 TooManyRequests with kube-apiserver's message and a DisruptionBudget cause.
 */
import type { Client } from '../cluster';
import { timestamp } from '../clock';
import type { SimContext } from '../context';
import { budgetMatcher, pdbOf } from '../controllers/disruption';
import { isReady, labelsOf, phase, isTerminating, withPodCondition } from '../pods';
import type { Stored } from '../store';

/** eviction.go `createTooManyRequestsError` / `checkAndDecrement`: the 429 message every refusal carries. */
export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

/** The outcome of an eviction, shaped as the Status kube-apiserver answers with. */
export type EvictionResult =
  | { readonly ok: true; readonly code: 201 }
  | { readonly ok: false; readonly code: number; readonly reason: string; readonly error: string; readonly cause?: string };

/** POST pods/NAME/eviction. */
export function evictPod(ctx: SimContext, client: Client, namespace: string | undefined, name: string): EvictionResult {
  const ns = namespace || 'default';
  const pod = ctx.store.get('Pod', ns, name);
  if (!pod) return { ok: false, code: 404, reason: 'NotFound', error: `pods "${name}" not found` };
  // canIgnorePDB: evicting a pod that is not running disrupts nothing.
  const ph = phase(pod);
  if (ph === 'Succeeded' || ph === 'Failed' || ph === 'Pending' || isTerminating(pod)) return deleted(ctx, client, pod);
  const pdbs: Stored[] = [];
  for (const pdb of ctx.store.list('PodDisruptionBudget')) {
    if (pdb.metadata.namespace === ns && budgetMatcher(pdb)?.(labelsOf(pod))) pdbs.push(pdb);
  }
  if (pdbs.length > 1) {
    return { ok: false, code: 500, reason: 'InternalError', error: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' };
  }
  if (pdbs.length === 0) return deleted(ctx, client, pod);
  const refusal = checkAndDecrement(ctx, client, pdbs[0], pod);
  return refusal ?? deleted(ctx, client, pod);
}

/** checkAndDecrement, after the unready-pod shortcut: the refusal, or null once the budget has been taken. */
function checkAndDecrement(ctx: SimContext, client: Client, pdb: Stored, pod: Stored): EvictionResult | null {
  const { status = {}, metadata = {}, spec = {} } = pdbOf(pdb);
  const desired = status.desiredHealthy ?? 0;
  const current = status.currentHealthy ?? 0;
  // An unready pod does not count as healthy: evicting it takes nothing from a budget that is met
  // (unhealthyPodEvictionPolicy IfHealthyBudget, the default), or from any budget with AlwaysAllow.
  if (!isReady(pod) && (spec.unhealthyPodEvictionPolicy === 'AlwaysAllow' || (current >= desired && desired > 0))) return null;
  const name = metadata.name ?? '';
  if ((status.observedGeneration ?? 0) < (metadata.generation ?? 0)) {
    return { ok: false, code: 429, reason: 'TooManyRequests', error: EVICTION_REFUSED, cause: `The disruption budget ${name} is still being processed by the server.` };
  }
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed <= 0) {
    return { ok: false, code: 429, reason: 'TooManyRequests', error: EVICTION_REFUSED, cause: `The disruption budget ${name} needs ${desired} healthy pods and has ${current} currently` };
  }
  const now = timestamp(ctx.clock.now());
  const conditions = allowed - 1 > 0 ? status.conditions
    : (status.conditions ?? []).map((c) => (c.type === 'DisruptionAllowed' ? { ...c, status: 'False', reason: 'InsufficientPods', lastTransitionTime: c.status === 'False' ? c.lastTransitionTime : now } : c));
  const next = { ...status, disruptionsAllowed: allowed - 1, disruptedPods: { ...status.disruptedPods, [pod.metadata.name ?? '']: now }, conditions };
  const r = ctx.api.update(client, { ...pdb, status: next });
  return r.ok ? null : { ok: false, code: 500, reason: 'InternalError', error: r.error };
}

/** eviction.go's DisruptionTarget condition, written on the pod before it is deleted (addConditionAndDeletePod). */
export const EVICTION_CONDITION = Object.freeze({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });

/** addConditionAndDeletePod: the DisruptionTarget condition, then the (graceful) delete. */
function deleted(ctx: SimContext, client: Client, pod: Stored): EvictionResult {
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  ctx.api.update(client, { ...pod, status: withPodCondition(pod.status, EVICTION_CONDITION) });
  const r = ctx.api.delete(client, 'Pod', ns, name);
  return r.ok ? { ok: true, code: 201 } : { ok: false, code: 500, reason: 'InternalError', error: r.error };
}
