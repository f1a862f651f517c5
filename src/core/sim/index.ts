/**
 * The cluster simulation engine: a deterministic model of a cluster built the way Kubernetes
 * is built (API server over an etcd-like store, controllers, scheduler, kubelets), stepped by
 * a simulated clock. Pure TypeScript: no vscode, no DOM, no wall clock, no Math.random.
 *
 * Usage: `const sim = Simulation.preset('multi-worker'); sim.apply(obj); sim.runUntilSettled(); sim.snapshot()`.
 */
import { displayText } from '../display';
import { KUBECTL, parseTarget } from './cluster';
import type { SchedulingAlgorithm } from './components/kubeScheduler';
import type { ControllerFactory } from './controllers/controllerManager';
import { evictPod, type EvictionResult } from './apiserver/eviction';
import { dockerApply } from './docker';
import { Engine } from './engine';
import { emitFault, markDockerContainersExited, targetError } from './faults';
import { DEFAULT_JOURNAL_OPTIONS, type Journal, type JournalOptions } from './journal/journal';
import { stateAt, type HistoricState } from './journal/history';
import { kubectlApply, kubectlDelete } from './kubectl';
import { controllerOf, namespaceOf, obj, str } from './objects';
import type { Crash } from './crashes';
import { key as storeKey } from './store';
import { Scheduler } from './scheduler';
import { buildSnapshot, snapshotOf, type ClusterSnapshot, type SnapshotSource } from './snapshot';
import { presetTopology, type PresetName } from './topology/presets';
import { Run } from './run';
import { MAX_NODES, nodeSpecFromObject } from './topology/fromObjects';
import type { TopologySpec } from './topology/types';
import { WORKLOAD_CONTROLLERS } from './controllers/workloads';
import type { ApplyResult, KubeObject, SimError, SimEvent, SourcePosition } from './types';
import { buildEditorFacts, type EditorFacts } from './editorFacts';
import { errorFieldPath, refusedFieldPath, warningFieldPath } from './errorField';
export { errorFieldPath, refusedFieldPath, warningFieldPath } from './errorField';

export type { ApplyResult, KubeObject, SimError, SimEvent, SourcePosition } from './types';
export type { ClusterSnapshot } from './snapshot';
export { objectKey, type EditorFacts, type ObjectPods, type NodeUsage, type PodPlacement } from './editorFacts';
export { MAX_PODS } from './apiServer';
export type { Crash } from './crashes';
export type { Run } from './run';
export { EVICTION_REFUSED, type EvictionResult } from './apiserver/eviction';
export type { TopologySpec, NodeSpec, TaintSpec } from './topology/types';
export { presetTopology, PRESET_NAMES, isPresetName, type PresetName } from './topology/presets';
export { topologyFromObjects, topologyLimitError, MAX_NODES } from './topology/fromObjects';

/** Options of a Simulation. */
export interface SimulationOptions {
  readonly topology: TopologySpec;
  /** kube-scheduler percentageOfNodesToScore (0 or absent = its adaptive default). */
  readonly percentageOfNodesToScore?: number;
  /** Largest replica count simulated per workload (default 10,000 — the manifest layer's MAX_SIMULATED_COUNT; larger inputs are capped with a warning). */
  readonly maxReplicasPerWorkload?: number;
  /** Record per-pod lifecycle events (default true). */
  readonly podEvents?: boolean;
  /**
   * The journal's detail and horizon (default DEFAULT_JOURNAL_OPTIONS: full detail, except 'off' for
   * clusters of more than JOURNAL_OFF_ABOVE_NODES nodes, where keeping history costs a large run 30-45%
   * more CPU, mostly garbage collection of the object versions it keeps alive).
   */
  readonly journal?: Partial<JournalOptions>;
}

/** Above this many nodes the journal is off unless asked for (`journal: { detail: 'full' }`). */
export const JOURNAL_OFF_ABOVE_NODES = 1_000;

/** Maps a field path of the object to its position in the source (SourcedObject.keyRange). */
export type Locator = (path: (string | number)[]) => SourcePosition | undefined;

/** The position of the field an API error names ("spec.containers[0].image: ..."), else the object's. */
function positionOf(source: (SourcePosition & { locate?: Locator }) | undefined, error: string | undefined, input: unknown): SourcePosition {
  return nearestField(source, errorFieldPath(error) ?? refusedFieldPath(error, input));
}

