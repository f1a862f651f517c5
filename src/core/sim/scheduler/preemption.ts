/**
 * DefaultPreemption's PostFilter (Kubernetes v1.33): which node to free for a pod that fits nowhere, and
 * which lower-priority pods to evict there. Sources:
 * - pkg/scheduler/framework/preemption/preemption.go: `Preempt`, `dryRunPreemption` (stops once it has
 *   at least one candidate without PDB violations and `calculateNumCandidates` in all) and
 *   `pickOneNodeForPreemption` (fewest PDB violations, then the lowest highest-priority victim, then the
 *   lowest priority sum, then the fewest victims, then the first found).
 * - pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go: `SelectVictimsOnNode` (take
 *   out every lower-priority pod; if the pod then fits, put them back, most important first, PDB-violating
 *   ones before the others, while it still fits) and `filterPodsWithPDBViolation`.
 * Simplified: among equal priorities the pod's key stands in for its start time (MoreImportantPod prefers
 * the pod that started first), and the search starts at the first node, not at a random offset.
 */
import { isUnresolvable, PASS, type ReasonTable } from './filters';
import { formatNodesAvailable, PREEMPTION_NOT_HELPFUL, PREEMPTION_NO_VICTIMS } from './fitError';
import type { NodeTable } from './nodeTable';
import type { PodEntry, PodTable } from './podTable';
import type { PdbBudget, PreemptionResult } from './types';

/** What preemption needs from the scheduler: its cache and every filter for the preemptor on one node. */
export interface PreemptionHost {
  readonly nodes: NodeTable;
  readonly pods: PodTable;
  readonly reasons: ReasonTable;
  /** Every filter of the preemptor on `slot`, against the cache as it stands (with pods suspended). */
  code(slot: number): number;
}

interface Candidate {
  readonly slot: number;
  /** Highest priority first. */
  readonly victims: readonly PodEntry[];
  readonly violations: number;
  readonly highest: number;
  readonly sum: number;
}

/** preemption.go `calculateNumCandidates`: 10% of the nodes (minCandidateNodesPercentage), at least 100 (minCandidateNodesAbsolute), at most all. */
export function numCandidates(nodes: number): number {
  return Math.min(Math.max(Math.floor((nodes * 10) / 100), 100), nodes);
}

/** DefaultPreemption for a pod of `priority`: the node to nominate with its victims, or the PostFilter message. */
export function preemptFor(host: PreemptionHost, priority: number, pdbs: readonly PdbBudget[]): PreemptionResult {
  const wanted = numCandidates(host.nodes.size);
  const statuses = new Map<string, number>();
  let best: Candidate | null = null;
  let violating = 0;
  let nonViolating = 0;
  for (const slot of host.nodes.order()) {
    if (nonViolating > 0 && violating + nonViolating >= wanted) break;
    const c = victimsOn(host, slot, priority, pdbs);
    if (typeof c === 'number') {
      if (c !== PASS) for (const r of reasonsOf(host.reasons, c)) statuses.set(r, (statuses.get(r) ?? 0) + 1);
      continue;
    }
    if (c.violations > 0) violating++;
    else nonViolating++;
    if (best === null || better(c, best)) best = c;
  }
  if (best === null) return { nodeName: null, message: `preemption: ${formatNodesAvailable(host.nodes.size, statuses)}` };
  return {
    nodeName: host.nodes.names[best.slot], victims: best.victims.map(refOf), pdbViolations: best.violations, lowerNominated: [],
  };
}

/** Codes below 0 are preemption's own per-node outcomes. */
const NOT_HELPFUL = -1;
const NO_VICTIMS = -2;

function reasonsOf(reasons: ReasonTable, code: number): readonly string[] {
  if (code === NOT_HELPFUL) return [PREEMPTION_NOT_HELPFUL];
  if (code === NO_VICTIMS) return [PREEMPTION_NO_VICTIMS];
  return reasons.reasons(code);
}

/** `SelectVictimsOnNode`: the victims on one node, or the node's status code when it is no candidate (PASS: the pod fits there already). */
function victimsOn(host: PreemptionHost, slot: number, priority: number, pdbs: readonly PdbBudget[]): Candidate | number {
  const code = host.code(slot);
  if (code === PASS) return PASS;
  // nodesWherePreemptionMightHelp: an UnschedulableAndUnresolvable filter cannot be helped by removing pods.
  if (isUnresolvable(code)) return NOT_HELPFUL;
  const lower = host.pods.lowerPriority(slot, priority);
  if (lower.length === 0) return NO_VICTIMS;
  for (const e of lower) host.pods.suspend(e, true);
  const without = host.code(slot);
  if (without !== PASS) {
    for (const e of lower) host.pods.suspend(e, false);
    return without;
  }
  const important = lower.reverse(); // MoreImportantPod order: highest priority first
  const violatingPods = violatingSet(important, pdbs);
  const victims: PodEntry[] = [];
  let violations = 0;
  const reprieve = (e: PodEntry): void => {
    host.pods.suspend(e, false);
    if (host.code(slot) === PASS) return;
    host.pods.suspend(e, true);
    victims.push(e);
    if (violatingPods.has(e)) violations++;
  };
  // PDB-violating pods are reprieved first, so a budget is broken only when nothing else frees the node.
  for (const e of important) if (violatingPods.has(e)) reprieve(e);
  for (const e of important) if (!violatingPods.has(e)) reprieve(e);
  for (const e of victims) host.pods.suspend(e, false);
  victims.sort((a, b) => b.profile.priority - a.profile.priority || important.indexOf(a) - important.indexOf(b));
  // pickOneNodeForPreemption sums `MaxInt32 + priority + 1` per victim, so negative priorities compare sensibly.
  const sum = victims.reduce((s, v) => s + 2147483647 + v.profile.priority + 1, 0);
  return { slot, victims, violations, highest: victims[0]?.profile.priority ?? -Infinity, sum };
}

/**
 * `filterPodsWithPDBViolation`: going through the pods most important first, each one a PDB of its
 * namespace selects uses up one of the budget's allowed disruptions (unless the API server already counted
 * it, `status.disruptedPods`); a pod that takes a budget below zero violates it.
 */
function violatingSet(pods: readonly PodEntry[], pdbs: readonly PdbBudget[]): ReadonlySet<PodEntry> {
  const out = new Set<PodEntry>();
  if (pdbs.length === 0) return out;
  const allowed = pdbs.map((p) => p.disruptionsAllowed);
  for (const e of pods) {
    if (Object.keys(e.labels).length === 0) continue; // a pod with no labels matches no PDB
    pdbs.forEach((pdb, i) => {
      if (pdb.namespace !== e.namespace || !pdb.matches(e.labels) || pdb.disruptedPods.has(e.name)) return;
      if (--allowed[i] < 0) out.add(e);
    });
  }
  return out;
}

/** pickOneNodeForPreemption's order (the start-time criterion is not modelled: ties go to the node found first). */
function better(a: Candidate, b: Candidate): boolean {
  if (a.violations !== b.violations) return a.violations < b.violations;
  if (a.highest !== b.highest) return a.highest < b.highest;
  if (a.sum !== b.sum) return a.sum < b.sum;
  return a.victims.length < b.victims.length;
}

function refOf(e: PodEntry): { namespace: string; name: string } {
  return { namespace: e.namespace, name: e.name };
}
