import type { ClusterView, ViewDelta, ViewNode } from '../../shared/protocol';

type Fields = ViewDelta['fields'];

/**
 * What changed between two views: top-level fields replaced whole, nodes compared one by one
 * (a 50-node cluster where one pod starts sends one node). Null when nothing changed.
 * The webview applies it with `applyDelta` (src/webview/model.ts).
 */
export function diffView(prev: ClusterView, next: ClusterView): ViewDelta | null {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ClusterView)[]) {
    if (key === 'nodes' || key === 'steps') continue;
    if (json(prev[key]) !== json(next[key])) fields[key] = next[key];
  }
  for (const key of Object.keys(prev) as (keyof ClusterView)[]) if (!(key in next) && key !== 'steps') fields[key] = undefined;
  const before = new Map(prev.nodes.map((n) => [n.name, json(n)]));
  const changed: ViewNode[] = next.nodes.filter((n) => before.get(n.name) !== json(n));
  const names = new Set(next.nodes.map((n) => n.name));
  const removed = prev.nodes.filter((n) => !names.has(n.name)).map((n) => n.name);
  const reordered = prev.nodes.length !== next.nodes.length || prev.nodes.some((n, i) => next.nodes[i]?.name !== n.name);
  if (Object.keys(fields).length === 0 && changed.length === 0 && removed.length === 0 && !reordered) return null;
  return { fields: fields as Fields, nodes: changed, removedNodes: removed, ...(reordered ? { order: next.nodes.map((n) => n.name) } : {}) };
}

/**
 * JSON of a part of a view, once per object: the host diffs each view it receives against the one it sent
 * before, which was the `next` of the diff before, so its nodes and grid are not serialised again (at 5,000
 * nodes that was half of the host's work per state). Views are never mutated once built.
 */
const jsonOf = new WeakMap<object, string>();

function json(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  let text = jsonOf.get(value);
  if (text === undefined) jsonOf.set(value, (text = JSON.stringify(value)));
  return text;
}

/** The view without its steps (the host posts those apart). */
export function withoutSteps(view: ClusterView): ClusterView {
  if (!('steps' in view)) return view;
  const { steps: _steps, ...rest } = view;
  return rest;
}