/** Where `path` (or the nearest field above it that the manifest writes) is, else where the object starts. */
function nearestField(source: (SourcePosition & { locate?: Locator }) | undefined, path: readonly (string | number)[] | undefined): SourcePosition {
  const base = { file: source?.file ?? '', line: source?.line ?? 0, column: source?.column ?? 0 };
  if (!path || !source?.locate) return base;
  for (let n = path.length; n > 0; n--) {
    const at = source.locate(path.slice(0, n));
    if (at) return { file: base.file, line: at.line, column: at.column };
  }
  return base;
}

/** Where a field of the applied object is, when the caller can locate it. */
function locateField(source: (SourcePosition & { locate?: Locator }) | undefined, path: readonly (string | number)[]): SourcePosition | undefined {
  const at = source?.locate?.([...path]);
  return at ? { file: source?.file ?? '', line: at.line, column: at.column } : undefined;
}

/** The kind and store key of an object as the store files it, or null when it has no usable kind. */
function causeOf(input: unknown): { kind: string; key: string } | null {
  const o = obj(input);
  const meta = obj(o?.metadata);
  if (typeof o?.kind !== 'string') return null;
  const name = typeof meta?.name === 'string' ? meta.name : '';
  return { kind: o.kind, key: storeKey(namespaceOf({ kind: o.kind, metadata: { namespace: meta?.namespace } } as KubeObject), name) };
}

/** The uid of an object's controlling owner (or first owner). */
function ownerUid(o: KubeObject): string | null {
  return obj(o.metadata) ? controllerOf(o)?.uid ?? null : null;
}

function refFromKey(kind: string, k: string): { kind: string; namespace?: string; name: string } {
  const slash = k.indexOf('/');
  return slash < 0 ? { kind, name: k } : { kind, namespace: k.slice(0, slash), name: k.slice(slash + 1) };
}

/** Default replica cap per workload: big enough to teach, small enough to answer instantly. */
export const DEFAULT_MAX_REPLICAS = 10_000;

/** A simulated cluster: apply/delete objects, inject faults, step time, read snapshots and events. */
export class Simulation {
  private readonly engine: Engine;
  private readonly errors: SimError[] = [];
  /** The simulated second of each entry of `errors` (so a past moment lists only the errors it had). */
  private readonly errorTimes: number[] = [];

  /** Source positions of applied objects by "kind|key", for crash reports (bounded: one per applied object). */
  private readonly sources = new Map<string, SourcePosition>();
  private readonly crashRows: SimError[] = [];
  /** Owners already reported as refused by the pod limit. */
  private readonly limited = new Set<string>();

  constructor(options: SimulationOptions) {
    const algo = new Scheduler({ percentageOfNodesToScore: options.percentageOfNodesToScore ?? 0 });
    const opts = { maxReplicasPerWorkload: options.maxReplicasPerWorkload ?? DEFAULT_MAX_REPLICAS, podEvents: options.podEvents ?? true };
    const extra: readonly ControllerFactory[] = WORKLOAD_CONTROLLERS;
    // Objects reach the scheduler only after the API server's validation (validation.ts), so the loosely
    // typed KubeObjects the engine hands it have the shapes its SchedPod/SchedNode types describe.
    const algorithm = algo as unknown as SchedulingAlgorithm;
    const detail = options.topology.nodes.length > JOURNAL_OFF_ABOVE_NODES ? 'off' : DEFAULT_JOURNAL_OPTIONS.detail;
    this.engine = new Engine(options.topology, algorithm, opts, extra, { ...DEFAULT_JOURNAL_OPTIONS, detail, ...options.journal });
    this.engine.barrier.onCrash((c) => this.reportCrash(c));
    this.engine.api.onPodLimit = (pod) => this.reportPodLimit(pod);
    this.engine.drain();
  }

  /** A simulation of one of the study guide's pictures. */
  static preset(name: PresetName): Simulation {
    return new Simulation({ topology: presetTopology(name) });
  }

  /** The topology being simulated. */
  get topology(): TopologySpec {
    return this.engine.topology;
  }

