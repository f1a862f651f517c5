/**
 * The score plugins of kube-scheduler's default profile, with its weights
 * (pkg/scheduler/apis/config/v1/default_plugins.go, v1.33):
 *
 * | plugin                          | weight | modelled as                                        |
 * |---------------------------------|--------|----------------------------------------------------|
 * | TaintToleration                 | 3      | fewer untolerated PreferNoSchedule taints is better |
 * | NodeAffinity                    | 2      | sum of matching preferred terms' weights            |
 * | PodTopologySpread               | 2      | system default constraint on kubernetes.io/hostname (maxSkew 3, ScheduleAnyway) over the pod's workload |
 * | NodeResourcesFit                | 1      | LeastAllocated, cpu and memory weight 1             |
 * | NodeResourcesBalancedAllocation | 1      | 100 × (1 − |cpu fraction − memory fraction| / 2)    |
 * | InterPodAffinity                | 2      | the pod's preferred (anti-)affinity terms (interPod.ts) |
 * | ImageLocality                   | 1      | not modelled (no image sizes per node): 0 everywhere |
 *
 * Formulas: plugins/noderesources/least_allocated.go, balanced_allocation.go,
 * plugins/podtopologyspread/scoring.go, plugins/helper/normalize_score.go. Integer
 * divisions truncate as Go's int64 division does. Spreading counts the pods of the same
 * workload (controller ownerReference) where kube-scheduler counts the pods matched by
 * the selectors of the Services/ReplicaSets/StatefulSets selecting the pod. The zone default
 * constraint (maxSkew 5) and pods' own constraints are scored in spread.ts.
 */
import { NF, type NodeTable } from './nodeTable';
import type { SchedulingProfile } from './profile';

const MAX_NODE_SCORE = 100;
const { ALLOC_CPU, ALLOC_MEM, REQ_CPU, REQ_MEM, STRIDE } = NF;
const W_TAINT = 3;
const W_NODE_AFFINITY = 2;
const W_SPREAD = 2;
const W_FIT = 1;
const W_BALANCED = 1;
const W_INTER_POD = 2;
/** System default constraint for kubernetes.io/hostname: maxSkew 3, so scoreForCount adds maxSkew − 1. */
const HOSTNAME_MAX_SKEW = 3;

/** LeastAllocated for one resource: ((capacity − requested) × 100) / capacity. */
function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** NodeResourcesFit (LeastAllocated) on the non-zero requests; resources a node lacks are skipped. */
export function fitScore(nodes: NodeTable, slot: number, p: SchedulingProfile): number {
  const cpuCap = nodes.data[slot * STRIDE + ALLOC_CPU];
  const memCap = nodes.data[slot * STRIDE + ALLOC_MEM];
  let sum = 0;
  let weights = 0;
  if (cpuCap !== 0) { sum += leastRequested(nodes.nzCpu[slot] + p.nzCpu, cpuCap); weights++; }
  if (memCap !== 0) { sum += leastRequested(nodes.nzMem[slot] + p.nzMem, memCap); weights++; }
  return weights === 0 ? 0 : Math.floor(sum / weights);
}

/** NodeResourcesBalancedAllocation on the actual requests. */
export function balancedScore(nodes: NodeTable, slot: number, p: SchedulingProfile): number {
  const o = slot * STRIDE;
  const cpuCap = nodes.data[o + ALLOC_CPU];
  const memCap = nodes.data[o + ALLOC_MEM];
  if (cpuCap === 0 || memCap === 0) return MAX_NODE_SCORE; // one fraction: standard deviation 0
  const fc = Math.min(1, (nodes.data[o + REQ_CPU] + p.cpu) / cpuCap);
  const fm = Math.min(1, (nodes.data[o + REQ_MEM] + p.mem) / memCap);
  return Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
}

/** PodTopologySpread's raw hostname score (lower is better): cnt × log(size + 2) + maxSkew − 1, rounded. */
function spreadRaw(count: number, weight: number): number {
  return Math.round(count * weight + (HOSTNAME_MAX_SKEW - 1));
}

/**
 * What the filter pass gathered for the k feasible nodes: the cached resource score and
 * the workload's pod count of each, and the counts' extremes.
 */
