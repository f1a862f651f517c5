/**
 * The simulated kube-scheduler: filter → score → pick, over a cache the engine keeps
 * current from watch events. Models Kubernetes v1.33 (see fitError.ts for the sources).
 *
 * One scheduling cycle, as in pkg/scheduler/schedule_one.go `findNodesThatFitPod`:
 * nodes are searched in the cache's order starting at `nextStartNodeIndex`, until
 * `numFeasibleNodesToFind` feasible nodes are found; the index then advances by the
 * number of nodes processed, so successive pods search different parts of the cluster.
 * Feasible nodes are scored (scoring.ts) and the best one wins; ties go to the node met
 * first, which keeps the simulation deterministic where kube-scheduler picks at random.
 *
 * Pods nominated to a node by preemption (nominate) count there in the filters of pods of lower or
 * equal priority, as kube-scheduler's nominator makes them (only the "with nominated pods" pass of
 * RunFilterPluginsWithNominatedPods is run; scoring sees the node without them).
 *
 * Not modelled: PreFilter narrowing by NodeName/NodeAffinity (every node is filtered instead).
 */
import * as filters from './filters';
import { ensureStaticCapacity, isUnresolvable, ReasonTable, refreshStatic } from './filters';
import { NO_NODES_AVAILABLE, PREEMPTION_NEVER } from './fitError';
import { interPodCode, preferredPodScores, prepareInterPod, type InterPodContext } from './interPod';
import { grown, NF, NodeTable } from './nodeTable';
import { PodTable, podKey, type PodEntry } from './podTable';
import { ProfileCache } from './profileCache';
import type { SchedulingProfile } from './profile';
import { preemptFor } from './preemption';
import { failureMessage, samplingNote, verdicts, type PassRecord } from './result';
import { effectivePercentage, numFeasibleNodesToFind } from './sampling';
import { resourceScore, scoreFeasible, type Collected } from './scoring';
import { defaultSpreadScores, prepareSpreadFilter, spreadCode, spreadScores, type SpreadFilter } from './spread';
import type { PdbBudget, PodRef, PreemptionResult, ScheduleResult, SchedNode, SchedPod, SchedulerOptions } from './types';

// Module-level copies: the test/bench loader (tsx) compiles imported constants to getters,
// which would cost a call per node in the filter loop.
const PASS = filters.PASS;
const CODE_NODE_PORTS = filters.CODE_NODE_PORTS;
const RES_BASE = filters.RES_BASE;
const RES_PODS = filters.RES_PODS;
const RES_CPU = filters.RES_CPU;
const RES_MEM = filters.RES_MEM;
const NO_ENTRIES: PodEntry[] = [];
const { ALLOC_CPU, ALLOC_MEM, ALLOC_PODS, REQ_CPU, REQ_MEM, POD_COUNT, GEN, USAGE, STRIDE } = NF;

/** The scheduler and its cache; see the module comment. */
export class Scheduler {
  private readonly percentage: number;
  private readonly verdictNodeLimit: number;
  private readonly nodes = new NodeTable();
  private readonly pods = new PodTable(this.nodes);
  private readonly profiles = new ProfileCache();
  private readonly reasons = new ReasonTable();
  /** Nominated pods by key: detached entries, counted on their node only while a cycle reserves them. */
  private readonly nominated = new Map<string, PodEntry>();
  private nextStartNodeIndex = 0;
  private codes = new Int32Array(0);
  private feasible = new Int32Array(0);
  private scores = new Int32Array(0);
  private resource = new Int32Array(0);
  private count = new Int32Array(0);
  private spreadOut: Int32Array = new Int32Array(0);
  private podOut: Int32Array = new Int32Array(0);

  constructor(options: SchedulerOptions = {}) {
    this.percentage = Math.max(0, options.percentageOfNodesToScore ?? 0);
    this.verdictNodeLimit = options.verdictNodeLimit ?? 100;
  }

  /** Adds or updates a node in the cache. */
  upsertNode(node: SchedNode): void {
    const { slot, added } = this.nodes.upsert(node);
    if (added) this.pods.nodeAdded(node.metadata.name, slot);
  }

