import type { JournalDetail, JournalVerb } from '../../../shared/journal';
import type { SimClock } from '../clock';
import { ClusterRuntime, KUBECTL, type Client } from '../cluster';
import type { ScheduleResult } from '../components/kubeScheduler';
import type { Store, Stored } from '../store';
import type { NodeSpec, TopologySpec } from '../topology/types';
import type { ComponentName, ObjectRef, SimEvent } from '../types';
import { HopCache, requestHops } from './hops';
import { JournalRecord, type Leaders, type RecordExtra } from './records';

/** How much to keep. */
export interface JournalOptions {
  readonly detail: JournalDetail;
  /**
   * The history horizon, in records: when there are more than 1.25 × maxRecords, the oldest are
   * compacted down to maxRecords (so memory stays between the two; about 150-300 bytes a record).
   */
  readonly maxRecords: number;
}

/** Defaults: a 1,000-pod cluster's 10 minutes fit many times over; a 150,000-pod run keeps its last 200,000 records. */
export const DEFAULT_JOURNAL_OPTIONS: JournalOptions = { detail: 'full', maxRecords: 200_000 };

/** What the journal reads from the engine. */
export interface JournalDeps {
  readonly store: Store;
  readonly cluster: ClusterRuntime;
  readonly clock: SimClock;
  /** How many events the snapshot's event list holds (the EventLog's ring capacity). */
  readonly eventWindow: number;
}

/** The physical side of one host. */
export interface HostState { readonly spec: NodeSpec; readonly up: boolean; readonly stopped: readonly ComponentName[] }

const NO_LEADERS: Leaders = Object.freeze({ 'kube-scheduler': null, 'kube-controller-manager': null });
const NO_HOPS = Object.freeze([]) as readonly never[];
/** CRI calls are derived from these kubelet events (reason → call), so they are never folded into a write. */
export const CRI_REASONS: Readonly<Record<string, 'PullImage' | 'CreateContainer' | 'StartContainer' | 'StopContainer'>> = {
  Pulling: 'PullImage', Created: 'CreateContainer', Started: 'StartContainer', Killing: 'StopContainer',
};

/**
 * The journal of one engine: every store write with its actor, verb and path, the decisions and
 * faults a learner should see, and the events, from which any retained moment is rebuilt
 * (history.ts). Modelled on etcd's MVCC revision history: records point at the store's immutable
 * after-images and before-images (so a write can be undone exactly), the live store is the one
 * full copy, and history older than the horizon (maxRecords) is compacted.
 */
export class Journal {
  private records: JournalRecord[] = [];
  /** Absolute index of records[0] (records before it were compacted). */
  private base = 0;
  private evs: SimEvent[] = [];
  private eventBase = 0;
  /** The hosts before the oldest retained record, and the seqs of the retained fault and host records. */
  private baseHosts: readonly HostState[];
  private runtimeSeqs: number[] = [];
  private baseLeaders: Leaders = NO_LEADERS;
  private leadersNow: Leaders = NO_LEADERS;
  private controller: string | undefined;
  private eventClient: Client | null = null;
  private compactedTime = 0;
  private readonly hops: HopCache;

  constructor(private readonly deps: JournalDeps, readonly options: JournalOptions = DEFAULT_JOURNAL_OPTIONS) {
    this.hops = new HopCache(deps.cluster);
    this.baseHosts = hostsOf(deps.cluster);
  }

  /** Whether anything is recorded. */
  get enabled(): boolean {
    return this.options.detail !== 'off';
  }

  /** The seq of the last record (0 when empty). */
  get head(): number {
    return this.base + this.records.length;
  }

  /** The seq after which records are retained (entries with seq <= this were compacted). */
  get compacted(): number {
    return this.base;
  }

  /** The earliest moment that can be rebuilt exactly. */
  get oldestTime(): number {
    return this.compactedTime;
  }

  /** The record with absolute seq `seq` (1-based), if retained. */
  record(seq: number): JournalRecord | undefined {
    return this.records[seq - 1 - this.base];
  }

  /** The retained events with absolute indexes [from, to). */
  events(from: number, to: number): SimEvent[] {
    return this.evs.slice(Math.max(0, from - this.eventBase), Math.max(0, to - this.eventBase));
  }

  /** The event with absolute index `i`, if retained. */
  event(i: number): SimEvent | undefined {
    return i >= this.eventBase ? this.evs[i - this.eventBase] : undefined;
  }

  /** The hosts as they were just before the oldest retained record. */
  get hostsAtBase(): readonly HostState[] {
    return this.baseHosts;
  }

