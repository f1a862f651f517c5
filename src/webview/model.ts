import type { ClusterView, ViewDelta, ViewNode } from '../shared/protocol';

/** Applies a host delta to the view the webview holds (pure: returns a new view). */
export function applyDelta(view: ClusterView, delta: ViewDelta): ClusterView {
  const next: Record<string, unknown> = { ...view };
  for (const [key, value] of Object.entries(delta.fields)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  const byName = new Map<string, ViewNode>(view.nodes.map((n) => [n.name, n]));
  for (const n of delta.nodes) byName.set(n.name, n);
  for (const name of delta.removedNodes) byName.delete(name);
  const order = delta.order ?? view.nodes.map((n) => n.name).filter((name) => byName.has(name));
  next.nodes = order.map((name) => byName.get(name)).filter((n): n is ViewNode => n !== undefined);
  return next as unknown as ClusterView;
}
