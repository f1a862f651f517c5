/**
 * A pod's "scheduling profile": its spec compiled once into numbers and predicates,
 * shared by every replica of a workload with the same spec.
 *
 * kube-scheduler does the same per pod in PreFilter (and batches identical pods with
 * "pod signatures", pkg/scheduler/framework/types.go); here the compiled form is memoized
 * per controller + spec, so 5,000 replicas compile once. The per-node cache of the static
 * filters (those that depend only on node labels, taints and `unschedulable`) lives on
 * the profile and is invalidated by the node's generation.
 */
import { podRequests } from './requests';
import { compileLabelSelector, compileNodeSelectorMap, compileNodeSelectorTerms, compileNodeSelectorTerm, type LabelMatcher } from './selectors';
import { compileSpread, type SpreadSpec } from './spread';
import { tolerationsTolerateTaint, UNSCHEDULABLE_TAINT } from './taints';
import { items, record, strings } from './safe';
import type { Labels, NodeSelectorTerm, OwnerReference, PodAffinityTerm, SchedPod, Toleration } from './types';

/** A required anti-affinity term with its namespaces resolved; `namespaces` null means all. */
export interface AntiAffinityTermSpec {
  readonly signature: string;
  readonly selector: LabelMatcher;
  readonly namespaces: ReadonlySet<string> | null;
  readonly topologyKey: string;
}

/** A preferred node-affinity term. */
export interface PreferredTerm {
  readonly weight: number;
  readonly matcher: LabelMatcher;
}

/**
 * The node-static part of a profile: everything the NodeUnschedulable, NodeName,
 * TaintToleration and NodeAffinity filters (and the TaintToleration / NodeAffinity
 * scores) read. Shared by all profiles with the same static spec, with a per-node-slot
 * cache of its verdicts that is valid while the node's generation is unchanged.
 */
export interface StaticPart {
  readonly nodeName: string;
  readonly tolerations: readonly Toleration[];
  readonly toleratesUnschedulable: boolean;
  /** nodeSelector AND required node affinity; null when the pod has neither. */
  readonly nodeMatcher: LabelMatcher | null;
  readonly preferred: readonly PreferredTerm[];
  /** Per node slot, pairs [static filter code (0 = passes), node generation it was computed for]. */
  cg: Float64Array;
  preferNoScheduleCount: Int32Array;
  preferredAffinity: Int32Array;
  /** Sticky: some node ever had a non-zero static score (else the scorer skips them). */
  hasScores: boolean;
}

/** A compiled pod spec. */
export interface SchedulingProfile {
  readonly id: number;
  readonly namespace: string;
  readonly cpu: number;
  readonly mem: number;
  readonly nzCpu: number;
  readonly nzMem: number;
  readonly static: StaticPart;
  readonly antiAffinity: readonly AntiAffinityTermSpec[];
  /** Required pod affinity terms. */
  readonly affinity: readonly AntiAffinityTermSpec[];
  /** Preferred pod affinity (weight > 0) and anti-affinity (weight < 0) terms. */
  readonly preferredPod: readonly { readonly term: AntiAffinityTermSpec; readonly weight: number }[];
  /** Host ports the pod asks for ("protocol/port/hostIP"), for NodePorts. */
  readonly hostPorts: readonly string[];
  /** Explicit `topologySpreadConstraints`, or null (then the cluster defaults apply). */
  readonly spread: SpreadSpec | null;
  /**
   * The controller the pod belongs to ("workload" for the default spreading), or null. Only pods of
   * ReplicaSets, ReplicationControllers and StatefulSets get the cluster default constraints
   * (helper.DefaultSelector also adds the Services selecting the pod, which the simulation leaves out).
   */
  readonly workload: string | null;
  readonly preemptionNever: boolean;
  /** `spec.priority` (0 without one). */
  readonly priority: number;
  /** Per node slot, pairs [NodeResourcesFit + BalancedAllocation score, node usage version it was computed for]. */
  fit: Float64Array;
}