  /** The leaders just before the oldest retained record. */
  get leadersAtBase(): Leaders {
    return this.baseLeaders;
  }

  /** Seqs of the retained fault and host records, in order. */
  get runtimeRecords(): readonly number[] {
    return this.runtimeSeqs;
  }

  /** The events recorded before the oldest retained record. */
  get eventsAtBase(): number {
    return this.baseEvents;
  }
  private baseEvents = 0;

  /** Number of records with time <= t (absolute; never less than the compacted count). */
  cutAt(t: number): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid].time <= t) lo = mid + 1;
      else hi = mid;
    }
    return this.base + lo;
  }

  /** The controller of kube-controller-manager now acting (set around its reconcile batches). */
  setController(name: string | undefined): void {
    this.controller = name;
  }

  /** A write went through: `old` before (undefined: create), `cur` after (the removed object when `removed`). */
  write(client: Client, old: Stored | undefined, cur: Stored, removed: boolean, verb?: JournalVerb): void {
    if (!this.enabled) return;
    const controller = client.component === 'kube-controller-manager' ? this.controller : undefined;
    // The verb of an update is worked out when the entry is read (updateVerb): nothing to do on the hot path.
    const v = verb === 'delete' && controller === 'taint-eviction-controller' ? 'evict' : verb ?? (old ? undefined : 'create');
    const extra = this.options.detail === 'full' && cur.kind === 'EndpointSlice' ? this.proxies() : undefined;
    this.push(new JournalRecord('write', this.deps.clock.now(), this.deps.store.resourceVersion(), client, controller, v, cur, old, removed, this.hops.of(client), this.leadersNow, extra, -1, this.evEnd()));
  }

  /** The API server refused a write. `reached`: how far the request got. */
  rejected(client: Client, verb: JournalVerb, object: ObjectRef, error: string, reached: 'all' | 'apiserver' | 'none'): void {
    if (!this.enabled) return;
    const controller = client.component === 'kube-controller-manager' ? this.controller : undefined;
    const extra: RecordExtra = { kind: 'rejected', object, error };
    this.push(new JournalRecord('rejected', this.deps.clock.now(), this.deps.store.resourceVersion(), client, controller, verb, null, undefined, false, requestHops(this.deps.cluster, client, reached), this.leadersNow, extra, -1, this.evEnd()));
  }

  /** kube-scheduler's decision for a pod (before it binds or records FailedScheduling). */
  schedule(client: Client, pod: Stored, result: ScheduleResult): void {
    if (this.options.detail !== 'full') return;
    this.push(this.simple('schedule', client, pod, { kind: 'schedule', result }));
  }

  /** A fault injected or healed (call right after ClusterRuntime.setFault). */
  fault(node: string, component: ComponentName | undefined, failed: boolean): void {
    if (!this.enabled) return;
    this.push(this.simple('fault', null, null, component ? { kind: 'fault', node, component, failed } : { kind: 'fault', node, failed }));
    this.runtimeSeqs.push(this.head);
  }

  /** A host joined, was reconfigured or left (call right after ClusterRuntime.addNode/removeNode). */
  host(node: string, spec: NodeSpec | null, change: 'joined' | 'changed' | 'left'): void {
    if (!this.enabled) return;
    this.push(this.simple('host', null, null, { kind: 'host', node, spec, change }));
    this.runtimeSeqs.push(this.head);
  }

  /** A Lease changed hands (or expired with no successor). */
  leader(component: 'kube-scheduler' | 'kube-controller-manager', node: string | null, message: string): void {
    this.leadersNow = Object.freeze({ ...this.leadersNow, [component]: node });
    if (this.enabled) this.push(this.simple('leader', node ? { component, node } : null, null, { kind: 'leader', component, node, message }));
  }

  /** The client whose event is being recorded next (Engine.emit sets it around EventLog.add). */
  setEventClient(client: Client | null): void {
    this.eventClient = client;
  }

  /**
   * EventLog's sink: every event, in order. It is folded into the last record when that record is a
   * write (or a fault) of the same object at the same moment with no event yet; otherwise it is a record of its own.
   */
  readonly onEvent = (e: SimEvent): void => {
    if (!this.enabled) return;
    const index = this.eventBase + this.evs.length;
    this.evs.push(e);
    const last = this.records[this.records.length - 1];
    if (last && last.event < 0 && last.time === e.time && !(e.component === 'kubelet' && e.reason in CRI_REASONS) && sameObject(last, e)) {
      last.event = index;
      last.eventsEnd = index + 1;
      return;
    }
    const client = this.eventClient ?? { component: e.component, node: e.node };
    const path = e.component === 'simulator' ? NO_HOPS : this.hops.of(client);
    this.push(new JournalRecord('event', e.time, this.deps.store.resourceVersion(), client, undefined, undefined, null, undefined, false, path, this.leadersNow, undefined, index, index + 1));
  };

  private simple(kind: 'schedule' | 'fault' | 'host' | 'leader', actor: Client | null, object: Stored | null, extra: RecordExtra): JournalRecord {
    const path = actor && kind === 'schedule' ? this.hops.of(actor) : NO_HOPS;
    return new JournalRecord(kind, this.deps.clock.now(), this.deps.store.resourceVersion(), actor, undefined, undefined, object, undefined, false, path, this.leadersNow, extra, -1, this.evEnd());
  }

  private evEnd(): number {
    return this.eventBase + this.evs.length;
  }

  private push(r: JournalRecord): void {
    this.records.push(r);
    if (this.records.length > this.options.maxRecords * 1.25) this.compact();
  }

  /** Nodes whose kube-proxy runs now (they resync after an EndpointSlice change); cached per runtime state. */
  private proxies(): RecordExtra {
    const key = this.deps.cluster.path(KUBECTL);
    if (this.proxyKey !== key) {
      this.proxyKey = key;
      const nodes = [...this.deps.cluster.nodes.keys()].filter((n) => this.deps.cluster.running(n, 'kube-proxy'));
      this.proxyExtra = { kind: 'proxies', nodes: Object.freeze(nodes) };
    }
    return this.proxyExtra as RecordExtra;
  }
  private proxyKey: readonly string[] | null = null;
  private proxyExtra: RecordExtra | null = null;

  /** Forgets all history: the present becomes the oldest moment that can be rebuilt (e.g. a new lesson starting). */
  forget(): void {
    if (this.records.length > 0) this.compact(0);
  }

  /**
   * Drops the oldest records down to maxRecords (in one slice, so compaction is O(1) a record
   * amortised), folding the dropped fault and host records into the base hosts, and the events
   * no retained moment lists any more (each moment lists the eventWindow events before it).
   */
  private compact(keep = this.options.maxRecords): void {
    const drop = this.records.length - keep;
    const last = this.records[drop - 1];
    let cut = 0;
    while (cut < this.runtimeSeqs.length && this.runtimeSeqs[cut] <= this.base + drop) cut++;
    if (cut > 0) this.baseHosts = hostsOf(replayRuntime(this.baseHosts, this.deps.cluster.topology, this.runtimeSeqs.slice(0, cut).map((s) => this.records[s - 1 - this.base])));
    this.runtimeSeqs = this.runtimeSeqs.slice(cut);
    this.baseLeaders = last.leaders;
    this.baseEvents = last.eventsEnd;
    this.compactedTime = last.time;
    this.records = this.records.slice(drop);
    this.base += drop;
    const firstEvent = Math.max(this.eventBase, this.baseEvents - this.deps.eventWindow);
    this.evs = this.evs.slice(firstEvent - this.eventBase);
    this.eventBase = firstEvent;
  }
}