  /** `kubectl apply` (or `docker run` on the docker-server): create or update through the API path. */
  apply(input: KubeObject, source?: SourcePosition & { locate?: Locator }): ApplyResult {
    const cause = causeOf(input);
    if (source && cause) this.rememberSource(cause, source);
    const b = this.engine.barrier;
    const head = this.engine.journal.head;
    let res: ApplyResult;
    // The API server's request handling is a dispatch point of the fault barrier too.
    b.enter('kube-apiserver', cause?.kind ?? null, cause?.key ?? null);
    try {
      res = this.applyInner(input);
    } catch (err) {
      b.crashed(err);
      res = { ok: true, action: 'unchanged' };
    }
    b.enter(null, null, null);
    const at = positionOf(source, res.error, input);
    if (!res.ok && this.engine.journal.head === head) this.journalRefusal(input, res.error ?? 'rejected');
    if (!res.ok) this.pushError({ ...at, message: displayText(res.error ?? 'rejected'), severity: 'error' });
    else if (res.warning) this.pushError({ ...at, message: displayText(res.warning), severity: 'warning' });
    for (const w of res.apiWarnings ?? []) this.pushError({ ...nearestField(source, warningFieldPath(w)), message: displayText(w), severity: 'warning' });
    for (const n of res.notModelled ?? []) this.pushError({ ...(locateField(source, n.path) ?? at), message: displayText(n.message), severity: 'warning' });
    return res;
  }

  private pushError(e: SimError): void {
    this.errors.push(e);
    this.errorTimes.push(this.engine.clock.now());
  }

  /** An object refused before any write was tried (shape or validation, which the API server does first): journalled as kubectl's. */
  private journalRefusal(input: unknown, error: string): void {
    const o = obj(input);
    const m = obj(o?.metadata);
    const ref = { kind: str(o?.kind) ?? '', namespace: str(m?.namespace), name: str(m?.name) ?? str(m?.generateName) ?? '' };
    this.engine.journal.rejected(KUBECTL, 'create', ref, error, 'apiserver');
  }

  private applyInner(input: KubeObject): ApplyResult {
    if (obj(input)?.kind === 'Node' && !this.engine.docker) return this.applyNode(input);
    if (obj(input)?.kind === 'Cluster') return { ok: true, action: 'unchanged', warning: undefined };
    const host = this.engine.topology.nodes[0]?.name ?? '';
    return this.engine.docker ? dockerApply(this.engine.ctx, input, host) : kubectlApply(this.engine.ctx, input);
  }

  private applyNode(input: KubeObject): ApplyResult {
    const spec = nodeSpecFromObject(input, this.engine.cluster.nodes.size);
    if (typeof spec === 'string') return { ok: false, error: spec };
    const existed = this.engine.kubelets.has(spec.name);
    if (!existed && this.engine.kubelets.size >= MAX_NODES) return { ok: false, error: `nodes "${spec.name}" is forbidden: the simulator's limit of ${MAX_NODES} nodes is reached` };
    this.engine.addNode(spec);
    this.engine.refreshNode(spec.name);
    return { ok: true, action: existed ? 'configured' : 'created' };
  }

  /** `kubectl delete KIND [-n NAMESPACE] NAME`. */
  delete(kind: string, namespace: string | undefined, name: string, options: { readonly gracePeriodSeconds?: number } = {}): ApplyResult {
    const res = kubectlDelete(this.engine.ctx, kind, namespace, name, options.gracePeriodSeconds);
    if (res.ok && kind === 'Node') this.engine.removeNode(name);
    return res;
  }

  /**
   * `kubectl drain`'s eviction of one pod (POST pods/NAME/eviction): refused with 429 and kube-apiserver's
   * message when the pod's PodDisruptionBudget allows no disruption (apiserver/eviction.ts).
   */
  evict(namespace: string | undefined, name: string): EvictionResult {
    const res = evictPod(this.engine.ctx, KUBECTL, namespace, name);
    this.engine.drain();
    return res;
  }

  /** Why `target` cannot be failed/healed here, or null ("worker-1", "worker-1/kubelet", "control-plane-2/etcd"). */
  targetError(target: string): string | null {
    return targetError(this.engine.cluster, target);
  }

  /** Stops a host or one process on it. Throws on an unknown target (check with targetError). */
  fail(target: string): void {
    this.setFault(target, true);
  }

  /** Starts a stopped host or process again. */
  heal(target: string): void {
    this.setFault(target, false);
  }

