/**
 * Lessons: the study guide as scenarios a learner plays and a teacher tests. A scenario file is plain
 * YAML (documented in the README, schema in schemas/lesson.schema.json): a title, a topology, manifests
 * applied at time 0, and steps, each an action with optional narration, a prediction question and checks.
 */
import type { Range } from '../manifests';

/** Where something was written in the scenario file, for diagnostics and "check failed at …". */
export interface Located {
  readonly range: Range;
}

/** `kind/name` or `kind/namespace/name`, as kubectl names objects. */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

/** A manifest source: a path relative to the scenario file, or an object written inline. */
export type ManifestSource =
  | { readonly path: string; readonly range: Range }
  | { readonly inline: Readonly<Record<string, unknown>>; readonly range: Range };

/** What one step does before its checks run. */
export type Action =
  | { readonly type: 'apply'; readonly manifests: readonly ManifestSource[] }
  | { readonly type: 'edit'; readonly object: ObjectRef; readonly patch: Readonly<Record<string, unknown>> }
  | { readonly type: 'delete'; readonly object: ObjectRef }
  | { readonly type: 'scale'; readonly object: ObjectRef; readonly replicas: number }
  | { readonly type: 'fail'; readonly target: string }
  | { readonly type: 'heal'; readonly target: string }
  | { readonly type: 'wait'; readonly seconds: number }
  | { readonly type: 'settle'; readonly maxSeconds: number };

/** A "predict, then run" question, asked before the step plays. */
export interface Question {
  readonly prompt: string;
  readonly choices: readonly string[];
  /** Index into `choices`. */
  readonly answer: number;
  readonly explanation: string;
}

/** A label selector as kubectl takes it: `app=shop,tier!=db`. */
export interface SelectorTerm {
  readonly key: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

/** One checkable statement about the cluster after a step. */
export type Check = Located & (
  | { readonly type: 'pods'; readonly selector: readonly SelectorTerm[]; readonly namespace?: string; readonly phase?: string; readonly status?: string; readonly node?: string; readonly ready?: boolean; readonly count: number }
  | { readonly type: 'pod'; readonly name: string; readonly namespace?: string; readonly node?: string | null; readonly phase?: string; readonly status?: string; readonly ready?: boolean; readonly exists?: boolean }
  | { readonly type: 'node'; readonly name: string; readonly ready?: boolean; readonly up?: boolean; readonly pods?: number }
  | { readonly type: 'etcd'; readonly quorum?: boolean; readonly healthy?: number }
  | { readonly type: 'leader'; readonly component: 'kube-scheduler' | 'kube-controller-manager'; readonly node: string | null }
  | { readonly type: 'workload'; readonly object: ObjectRef; readonly ready?: number; readonly desired?: number }
  | { readonly type: 'service'; readonly object: ObjectRef; readonly endpoints: number }
  | { readonly type: 'event'; readonly reason: string; readonly object?: ObjectRef; readonly eventType?: 'Normal' | 'Warning'; readonly component?: string; readonly present: boolean }
  | { readonly type: 'applied'; readonly ok: boolean; readonly message?: string }
);

/** One step of a lesson. */
export interface Step extends Located {
  readonly title?: string;
  readonly narration?: string;
  readonly action: Action;
  readonly question?: Question;
  readonly checks: readonly Check[];
}

/** The topology a lesson runs on: a preset, or a kind `Cluster` config file beside the lesson. */
export type LessonTopology =
  | { readonly preset: 'docker-server' | 'single-node' | 'multi-worker' | 'ha' }
  | { readonly file: string; readonly range: Range };

/** A whole lesson. */
export interface Scenario {
  readonly file: string;
  readonly title: string;
  readonly summary?: string;
  readonly topology: LessonTopology;
  /** Applied at time 0, then the cluster runs until settled, before step 1. */
  readonly manifests: readonly ManifestSource[];
  readonly steps: readonly Step[];
}

/** A problem in a scenario file, with its position (1-based line and column). */
export interface ScenarioDiagnostic {
  readonly file: string;
  readonly range: Range;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** The outcome of one check. */
export interface CheckResult {
  readonly check: Check;
  readonly passed: boolean;
  /** What the check asked for, in words ("3 pods app=shop Running"). */
  readonly expected: string;
  /** What the cluster showed ("2 pods app=shop Running: shop-…-a, shop-…-b"). */
  readonly seen: string;
}

/** The outcome of one step. */
export interface StepResult {
  readonly index: number;
  readonly step: Step;
  /** Simulated seconds after the step's action. */
  readonly time: number;
  /** Set when the action itself could not be done (an unknown object, an API server refusal is not this). */
  readonly error?: string;
  readonly checks: readonly CheckResult[];
}