/** The hosts of a runtime, in its order. */
export function hostsOf(cluster: ClusterRuntime): HostState[] {
  return [...cluster.nodes.values()].map((n) => ({ spec: n.spec, up: n.up, stopped: [...n.stopped] }));
}

/** A runtime with `hosts`, then the fault and host records applied in order. */
export function replayRuntime(hosts: readonly HostState[], topology: TopologySpec, records: readonly JournalRecord[]): ClusterRuntime {
  const rt = new ClusterRuntime(topology);
  for (const name of [...rt.nodes.keys()]) rt.removeNode(name);
  for (const h of hosts) {
    rt.addNode(h.spec);
    if (!h.up) rt.setFault(h.spec.name, undefined, true);
    for (const c of h.stopped) rt.setFault(h.spec.name, c, true);
  }
  for (const r of records) {
    const x = r.extra;
    if (x?.kind === 'fault') rt.setFault(x.node, x.component, x.failed);
    else if (x?.kind === 'host' && x.spec) rt.addNode(x.spec);
    else if (x?.kind === 'host') rt.removeNode(x.node);
  }
  return rt;
}

function sameObject(r: JournalRecord, e: SimEvent): boolean {
  const o = e.object;
  if (!o) return false;
  if (r.kind === 'fault' && r.extra?.kind === 'fault') return o.kind === 'Node' && o.name === r.extra.node;
  if (r.kind !== 'write' || !r.object) return false;
  const m = r.object.metadata;
  return r.object.kind === o.kind && m.name === o.name && (m.namespace ?? undefined) === (o.namespace ?? undefined);
}
