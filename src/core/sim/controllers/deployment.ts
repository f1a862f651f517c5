import { obj, str, uidOf } from '../objects';
import { templateHash } from '../prng';
import { key, type Stored } from '../store';
import type { Json, KubeObject } from '../types';
import { BaseController, intField } from './base';
import { ownerRefs } from './podTemplate';
import { asDeployment, asReplicaSet } from '../typed';

/** Deployment defaults (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/): 25 % surge/unavailable, 10 old ReplicaSets kept. */
export const DEFAULT_MAX_SURGE = '25%';
export const DEFAULT_MAX_UNAVAILABLE = '25%';
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';
const hashCache = new WeakMap<object, string>();

/**
 * Deployment controller (pkg/controller/deployment): one ReplicaSet per pod-template revision,
 * rolling from old to new within maxSurge/maxUnavailable (rolling.go), or Recreate.
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
    if (!newRS) newRS = this.createRS(d, hash, old);
    if (!newRS) return;
    if (asDeployment(d).spec?.strategy?.type === 'Recreate') this.recreate(newRS, old, replicas);
    else this.rolling(d, newRS, old, replicas);
    this.cleanup(d, old);
    this.updateStatus(d, newRS);
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
      spec: { replicas: 0, selector: { ...sel, matchLabels: { ...(obj(sel.matchLabels) ?? {}), [HASH_LABEL]: hash } }, template: { ...t, metadata: { ...obj(t.metadata), labels } } },
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

  private updateStatus(d: Stored, newRS: Stored): void {
    const all = this.children(d, 'ReplicaSet');
    const sum = (f: (rs: Stored) => number): number => all.reduce((n, rs) => n + f(rs), 0);
    const cur = this.ctx.store.get('ReplicaSet', newRS.metadata.namespace, newRS.metadata.name ?? '') ?? newRS;
    const replicas = sum((rs) => num(rs, 'replicas'));
    const availableReplicas = sum(available);
    this.writeStatus(d, {
      observedGeneration: d.metadata.generation, replicas, updatedReplicas: num(cur, 'replicas'),
      readyReplicas: sum((rs) => num(rs, 'readyReplicas')), availableReplicas,
      unavailableReplicas: Math.max(0, Math.min(intField(asDeployment(d).spec?.replicas, 1), this.ctx.options.maxReplicasPerWorkload) - availableReplicas),
    });
  }

  private ownerOf(rs: Stored): Stored {
    const ref = obj((rs.metadata.ownerReferences as unknown[] | undefined)?.[0]);
    return this.ctx.store.byId(str(ref?.uid) ?? '') ?? rs;
  }
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