export interface Collected {
  readonly feasible: Int32Array;
  readonly k: number;
  readonly resource: Int32Array;
  readonly count: Int32Array;
  readonly countMin: number;
  readonly countMax: number;
}

/**
 * PodTopologySpread's normalized score by pod count, for this cycle: the raw score
 * (cnt × log(size + 2) + maxSkew − 1, rounded) grows with the count, so its min and max
 * are those of the counts; NormalizeScore gives 100 × (max + min − raw) / max.
 */
function spreadTable(c: Collected, table: Int32Array): Int32Array {
  const tw = Math.log(c.k + 2); // topologyNormalizingWeight(len(filteredNodes))
  const min = spreadRaw(c.countMin, tw);
  const max = spreadRaw(c.countMax, tw);
  const size = c.countMax + 1;
  const t = table.length >= size ? table : new Int32Array(Math.max(size, table.length * 2));
  for (let n = 0; n < size; n++) t[n] = Math.floor((MAX_NODE_SCORE * (max + min - spreadRaw(n, tw))) / max);
  return t;
}

/** NodeResourcesFit + BalancedAllocation, weighted, for one node (cached per profile and node usage by the caller). */
export function resourceScore(nodes: NodeTable, slot: number, p: SchedulingProfile): number {
  const balanced = p.cpu > 0 || p.mem > 0; // BalancedAllocation skips best-effort pods (kubernetes/kubernetes#129138)
  return W_FIT * fitScore(nodes, slot, p) + (balanced ? W_BALANCED * balancedScore(nodes, slot, p) : 0);
}

/** Per-cycle maxima of the static scores over the feasible nodes (DefaultNormalizeScore). */
function staticMaxima(p: SchedulingProfile, c: Collected): { taintMax: number; affinityMax: number } {
  const { preferNoScheduleCount, preferredAffinity } = p.static;
  let taintMax = 0;
  let affinityMax = 0;
  for (let i = 0; i < c.k; i++) {
    const slot = c.feasible[i];
    if (preferNoScheduleCount[slot] > taintMax) taintMax = preferNoScheduleCount[slot];
    if (preferredAffinity[slot] > affinityMax) affinityMax = preferredAffinity[slot];
  }
  return { taintMax, affinityMax };
}

let spreadScratch: Int32Array = new Int32Array(128);

/**
 * Scores the feasible nodes into `out` (weighted totals) and returns the index of the
 * winner: the highest total, ties going to the node met first in the search order
 * (kube-scheduler breaks ties at random; the simulation must be deterministic).
 * `withSpread` is false when the pod has no workload (PodTopologySpread skips it); `explicit`
 * holds the normalized scores of the pod's own ScheduleAnyway constraints (spread.ts).
 */
export function scoreFeasible(p: SchedulingProfile, c: Collected, withSpread: boolean, out: Int32Array, explicit: Int32Array | null = null,
  interPod: Int32Array | null = null): number {
  const spread = withSpread ? (spreadScratch = spreadTable(c, spreadScratch)) : null;
  const { taintMax, affinityMax } = p.static.hasScores ? staticMaxima(p, c) : { taintMax: 0, affinityMax: 0 };
  const { preferNoScheduleCount, preferredAffinity } = p.static;
  const { feasible, resource, count, k } = c;
  let best = 0;
  let bestTotal = -1;
  for (let i = 0; i < k; i++) {
    let total = resource[i];
    if (spread !== null) total += W_SPREAD * spread[count[i]];
    else if (explicit !== null) total += W_SPREAD * explicit[i];
    if (interPod !== null) total += W_INTER_POD * interPod[i];
    // DefaultNormalizeScore(reverse) for taints, (forward) for preferred node affinity.
    if (taintMax === 0) total += W_TAINT * MAX_NODE_SCORE;
    else total += W_TAINT * (MAX_NODE_SCORE - Math.floor((MAX_NODE_SCORE * preferNoScheduleCount[feasible[i]]) / taintMax));
    if (affinityMax !== 0) total += W_NODE_AFFINITY * Math.floor((MAX_NODE_SCORE * preferredAffinity[feasible[i]]) / affinityMax);
    out[i] = total;
    if (total > bestTotal) { best = i; bestTotal = total; }
  }
  return best;
}
