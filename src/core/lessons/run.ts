/**
 * Playing a scenario on the simulation, one step at a time: the CLI's `kube-anatomy run` plays them all,
 * the Cluster View plays them one by one with their narration and questions. Deterministic: the same
 * scenario always gives the same results.
 */
import { parseManifests, type ManifestDiagnostic, type SourcedObject } from '../manifests';
import { presetTopology, Simulation, topologyFromObjects, type KubeObject, type SimEvent, type TopologySpec } from '../sim';
import { evaluate } from './checks';
import { nodeDiagnostics, targetDiagnostics } from './targets';
import { mergePatch } from './mergePatch';
import { refText } from './refs';
import type { Action, ManifestSource, ObjectRef, Scenario, ScenarioDiagnostic, StepResult } from './types';

/** Reads a file named relative to the scenario file; throws an Error with a message when it cannot. */
export type ReadRelative = (path: string) => string;

/** A problem found while setting a scenario up (a manifest that does not parse, a target that does not exist). */
export interface SetupProblem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

interface Applied { readonly object: KubeObject; readonly source: SourcedObject | undefined }

/** One play-through of a scenario. */
export class LessonRun {
  readonly sim: Simulation;
  /** Manifests that did not parse or apply at setup, and scenario references that cannot work on this cluster. */
  readonly problems: SetupProblem[] = [];
  private readonly applied = new Map<string, Applied>();
  private stepEvents: SimEvent[] = [];
  private stepErrors: string[] = [];
  private index = 0;
  /** Every node the cluster had after some step: a check on a node that a step adds is sound. */
  private readonly nodesSeen = new Set<string>();

  private constructor(readonly scenario: Scenario, private readonly read: ReadRelative, topology: TopologySpec) {
    this.sim = new Simulation({ topology });
    this.sim.onEvent((e) => this.stepEvents.push(e));
  }

  /** Builds the cluster, applies the scenario's manifests and runs until settled: the state before step 1. */
  static start(scenario: Scenario, read: ReadRelative): LessonRun {
    const problems: SetupProblem[] = [];
    const topology = resolveTopology(scenario, read, problems);
    const run = new LessonRun(scenario, read, topology);
    run.problems.push(...problems, ...asProblems(targetDiagnostics(scenario, topology).filter((d) => d.severity === 'error')));
    run.applyAll(scenario.manifests);
    run.problems.push(...run.stepErrors.map((message) => ({ severity: 'error' as const, file: scenario.file, line: 0, column: 0, message })));
    run.sim.runUntilSettled();
    return run;
  }

  /** Whether every step has played. */
  get done(): boolean {
    return this.index >= this.scenario.steps.length;
  }

  /** The index of the next step to play. */
  get position(): number {
    return this.index;
  }

  /** Plays the next step and evaluates its checks; undefined when the scenario is over. */
  next(): StepResult | undefined {
    const step = this.scenario.steps[this.index];
    if (!step) return undefined;
    this.stepErrors = [];
    const error = this.perform(step.action);
    const ctx = { snapshot: this.sim.snapshot(), podLabels: this.podLabels, events: this.stepEvents, applyErrors: this.stepErrors };
    const checks = step.checks.map((c) => evaluate(c, ctx));
    this.stepEvents = []; // a step's event checks see what happened since the previous step (step 1: since the start)
    for (const n of ctx.snapshot.cluster.nodes) this.nodesSeen.add(n.name);
    if (this.index === this.scenario.steps.length - 1) this.problems.push(...nodeProblems(this.scenario, this.nodesSeen));
    return { index: this.index++, step, time: this.sim.now(), error, checks };
  }

  /** Plays every remaining step. */
  runToEnd(): StepResult[] {
    const out: StepResult[] = [];
    for (let r = this.next(); r; r = this.next()) out.push(r);
    return out;
  }

  private readonly podLabels = (namespace: string, name: string): Readonly<Record<string, string>> | undefined =>
    this.sim.internals.store.get('Pod', namespace, name)?.metadata.labels;

