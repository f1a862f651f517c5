import { timestamp } from '../clock';
import { arr, obj, str, uidOf } from '../objects';
import { simSeconds } from '../snapshot';
import { templateHash } from '../prng';
import { key, type Stored } from '../store';
import type { Json, KubeObject } from '../types';
import { BaseController, intField, keyOf } from './base';
import { ownerRefs } from './podTemplate';
import { asDeployment, asReplicaSet } from '../typed';

/** Deployment defaults (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/): 25 % surge/unavailable, 10 old ReplicaSets kept. */
export const DEFAULT_MAX_SURGE = '25%';
export const DEFAULT_MAX_UNAVAILABLE = '25%';
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';
const hashCache = new WeakMap<object, string>();

/** progressDeadlineSeconds' default (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#progress-deadline-seconds). */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/**
 * Deployment controller (pkg/controller/deployment): one ReplicaSet per pod-template revision,
 * rolling from old to new within maxSurge/maxUnavailable (rolling.go), or Recreate; a paused Deployment
 * only scales its one active ReplicaSet. Its status carries the Available and Progressing conditions
 * (sync.go calculateStatus, progress.go syncRolloutStatus): Progressing turns False with
 * ProgressDeadlineExceeded when a rollout makes no progress for progressDeadlineSeconds, which is what
 * `kubectl rollout status` reports as "exceeded its progress deadline"
 * (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status).
 */
export class DeploymentController extends BaseController {
  readonly name = 'deployment-controller';
  protected readonly kind = 'Deployment';

  /** Starts watching Deployments and their ReplicaSets. */
  start(): this {
    this.watchOwned('ReplicaSet');
    // Recreate waits for the old pods to be gone: like the real controller's deletePod handler
    // (pkg/controller/deployment/deployment_controller.go), pod changes of a waiting old ReplicaSet requeue it.
    this.ctx.store.watchControlled('Pod', 'ReplicaSet', (rsKey) => {
      if (this.recreating.size === 0) return;
      const d = this.recreating.get(rsKey);
      if (d !== undefined) this.queue.add(d);
    });
    return this;
  }

  /** Old ReplicaSet key -> the Recreate Deployment waiting for its pods to go. */
  private readonly recreating = new Map<string, string>();

