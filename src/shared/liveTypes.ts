/**
 * Plain data types of the live cluster, shared by the engine side (src/core/live), the worker
 * protocol and the extension host. Types only: nothing here imports from src/core, so the webview's
 * type-check never compiles the engine (core checks at compile time that its own types match these).
 */
import type { ClusterView } from './protocol';

/** The study guide's pictures (src/core/sim/topology/presets.ts PRESET_NAMES). */
export type PresetName = 'docker-server' | 'single-node' | 'multi-worker' | 'ha';

/** Which cluster the workspace runs on: read from the manifests ('auto') or one of the study guide's presets. */
export type TopologyChoice = 'auto' | PresetName;

/** An open YAML document. */
export interface WorkspaceDocument {
  readonly uri: string;
  readonly text: string;
}

/** A 1-based line and column with the 0-based offsets they come from (the manifest layer's Range). */
export interface SourceRange {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
  readonly startOffset: number;
  readonly endOffset: number;
}

/** A problem to show in the editor, from parsing or from the simulated API server. */
export interface DocumentDiagnostic {
  readonly range: SourceRange;
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
}

/** Live lines for the hovers, per glossary entry id (src/core/view/facts.ts). */
export type LiveFacts = Readonly<Record<string, readonly string[]>>;

/** What the editor shows after a change. */
export interface LiveState {
  readonly view: ClusterView;
  readonly facts: LiveFacts;
  /** uri → problems; every synced uri is present (an empty list clears old problems). */
  readonly diagnostics: Readonly<Record<string, readonly DocumentDiagnostic[]>>;
  readonly objects: number;
  /** Nothing pending would change the cluster at the head (false: it is still settling, e.g. while the view's clock runs). */
  readonly settled: boolean;
  /** Set when this is the state at the play head in the past: its time and the head's (the latest simulated second). */
  readonly past?: { readonly time: number; readonly head: number };
}

/** How far a long computation has got: pods Running out of the pods the manifests ask for. */
export interface LiveProgress {
  readonly done: number;
  readonly total: number;
  /** Simulated seconds so far. */
  readonly time: number;
}