  private perform(action: Action): string | undefined {
    try {
      switch (action.type) {
        case 'apply': this.applyAll(action.manifests); return undefined;
        case 'edit': return this.reapply(action.object, (o) => mergePatch(o, action.patch));
        case 'scale': return this.reapply(action.object, (o) => mergePatch(o, { spec: { replicas: action.replicas } }));
        case 'delete': {
          const res = this.sim.delete(action.object.kind, action.object.namespace ?? (action.object.kind === 'Node' ? undefined : 'default'), action.object.name);
          if (!res.ok) this.stepErrors.push(res.error ?? 'refused');
          this.applied.delete(key(action.object));
          return undefined;
        }
        case 'fail': this.sim.fail(action.target); return undefined;
        case 'heal': this.sim.heal(action.target); return undefined;
        case 'wait': this.sim.advance(action.seconds); return undefined;
        case 'settle': this.sim.runUntilSettled(action.maxSeconds); return undefined;
      }
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  private reapply(ref: ObjectRef, change: (o: KubeObject) => KubeObject): string | undefined {
    const prior = this.applied.get(key(ref));
    if (!prior) return `${refText(ref)} was not applied by this scenario, so there is no manifest to change`;
    this.applyObject(change(prior.object), prior.source);
    return undefined;
  }

  private applyAll(sources: readonly ManifestSource[]): void {
    for (const src of sources) {
      if ('inline' in src) {
        this.applyObject(src.inline as KubeObject, undefined, { file: this.scenario.file, line: src.range.start.line, column: src.range.start.column });
        continue;
      }
      const parsed = this.parseFile(src.path);
      for (const o of parsed) this.applyObject(o.object, o);
    }
  }

  private parseFile(path: string): SourcedObject[] {
    let text: string;
    try {
      text = this.read(path);
    } catch (err) {
      this.stepErrors.push(`${path}: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
    const res = parseManifests(text, path);
    for (const d of res.diagnostics.filter((x) => x.severity === 'error')) this.stepErrors.push(diagText(d));
    if (res.skipped) this.stepErrors.push(`${path}: not applied: ${res.skipped.reason}`);
    return [...res.objects];
  }

  private applyObject(object: KubeObject, source: SourcedObject | undefined, at?: { file: string; line: number; column: number }): void {
    const pos = source ? { file: source.file, line: source.range.start.line, column: source.range.start.column, locate: locator(source) } : at;
    const res = this.sim.apply(object, pos);
    if (!res.ok) { this.stepErrors.push(res.error ?? 'refused'); return; }
    const m = object.metadata ?? {};
    this.applied.set(key({ kind: object.kind, namespace: m.namespace, name: m.name ?? '' }), { object, source });
  }
}

function key(ref: { kind: string; namespace?: string; name: string }): string {
  const ns = ref.kind === 'Node' || ref.kind === 'Namespace' ? '' : ref.namespace ?? 'default';
  return `${ref.kind}/${ns}/${ref.name}`;
}

function locator(source: SourcedObject) {
  return (path: (string | number)[]) => {
    const r = source.keyRange(path);
    return r ? { file: source.file, line: r.start.line, column: r.start.column } : undefined;
  };
}

function diagText(d: ManifestDiagnostic): string {
  return `${d.file}:${d.range.start.line}:${d.range.start.column}: ${d.message}`;
}

function resolveTopology(scenario: Scenario, read: ReadRelative, problems: SetupProblem[]): TopologySpec {
  const t = scenario.topology;
  if ('preset' in t) return presetTopology(t.preset);
  const at = { file: scenario.file, line: t.range.start.line, column: t.range.start.column };
  try {
    const res = parseManifests(read(t.file), t.file);
    const topology = topologyFromObjects(res.objects.map((o) => o.object));
    if (topology) return topology;
    problems.push({ ...at, severity: 'error', message: `topology: ${t.file} holds no kind Cluster config or Node objects; using multi-worker` });
  } catch (err) {
    problems.push({ ...at, severity: 'error', message: `topology: ${err instanceof Error ? err.message : String(err)}` });
  }
  return presetTopology('multi-worker');
}

function asProblems(diags: readonly ScenarioDiagnostic[]): SetupProblem[] {
  return diags.map((d) => ({ severity: d.severity, file: d.file, line: d.range.start.line, column: d.range.start.column, message: d.message }));
}

/** Checks on nodes that the cluster never had, found once the whole scenario has played. */
function nodeProblems(scenario: Scenario, nodes: ReadonlySet<string>): SetupProblem[] {
  return asProblems(nodeDiagnostics(scenario, [...nodes]));
}

