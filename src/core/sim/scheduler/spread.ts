/**
 * PodTopologySpread for pods that carry `spec.topologySpreadConstraints`
 * (pkg/scheduler/framework/plugins/podtopologyspread/{common,filtering,scoring}.go, v1.33).
 *
 * Filter (DoNotSchedule constraints): PreFilter counts, per topology value, the pods the
 * constraint's selector matches in the pod's namespace on every node that (a) has ALL the
 * constraints' topology keys and (b) passes the constraint's node inclusion policies:
 * nodeAffinityPolicy (default Honor: the pod's nodeSelector / required node affinity) and
 * nodeTaintsPolicy (default Ignore: a tainted node is still a domain — so the tainted
 * control plane counts as a domain with 0 pods, the classic surprise). A node then fails when
 * `matching pods in its domain + (1 if the pod matches its own selector) − global minimum > maxSkew`;
 * with fewer domains than `minDomains` the global minimum is 0. A node missing a topology key
 * fails UnschedulableAndUnresolvable.
 *
 * Score (ScheduleAnyway constraints): over the feasible nodes that have every key, each
 * constraint adds `count × log(domains + 2) + maxSkew − 1`; NormalizeScore reverses it so fewer
 * matching pods score higher; nodes missing a key score 0.
 *
 * `matchLabelKeys` (beta, on by default in v1.33) adds `key In (pod's value)` to the selector.
 * Pods with no constraints of their own get the cluster defaults (scoring.ts, by workload).
 */
import type { NodeTable } from './nodeTable';
import type { AntiAffinityTermSpec, StaticPart } from './profile';
import type { PodTable } from './podTable';
import { compileLabelSelector } from './selectors';
import { firstUntoleratedTaint } from './taints';
import type { LabelSelector, Labels, TopologySpreadConstraint } from './types';

/** Filter codes (see filters.ts; 6 and 7 sit between the anti-affinity codes and RES_BASE). */
export const CODE_SPREAD_LABEL = 6;
export const CODE_SPREAD = 7;

/** One compiled constraint. */
export interface SpreadConstraintSpec {
  readonly term: AntiAffinityTermSpec;
  readonly maxSkew: number;
  readonly minDomains: number;
  readonly affinityHonor: boolean;
  readonly taintsHonor: boolean;
}

/** A pod's explicit constraints, split by whenUnsatisfiable. */
export interface SpreadSpec {
  readonly filter: readonly SpreadConstraintSpec[];
  readonly score: readonly SpreadConstraintSpec[];
}

/** The selector with `matchLabelKeys` merged in as `key In (value)` requirements (mergeLabelSetWithSelector). */
function mergedSelector(sel: LabelSelector | null | undefined, keys: readonly string[] | undefined, labels: Labels): LabelSelector | null {
  const extra = (keys ?? []).filter((k) => Object.prototype.hasOwnProperty.call(labels, k))
    .map((k) => ({ key: k, operator: 'In', values: [labels[k]] }));
  if (extra.length === 0) return sel ?? null;
  // metav1.LabelSelectorAsSelector(nil) is labels.Nothing(); merging keys into it still matches nothing.
  if (sel === null || sel === undefined) return null;
  return { matchLabels: sel.matchLabels, matchExpressions: [...(sel.matchExpressions ?? []), ...extra] };
}

/** Compiles `spec.topologySpreadConstraints` (null when the pod has none). */
export function compileSpread(constraints: readonly TopologySpreadConstraint[] | undefined, namespace: string, labels: Labels): SpreadSpec | null {
  if (!constraints || constraints.length === 0) return null;
  const filter: SpreadConstraintSpec[] = [];
  const score: SpreadConstraintSpec[] = [];
  for (const c of constraints) {
    const selector = mergedSelector(c.labelSelector, c.matchLabelKeys, labels);
    const term: AntiAffinityTermSpec = {
      signature: JSON.stringify(['spread', selector, namespace, c.topologyKey]),
      selector: compileLabelSelector(selector), namespaces: new Set([namespace]), topologyKey: c.topologyKey,
    };
    const spec: SpreadConstraintSpec = {
      term, maxSkew: c.maxSkew ?? 1,
      minDomains: c.minDomains ?? 1, // "If MinDomains is nil, we treat MinDomains as 1" (common.go)
      affinityHonor: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      taintsHonor: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    };
    (c.whenUnsatisfiable === 'ScheduleAnyway' ? score : filter).push(spec);
  }
  return { filter, score };
}