  private setFault(target: string, failed: boolean): void {
    const err = this.targetError(target);
    if (err) throw new Error(err);
    const { node, component } = parseTarget(target);
    const wasUp = this.engine.cluster.nodes.get(node)?.up ?? false;
    this.engine.cluster.setFault(node, component, failed);
    this.engine.journal.fault(node, component, failed);
    emitFault(this.engine.ctx, target, failed);
    // A host going down takes its containers with it, and so does dockerd without live-restore
    // (https://docs.docker.com/engine/daemon/live-restore/). Stopping containerd does not: containers keep
    // running under their containerd-shim, and the kubelet reconnects when containerd is back.
    const lost = failed && (!component || component === 'dockerd');
    if (lost) this.engine.kubelets.get(node)?.containersLost();
    if (!failed && this.engine.docker && (!component ? !wasUp : component === 'dockerd')) markDockerContainersExited(this.engine.ctx);
    this.engine.refresh();
    this.engine.drain();
  }

  /** Steps the clock `seconds` forward, running everything that comes due. */
  advance(seconds: number): void {
    this.run(seconds, false).resume();
  }

  /**
   * Runs until no pending work would change the cluster (recurring CronJob ticks aside), or for at most
   * `maxSeconds`; returns the simulated seconds elapsed. A crash-looping container (restartPolicy Always,
   * or OnFailure with a failing exit code) keeps a restart back-off timer pending for ever, so a cluster
   * with one never settles: the run then stops at `maxSeconds` (restarts every ≤ 5 min, so this stays cheap).
   */
  runUntilSettled(maxSeconds = 3600): number {
    const start = this.engine.clock.now();
    this.run(maxSeconds, true).resume();
    return this.engine.clock.now() - start;
  }

  /**
   * Why the last runUntilSettled stopped with work pending (null when nothing is pending): the components
   * and objects whose timers are still due, e.g. a crash-looping container's restart back-off.
   */
  unsettledReason(): string | null {
    const n = this.engine.timers.pendingWork();
    if (n === 0) return null;
    const top = this.engine.timers.pendingCauses(3).map((c) => (c.count > 1 ? `${c.what} ×${c.count}` : c.what));
    const next = this.engine.timers.nextWorkAt();
    const due = next !== null && next > this.now() ? `, the next due at t=${next}s` : '';
    return `${n} timer${n === 1 ? '' : 's'} still pending${due}: ${top.join(', ')}${n > top.length ? ', …' : ''}`;
  }

  /**
   * An interruptible run (run.ts): `seconds` forward, or until settled within them. `resume(shouldYield)`
   * runs it in slices, so a caller can stop between two units of work to answer newer requests.
   */
  run(seconds: number, untilSettled: boolean): Run {
    return new Run(this.engine, this.engine.clock.now() + Math.max(0, seconds), untilSettled);
  }

  /** Current simulated second. */
  now(): number {
    return this.engine.clock.now();
  }

  /** The cluster as the CLI's JSON prints it (plus view extras), deterministic. */
  snapshot(): ClusterSnapshot {
    return buildSnapshot(this.engine, this.errors);
  }

  /**
   * The cluster at simulated second `time` of this run, rebuilt from the journal (the latest
   * checkpoint before it plus the records up to it): equal to the snapshot a run stopped at `time`
   * would give. `time` at or after now is the live snapshot. Throws when `time` is older than the
   * journal's horizon (oldestTime) or the journal is off.
   */
  snapshotAt(time: number): ClusterSnapshot {
    if (time >= this.now()) return this.snapshot();
    const past = this.stateAt(time);
    return snapshotOf(this.historicSource(past), this.errorsAt(time));
  }

  /** The state at a past `time` (see snapshotAt). */
  stateAt(time: number): HistoricState {
    const past = stateAt(this.engine.journal, this.engine.store, this.engine.topology, time, this.engine.events.capacity);
    if (!past) throw new Error(`t=${time}s is not in the journal (kept from t=${this.engine.journal.oldestTime}s${this.engine.journal.enabled ? '' : '; the journal is off'})`);
    return past;
  }

  /** A snapshot source over a past state. */
  historicSource(past: HistoricState): SnapshotSource {
    return {
      time: past.time, topology: this.engine.topology, cluster: past.cluster, store: past.store, leaders: past.leaders,
      maxReplicas: this.engine.ctx.options.maxReplicasPerWorkload, events: () => past.events,
    };
  }

  /** The apply errors and warnings recorded up to `time`. */
  errorsAt(time: number): readonly SimError[] {
    let n = 0;
    while (n < this.errorTimes.length && this.errorTimes[n] <= time) n++;
    return this.errors.slice(0, n);
  }

