/**
 * The disruption controller of kube-controller-manager (pkg/controller/disruption/disruption.go, v1.33): keeps
 * each PodDisruptionBudget's status (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed,
 * disruptedPods and the DisruptionAllowed condition) from the pods its selector picks, so that the eviction
 * API (apiserver/eviction.ts) and the scheduler's preemption can honour it.
 *
 * Not modelled: the recheck of a `disruptedPods` entry whose pod was never deleted (the simulated eviction
 * deletes at once, so every entry leaves with its pod), and the stale DisruptionTarget clean-up.
 */
import type { Api } from '../../api';
import { SIM_EPOCH_MS, timestamp } from '../clock';
import { arr, obj, selectorMatcher } from '../objects';
import { isReady, isTerminating, labelsOf } from '../pods';
import type { Stored } from '../store';
import type { KubeObject } from '../types';
import { BaseController, keyOf } from './base';

type Pdb = Api.V1PodDisruptionBudget;
type PdbStatus = Api.V1PodDisruptionBudgetStatus;

/** disruption.go `DeletionTimeout`: how long an eviction's disruptedPods entry keeps its pod out of the healthy count. */
export const DELETION_TIMEOUT_SECONDS = 2 * 60;

/** The typed view of a stored PodDisruptionBudget (decoded by the API server before it is stored). */
export function pdbOf(o: Stored): Pdb {
  return o as unknown as Pdb;
}

/**
 * The pods a PDB covers for the eviction API and preemption (eviction.go getPodDisruptionBudgets,
 * default_preemption.go filterPodsWithPDBViolation): a nil or empty selector matches nothing.
 */
export function budgetMatcher(pdb: Stored): ((labels: Record<string, string>) => boolean) | null {
  const sel = pdbOf(pdb).spec?.selector;
  if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) return null;
  return selectorMatcher(sel);
}

/** The pods the disruption controller counts (getPodsForPdb: LabelSelectorAsSelector, so nil selects none and `{}` every pod of the namespace). */
function controllerMatcher(pdb: Stored): ((labels: Record<string, string>) => boolean) | null {
  const sel = pdbOf(pdb).spec?.selector;
  return sel ? selectorMatcher(sel) : null;
}

/** `intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true)`; validation has refused anything else. */
function scaled(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  return Math.ceil((parseInt(v, 10) * total) / 100);
}

/** pdbhelper.UpdateDisruptionAllowedCondition (k8s.io/component-helpers/apps/poddisruptionbudget). */
function allowedCondition(allowed: number, generation: number, prev: PdbStatus | undefined, now: string): Record<string, unknown> {
  const status = allowed > 0 ? 'True' : 'False';
  const old = prev?.conditions?.find((c) => c.type === 'DisruptionAllowed');
  return {
    type: 'DisruptionAllowed', status, reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods', message: '',
    observedGeneration: generation, lastTransitionTime: old?.status === status ? old.lastTransitionTime : now,
  };
}

/** The disruption controller; see the module comment. */
export class DisruptionController extends BaseController {
  readonly name = 'disruption-controller';
  protected readonly kind = 'PodDisruptionBudget';

  /** Watches PDBs and the pods their selectors pick (before and after a change). */
  start(): this {
    this.ctx.store.watch('PodDisruptionBudget', (_t, o) => this.queue.add(keyOf(o)));
    this.ctx.store.watch('Pod', (_t, p, old) => this.onPod(p, old));
    return this;
  }

  private onPod(p: KubeObject, old: KubeObject | undefined): void {
    if (this.ctx.store.count('PodDisruptionBudget') === 0) return;
    for (const pdb of this.ctx.store.list('PodDisruptionBudget')) {
      if (pdb.metadata.namespace !== p.metadata.namespace) continue;
      const m = controllerMatcher(pdb);
      if (m && (m(labelsOf(p)) || (old && m(labelsOf(old))))) this.queue.add(keyOf(pdb));
    }
  }