interface Check {
  readonly key: string;
  readonly maxSkew: number;
  readonly self: number;
  readonly counts: Int32Array;
  readonly domains: Map<string, number>;
  readonly min: number;
}

/** The per-cycle state of the filter; null when the pod has no DoNotSchedule constraint. */
export interface SpreadFilter {
  readonly checks: readonly Check[];
}

/** Whether a node passes a constraint's node inclusion policies (matchNodeInclusionPolicies). */
function included(c: SpreadConstraintSpec, st: StaticPart, nodes: NodeTable, slot: number): boolean {
  if (c.affinityHonor && st.nodeMatcher !== null && !st.nodeMatcher(nodes.labels[slot], nodes.names[slot])) return false;
  return !c.taintsHonor || firstUntoleratedTaint(nodes.nodes[slot]?.spec?.taints ?? [], st.tolerations) === null;
}

function hasAllKeys(labels: Labels, list: readonly SpreadConstraintSpec[]): boolean {
  for (const c of list) if (labels[c.term.topologyKey] === undefined) return false;
  return true;
}

/** Matching pods per topology value over the eligible nodes (calPreFilterState / the PreScore count). */
function domainCounts(c: SpreadConstraintSpec, list: readonly SpreadConstraintSpec[], counts: Int32Array, st: StaticPart,
  nodes: NodeTable, only: Map<string, number> | null): Map<string, number> {
  const out = only ?? new Map<string, number>();
  for (const slot of nodes.order()) {
    const labels = nodes.labels[slot];
    if (!hasAllKeys(labels, list) || !included(c, st, nodes, slot)) continue;
    const value = labels[c.term.topologyKey];
    const cur = out.get(value);
    if (only !== null && cur === undefined) continue;
    out.set(value, (cur ?? 0) + counts[slot]);
  }
  return out;
}

/** PreFilter: the domains and global minimum of each DoNotSchedule constraint. */
export function prepareSpreadFilter(spec: SpreadSpec | null, pods: PodTable, nodes: NodeTable, st: StaticPart, labels: Labels): SpreadFilter | null {
  if (spec === null || spec.filter.length === 0) return null;
  const checks = spec.filter.map((c): Check => {
    const counts = pods.term(c.term).matchCount;
    const domains = domainCounts(c, spec.filter, counts, st, nodes, null);
    let min = 0x7fffffff; // newCriticalPaths: MaxInt32 until a domain is seen
    for (const v of domains.values()) if (v < min) min = v;
    if (domains.size < c.minDomains) min = 0;
    return { key: c.term.topologyKey, maxSkew: c.maxSkew, self: c.term.selector(labels, '') ? 1 : 0, counts, domains, min };
  });
  return { checks };
}

/** The PodTopologySpread filter code of one node. */
export function spreadCode(f: SpreadFilter, nodes: NodeTable, slot: number): number {
  const labels = nodes.labels[slot];
  for (const c of f.checks) if (labels[c.key] === undefined) return CODE_SPREAD_LABEL;
  for (const c of f.checks) {
    const skew = (c.domains.get(labels[c.key]) ?? 0) + c.self - c.min;
    if (skew > c.maxSkew) return CODE_SPREAD;
  }
  return 0;
}

const MAX_NODE_SCORE = 100;
const HOSTNAME = 'kubernetes.io/hostname';

/**
 * The normalized PodTopologySpread scores of the k feasible nodes for the pod's ScheduleAnyway
 * constraints (scoring.go PreScore, Score, NormalizeScore), written into `out`.
 */
