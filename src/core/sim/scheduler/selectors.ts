/**
 * Label and node selectors, compiled once into predicates.
 *
 * Semantics from apimachinery `labels.Selector` and component-helpers
 * `nodeaffinity.NodeSelector` (https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/):
 * NotIn and DoesNotExist match when the key is absent; Gt/Lt compare integers;
 * an empty term matches nothing; terms are ORed, requirements within a term ANDed.
 */
import { items, record, stringMap, strings } from './safe';
import type { LabelSelector, Labels, NodeSelectorTerm, SelectorRequirement } from './types';

/** A compiled predicate over a label map (and, for node terms, the node name). */
export type LabelMatcher = (labels: Labels, nodeName: string) => boolean;

const NEVER: LabelMatcher = () => false;
const ALWAYS: LabelMatcher = () => true;

function parseInt64(s: string | undefined): number | null {
  return s !== undefined && /^[+-]?\d+$/.test(s) ? Number(s) : null;
}

/** Compiles one requirement over a value getter (label lookup or a field). */
function compileRequirement(req: SelectorRequirement, get: (labels: Labels, nodeName: string) => string | undefined): LabelMatcher {
  const values = strings(req.values);
  const set = new Set(values);
  switch (req.operator) {
    case 'In':
      return (l, n) => { const v = get(l, n); return v !== undefined && set.has(v); };
    case 'NotIn':
      return (l, n) => { const v = get(l, n); return v === undefined || !set.has(v); };
    case 'Exists':
      return (l, n) => get(l, n) !== undefined;
    case 'DoesNotExist':
      return (l, n) => get(l, n) === undefined;
    case 'Gt':
    case 'Lt': {
      const bound = values.length === 1 ? parseInt64(values[0]) : null;
      if (bound === null) return NEVER;
      const gt = req.operator === 'Gt';
      return (l, n) => { const v = parseInt64(get(l, n)); return v !== null && (gt ? v > bound : v < bound); };
    }
    default:
      return NEVER; // an invalid operator is an error, which the scheduler treats as "no match"
  }
}

function labelGetter(key: string): (labels: Labels) => string | undefined {
  return (labels) => (Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined);
}

function allOf(matchers: readonly LabelMatcher[]): LabelMatcher {
  if (matchers.length === 0) return ALWAYS;
  if (matchers.length === 1) return matchers[0];
  return (l, n) => matchers.every((m) => m(l, n));
}

/** `matchLabels` as equality requirements. */
function equalityMatchers(labels: Labels | undefined): LabelMatcher[] {
  return Object.entries(stringMap(labels)).map(([k, v]) => {
    const get = labelGetter(k);
    return (l: Labels) => get(l) === v;
  });
}

/** `metav1.LabelSelector`: null matches nothing, `{}` matches everything. */
export function compileLabelSelector(sel: LabelSelector | null | undefined): LabelMatcher {
  if (sel === null || sel === undefined) return NEVER;
  if (!record(sel)) return NEVER;
  const exprs = items<SelectorRequirement>(sel.matchExpressions).map((r) => compileRequirement(r, labelGetter(String(r.key))));
  return allOf([...equalityMatchers(sel.matchLabels), ...exprs]);
}

/** `spec.nodeSelector`: every label must be present with that value. */
export function compileNodeSelectorMap(sel: Labels | undefined): LabelMatcher {
  return allOf(equalityMatchers(sel));
}

/** One `NodeSelectorTerm`; matchFields supports only `metadata.name`, as the API does. */
export function compileNodeSelectorTerm(term: NodeSelectorTerm | undefined): LabelMatcher {
  const exprs = items<SelectorRequirement>(record<NodeSelectorTerm>(term)?.matchExpressions);
  const fields = items<SelectorRequirement>(record<NodeSelectorTerm>(term)?.matchFields);
  if (exprs.length === 0 && fields.length === 0) return NEVER;
  const fieldMatchers = fields.map((r) =>
    r.key === 'metadata.name' ? compileRequirement(r, (_l, n) => n) : NEVER);
  return allOf([...exprs.map((r) => compileRequirement(r, labelGetter(String(r.key)))), ...fieldMatchers]);
}

/** `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`: ORed; an empty list matches nothing. */
export function compileNodeSelectorTerms(terms: readonly NodeSelectorTerm[]): LabelMatcher {
  const compiled = items<NodeSelectorTerm>(terms).map(compileNodeSelectorTerm);
  return (l, n) => compiled.some((m) => m(l, n));
}
