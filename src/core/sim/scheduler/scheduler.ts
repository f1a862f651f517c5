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
 * Not modelled: preemption (the message reports that no victims were found), PreFilter
 * narrowing by NodeName/NodeAffinity (every node is filtered instead), host ports,
 * volumes.
 */
import * as filters from './filters';
import { ensureStaticCapacity, isUnresolvable, ReasonTable, refreshStatic } from './filters';
import { NO_NODES_AVAILABLE } from './fitError';
import { interPodCode, preferredPodScores, prepareInterPod, type InterPodContext } from './interPod';
import { grown, NF, NodeTable } from './nodeTable';
import { PodTable, podKey, type PodEntry } from './podTable';
import { ProfileCache } from './profileCache';
import type { SchedulingProfile } from './profile';
import { failureMessage, samplingNote, verdicts, type PassRecord } from './result';
import { effectivePercentage, numFeasibleNodesToFind } from './sampling';
import { resourceScore, scoreFeasible, type Collected } from './scoring';
import { defaultSpreadScores, prepareSpreadFilter, spreadCode, spreadScores, type SpreadFilter } from './spread';
import type { ScheduleResult, SchedNode, SchedPod, SchedulerOptions } from './types';

// Module-level copies: the test/bench loader (tsx) compiles imported constants to getters,
// which would cost a call per node in the filter loop.
const PASS = filters.PASS;
const CODE_NODE_PORTS = filters.CODE_NODE_PORTS;
const RES_BASE = filters.RES_BASE;
const RES_PODS = filters.RES_PODS;
const RES_CPU = filters.RES_CPU;
const RES_MEM = filters.RES_MEM;
const { ALLOC_CPU, ALLOC_MEM, ALLOC_PODS, REQ_CPU, REQ_MEM, POD_COUNT, GEN, USAGE, STRIDE } = NF;

/** The scheduler and its cache; see the module comment. */
export class Scheduler {
  private readonly percentage: number;
  private readonly verdictNodeLimit: number;
  private readonly nodes = new NodeTable();
  private readonly pods = new PodTable(this.nodes);
  private readonly profiles = new ProfileCache();
  private readonly reasons = new ReasonTable();
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
    const spread = prepareSpreadFilter(profile.spread, this.pods, this.nodes, profile.static, labels);
    const rec = this.filterPass(profile, prepareInterPod(this.pods, this.nodes, profile, labels), wc, spread);
    this.nextStartNodeIndex = (rec.start + rec.processed) % n;
    if (rec.k === 0) {
      return {
        nodeName: null, message: failureMessage(rec, this.reasons, profile.preemptionNever),
        verdicts: verdicts(rec, this.nodes, this.reasons), feasibleNodes: 0, evaluatedNodes: rec.processed, scoredNodes: 0, note: null,
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
   * DefaultPreemption's PostFilter, simplified (pkg/scheduler/framework/preemption/preemption.go,
   * plugins/defaultpreemption/default_preemption.go): on each node where the failure is not
   * UnschedulableAndUnresolvable (at most 100 candidates, minCandidateNodesAbsolute), take out every pod
   * of lower priority; if the pod then fits, put them back highest priority first while it still fits
   * (SelectVictimsOnNode's reprieve); the victims are those left out. The node whose victims have the
   * lowest highest priority wins, then the lowest priority sum, then the fewest victims, then the first
   * in search order. PodDisruptionBudgets are not considered. Does not change the cache.
   */
  preempt(pod: SchedPod): { nodeName: string; victims: { namespace: string; name: string }[] } | null {
    const profile = this.profiles.get(pod);
    if (profile.preemptionNever) return null;
    const labels = pod.metadata.labels ?? {};
    let best: { slot: number; victims: PodEntry[]; max: number; sum: number } | null = null;
    let candidates = 0;
    for (const slot of this.nodes.order()) {
      if (candidates >= 100) break;
      const code = this.nodeCode(profile, labels, slot);
      if (code === PASS || isUnresolvable(code)) continue;
      const lower = this.pods.lowerPriority(slot, profile.priority);
      if (lower.length === 0) continue;
      for (const e of lower) this.pods.suspend(e, true);
      if (this.nodeCode(profile, labels, slot) !== PASS) {
        for (const e of lower) this.pods.suspend(e, false);
        continue;
      }
      candidates++;
      const victims: PodEntry[] = [];
      for (let i = lower.length - 1; i >= 0; i--) {
        this.pods.suspend(lower[i], false);
        if (this.nodeCode(profile, labels, slot) !== PASS) { this.pods.suspend(lower[i], true); victims.push(lower[i]); }
      }
      for (const e of victims) this.pods.suspend(e, false);
      const max = victims.reduce((m, v) => Math.max(m, v.profile.priority), -Infinity);
      const sum = victims.reduce((s, v) => s + v.profile.priority, 0);
      if (best === null || max < best.max || (max === best.max && (sum < best.sum || (sum === best.sum && victims.length < best.victims.length)))) {
        best = { slot, victims, max, sum };
      }
    }
    if (best === null) return null;
    return { nodeName: this.nodes.names[best.slot], victims: best.victims.map((v) => ({ namespace: v.namespace, name: v.name })) };
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
