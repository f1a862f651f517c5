/**
 * Memoizes scheduling profiles: by pod object identity first (retries of the same
 * pod), then by workload + an exact comparison of the fields the scheduler reads.
 * Replicas of one Deployment differ only in name, uid and a few labels, none of
 * which a profile depends on, so 5,000 replicas share one profile.
 */
import { compileProfile, StaticParts, workloadOf, type SchedulingProfile } from './profile';
import type { SchedContainer, SchedPod } from './types';

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && deepEqual(ra[k], rb[k]));
}

function sameContainers(a: readonly SchedContainer[] = [], b: readonly SchedContainer[] = []): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].restartPolicy !== b[i].restartPolicy || !deepEqual(a[i].resources?.requests, b[i].resources?.requests) || !deepEqual(a[i].ports, b[i].ports)) return false;
  }
  return true;
}

/** Whether two pods compile to the same profile (everything {@link compileProfile} reads). */
export function sameSchedulingInputs(a: SchedPod, b: SchedPod, ignoreNodeName = false): boolean {
  const sa = a.spec;
  const sb = b.spec;
  if (sa === sb) {
    return (a.metadata.namespace ?? 'default') === (b.metadata.namespace ?? 'default')
      && (!sa?.topologySpreadConstraints?.length || deepEqual(a.metadata.labels, b.metadata.labels));
  }
  return (a.metadata.namespace ?? 'default') === (b.metadata.namespace ?? 'default')
    && (ignoreNodeName || sa?.nodeName === sb?.nodeName)
    && sa?.preemptionPolicy === sb?.preemptionPolicy
    && sa?.priority === sb?.priority
    && sameContainers(sa?.containers, sb?.containers)
    && sameContainers(sa?.initContainers, sb?.initContainers)
    && deepEqual(sa?.overhead, sb?.overhead)
    && deepEqual(sa?.nodeSelector, sb?.nodeSelector)
    && deepEqual(sa?.tolerations, sb?.tolerations)
    && deepEqual(sa?.affinity, sb?.affinity)
    && deepEqual(sa?.topologySpreadConstraints, sb?.topologySpreadConstraints)
    // matchLabelKeys read the pod's labels: pods with constraints share a profile only with equal labels.
    && (!sa?.topologySpreadConstraints?.length || deepEqual(a.metadata.labels, b.metadata.labels));
}

interface Variant {
  readonly sample: SchedPod;
  readonly profile: SchedulingProfile;
}

/** How many distinct specs one workload may keep (a rollout has two; more is unusual). */
const MAX_VARIANTS_PER_WORKLOAD = 8;

/** How many workloads keep variants: pending pods that never bind (and so never free theirs) cannot grow the memo for ever. */
const MAX_WORKLOADS = 4096;

/** Profile memo; see the module comment. */
export class ProfileCache {
  private readonly byObject = new WeakMap<SchedPod, SchedulingProfile>();
  private readonly byWorkload = new Map<string, Variant[]>();
  /** The interned node-static parts (their per-node caches live there). */
  readonly statics = new StaticParts();

  /**
   * The profile of `pod`, compiled at most once per workload and spec. For a pod already
   * `bound` to its node, `spec.nodeName` is the binding, not a constraint: it is ignored.
   */
  get(pod: SchedPod, bound = false): SchedulingProfile {
    const known = bound ? undefined : this.byObject.get(pod);
    if (known !== undefined) return known;
    // A bound pod matches a variant without spec.nodeName with its binding ignored; build the
    // unbound copy (what such a pod is compared and compiled as) only when none matches.
    const hit = bound && pod.spec?.nodeName ? this.boundVariant(pod) : undefined;
    if (hit !== undefined) return hit;
    const unbound = bound && pod.spec?.nodeName ? { ...pod, spec: { ...pod.spec, nodeName: undefined } } : pod;
    const profile = this.lookup(unbound, bound);
    if (!bound) this.byObject.set(pod, profile);
    return profile;
  }

  /** The variant an unbound copy of `pod` would match (those with a nodeName cannot match it), if any. */
  private boundVariant(pod: SchedPod): SchedulingProfile | undefined {
    const workload = workloadOf(pod);
    if (workload === null) return undefined;
    for (const v of this.byWorkload.get(workload) ?? []) {
      if (v.profile.static.nodeName !== '') continue;
      if (sameSchedulingInputs(v.sample, pod, true)) return v.profile;
    }
    return undefined;
  }

  /** Drops the variants of a workload whose last pod is gone (the scheduler's cache must not outlive the cluster). */
  forget(workload: string): void {
    this.byWorkload.delete(workload);
  }

  private lookup(pod: SchedPod, bound: boolean): SchedulingProfile {
    const workload = workloadOf(pod);
    if (workload === null) return compileProfile(pod, this.statics);
    const variants = this.byWorkload.get(workload) ?? [];
    for (const v of variants) {
      if (sameSchedulingInputs(v.sample, pod, bound && v.profile.static.nodeName === '')) return v.profile;
    }
    const profile = compileProfile(pod, this.statics);
    variants.unshift({ sample: pod, profile });
    if (variants.length > MAX_VARIANTS_PER_WORKLOAD) variants.pop();
    if (variants.length === 1 && this.byWorkload.size >= MAX_WORKLOADS) this.byWorkload.delete(this.byWorkload.keys().next().value as string);
    this.byWorkload.set(workload, variants);
    return profile;
  }
}