  /** The journal: every write, decision and fault of this run (see src/shared/journal.ts). */
  get journal(): Journal {
    return this.engine.journal;
  }

  /** Events with seq >= index still in the ring buffer. */
  eventsSince(index: number): readonly SimEvent[] {
    return this.engine.events.since(index);
  }

  /** Subscribes to every new event. */
  onEvent(listener: (e: SimEvent) => void): () => void {
    return this.engine.events.subscribe(listener);
  }

  /** Editor additions (issue 7): each object's pods with the scheduler's verdicts, node usage and images. */
  editorFacts(): EditorFacts {
    return buildEditorFacts(this.engine);
  }

  /** The crashes as errors at their objects' sources (the editor shows them as diagnostics). */
  crashErrors(): readonly SimError[] {
    return this.crashRows;
  }

  /** Crashes contained so far (each a bug in the simulator): the fuzz test expects none. */
  crashes(): readonly Crash[] {
    return this.engine.barrier.crashes();
  }

  private rememberSource(cause: { kind: string; key: string }, source: SourcePosition): void {
    this.sources.set(`${cause.kind}|${cause.key}`, { file: source.file, line: source.line, column: source.column });
  }

  /**
   * A component crashed on an object: an error at the source of the object, or of the nearest owner that
   * came from a manifest (a pod of a Deployment points at the Deployment), plus a row in the event log.
   */
  private reportCrash(c: Crash): void {
    const what = c.kind && c.key !== null ? `${c.kind} ${c.key}` : null;
    const message = displayText(`internal error in ${c.component}${what ? ` while handling ${displayText(what, 256)}` : ''}: ${c.message} (a bug in the simulator; the rest of the cluster is still simulated)`);
    const at = this.sourceOfCause(c.kind, c.key);
    const row: SimError = { file: at?.file ?? '', line: at?.line ?? 0, column: at?.column ?? 0, message, severity: 'error' };
    this.errors.push(row);
    this.crashRows.push(row);
    const ref = c.kind && c.key !== null ? refFromKey(c.kind, c.key) : null;
    this.engine.ctx.emit('simulator', { component: 'simulator' }, 'InternalError', ref, message, 'Warning');
  }

  /** The cluster-wide pod limit refused a pod: one error per owner, at the owner's source, naming it. */
  private reportPodLimit(pod: KubeObject): void {
    const uid = ownerUid(pod);
    const owner = uid ? this.engine.store.byId(uid) : undefined;
    const c = causeOf(owner ?? pod);
    const what = c ? `${c.kind} ${c.key}` : 'a pod';
    if (this.limited.has(what)) return;
    this.limited.add(what);
    const at = c ? this.sourceOfCause(c.kind, c.key) : undefined;
    const message = displayText(`${what}: pods beyond the simulator's cluster-wide limit of ${this.engine.api.podLimit} pods are refused (Kubernetes supports clusters of up to 150,000 pods)`);
    this.errors.push({ file: at?.file ?? '', line: at?.line ?? 0, column: at?.column ?? 0, message, severity: 'error' });
  }

  private sourceOfCause(kind: string | null, k: string | null): SourcePosition | undefined {
    if (!kind || k === null) return undefined;
    const store = this.engine.store;
    let cur: KubeObject | undefined = store.getByKey(kind, k);
    let at = this.sources.get(`${kind}|${k}`);
    for (let depth = 0; !at && cur && depth < 8; depth++) {
      const owner = ownerUid(cur);
      if (!owner) return undefined;
      cur = store.byId(owner);
      const c = cur ? causeOf(cur) : null;
      at = c ? this.sources.get(`${c.kind}|${c.key}`) : undefined;
    }
    return at;
  }

  /** Errors and warnings of apply() calls so far. */
  applyErrors(): readonly SimError[] {
    return this.errors;
  }

  /** Forgets them (a long-lived caller such as the live cluster keeps its own per object, or they pile up per edit). */
  clearApplyErrors(): void {
    this.errors.length = 0;
  }

  /** Per-reason event counts (including events rotated out of the ring buffer). */
  eventCounts(): ReadonlyMap<string, number> {
    return this.engine.events.reasonCounts();
  }

  /** The underlying engine, for tests and the benchmark (store, timers, components). */
  get internals(): Engine {
    return this.engine;
  }
}
