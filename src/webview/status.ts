import type { ClusterView } from '../shared/protocol';

/** One line under the title: what the drawing holds, every summarised part with its count. */
export function describeView(view: ClusterView): string {
  const nodes = view.grid ? view.grid.names.length : view.nodes.length + view.hiddenNodes;
  const pods = view.podTotal ?? view.nodes.reduce((n, node) => n + node.podCount, 0);
  const drawn = view.grid ? ` (grid of all ${nodes}; control plane in the grid too)` : view.hiddenNodes > 0 ? `, the first ${view.nodes.length} drawn` : '';
  const etcd = view.etcd ? ` · etcd ${view.etcd.healthy}/${view.etcd.members}${view.etcd.quorum ? '' : ' (no quorum)'}` : '';
  const pending = view.pendingCount ? ` · ${view.pendingCount} pending` : '';
  return `${view.title} · ${nodes} node(s)${drawn} · ${pods} pod(s)${pending}${etcd} · t=${view.time}s`;
}

/** What matters now, in words at the top: each alert a button that selects what it is about. */
export function renderAttention(box: HTMLElement, view: ClusterView, focus: (target: string) => void): void {
  const alerts = view.alerts ?? [];
  box.className = alerts.some((a) => a.severity === 'error') ? 'attention attention-error' : alerts.length ? 'attention attention-warning' : 'attention attention-ok';
  if (alerts.length === 0) {
    const p = document.createElement('p');
    p.textContent = `All is well: every node Ready${view.etcd ? ', etcd has quorum' : ''}, no pod waiting.`;
    box.replaceChildren(p);
    return;
  }
  box.replaceChildren(...alerts.map((a) => {
    const line = document.createElement(a.target ? 'button' : 'p');
    line.className = `alert alert-${a.severity}`;
    line.textContent = `${a.severity === 'error' ? 'Down: ' : a.severity === 'warning' ? 'Warning: ' : 'Note: '}${a.text}`;
    if (line instanceof HTMLButtonElement && a.target) {
      const target = a.target;
      line.type = 'button';
      line.addEventListener('click', () => focus(target));
    }
    return line;
  }));
}