/** The workload key of a pod: its controller ownerReference's uid, else kind/name. */
export function workloadOf(pod: SchedPod): string | null {
  const refs: readonly OwnerReference[] = Array.isArray(pod.metadata.ownerReferences) ? pod.metadata.ownerReferences : [];
  // Replicas share one (frozen) ownerReferences array: its key is read and built once per array.
  const frozen = Object.isFrozen(refs);
  const kept = frozen ? workloadKeys.get(refs) : undefined;
  if (kept !== undefined) return kept;
  const ref = items<OwnerReference>(refs).find((r) => r.controller === true) ?? record<OwnerReference>(refs[0]);
  if (ref === undefined) return null;
  if (!ref.uid) return `${pod.metadata.namespace ?? 'default'}/${ref.kind ?? ''}/${ref.name ?? ''}`;
  const key = `uid:${ref.uid}`;
  if (frozen) workloadKeys.set(refs, key);
  return key;
}
const DEFAULT_SPREAD_KINDS = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet']);

function spreadsByDefault(pod: SchedPod): boolean {
  const refs = pod.metadata.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller === true) ?? refs[0];
  return ref !== undefined && DEFAULT_SPREAD_KINDS.has(ref.kind ?? '');
}
const workloadKeys = new WeakMap<object, string>();

function resolveTerm(term: PodAffinityTerm, namespace: string): AntiAffinityTermSpec {
  // Namespaces: the listed ones, all when namespaceSelector is {}, else the pod's own
  // (GetNamespacesFromPodAffinityTerm). A non-empty namespaceSelector needs namespace
  // labels, which the scheduler cache here does not hold: it is treated as "none".
  const nsSel = term.namespaceSelector;
  const allNs = nsSel !== null && nsSel !== undefined && !nsSel.matchLabels && !(nsSel.matchExpressions?.length);
  const listed = strings(term.namespaces);
  const namespaces = allNs ? null : new Set((listed.length > 0 || nsSel) ? listed : [namespace]);
  const signature = JSON.stringify([term.labelSelector ?? null, namespaces ? [...namespaces].sort() : '*', term.topologyKey]);
  return { signature, selector: compileLabelSelector(term.labelSelector), namespaces, topologyKey: term.topologyKey };
}

/** `spec.affinity.nodeAffinity` when each step is a mapping. */
function nodeAffinityOf(pod: SchedPod): Record<string, unknown> | undefined {
  return record(record<{ nodeAffinity?: unknown }>(pod.spec?.affinity)?.nodeAffinity);
}

function nodeMatcherOf(pod: SchedPod): LabelMatcher | null {
  const spec = pod.spec;
  const selector = record(spec?.nodeSelector) && Object.keys(spec?.nodeSelector ?? {}).length > 0 ? compileNodeSelectorMap(spec?.nodeSelector) : null;
  const required = record<{ nodeSelectorTerms?: NodeSelectorTerm[] }>(nodeAffinityOf(pod)?.requiredDuringSchedulingIgnoredDuringExecution);
  const affinity = required ? compileNodeSelectorTerms(items<NodeSelectorTerm>(required.nodeSelectorTerms)) : null;
  if (selector && affinity) return (l, n) => selector(l, n) && affinity(l, n);
  return selector ?? affinity;
}

function compileStatic(pod: SchedPod): StaticPart {
  const spec = pod.spec;
  const tolerations = items<Toleration>(spec?.tolerations);
  return {
    nodeName: spec?.nodeName ?? '',
    tolerations,
    toleratesUnschedulable: tolerationsTolerateTaint(tolerations, UNSCHEDULABLE_TAINT),
    nodeMatcher: nodeMatcherOf(pod),
    preferred: items<{ weight?: unknown; preference?: NodeSelectorTerm }>(nodeAffinityOf(pod)?.preferredDuringSchedulingIgnoredDuringExecution)
      .map((t) => ({ weight: typeof t.weight === 'number' && Number.isFinite(t.weight) ? t.weight : 0, matcher: compileNodeSelectorTerm(t.preference) })),
    cg: new Float64Array(0),
    preferNoScheduleCount: new Int32Array(0), preferredAffinity: new Int32Array(0), hasScores: false,
  };
}