  reconcile(k: string): void {
    const d = this.get(k);
    if (!d || d.metadata.deletionTimestamp) return;
    const all = this.children(d, 'ReplicaSet').sort(byRevision);
    const hash = hashOf(obj(asDeployment(d).spec?.template) ?? {});
    let newRS = all.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash);
    const old = all.filter((rs) => rs !== newRS);
    const replicas = Math.min(intField(asDeployment(d).spec?.replicas, 1), this.ctx.options.maxReplicasPerWorkload);
    if (asDeployment(d).spec?.paused === true) return this.paused(d, newRS, old, replicas);
    let created: string | null = null;
    if (!newRS) {
      newRS = this.createRS(d, hash, old);
      if (newRS) created = `Created new replica set "${newRS.metadata.name}"`;
    }
    if (!newRS) return;
    newRS = this.syncMinReadySeconds(d, newRS);
    if (asDeployment(d).spec?.strategy?.type === 'Recreate') this.recreate(newRS, old, replicas);
    else this.rolling(d, newRS, old, replicas);
    this.cleanup(d, old);
    this.updateStatus(d, newRS, replicas, created);
  }

  /**
   * sync.go sync for a paused Deployment: no new ReplicaSet and no rollout; the one active (or the latest)
   * ReplicaSet follows `replicas` (`kubectl scale` still works); Progressing is Unknown, DeploymentPaused.
   */
  private paused(d: Stored, newRS: Stored | undefined, old: Stored[], replicas: number): void {
    const all = newRS ? [newRS, ...old] : old;
    const active = all.filter((rs) => specReplicas(rs) > 0);
    const target = active.length === 1 ? active[0] : active.length === 0 ? (newRS ?? old[old.length - 1]) : undefined;
    if (target) this.scale(d, target, replicas);
    this.cleanup(d, old);
    this.updateStatus(d, newRS ?? null, replicas, null);
  }

  /**
   * getNewReplicaSet (sync.go): the new ReplicaSet carries the Deployment's minReadySeconds, updated in place when
   * it changes (it is not part of the template, so no new ReplicaSet); its controller counts availability with it.
   */
  private syncMinReadySeconds(d: Stored, rs: Stored): Stored {
    const want = asDeployment(d).spec?.minReadySeconds;
    const have = asReplicaSet(rs).spec?.minReadySeconds;
    if ((want ?? 0) === (have ?? 0)) return rs;
    const { minReadySeconds: _old, ...rest } = obj(rs.spec) ?? {};
    const r = this.ctx.api.update(this.client(), { ...rs, spec: { ...rest, ...minReady(d) } });
    return r.ok ? r.object : rs;
  }

  private createRS(d: Stored, hash: string, old: Stored[]): Stored | undefined {
    const t = obj(asDeployment(d).spec?.template) ?? {};
    const labels = { ...(obj(t.metadata)?.labels as Record<string, string> | undefined), [HASH_LABEL]: hash };
    const sel = obj(asDeployment(d).spec?.selector) ?? {};
    let revision = 1;
    for (const o of old) revision = Math.max(revision, Number(o.metadata.annotations?.[REVISION] ?? 0) + 1);
    const rs: KubeObject = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels, annotations: { [REVISION]: String(revision) }, ownerReferences: ownerRefs(d) },
      spec: {
        replicas: 0, ...minReady(d), selector: { ...sel, matchLabels: { ...(obj(sel.matchLabels) ?? {}), [HASH_LABEL]: hash } },
        template: { ...t, metadata: { ...obj(t.metadata), labels } },
      },
    };
    const r = this.ctx.api.create(this.client(), rs);
    if (!r.ok) return void this.emit('FailedCreate', d, `Failed to create new replica set: ${r.error}`, 'Warning');
    return r.object;
  }

  /** recreate.go: scale every old ReplicaSet to 0, wait until none of their pods is left, then scale up the new one. */
  private recreate(newRS: Stored, old: Stored[], replicas: number): void {
    const d = this.ownerOf(newRS);
    const dKey = key(d.metadata.namespace, d.metadata.name ?? '');
    for (const rs of old) if (specReplicas(rs) > 0) this.scale(d, rs, 0);
    let oldPods = false;
    for (const rs of old) {
      const rsKey = key(rs.metadata.namespace, rs.metadata.name ?? '');
      if (this.children(rs).length > 0) { oldPods = true; this.recreating.set(rsKey, dKey); } else this.recreating.delete(rsKey);
    }
    if (!oldPods && specReplicas(newRS) !== replicas) this.scale(d, newRS, replicas);
  }

  private rolling(d: Stored, newRS: Stored, old: Stored[], replicas: number): void {
    const { surge, unavailable } = rollingParams(d, replicas);
    const total = [newRS, ...old].reduce((n, rs) => n + specReplicas(rs), 0);
    const cur = specReplicas(newRS);
    if (cur > replicas) newRS = this.scale(d, newRS, replicas);
    else if (cur < replicas && total < replicas + surge) newRS = this.scale(d, newRS, Math.min(cur + replicas + surge - total, replicas));
    this.scaleDownOld(d, newRS, old, replicas, unavailable);
  }

  /** rolling.go reconcileOldReplicaSets: never go below replicas - maxUnavailable available pods. */
  private scaleDownOld(d: Stored, newRS: Stored, old: Stored[], replicas: number, maxUnavailable: number): void {
    const all = [newRS, ...old];
    const minAvailable = replicas - maxUnavailable;
    const newUnavailable = specReplicas(newRS) - available(newRS);
    let budget = all.reduce((n, rs) => n + specReplicas(rs), 0) - minAvailable - newUnavailable;
    for (const rs of old) { // first the old pods that are not available anyway
      const cut = Math.min(Math.max(0, specReplicas(rs) - available(rs)), Math.max(0, budget));
      if (cut > 0) { this.scale(d, rs, specReplicas(rs) - cut); budget -= cut; }
    }
    let canDrop = all.reduce((n, rs) => n + available(rs), 0) - minAvailable;
    for (const rs of old.map((o) => this.ctx.store.get('ReplicaSet', o.metadata.namespace, o.metadata.name ?? '') ?? o)) {
      const cut = Math.min(specReplicas(rs), Math.max(0, canDrop));
      if (cut > 0) { this.scale(d, rs, specReplicas(rs) - cut); canDrop -= cut; }
    }
  }

  private scale(d: Stored, rs: Stored, to: number): Stored {
    const from = specReplicas(rs);
    if (from === to) return rs;
    const r = this.ctx.api.update(this.client(), { ...rs, spec: { ...obj(rs.spec), replicas: to } });
    if (!r.ok) return rs;
    this.emit('ScalingReplicaSet', d, `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`);
    return r.object;
  }

  /** revisionHistoryLimit: delete the oldest fully scaled-down ReplicaSets beyond the limit. */
  private cleanup(d: Stored, old: Stored[]): void {
    const limit = intField(asDeployment(d).spec?.revisionHistoryLimit, DEFAULT_REVISION_HISTORY_LIMIT);
    const idle = old.filter((rs) => specReplicas(rs) === 0 && this.children(rs).length === 0);
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.ctx.api.delete(this.client(), 'ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '');
    }
  }

  private updateStatus(d: Stored, newRS: Stored | null, want: number, created: string | null): void {
    const all = this.children(d, 'ReplicaSet');
    const sum = (f: (rs: Stored) => number): number => all.reduce((n, rs) => n + f(rs), 0);
    const cur = newRS && (this.ctx.store.get('ReplicaSet', newRS.metadata.namespace, newRS.metadata.name ?? '') ?? newRS);
    const replicas = sum((rs) => num(rs, 'replicas'));
    const availableReplicas = sum(available);
    const status: DeploymentStatus = {
      observedGeneration: Number(d.metadata.generation ?? 0), replicas, updatedReplicas: cur ? num(cur, 'replicas') : 0,
      readyReplicas: sum((rs) => num(rs, 'readyReplicas')), availableReplicas, unavailableReplicas: Math.max(0, want - availableReplicas),
    };
    const conditions = this.conditions(d, status, cur, want, created);
    this.writeStatus(d, { ...status, conditions });
  }

  /** The Available and Progressing conditions (calculateStatus, syncRolloutStatus, checkPausedConditions). */
  private conditions(d: Stored, s: DeploymentStatus, newRS: Stored | null, want: number, created: string | null): Json[] {
    const now = this.ctx.clock.now();
    let list = arr(asDeployment(d).status?.conditions).map((c) => obj(c)).filter((c): c is Json => c !== undefined);
    const set = (type: string, status: string, reason: string, message: string, progress = false): void => {
      list = setCondition(list, { type, status, lastUpdateTime: timestamp(now), lastTransitionTime: timestamp(now), reason, message }, progress);
    };
    const minAvailable = want - (asDeployment(d).spec?.strategy?.type === 'Recreate' || want === 0 ? 0 : rollingParams(d, want).unavailable);
    if (s.availableReplicas >= minAvailable) set('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.');
    else set('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.');
    const progressing = list.find((c) => c.type === 'Progressing');
    const rsName = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (asDeployment(d).spec?.paused === true) {
      if (progressing?.reason !== 'DeploymentPaused') set('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused');
      return list;
    }
    if (progressing?.reason === 'DeploymentPaused') set('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed');
    if (created) set('Progressing', 'True', 'NewReplicaSetCreated', created);
    else if (!list.some((c) => c.type === 'Progressing') && newRS) set('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${newRS.metadata.name}"`);
    const old = asDeployment(d).status;
    const deadline = intField(asDeployment(d).spec?.progressDeadlineSeconds, DEFAULT_PROGRESS_DEADLINE_SECONDS);
    const cur = list.find((c) => c.type === 'Progressing');
    if (s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want) {
      set('Progressing', 'True', 'NewReplicaSetAvailable', `${rsName} has successfully progressed.`);
    } else if (s.updatedReplicas > (old?.updatedReplicas ?? 0) || s.replicas - s.updatedReplicas < (old?.replicas ?? 0) - (old?.updatedReplicas ?? 0)
      || s.readyReplicas > (old?.readyReplicas ?? 0) || s.availableReplicas > (old?.availableReplicas ?? 0)) {
      set('Progressing', 'True', 'ReplicaSetUpdated', `${rsName} is progressing.`, true);
    } else if (cur && cur.reason !== 'NewReplicaSetAvailable' && cur.reason !== 'ProgressDeadlineExceeded') {
      const due = simSeconds(cur.lastUpdateTime) + deadline;
      if (now > due) set('Progressing', 'False', 'ProgressDeadlineExceeded', `${rsName} has timed out progressing.`);
      else this.requeueAt(keyOf(d), due + 1, true); // requeueStuckDeployment
    }
    return list;
  }

  private ownerOf(rs: Stored): Stored {
    const ref = obj((rs.metadata.ownerReferences as unknown[] | undefined)?.[0]);
    return this.ctx.store.byId(str(ref?.uid) ?? '') ?? rs;
  }
}