  /** Removes a node; pods bound to it stop counting until it returns or they are removed. */
  removeNode(name: string): void {
    const slot = this.nodes.slotOf(name);
    if (slot < 0) return;
    this.pods.nodeRemoved(slot);
    this.nodes.remove(name);
  }

  /** Records a pod bound to `pod.spec.nodeName` (ignored without one); re-adding replaces. */
  addPod(pod: SchedPod): void {
    if (!pod.spec?.nodeName) return;
    this.pods.add(pod, this.profiles.get(pod, true));
  }

  /** Forgets a pod (by uid, else namespace/name). */
  removePod(pod: SchedPod): void {
    const gone = this.pods.remove(podKey(pod));
    if (gone !== undefined) this.profiles.forget(gone);
  }

  /** Number of nodes in the cache. */
  nodeCount(): number {
    return this.nodes.size;
  }

  /** Runs one scheduling cycle for `pod`. Does not change the cache. */
  schedule(pod: SchedPod): ScheduleResult {
    const n = this.nodes.size;
    if (n === 0) {
      return { nodeName: null, message: NO_NODES_AVAILABLE, verdicts: {}, feasibleNodes: 0, evaluatedNodes: 0, scoredNodes: 0, note: null };
    }
    const profile = this.profiles.get(pod);
    const labels = pod.metadata.labels ?? {};
    // Explicit topologySpreadConstraints replace the cluster default (workload) spreading.
    const wc = profile.workload === null || profile.spread !== null ? null : this.pods.workloadCountsOf(profile.workload);
    // Nominated pods of higher or equal priority occupy their nodes while filtering (not while scoring).
    const reserved = this.reserve(podKey(pod), profile.priority);
    let rec: PassRecord & Collected;
    try {
      const spread = prepareSpreadFilter(profile.spread, this.pods, this.nodes, profile.static, labels);
      rec = this.filterPass(profile, prepareInterPod(this.pods, this.nodes, profile, labels), wc, spread);
    } finally {
      this.unreserve(reserved);
    }
    this.nextStartNodeIndex = (rec.start + rec.processed) % n;
    if (rec.k === 0) {
      return {
        nodeName: null, message: failureMessage(rec, this.reasons, profile.preemptionNever),
        // Per node only up to verdictNodeLimit, as for a pod that fits: the message counts the reasons anyway, and
        // 150,000 pods pending on 5,000 nodes would otherwise each carry 5,000 verdicts (gigabytes).
        verdicts: n <= this.verdictNodeLimit ? verdicts(rec, this.nodes, this.reasons) : null, feasibleNodes: 0, evaluatedNodes: rec.processed, scoredNodes: 0, note: null,
      };
    }
    let explicit: Int32Array | null = null;
    if (profile.spread !== null && profile.spread.score.length > 0) {
      explicit = this.spreadOut = spreadScores(profile.spread, this.pods, this.nodes, profile.static, rec.feasible, rec.k, this.spreadOut);
    } else if (wc !== null && this.nodes.zoned > 0) {
      explicit = this.spreadOut = defaultSpreadScores(wc, this.nodes, profile.static, rec.feasible, rec.k, this.spreadOut);
    }
    const preferred = profile.preferredPod.length > 0
      ? (this.podOut = preferredPodScores(profile, this.pods, this.nodes, rec.feasible, rec.k, this.podOut)) : null;
    const best = scoreFeasible(profile, rec, wc !== null && explicit === null, rec.scores, explicit, preferred);
    return {
      nodeName: this.nodes.names[rec.feasible[best]], message: null,
      verdicts: n <= this.verdictNodeLimit ? verdicts(rec, this.nodes, this.reasons) : null,
      feasibleNodes: rec.k, evaluatedNodes: rec.processed, scoredNodes: rec.k,
      note: samplingNote(rec, effectivePercentage(this.percentage, n), this.percentage === 0),
    };
  }

