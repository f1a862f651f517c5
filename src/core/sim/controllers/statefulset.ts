import { arr, obj, str } from '../objects';
import { isAvailable, nextAvailableAt, isFinished, isReady, isTerminating, phase } from '../pods';
import { templateHash } from '../prng';
import type { Stored } from '../store';
import type { Json, KubeObject } from '../types';
import { watchOwnedLazily } from './ownedWatch';
import { BaseController, intField } from './base';
import { podFromTemplate } from './podTemplate';
import { asStatefulSet } from '../typed';

/** Labels on every StatefulSet pod (https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-name-label, #pod-index-label). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** The revision label, `<statefulset>-<hash>` (apps/v1 ControllerRevisionHashLabelKey). */
export const STS_REVISION_LABEL = 'controller-revision-hash';

interface Plan { sts: Stored; template: Json; revision: string; ordered: boolean; minReady: number; now: number }

/**
 * StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): pods with stable
 * names `<name>-0 … <name>-(n-1)`. With the default OrderedReady policy pod i+1 is created only
 * once pod i is Running and Ready, and scale-down removes the highest ordinal first, one at a
 * time; `Parallel` creates and deletes them all at once. A missing pod is recreated with the
 * same name once the old one is gone; RollingUpdate replaces pods from the highest ordinal down
 * (https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#deployment-and-scaling-guarantees).
 */
export class StatefulSetController extends BaseController {
  readonly name = 'statefulset-controller';
  protected readonly kind = 'StatefulSet';

  /** Starts watching StatefulSets and their pods. */
  start(): this {
    watchOwnedLazily(this.ctx, this.kind, this.queue);
    return this;
  }

  reconcile(k: string): void {
    const sts = this.get(k);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const template = (obj(asStatefulSet(sts).spec?.template) ?? {}) as Json;
    const plan: Plan = {
      sts, template, revision: `${sts.metadata.name}-${templateHash(template)}`, ordered: asStatefulSet(sts).spec?.podManagementPolicy !== 'Parallel',
      minReady: intField(asStatefulSet(sts).spec?.minReadySeconds, 0), now: this.ctx.clock.now(),
    };
    const replicas = Math.min(intField(asStatefulSet(sts).spec?.replicas, 1), this.ctx.options.maxReplicasPerWorkload);
    const pods = this.byOrdinal(sts);
    if (this.syncReplicas(plan, pods, replicas) && this.scaleDown(plan, pods, replicas)) this.rollingUpdate(plan, pods, replicas);
    this.updateStatus(plan, k);
  }

  /** The StatefulSet's pods by ordinal (pods whose name is not `<name>-<ordinal>` are ignored). */
  private byOrdinal(sts: Stored): Map<number, Stored> {
    const out = new Map<number, Stored>();
    const prefix = `${sts.metadata.name}-`;
    for (const p of this.children(sts)) {
      const rest = (p.metadata.name ?? '').slice(prefix.length);
      if ((p.metadata.name ?? '').startsWith(prefix) && /^(0|[1-9]\d*)$/.test(rest)) out.set(Number(rest), p);
    }
    return out;
  }

  /** Ordinals 0..replicas-1 in order; false when an ordered set has to wait. */
  private syncReplicas(plan: Plan, pods: Map<number, Stored>, replicas: number): boolean {
    for (let i = 0; i < replicas; i++) {
      const pod = pods.get(i);
      if (!pod) {
        this.createPod(plan, i);
        if (plan.ordered) return false;
      } else if (isFinished(pod) && !isTerminating(pod)) {
        this.deletePod(plan.sts, pod); // a failed pod is deleted, then recreated with the same name
        if (plan.ordered) return false;
      } else if (plan.ordered && (isTerminating(pod) || !runningAndAvailable(pod, plan))) {
        return false;
      }
    }
    return true;
  }