export function spreadScores(spec: SpreadSpec, pods: PodTable, nodes: NodeTable, st: StaticPart,
  feasible: Int32Array, k: number, out: Int32Array): Int32Array {
  const list = spec.score;
  const res = out.length >= k ? out : new Int32Array(Math.max(k, out.length * 2));
  const ignored = new Uint8Array(k);
  let considered = 0;
  const values = list.map(() => new Map<string, number>());
  for (let i = 0; i < k; i++) {
    const labels = nodes.labels[feasible[i]];
    if (!hasAllKeys(labels, list)) { ignored[i] = 1; continue; }
    considered++;
    list.forEach((c, j) => { if (c.term.topologyKey !== HOSTNAME) values[j].set(labels[c.term.topologyKey], 0); });
  }
  const counts = list.map((c) => pods.term(c.term).matchCount);
  const weights = list.map((c, j) => Math.log((c.term.topologyKey === HOSTNAME ? considered : values[j].size) + 2));
  list.forEach((c, j) => { if (c.term.topologyKey !== HOSTNAME) domainCounts(c, list, counts[j], st, nodes, values[j]); });
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < k; i++) {
    if (ignored[i]) continue;
    const slot = feasible[i];
    let raw = 0;
    list.forEach((c, j) => {
      const key = c.term.topologyKey;
      const cnt = key === HOSTNAME ? counts[j][slot] : (values[j].get(nodes.labels[slot][key]) ?? 0);
      raw += cnt * weights[j] + (c.maxSkew - 1);
    });
    res[i] = Math.round(raw);
    if (res[i] < min) min = res[i];
    if (res[i] > max) max = res[i];
  }
  for (let i = 0; i < k; i++) {
    if (ignored[i]) res[i] = 0;
    else res[i] = max === 0 ? MAX_NODE_SCORE : Math.floor((MAX_NODE_SCORE * (max + min - res[i])) / max);
  }
  return res;
}


/** The system default constraints' zone part (plugins/podtopologyspread/plugin.go systemDefaultConstraints: zone maxSkew 5). */
const ZONE = 'topology.kubernetes.io/zone';
const DEFAULT_HOSTNAME_SKEW = 3;
const DEFAULT_ZONE_SKEW = 5;

/**
 * The cluster default constraints (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) over the
 * pod's workload, for clusters whose nodes carry zone labels (without them only the hostname part
 * applies, which scoring.ts computes by count). System-defaulted constraints do not require every
 * key (requireAllTopologies is false): a node without a zone label just gets no zone term.
 */
export function defaultSpreadScores(wc: Int32Array, nodes: NodeTable, st: StaticPart, feasible: Int32Array, k: number, out: Int32Array): Int32Array {
  const res = out.length >= k ? out : new Int32Array(Math.max(k, out.length * 2));
  const zones = new Map<string, number>();
  for (let i = 0; i < k; i++) {
    const z = nodes.labels[feasible[i]][ZONE];
    if (z !== undefined) zones.set(z, 0);
  }
  for (const slot of nodes.order()) {
    const labels = nodes.labels[slot];
    const z = labels[ZONE];
    if (z === undefined || labels[HOSTNAME] === undefined || !zones.has(z)) continue;
    if (st.nodeMatcher !== null && !st.nodeMatcher(labels, nodes.names[slot])) continue; // nodeAffinityPolicy Honor
    zones.set(z, (zones.get(z) ?? 0) + wc[slot]);
  }
  const wHost = Math.log(k + 2);
  const wZone = Math.log(zones.size + 2);
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < k; i++) {
    const slot = feasible[i];
    const labels = nodes.labels[slot];
    let raw = 0;
    if (labels[HOSTNAME] !== undefined) raw += wc[slot] * wHost + (DEFAULT_HOSTNAME_SKEW - 1);
    const z = labels[ZONE];
    if (z !== undefined) raw += (zones.get(z) ?? 0) * wZone + (DEFAULT_ZONE_SKEW - 1);
    res[i] = Math.round(raw);
    if (res[i] < min) min = res[i];
    if (res[i] > max) max = res[i];
  }
  for (let i = 0; i < k; i++) res[i] = max === 0 ? MAX_NODE_SCORE : Math.floor((MAX_NODE_SCORE * (max + min - res[i])) / max);
  return res;
}