  reconcile(k: string): void {
    const pdb = this.get(k);
    if (!pdb) return;
    const typed = pdbOf(pdb);
    const pods = this.podsFor(pdb);
    const warnings: [string, string][] = [];
    if (pods.length === 0) warnings.push(['NoPods', 'No matching pods found']);
    const expected = this.expectedCount(typed, pods);
    const now = this.ctx.clock.now();
    const generation = typed.metadata?.generation ?? 1;
    if (typeof expected === 'string') return this.failSafe(pdb, expected, warnings);
    if (expected.unmanaged.length > 0) {
      warnings.push(['UnmanagedPods', `Pods selected by this PodDisruptionBudget (selector: ${selectorText(typed)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`]);
    }
    const disrupted = this.disruptedPods(typed, pods, now);
    let currentHealthy = 0;
    for (const p of pods) if (!isTerminating(p) && !disrupted[p.metadata.name ?? ''] && isReady(p)) currentHealthy++;
    const { count: expectedPods, desiredHealthy } = expected;
    // updatePdbStatus: expectedCount must be > 0, so a PDB that matches no pod yet allows nothing.
    const allowed = expectedPods <= 0 || currentHealthy - desiredHealthy <= 0 ? 0 : currentHealthy - desiredHealthy;
    const status: Record<string, unknown> = {
      observedGeneration: generation, ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
      disruptionsAllowed: allowed, currentHealthy, desiredHealthy, expectedPods,
      conditions: [allowedCondition(allowed, generation, typed.status, timestamp(now))],
    };
    this.write(pdb, status, warnings);
  }