  /** Condemned ordinals (>= replicas), highest first; ordered sets delete one at a time. */
  private scaleDown(plan: Plan, pods: Map<number, Stored>, replicas: number): boolean {
    const condemned = [...pods.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
    for (const i of condemned) {
      const pod = pods.get(i) as Stored;
      if (isTerminating(pod)) {
        if (plan.ordered) return false;
        continue;
      }
      this.releaseClaims(plan.sts, pod);
      this.deletePod(plan.sts, pod);
      if (plan.ordered) return false;
    }
    return condemned.length === 0;
  }

  /** RollingUpdate: once every pod is Running and available, replace the highest-ordinal old pod at or above the partition. */
  private rollingUpdate(plan: Plan, pods: Map<number, Stored>, replicas: number): void {
    if (asStatefulSet(plan.sts).spec?.updateStrategy?.type === 'OnDelete') return;
    const partition = intField(asStatefulSet(plan.sts).spec?.updateStrategy?.rollingUpdate?.partition, 0);
    for (let i = 0; i < replicas; i++) if (!runningAndAvailable(pods.get(i), plan)) return;
    for (let i = replicas - 1; i >= partition; i--) {
      const pod = pods.get(i) as Stored;
      if (pod.metadata.labels?.[STS_REVISION_LABEL] !== plan.revision) return this.deletePod(plan.sts, pod);
    }
  }

  private createPod(plan: Plan, ordinal: number): void {
    const name = `${plan.sts.metadata.name}-${ordinal}`;
    // CreateStatefulPod (stateful_pod_control.go): the pod's PersistentVolumeClaims first, then the pod.
    const claimError = this.createClaims(plan.sts, name);
    if (claimError !== null) return this.emit('FailedCreate', plan.sts, `create Pod ${name} in StatefulSet ${plan.sts.metadata.name} failed error: ${claimError}`, 'Warning');
    const labels = { [STS_REVISION_LABEL]: plan.revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
    const service = asStatefulSet(plan.sts).spec?.serviceName;
    // The pod's hostname is its name; with serviceName it gets a DNS name in the headless Service's subdomain.
    const spec = { ...obj(plan.template.spec), hostname: name, ...(service ? { subdomain: service } : {}), ...claimVolumes(plan.sts, obj(plan.template.spec), name) };
    const r = this.ctx.api.create(this.client(), podFromTemplate(plan.template, plan.sts, { name, labels, spec }));
    if (!r.ok) return this.emit('FailedCreate', plan.sts, `create Pod ${name} in StatefulSet ${plan.sts.metadata.name} failed error: ${r.error}`, 'Warning');
    this.emit('SuccessfulCreate', plan.sts, `create Pod ${name} in StatefulSet ${plan.sts.metadata.name} successful`);
  }

  /**
   * createPersistentVolumeClaims (stateful_pod_control.go): each volumeClaimTemplate's claim `<template>-<pod>` that
   * does not exist yet is created, with the selector's labels added to the template's, and owned by the StatefulSet
   * when `persistentVolumeClaimRetentionPolicy.whenDeleted` is Delete (the default Retain keeps claims for ever:
   * https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention).
   * Returns the error that stops the pod's creation, or null.
   */
  private createClaims(sts: Stored, pod: string): string | null {
    const errors: string[] = [];
    for (const claim of claimsFor(sts, pod)) {
      const name = claim.metadata.name;
      const existing = this.ctx.store.get('PersistentVolumeClaim', sts.metadata.namespace, name);
      if (existing) {
        if (existing.metadata.deletionTimestamp) errors.push(`pvc ${name} is being deleted`);
        continue;
      }
      const r = this.ctx.api.create(this.client(), claim);
      if (r.ok) this.emit('SuccessfulCreate', sts, `create Claim ${name} Pod ${pod} in StatefulSet ${sts.metadata.name} success`);
      else {
        errors.push(`failed to create PVC ${name}: ${r.error}`);
        this.emit('FailedCreate', sts, `create Claim ${name} for Pod ${pod} in StatefulSet ${sts.metadata.name} failed error: ${r.error}`, 'Warning');
      }
    }
    return errors.length === 0 ? null : errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  }

  /**
   * A condemned pod's claims, under `whenScaled: Delete`, are owned by the pod alone before it is deleted (the
   * StatefulSet's reference removed), so the garbage collector removes them after it (updateClaimOwnerRefForSetAndPod
   * in stateful_set_utils.go).
   */
  private releaseClaims(sts: Stored, pod: Stored): void {
    if (asStatefulSet(sts).spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
    for (const claim of claimsFor(sts, pod.metadata.name ?? '')) {
      const cur = this.ctx.store.get('PersistentVolumeClaim', sts.metadata.namespace, claim.metadata.name);
      if (!cur) continue;
      const refs = arr(cur.metadata.ownerReferences).filter((r) => obj(r)?.uid !== sts.metadata.uid && obj(r)?.uid !== pod.metadata.uid);
      const owner = controllerRef('v1', 'Pod', pod);
      this.ctx.api.update(this.client(), { ...cur, metadata: { ...cur.metadata, ownerReferences: refs.concat(owner) } } as KubeObject);
    }
  }

  private deletePod(sts: Stored, pod: Stored): void {
    const r = this.ctx.api.delete(this.client(), 'Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    if (r.ok) this.emit('SuccessfulDelete', sts, `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
  }

  /** Its status; with minReadySeconds, a Ready pod that is not available yet requeues the set for when it is (stateful_set.go sync). */
  private updateStatus(plan: Plan, k: string): void {
    const { sts, revision } = plan;
    const pods = this.children(sts).filter((p) => !isTerminating(p) && !isFinished(p));
    const ready = pods.filter(isReady).length;
    const available = pods.filter((p) => isAvailable(p, plan.minReady, plan.now)).length;
    const due = nextAvailableAt(pods, plan.minReady, plan.now);
    if (due !== null) this.requeueAt(k, due);
    const updated = pods.filter((p) => p.metadata.labels?.[STS_REVISION_LABEL] === revision).length;
    this.writeStatus(sts, {
      observedGeneration: sts.metadata.generation, replicas: pods.length, readyReplicas: ready,
      currentReplicas: updated, updatedReplicas: updated, availableReplicas: available,
      currentRevision: revision, updateRevision: revision, collisionCount: 0,
    });
  }
}

/** isRunningAndAvailable (stateful_set_utils.go): phase Running, Ready, and Ready for longer than minReadySeconds. */
function runningAndAvailable(p: Stored | undefined, plan: Plan): boolean {
  return !!p && !isTerminating(p) && phase(p) === 'Running' && isAvailable(p, plan.minReady, plan.now);
}

/** addControllerRef (stateful_set_utils.go): a controller reference to `owner`. */
function controllerRef(apiVersion: string, kind: string, owner: Stored): Json {
  return { apiVersion, kind, name: owner.metadata.name ?? '', uid: String(owner.metadata.uid), controller: true, blockOwnerDeletion: true };
}

/** getPersistentVolumeClaims (stateful_set_utils.go): the claims of pod `pod` from the volumeClaimTemplates. */
function claimsFor(sts: Stored, pod: string): (KubeObject & { metadata: { name: string } })[] {
  const spec = asStatefulSet(sts).spec;
  const selector = spec?.selector?.matchLabels ?? {};
  const owned = spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete'
    ? { ownerReferences: [controllerRef('apps/v1', 'StatefulSet', sts)] } : {};
  const out: (KubeObject & { metadata: { name: string } })[] = [];
  for (const t of spec?.volumeClaimTemplates ?? []) {
    const template = t ?? {};
    if (!template.metadata?.name) continue;
    out.push({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: {
        ...(template.metadata.annotations ? { annotations: template.metadata.annotations } : {}),
        name: `${template.metadata.name}-${pod}`, namespace: sts.metadata.namespace, labels: { ...template.metadata.labels, ...selector }, ...owned,
      },
      spec: (template.spec ?? {}) as Json,
    });
  }
  return out;
}

/**
 * stateful_set_utils.go updateStorage: each volumeClaimTemplate becomes a volume of the pod (replacing a
 * template volume of the same name) backed by the claim `<template>-<pod>` (created by `createClaims`).
 */
function claimVolumes(sts: Stored, spec: Json | undefined, pod: string): { volumes?: unknown[] } {
  const claims = (asStatefulSet(sts).spec?.volumeClaimTemplates ?? []).map((c) => c?.metadata?.name).filter((n): n is string => !!n);
  if (claims.length === 0) return {};
  const kept = (Array.isArray(spec?.volumes) ? spec.volumes : []).filter((v) => !claims.includes(str(obj(v)?.name) ?? ''));
  return { volumes: [...kept, ...claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: `${c}-${pod}` } }))] };
}