/** The Deployment's minReadySeconds as a ReplicaSet spec field, when set. */
function minReady(d: Stored): { minReadySeconds?: number } {
  const v = asDeployment(d).spec?.minReadySeconds;
  return typeof v === 'number' && v > 0 ? { minReadySeconds: v } : {};
}

interface DeploymentStatus {
  observedGeneration: number; replicas: number; updatedReplicas: number; readyReplicas: number; availableReplicas: number; unavailableReplicas: number;
}

/**
 * SetDeploymentCondition (deployment/util): a condition of the same status and reason is left as it is (the
 * Progressing one of ReplicaSetUpdated gets a new lastUpdateTime, `progress`); a changed one replaces it at the
 * end of the list, keeping its lastTransitionTime when only the reason changed.
 */
function setCondition(list: readonly Json[], c: Json, progress: boolean): Json[] {
  const cur = list.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason && !progress) return [...list];
  const kept = cur && cur.status === c.status ? { ...c, lastTransitionTime: cur.lastTransitionTime } : c;
  return [...list.filter((x) => x.type !== c.type), kept];
}

/** maxSurge rounds up, maxUnavailable rounds down; both 0 means 1 unavailable (deployment/util ResolveFenceposts). */
export function rollingParams(d: KubeObject, replicas: number): { surge: number; unavailable: number } {
  const ru = obj(asDeployment(d).spec?.strategy?.rollingUpdate) ?? {};
  const surge = resolve(ru.maxSurge ?? DEFAULT_MAX_SURGE, replicas, true);
  const unavailable = resolve(ru.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, replicas, false);
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

function resolve(v: unknown, total: number, up: boolean): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  const m = typeof v === 'string' ? /^(\d+)%$/.exec(v) : null;
  if (!m) return up ? 1 : 0;
  const x = (Number(m[1]) * total) / 100;
  return up ? Math.ceil(x) : Math.floor(x);
}

function hashOf(template: Json): string {
  let h = hashCache.get(template);
  if (!h) hashCache.set(template, (h = templateHash(template)));
  return h;
}

function specReplicas(rs: KubeObject): number {
  return intField(asReplicaSet(rs).spec?.replicas, 0);
}
function num(rs: KubeObject, field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return intField(asReplicaSet(rs).status?.[field], 0);
}
function available(rs: KubeObject): number {
  return num(rs, 'availableReplicas');
}
function byRevision(a: Stored, b: Stored): number {
  return Number(a.metadata.annotations?.[REVISION] ?? 0) - Number(b.metadata.annotations?.[REVISION] ?? 0) || uidOf(a).localeCompare(uidOf(b));
}
