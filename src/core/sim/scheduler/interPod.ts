/**
 * InterPodAffinity's Filter, required anti-affinity part
 * (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go):
 * - the incoming pod's terms: a node fails if a pod the term selects runs in the node's
 *   topology domain ("node(s) didn't match pod anti-affinity rules");
 * - existing pods' terms: a node fails if a pod in its domain carries a term that selects
 *   the incoming pod ("node(s) didn't satisfy existing pods anti-affinity rules").
 * A node without the topology label is not in any domain and passes.
 * For kubernetes.io/hostname each node is its own domain (counts per slot); for any
 * other key the per-slot counts are summed per label value once per scheduling cycle.
 */
import { CODE_ANTI_AFFINITY, CODE_EXISTING_ANTI_AFFINITY, PASS } from './filters';
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
  if (profile.antiAffinity.length === 0 && pods.carriersTotal === 0) return null;
  const own = profile.antiAffinity.map((spec) => check(nodes, spec.topologyKey, pods.term(spec).matchCount));
  const existing = pods.terms
    .filter((t: TermState) => t.carriers > 0 && termMatches(t.spec, profile.namespace, labels))
    .map((t) => check(nodes, t.spec.topologyKey, t.carrierCount));
  return own.length === 0 && existing.length === 0 ? null : { own, existing };
}

function violates(c: TermCheck, nodes: NodeTable, slot: number): boolean {
  if (c.domains === null) return c.counts[slot] > 0;
  const value = nodes.labels[slot][c.key];
  return value !== undefined && (c.domains.get(value) ?? 0) > 0;
}

/** The InterPodAffinity filter code for one node. */
export function interPodCode(ctx: InterPodContext, nodes: NodeTable, slot: number): number {
  for (const c of ctx.own) {
    if (violates(c, nodes, slot)) return CODE_ANTI_AFFINITY;
  }
  for (const c of ctx.existing) {
    if (violates(c, nodes, slot)) return CODE_EXISTING_ANTI_AFFINITY;
  }
  return PASS;
}
