/**
 * InterPodAffinity's Filter. Required affinity (satisfyPodAffinity): a node passes when every term has
 * a selected pod in the node's domain, and fails UnschedulableAndUnresolvable ("node(s) didn't match pod
 * affinity rules") otherwise — unless no pod in the cluster matches the terms and the pod matches its own
 * terms (the first pod of a group that wants to be together), on a node with every topology key.
 * (With several terms kube-scheduler counts pods matching all of them; here each term is counted apart.)
 * Required anti-affinity
 * (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go):
 * - the incoming pod's terms: a node fails if a pod the term selects runs in the node's
 *   topology domain ("node(s) didn't match pod anti-affinity rules");
 * - existing pods' terms: a node fails if a pod in its domain carries a term that selects
 *   the incoming pod ("node(s) didn't satisfy existing pods anti-affinity rules").
 * A node without the topology label is not in any domain and passes.
 * For kubernetes.io/hostname each node is its own domain (counts per slot); for any
 * other key the per-slot counts are summed per label value once per scheduling cycle.
 */
import { CODE_ANTI_AFFINITY, CODE_EXISTING_ANTI_AFFINITY, CODE_POD_AFFINITY, PASS } from './filters';
import { LABEL_HOSTNAME, type NodeTable } from './nodeTable';
import { termMatches, type SchedulingProfile } from './profile';
import type { PodTable, TermState } from './podTable';
import type { Labels } from './types';

interface TermCheck {
  readonly counts: Int32Array;
  readonly key: string;
  /** Per label value totals, for keys other than hostname. */
  readonly domains: Map<string, number> | null;
}

/** The terms to check for one scheduling cycle; null when there are none. */
export interface InterPodContext {
  readonly own: readonly TermCheck[];
  readonly existing: readonly TermCheck[];
  readonly affinity: readonly TermCheck[];
  /** No pod matches the affinity terms and the pod matches them itself. */
  readonly firstOfGroup: boolean;
}

function domainTotals(nodes: NodeTable, key: string, counts: Int32Array): Map<string, number> {
  const totals = new Map<string, number>();
  for (const slot of nodes.order()) {
    const value = nodes.labels[slot][key];
    if (value !== undefined && counts[slot] > 0) totals.set(value, (totals.get(value) ?? 0) + counts[slot]);
  }
  return totals;
}

function check(nodes: NodeTable, key: string, counts: Int32Array): TermCheck {
  return { counts, key, domains: key === LABEL_HOSTNAME ? null : domainTotals(nodes, key, counts) };
}

/** Builds the cycle's anti-affinity checks for a pod. */
export function prepareInterPod(pods: PodTable, nodes: NodeTable, profile: SchedulingProfile, labels: Labels): InterPodContext | null {
  if (profile.antiAffinity.length === 0 && pods.carriersTotal === 0 && profile.affinity.length === 0) return null;
  const own = profile.antiAffinity.map((spec) => check(nodes, spec.topologyKey, pods.term(spec).matchCount));
  const existing = pods.terms
    .filter((t: TermState) => t.carriers > 0 && termMatches(t.spec, profile.namespace, labels))
    .map((t) => check(nodes, t.spec.topologyKey, t.carrierCount));
  const affinity = profile.affinity.map((spec) => check(nodes, spec.topologyKey, pods.term(spec).matchCount));
  const noneMatch = affinity.every((c) => total(c.counts, nodes) === 0);
  const firstOfGroup = noneMatch && profile.affinity.every((t) => termMatches(t, profile.namespace, labels));
  return own.length === 0 && existing.length === 0 && affinity.length === 0 ? null : { own, existing, affinity, firstOfGroup };
}

function total(counts: Int32Array, nodes: NodeTable): number {
  let n = 0;
  for (const slot of nodes.order()) n += counts[slot];
  return n;
}

/** satisfyPodAffinity for one node. */
function affinityFails(ctx: InterPodContext, nodes: NodeTable, slot: number): boolean {
  let exist = true;
  for (const c of ctx.affinity) {
    const value = nodes.labels[slot][c.key];
    if (value === undefined) return true; // all topology labels must exist on the node
    if ((c.domains === null ? c.counts[slot] : c.domains.get(value) ?? 0) <= 0) exist = false;
  }
  return !exist && !ctx.firstOfGroup;
}

function violates(c: TermCheck, nodes: NodeTable, slot: number): boolean {
  if (c.domains === null) return c.counts[slot] > 0;
  const value = nodes.labels[slot][c.key];
  return value !== undefined && (c.domains.get(value) ?? 0) > 0;
}

/** The InterPodAffinity filter code for one node. */
export function interPodCode(ctx: InterPodContext, nodes: NodeTable, slot: number): number {
  if (ctx.affinity.length > 0 && affinityFails(ctx, nodes, slot)) return CODE_POD_AFFINITY;
  for (const c of ctx.own) {
    if (violates(c, nodes, slot)) return CODE_ANTI_AFFINITY;
  }
  for (const c of ctx.existing) {
    if (violates(c, nodes, slot)) return CODE_EXISTING_ANTI_AFFINITY;
  }
  return PASS;
}

/**
 * InterPodAffinity's Score for the pod's preferred terms (plugins/interpodaffinity/scoring.go): each
 * node gets Σ weight × (pods the term selects in the node's domain), anti-affinity terms with a negative
 * weight; NormalizeScore maps [min, max] to [0, 100]. Existing pods' preferred terms are not counted.
 */
export function preferredPodScores(profile: SchedulingProfile, pods: PodTable, nodes: NodeTable, feasible: Int32Array, k: number, out: Int32Array): Int32Array {
  const res = out.length >= k ? out : new Int32Array(Math.max(k, out.length * 2));
  const checks = profile.preferredPod.map((p) => ({ c: check(nodes, p.term.topologyKey, pods.term(p.term).matchCount), weight: p.weight }));
  let min = Infinity;
  let max = -Infinity;
  const raw = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const slot = feasible[i];
    let s = 0;
    for (const { c, weight } of checks) {
      const value = nodes.labels[slot][c.key];
      if (value === undefined) continue;
      s += weight * (c.domains === null ? c.counts[slot] : c.domains.get(value) ?? 0);
    }
    raw[i] = s;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let i = 0; i < k; i++) res[i] = max > min ? Math.floor((100 * (raw[i] - min)) / (max - min)) : 0;
  return res;
}