  /**
   * DefaultPreemption's PostFilter (preemption.ts): the node to nominate for `pod`, its victims (PodDisruptionBudgets
   * honoured as far as another choice exists) and the lower-priority pods nominated there that lose their
   * nomination; or the PostFilter message when no node can be freed. Does not change the cache.
   */
  preempt(pod: SchedPod, pdbs: readonly PdbBudget[] = []): PreemptionResult {
    const profile = this.profiles.get(pod);
    if (profile.preemptionNever) return { nodeName: null, message: `preemption: ${PREEMPTION_NEVER}` };
    const labels = pod.metadata.labels ?? {};
    const reserved = this.reserve(podKey(pod), profile.priority);
    let res: PreemptionResult;
    try {
      res = preemptFor({ nodes: this.nodes, pods: this.pods, reasons: this.reasons, code: (slot) => this.nodeCode(profile, labels, slot) }, profile.priority, pdbs);
    } finally {
      this.unreserve(reserved);
    }
    if (res.nodeName === null) return res;
    // prepareCandidate: lower-priority pods nominated to the chosen node lose their nomination.
    const lowerNominated: PodRef[] = [];
    for (const e of this.nominated.values()) {
      if (e.nodeName === res.nodeName && e.profile.priority < profile.priority) lowerNominated.push({ namespace: e.namespace, name: e.name });
    }
    return { ...res, lowerNominated };
  }

  /**
   * Records that `pod` (unbound) is nominated to `nodeName` (its status.nominatedNodeName): later cycles of pods of
   * lower or equal priority see it as occupying that node (the scheduler's nominator; framework
   * `RunFilterPluginsWithNominatedPods` adds the nominated pods of higher or equal priority before filtering).
   */
  nominate(pod: SchedPod, nodeName: string): void {
    this.unnominate(pod);
    const k = podKey(pod);
    this.nominated.set(k, this.pods.detached(pod, this.profiles.get(pod, true), nodeName));
  }

  /** Forgets a nomination (the pod was bound, deleted, or lost it). */
  unnominate(pod: SchedPod): void {
    const k = podKey(pod);
    const e = this.nominated.get(k);
    if (e === undefined) return;
    this.nominated.delete(k);
    const gone = this.pods.release(e);
    if (gone !== undefined) this.profiles.forget(gone);
  }

  /** Whether `nodeName` fails a filter for `pod` that removing pods cannot help (PodEligibleToPreemptOthers). */
  unresolvableOn(pod: SchedPod, nodeName: string): boolean {
    const slot = this.nodes.slotOf(nodeName);
    if (slot < 0) return true;
    const profile = this.profiles.get(pod);
    return isUnresolvable(this.nodeCode(profile, pod.metadata.labels ?? {}, slot));
  }

  /** Counts the nominated pods of priority >= `priority` (other than `self`) on their nodes, for one cycle. */
  private reserve(self: string, priority: number): PodEntry[] {
    if (this.nominated.size === 0) return NO_ENTRIES;
    const out: PodEntry[] = [];
    for (const e of this.nominated.values()) {
      if (e.key === self || e.profile.priority < priority) continue;
      const slot = this.nodes.slotOf(e.nodeName);
      if (slot < 0) continue;
      e.slot = slot;
      this.pods.suspend(e, false);
      out.push(e);
    }
    return out;
  }

  private unreserve(reserved: PodEntry[]): void {
    for (const e of reserved) {
      this.pods.suspend(e, true);
      e.slot = -1;
    }
  }

