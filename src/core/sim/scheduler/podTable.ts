/**
 * The scheduler cache's pod side: bound pods, their requests summed per node, the
 * per-node count of each workload's pods (for spreading) and, for each required
 * anti-affinity term in use, per-node counts of the pods it selects and of the pods
 * that carry it (kube-scheduler keeps PodsWithRequiredAntiAffinity per NodeInfo).
 */
import { grown, NF, type NodeTable } from './nodeTable';
import { hostPortsConflict, termMatches, type AntiAffinityTermSpec, type SchedulingProfile } from './profile';
import type { Labels, SchedPod } from './types';

/** A required anti-affinity term in use, with its per-node-slot counts. */
export interface TermState {
  readonly spec: AntiAffinityTermSpec;
  /** Pods on each slot that the term selects. */
  matchCount: Int32Array;
  /** Pods on each slot that carry the term. */
  carrierCount: Int32Array;
  /** Pods in the cluster that carry the term. */
  carriers: number;
}

export interface PodEntry {
  readonly key: string;
  readonly name: string;
  readonly nodeName: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly profile: SchedulingProfile;
  readonly workload: number;
  readonly terms: readonly TermState[];
  slot: number;
}

const NO_TERMS: readonly TermState[] = [];

/** The key under which the cache tracks a pod: its uid, else namespace/name. */
export function podKey(pod: SchedPod): string {
  return pod.metadata.uid ?? `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

/** Bound pods by key, and the counters derived from them. */
export class PodTable {
  /** Workload id -> pods of that workload per node slot. */
  workloadCounts: Int32Array[] = [];
  readonly terms: TermState[] = [];
  /** Pods in the cluster carrying any required anti-affinity term. */
  carriersTotal = 0;
  /** Per node slot, the host ports in use ("protocol/port/hostIP" -> pods), for NodePorts. */
  readonly hostPorts: (Map<string, number> | undefined)[] = [];

  private readonly entries = new Map<string, PodEntry>();
  private readonly bySlot: Set<PodEntry>[] = [];
  private readonly unplaced = new Map<string, Set<PodEntry>>();
  private readonly workloadIds = new Map<string, number>();
  /** Per workload id: its key and how many entries use it; an id nobody uses is freed for reuse. */
  private readonly workloadKeys: (string | undefined)[] = [];
  private readonly workloadUsers: number[] = [];
  private readonly freeWorkloadIds: number[] = [];
  private zeros = new Int32Array(0);
  private readonly termBySignature = new Map<string, TermState>();

  constructor(private readonly nodes: NodeTable) {}

  /** The id of a workload key, allocated on first use (a freed id first). */
  workloadId(key: string | null): number {
    if (key === null) return -1;
    let id = this.workloadIds.get(key);
    if (id === undefined) {
      id = this.freeWorkloadIds.pop() ?? this.workloadCounts.length;
      this.workloadIds.set(key, id);
      this.workloadKeys[id] = key;
      this.workloadUsers[id] = 0;
      if (id === this.workloadCounts.length) this.workloadCounts.push(new Int32Array(this.nodes.capacity));
    }
    this.workloadCounts[id] = grown(this.workloadCounts[id], this.nodes.capacity);
    return id;
  }

  /** A workload's pods per node slot, read-only; all zeros for a workload with no bound pod (no id allocated for it). */
  workloadCountsOf(key: string): Int32Array {
    const id = this.workloadIds.get(key);
    if (id !== undefined) return this.workloadCounts[id];
    if (this.zeros.length !== this.nodes.capacity) this.zeros = new Int32Array(this.nodes.capacity);
    return this.zeros;
  }

  /** One entry less uses workload `id`; at none, the id is freed (its counts are all zero then). Returns the freed key. */
  private releaseWorkload(id: number): string | undefined {
    if (id < 0 || --this.workloadUsers[id] > 0) return undefined;
    const key = this.workloadKeys[id] as string;
    this.workloadIds.delete(key);
    this.workloadKeys[id] = undefined;
    this.freeWorkloadIds.push(id);
    return key;
  }

  /** The shared state of a term, registered (and counted over existing pods) on first use. */
  term(spec: AntiAffinityTermSpec): TermState {
    let state = this.termBySignature.get(spec.signature);
    if (state === undefined) {
      state = { spec, matchCount: new Int32Array(this.nodes.capacity), carrierCount: new Int32Array(this.nodes.capacity), carriers: 0 };
      this.termBySignature.set(spec.signature, state);
      this.terms.push(state);
      for (const entry of this.entries.values()) {
        if (entry.slot >= 0 && termMatches(spec, entry.namespace, entry.labels)) state.matchCount[entry.slot]++;
      }
    }
    this.growTerm(state);
    return state;
  }

  /** Adds (or re-adds) a bound pod. */
  add(pod: SchedPod, profile: SchedulingProfile): void {
    const key = podKey(pod);
    this.remove(key);
    const entry = this.detached(pod, profile, pod.spec?.nodeName ?? '');
    this.entries.set(key, entry);
    this.place(entry, this.nodes.slotOf(entry.nodeName));
  }

  /**
   * An entry for `pod` on `nodeName` that is not in the table: a nominated pod, counted on its node only
   * while a scheduling cycle reserves it ({@link suspend}). Give it back with {@link release}.
   */
  detached(pod: SchedPod, profile: SchedulingProfile, nodeName: string): PodEntry {
    const entry: PodEntry = {
      key: podKey(pod), name: pod.metadata.name, nodeName, namespace: profile.namespace, labels: pod.metadata.labels ?? {}, profile,
      workload: this.workloadId(profile.workload), terms: profile.antiAffinity.length === 0 ? NO_TERMS : profile.antiAffinity.map((t) => this.term(t)), slot: -1,
    };
    if (entry.workload >= 0) this.workloadUsers[entry.workload]++;
    return entry;
  }

  /** Gives back a detached entry; returns the key of its workload when nothing uses it any more. */
  release(entry: PodEntry): string | undefined {
    return this.releaseWorkload(entry.workload);
  }

  /** Removes a pod by key (no-op if unknown); returns the key of its workload when it was that workload's last pod. */
  remove(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.slot >= 0) this.count(entry, -1);
    else {
      const waiting = this.unplaced.get(entry.nodeName);
      waiting?.delete(entry);
      if (waiting?.size === 0) this.unplaced.delete(entry.nodeName);
    }
    return this.releaseWorkload(entry.workload);
  }

  /** A node appeared: attach pods that were bound to it before the scheduler saw it. */
  nodeAdded(name: string, slot: number): void {
    this.growAll();
    const waiting = this.unplaced.get(name);
    if (waiting === undefined) return;
    this.unplaced.delete(name);
    for (const entry of waiting) this.place(entry, slot);
  }

  /** A node is being removed: its pods wait, unplaced, for the node or their own deletion. */
  nodeRemoved(slot: number): void {
    for (const entry of [...(this.bySlot[slot] ?? [])]) {
      this.count(entry, -1);
      this.place(entry, -1);
    }
    this.hostPorts[slot] = undefined;
  }

  /** The pods on a slot with a priority below `priority`, lowest first (preemption's candidates). */
  lowerPriority(slot: number, priority: number): PodEntry[] {
    const out: PodEntry[] = [];
    for (const e of this.bySlot[slot] ?? []) if (e.profile.priority < priority) out.push(e);
    return out.sort((a, b) => a.profile.priority - b.profile.priority || (a.key < b.key ? -1 : 1));
  }

  /** Takes a pod out of the counts on its slot for a what-if (preemption, nominated pods), or puts it back. */
  suspend(entry: PodEntry, out: boolean): void {
    this.count(entry, out ? -1 : 1);
  }

  /** NodePorts: whether one of `wanted` conflicts with a host port in use on the slot. */
  portsConflict(slot: number, wanted: readonly string[]): boolean {
    const used = this.hostPorts[slot];
    if (used === undefined || used.size === 0) return false;
    for (const w of wanted) for (const u of used.keys()) if (hostPortsConflict(w, u)) return true;
    return false;
  }

  private place(entry: PodEntry, slot: number): void {
    entry.slot = slot;
    if (slot < 0) {
      const set = this.unplaced.get(entry.nodeName) ?? new Set<PodEntry>();
      set.add(entry);
      this.unplaced.set(entry.nodeName, set);
      return;
    }
    this.count(entry, 1);
  }

  private count(entry: PodEntry, sign: 1 | -1): void {
    const n = this.nodes;
    const slot = entry.slot;
    const p = entry.profile;
    const o = slot * NF.STRIDE;
    n.data[o + NF.REQ_CPU] += sign * p.cpu;
    n.data[o + NF.REQ_MEM] += sign * p.mem;
    n.data[o + NF.POD_COUNT] += sign;
    n.data[o + NF.USAGE]++;
    n.nzCpu[slot] += sign * p.nzCpu;
    n.nzMem[slot] += sign * p.nzMem;
    if (entry.workload >= 0) this.workloadCounts[entry.workload][slot] += sign;
    for (const t of this.terms) {
      if (termMatches(t.spec, entry.namespace, entry.labels)) t.matchCount[slot] += sign;
    }
    for (const t of entry.terms) {
      t.carrierCount[slot] += sign;
      t.carriers += sign;
    }
    if (entry.terms.length > 0) this.carriersTotal += sign;
    if (p.hostPorts.length > 0) {
      const used = (this.hostPorts[slot] ??= new Map());
      for (const hp of p.hostPorts) {
        const n = (used.get(hp) ?? 0) + sign;
        if (n > 0) used.set(hp, n);
        else used.delete(hp);
      }
    }
    const set = (this.bySlot[slot] ??= new Set<PodEntry>());
    if (sign > 0) set.add(entry);
    else set.delete(entry);
  }

  private growTerm(t: TermState): void {
    t.matchCount = grown(t.matchCount, this.nodes.capacity);
    t.carrierCount = grown(t.carrierCount, this.nodes.capacity);
  }

  private growAll(): void {
    const cap = this.nodes.capacity;
    this.workloadCounts = this.workloadCounts.map((a) => grown(a, cap));
    for (const t of this.terms) this.growTerm(t);
  }
}
