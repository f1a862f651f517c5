/**
 * The manifest layer: YAML text → Kubernetes objects with source ranges, and
 * diagnostics with 1-based line and column.
 */
export type {
  KubeObject, ManifestDiagnostic, ObjectPath, ParseOptions, ParseResult, Position, Range, Severity, SourcedObject,
} from './types';
export { DEFAULT_PARSE_OPTIONS, DiagnosticCode, MAX_SIMULATED_COUNT, MAX_SIMULATED_NODES } from './types';
export { parseManifests } from './parse';
export { findPathAtOffset, wordAt } from './lookup';
export type { PathAtOffset, WordAt } from './lookup';
export { podSpecPath } from './validate';
export { checkName, nameRuleFor } from './names';
export type { NameRule } from './names';