  /** Every filter for one node (outside the hot loop: preemption's what-ifs). */
  private nodeCode(p: SchedulingProfile, labels: Readonly<Record<string, string>>, slot: number): number {
    const nodes = this.nodes;
    ensureStaticCapacity(p.static, nodes.capacity);
    if (p.static.cg[2 * slot + 1] !== nodes.field(slot, GEN)) refreshStatic(p.static, nodes, slot, this.reasons);
    const code = p.static.cg[2 * slot];
    if (code !== PASS) return code;
    if (p.hostPorts.length > 0 && this.pods.portsConflict(slot, p.hostPorts)) return CODE_NODE_PORTS;
    const o = slot * STRIDE;
    const d = nodes.data;
    let mask = d[o + POD_COUNT] + 1 > d[o + ALLOC_PODS] ? RES_PODS : 0;
    if (p.cpu > 0 && p.cpu > d[o + ALLOC_CPU] - d[o + REQ_CPU]) mask |= RES_CPU;
    if (p.mem > 0 && p.mem > d[o + ALLOC_MEM] - d[o + REQ_MEM]) mask |= RES_MEM;
    if (mask !== 0) return RES_BASE + mask;
    const spread = prepareSpreadFilter(p.spread, this.pods, nodes, p.static, labels);
    if (spread !== null) {
      const s = spreadCode(spread, nodes, slot);
      if (s !== PASS) return s;
    }
    const inter = prepareInterPod(this.pods, nodes, p, labels);
    return inter === null ? PASS : interPodCode(inter, nodes, slot);
  }

  private scratch(size: number): void {
    this.codes = grown(this.codes, size);
    this.feasible = grown(this.feasible, size);
    this.scores = grown(this.scores, size);
    this.resource = grown(this.resource, size);
    this.count = grown(this.count, size);
  }

  /**
   * The filter loop. Allocates nothing per node; static filters come from the profile's
   * cache; for each feasible node it also gathers what scoring needs (the cached resource
   * score and the workload's pod count), so the scoring pass reads only sequential arrays.
   */
  private filterPass(p: SchedulingProfile, inter: InterPodContext | null, wc: Int32Array | null, spread: SpreadFilter | null): PassRecord & Collected {
    const nodes = this.nodes;
    const order = nodes.order();
    const n = order.length;
    this.scratch(n);
    const st = p.static;
    ensureStaticCapacity(st, nodes.capacity);
    if (p.fit.length < nodes.capacity * 2) p.fit = grown(p.fit, nodes.capacity * 2);
    const { codes, feasible, resource, count } = this;
    const { cg } = st; // refreshStatic writes into it but never replaces it
    const { fit, cpu, mem } = p;
    const data = nodes.data;
    const checkResources = cpu > 0 || mem > 0;
    const ports = p.hostPorts.length > 0;
    const want = numFeasibleNodesToFind(this.percentage, n);
    const start = this.nextStartNodeIndex % n;
    let k = 0;
    let processed = n;
    let countMin = 0x7fffffff;
    let countMax = 0;
    for (let i = 0; i < n; i++) {
      const idx = start + i;
      const slot = order[idx >= n ? idx - n : idx];
      const o = slot * STRIDE;
      if (cg[2 * slot + 1] !== data[o + GEN]) refreshStatic(st, nodes, slot, this.reasons);
      let code = cg[2 * slot];
      if (code === PASS && ports && this.pods.portsConflict(slot, p.hostPorts)) code = CODE_NODE_PORTS;
      if (code === PASS) {
        let mask = data[o + POD_COUNT] + 1 > data[o + ALLOC_PODS] ? RES_PODS : 0;
        if (checkResources) {
          if (cpu > 0 && cpu > data[o + ALLOC_CPU] - data[o + REQ_CPU]) mask |= RES_CPU;
          if (mem > 0 && mem > data[o + ALLOC_MEM] - data[o + REQ_MEM]) mask |= RES_MEM;
        }
        if (mask !== 0) code = RES_BASE + mask;
        else {
          if (spread !== null) code = spreadCode(spread, nodes, slot);
          if (code === PASS && inter !== null) code = interPodCode(inter, nodes, slot);
        }
      }
      codes[i] = code;
      if (code !== PASS) continue;
      const usage = data[o + USAGE];
      if (fit[2 * slot + 1] !== usage) {
        fit[2 * slot] = resourceScore(nodes, slot, p);
        fit[2 * slot + 1] = usage;
      }
      resource[k] = fit[2 * slot];
      if (wc !== null) {
        const c = wc[slot];
        count[k] = c;
        if (c < countMin) countMin = c;
        if (c > countMax) countMax = c;
      }
      feasible[k++] = slot;
      if (k === want) { processed = i + 1; break; }
    }
    return { order, start, processed, codes, feasible, k, scores: this.scores, resource, count, countMin, countMax };
  }
}
