/**
 * The cluster simulation engine: a deterministic model of a cluster built the way Kubernetes
 * is built (API server over an etcd-like store, controllers, scheduler, kubelets), stepped by
 * a simulated clock. Pure TypeScript: no vscode, no DOM, no wall clock, no Math.random.
 *
 * Usage: `const sim = Simulation.preset('multi-worker'); sim.apply(obj); sim.runUntilSettled(); sim.snapshot()`.
 */
import { KUBECTL, parseTarget } from './cluster';
import type { SchedulingAlgorithm } from './components/kubeScheduler';
import type { ControllerFactory } from './controllers/controllerManager';
import { dockerApply } from './docker';
import { Engine } from './engine';
import { emitFault, markDockerContainersExited, targetError } from './faults';
import { DEFAULT_JOURNAL_OPTIONS, type Journal, type JournalOptions } from './journal/journal';
import { stateAt, type HistoricState } from './journal/history';
import { kubectlApply, kubectlDelete } from './kubectl';
import { obj, str } from './objects';
import { Scheduler } from './scheduler';
import { buildSnapshot, snapshotOf, type ClusterSnapshot, type SnapshotSource } from './snapshot';
import { presetTopology, type PresetName } from './topology/presets';
import { nodeSpecFromObject } from './topology/fromObjects';
import type { TopologySpec } from './topology/types';
import { WORKLOAD_CONTROLLERS } from './controllers/workloads';
import type { ApplyResult, KubeObject, SimError, SimEvent, SourcePosition } from './types';

export type { ApplyResult, KubeObject, SimError, SimEvent, SourcePosition } from './types';
export type { ClusterSnapshot } from './snapshot';
export type { TopologySpec, NodeSpec, TaintSpec } from './topology/types';
export { presetTopology, PRESET_NAMES, isPresetName, type PresetName } from './topology/presets';
export { topologyFromObjects } from './topology/fromObjects';

/** Options of a Simulation. */
export interface SimulationOptions {
  readonly topology: TopologySpec;
  /** kube-scheduler percentageOfNodesToScore (0 or absent = its adaptive default). */
  readonly percentageOfNodesToScore?: number;
  /** Largest replica count simulated per workload (default 10,000 — the manifest layer's MAX_SIMULATED_COUNT; larger inputs are capped with a warning). */
  readonly maxReplicasPerWorkload?: number;
  /** Record per-pod lifecycle events (default true). */
  readonly podEvents?: boolean;
  /** The journal's detail, horizon and checkpoint spacing (default DEFAULT_JOURNAL_OPTIONS: full detail). */
  readonly journal?: Partial<JournalOptions>;
}

/** Maps a field path of the object to its position in the source (SourcedObject.keyRange). */
export type Locator = (path: (string | number)[]) => SourcePosition | undefined;

/** The position of the field an API error names ("spec.containers[0].image: ..."), else the object's. */
function positionOf(source: (SourcePosition & { locate?: Locator }) | undefined, error: string | undefined): SourcePosition {
  const base = { file: source?.file ?? '', line: source?.line ?? 0, column: source?.column ?? 0 };
  const m = error ? /is invalid: ([A-Za-z0-9_.[\]-]+): /.exec(error) : null;
  if (!m || !source?.locate) return base;
  const path = m[1].split(/\.|\[|\]/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  for (let n = path.length; n > 0; n--) {
    const at = source.locate(path.slice(0, n));
    if (at) return { file: base.file, line: at.line, column: at.column };
  }
  return base;
}

/** Default replica cap per workload: big enough to teach, small enough to answer instantly. */
export const DEFAULT_MAX_REPLICAS = 10_000;

/** A simulated cluster: apply/delete objects, inject faults, step time, read snapshots and events. */
export class Simulation {
  private readonly engine: Engine;
  private readonly errors: SimError[] = [];
  /** The simulated second of each entry of `errors` (so a past moment lists only the errors it had). */
  private readonly errorTimes: number[] = [];

  constructor(options: SimulationOptions) {
    const algo = new Scheduler({ percentageOfNodesToScore: options.percentageOfNodesToScore ?? 0 });
    const opts = { maxReplicasPerWorkload: options.maxReplicasPerWorkload ?? DEFAULT_MAX_REPLICAS, podEvents: options.podEvents ?? true };
    const extra: readonly ControllerFactory[] = WORKLOAD_CONTROLLERS;
    // Objects reach the scheduler only after the API server's validation (validation.ts), so the loosely
    // typed KubeObjects the engine hands it have the shapes its SchedPod/SchedNode types describe.
    const algorithm = algo as unknown as SchedulingAlgorithm;
    this.engine = new Engine(options.topology, algorithm, opts, extra, { ...DEFAULT_JOURNAL_OPTIONS, ...options.journal });
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
    const head = this.engine.journal.head;
    const res = this.applyInner(input);
    const at = positionOf(source, res.error);
    if (!res.ok && this.engine.journal.head === head) this.journalRefusal(input, res.error ?? 'rejected');
    if (!res.ok) this.pushError({ ...at, message: res.error ?? 'rejected', severity: 'error' });
    else if (res.warning) this.pushError({ ...at, message: res.warning, severity: 'warning' });
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
    this.engine.addNode(spec);
    this.engine.refresh();
    return { ok: true, action: existed ? 'configured' : 'created' };
  }

  /** `kubectl delete KIND [-n NAMESPACE] NAME`. */
  delete(kind: string, namespace: string | undefined, name: string): ApplyResult {
    const res = kubectlDelete(this.engine.ctx, kind, namespace, name);
    if (res.ok && kind === 'Node') this.engine.removeNode(name);
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
    const end = this.engine.clock.now() + Math.max(0, seconds);
    this.engine.drain();
    while (this.engine.step(end));
    this.engine.clock.set(end);
  }

  /**
   * Runs until no pending work would change the cluster (recurring CronJob ticks aside), or for at most
   * `maxSeconds`; returns the simulated seconds elapsed. A crash-looping container (restartPolicy Always,
   * or OnFailure with a failing exit code) keeps a restart back-off timer pending for ever, so a cluster
   * with one never settles: the run then stops at `maxSeconds` (restarts every ≤ 5 min, so this stays cheap).
   */
  runUntilSettled(maxSeconds = 3600): number {
    const start = this.engine.clock.now();
    this.engine.drain();
    while (this.engine.timers.pendingWork() > 0 && this.engine.step(start + maxSeconds));
    return this.engine.clock.now() - start;
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

  /** Errors and warnings of apply() calls so far. */
  applyErrors(): readonly SimError[] {
    return this.errors;
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
