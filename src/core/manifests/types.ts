/**
 * Public types of the manifest layer: YAML text → Kubernetes objects with source ranges.
 */

/** A 1-based line and column, as compilers print them (column counts UTF-16 code units). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A span of source text: 1-based positions plus the 0-based character offsets they come from. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
  readonly startOffset: number;
  readonly endOffset: number;
}

/** How bad a diagnostic is. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem found in a manifest file, with the position of the offending text. */
export interface ManifestDiagnostic {
  readonly file: string;
  readonly range: Range;
  readonly severity: Severity;
  /** A stable identifier, one of {@link DiagnosticCode}. */
  readonly code: string;
  readonly message: string;
}

/** A Kubernetes object as written in a manifest (no defaults applied). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** A path into an object, e.g. `['spec', 'template', 'spec', 'containers', 0, 'image']`. */
export type ObjectPath = readonly (string | number)[];

/** An object together with where it came from. */
export interface SourcedObject {
  readonly object: KubeObject;
  readonly file: string;
  /** Index of the YAML document in the file's stream (0-based); items of a `List` share it. */
  readonly documentIndex: number;
  /** The whole document (or the whole `List` item). */
  readonly range: Range;
  /** Range of the value at a path relative to the object, or undefined when the path is not in the source. */
  readonly keyRange: (path: ObjectPath) => Range | undefined;
}

/** What {@link parseManifests} found in one file. */
export interface ParseResult {
  readonly objects: readonly SourcedObject[];
  readonly diagnostics: readonly ManifestDiagnostic[];
  /** Set when the whole file is not Kubernetes (CI config, Helm template...). */
  readonly skipped?: { readonly reason: string };
}

/** Resource limits for parsing; each protects the editor from a hostile or accidental file. */
export interface ParseOptions {
  /** Files longer than this (in UTF-16 code units, ~bytes) are rejected. Default 5 MiB. */
  maxBytes?: number;
  /** yaml's alias-expansion budget per anchor (aliases used × aliases inside it). Default 100. */
  maxAliasCount?: number;
  /** Deepest nesting of collections. Default 200. */
  maxDepth?: number;
  /** Most YAML documents in one file. Default 10,000. */
  maxDocuments?: number;
  /** Most nodes in one document, counted after alias expansion. Default 1,000,000. */
  maxNodes?: number;
}

/** The limits used when {@link ParseOptions} leaves one out. */
export const DEFAULT_PARSE_OPTIONS: Readonly<Required<ParseOptions>> = {
  maxBytes: 5 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 200,
  maxDocuments: 10_000,
  maxNodes: 1_000_000,
};

/** Stable diagnostic codes, so adapters and tests need not match on messages. */
export const DiagnosticCode = {
  fileTooLarge: 'file-too-large',
  yamlSyntax: 'yaml-syntax',
  yamlWarning: 'yaml-warning',
  duplicateKey: 'duplicate-key',
  aliasBomb: 'yaml-alias-limit',
  tooDeep: 'yaml-too-deep',
  tooManyNodes: 'yaml-too-large',
  tooManyDocuments: 'too-many-documents',
  notKubernetes: 'not-kubernetes',
  templateAction: 'template-action',
  missingApiVersion: 'missing-api-version',
  missingKind: 'missing-kind',
  invalidMetadata: 'invalid-metadata',
  missingName: 'missing-name',
  invalidName: 'invalid-name',
  invalidQuantity: 'invalid-quantity',
  invalidCount: 'invalid-count',
  countCapped: 'count-capped',
  internalError: 'internal-error',
  tooManyKindNodes: 'kind-node-limit',
} as const;

/**
 * The most hosts a simulated cluster has: four times the 5,000 nodes of Kubernetes' largest supported
 * cluster ("Considerations for large clusters", https://kubernetes.io/docs/setup/best-practices/cluster-large/).
 * A kind config with more `nodes:` is refused by the manifest layer before it is parsed (kindConfig.ts).
 */
export const MAX_SIMULATED_NODES = 20_000;

/** The simulation never runs more than this many replicas/completions for one workload. */
export const MAX_SIMULATED_COUNT = 10_000;