  /** failSafe: disruptionsAllowed 0 and the condition False with reason SyncFailed. */
  private failSafe(pdb: Stored, error: string, warnings: [string, string][]): void {
    const prev = pdbOf(pdb).status;
    warnings.push(['CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${error}`]);
    const old = prev?.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const now = timestamp(this.ctx.clock.now());
    const cond = { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: error, observedGeneration: prev?.observedGeneration ?? 0, lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : now };
    this.write(pdb, { ...prev, disruptionsAllowed: 0, conditions: [cond] }, warnings);
  }

  /** Writes the status when it changed, with the events of this sync (so a quiet PDB does not repeat them). */
  private write(pdb: Stored, status: Record<string, unknown>, warnings: [string, string][]): void {
    const cur = pdb.status;
    if (cur !== undefined && JSON.stringify(cur) === JSON.stringify(status)) return;
    for (const [reason, message] of warnings) this.emit(reason, pdb, message, reason === 'NoPods' ? 'Normal' : 'Warning');
    this.ctx.api.update(this.client(), { ...pdb, status });
  }

  private podsFor(pdb: Stored): Stored[] {
    const m = controllerMatcher(pdb);
    if (!m) return [];
    const out: Stored[] = [];
    for (const p of this.ctx.store.list('Pod')) if (p.metadata.namespace === pdb.metadata.namespace && m(labelsOf(p))) out.push(p);
    return out;
  }

  /** getExpectedPodCount: the expected count and desired healthy count, or the error that makes the sync fail. */
  private expectedCount(pdb: Pdb, pods: readonly Stored[]): { count: number; desiredHealthy: number; unmanaged: string[] } | string {
    const spec = pdb.spec ?? {};
    if (spec.maxUnavailable !== undefined) {
      const scale = this.expectedScale(pods);
      if (typeof scale === 'string') return scale;
      return { count: scale.count, desiredHealthy: Math.max(0, scale.count - scaled(spec.maxUnavailable, scale.count)), unmanaged: scale.unmanaged };
    }
    if (typeof spec.minAvailable === 'number') return { count: pods.length, desiredHealthy: spec.minAvailable, unmanaged: [] };
    if (typeof spec.minAvailable === 'string') {
      const scale = this.expectedScale(pods);
      if (typeof scale === 'string') return scale;
      return { count: scale.count, desiredHealthy: scaled(spec.minAvailable, scale.count), unmanaged: scale.unmanaged };
    }
    return { count: 0, desiredHealthy: 0, unmanaged: [] };
  }

  /**
   * getExpectedScale: the sum of `spec.replicas` of the pods' controllers (a ReplicaSet's Deployment, else the
   * ReplicaSet, a ReplicationController, a StatefulSet); pods without a controller are unmanaged; a controller
   * without a scale subresource (DaemonSet, Job) fails the sync, as getScaleController does.
   */
  private expectedScale(pods: readonly Stored[]): { count: number; unmanaged: string[] } | string {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const p of pods) {
      const ref = controllerRefOf(p);
      if (!ref) {
        unmanaged.push(p.metadata.name ?? '');
        continue;
      }
      // Validation guarantees kind, name and uid on every owner reference.
      const { kind = '', name = '', uid = '' } = ref;
      if (scales.has(uid)) continue;
      const found = this.scaleOf(kind, p.metadata.namespace, name, uid);
      if (found === null) return `found no controllers for pod "${p.metadata.name ?? ''}"`;
      if (typeof found === 'string') return found;
      scales.set(found.uid, found.replicas);
    }
    let count = 0;
    for (const n of scales.values()) count += n;
    return { count, unmanaged };
  }

  private scaleOf(kind: string, ns: string | undefined, name: string, uid: string): { uid: string; replicas: number } | string | null {
    if (kind === 'DaemonSet') return 'daemonsets.apps does not implement the scale subresource';
    if (kind === 'Job') return 'jobs.batch does not implement the scale subresource';
    if (kind !== 'ReplicaSet' && kind !== 'ReplicationController' && kind !== 'StatefulSet') return null;
    const owner = this.ctx.store.get(kind, ns, name);
    if (!owner || owner.metadata.uid !== uid) return null;
    const ref = kind === 'ReplicaSet' ? controllerRefOf(owner) : undefined;
    const up = ref?.kind === 'Deployment' ? ref : undefined;
    if (up) {
      const dep = this.ctx.store.get('Deployment', ns, up.name ?? '');
      return dep && up.uid !== undefined && dep.metadata.uid === up.uid ? { uid: up.uid, replicas: replicasOf(dep) } : null;
    }
    return { uid, replicas: replicasOf(owner) };
  }

  /** buildDisruptedPodMap: entries of pods not yet being deleted and evicted less than DeletionTimeout ago. */
  private disruptedPods(pdb: Pdb, pods: readonly Stored[], now: number): Record<string, string> {
    const prev = pdb.status?.disruptedPods;
    const out: Record<string, string> = {};
    if (!prev) return out;
    for (const p of pods) {
      const name = p.metadata.name ?? '';
      const at = prev[name];
      if (isTerminating(p) || at === undefined) continue;
      if ((Date.parse(at) - SIM_EPOCH_MS) / 1000 + DELETION_TIMEOUT_SECONDS > now) out[name] = at;
    }
    return out;
  }
}

/** metav1.GetControllerOf: the owner reference with controller: true. */
function controllerRefOf(o: Stored): Api.V1OwnerReference | undefined {
  return (o.metadata as Api.V1ObjectMeta).ownerReferences?.find((r) => r.controller === true);
}

function replicasOf(o: Stored): number {
  const r = obj(o.spec)?.replicas;
  return typeof r === 'number' ? r : 1;
}

/** The selector as `%v` of a *metav1.LabelSelector prints it (its generated String()); match expressions are elided. */
function selectorText(pdb: Pdb): string {
  const ml = pdb.spec?.selector?.matchLabels ?? {};
  const labels = Object.keys(ml).sort().map((k) => `${k}: ${ml[k]},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${arr(pdb.spec?.selector?.matchExpressions).length > 0 ? '…' : ''}},}`;
}