/** Interns static parts by their spec, so pods with equal static specs share one node cache. */
export class StaticParts {
  private readonly parts = new Map<string, StaticPart>();

  /** The shared static part of `pod`. */
  get(pod: SchedPod): StaticPart {
    const spec = pod.spec;
    const key = JSON.stringify([spec?.nodeName ?? '', spec?.tolerations ?? [], spec?.nodeSelector ?? {},
      spec?.affinity?.nodeAffinity ?? null]);
    let part = this.parts.get(key);
    if (part === undefined) {
      part = compileStatic(pod);
      this.parts.set(key, part);
    }
    return part;
  }

  /** All interned parts. */
  values(): IterableIterator<StaticPart> {
    return this.parts.values();
  }
}

let nextProfileId = 1;

/** Compiles a pod's profile, sharing its static part through `statics`. */
export function compileProfile(pod: SchedPod, statics: StaticParts): SchedulingProfile {
  const namespace = pod.metadata.namespace ?? 'default';
  const req = podRequests(pod);
  const nz = podRequests(pod, true);
  return {
    id: nextProfileId++,
    namespace,
    cpu: req.cpu, mem: req.mem, nzCpu: nz.cpu, nzMem: nz.mem,
    static: statics.get(pod),
    antiAffinity: items<PodAffinityTerm>(record<{ requiredDuringSchedulingIgnoredDuringExecution?: unknown }>(record<{ podAntiAffinity?: unknown }>(pod.spec?.affinity)?.podAntiAffinity)?.requiredDuringSchedulingIgnoredDuringExecution)
      .map((t) => resolveTerm(t, namespace)),
    affinity: (pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => resolveTerm(t, namespace)),
    preferredPod: [
      ...(pod.spec?.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ term: resolveTerm(w.podAffinityTerm, namespace), weight: w.weight })),
      ...(pod.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ term: resolveTerm(w.podAffinityTerm, namespace), weight: -w.weight })),
    ],
    hostPorts: hostPortsOf(pod),
    spread: compileSpread(pod.spec?.topologySpreadConstraints, namespace, pod.metadata.labels ?? {}),
    workload: spreadsByDefault(pod) ? workloadOf(pod) : null,
    preemptionNever: pod.spec?.preemptionPolicy === 'Never',
    priority: pod.spec?.priority ?? 0,
    fit: new Float64Array(0),
  };
}

/** The host ports of a pod's containers as "protocol/port/hostIP" (NodePorts; hostIP defaults to 0.0.0.0). */
function hostPortsOf(pod: SchedPod): string[] {
  const out: string[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.hostPort && p.hostPort > 0) out.push(`${p.protocol ?? 'TCP'}/${p.hostPort}/${p.hostIP || '0.0.0.0'}`);
    }
  }
  return out;
}

/** NodePorts' conflict rule (framework.HostPortInfo.CheckConflict): same protocol and port, and the same IP or either is 0.0.0.0. */
export function hostPortsConflict(a: string, b: string): boolean {
  const [pa, na, ia] = a.split('/');
  const [pb, nb, ib] = b.split('/');
  return pa === pb && na === nb && (ia === ib || ia === '0.0.0.0' || ib === '0.0.0.0');
}

/** Whether a pod's labels and namespace match an anti-affinity term. */
export function termMatches(term: AntiAffinityTermSpec, namespace: string, labels: Labels): boolean {
  return (term.namespaces === null || term.namespaces.has(namespace)) && term.selector(labels, '');
}
