import type { ClusterView, ViewEvent } from '../shared/protocol';
import { layoutCluster, type Box, type EdgeLayout, type ExtraLayout, type NodeLayout } from './layout';

const SVG = 'http://www.w3.org/2000/svg';

type Attrs = Readonly<Record<string, string | number>>;

/** Creates an SVG element. Text is only ever set through textContent: nothing from a manifest becomes markup. */
function el(tag: string, attrs: Attrs, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const rect = (b: Box, cls: string, r = 6): SVGElement => el('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: r, class: cls });

function titled(parent: SVGElement, title: string): void {
  parent.appendChild(el('title', {}, title));
}

function drawEdge(e: EdgeLayout): SVGElement {
  const g = el('g', { class: `edge edge-${e.kind}` });
  g.appendChild(el('line', { x1: e.from[0], y1: e.from[1], x2: e.to[0], y2: e.to[1], 'marker-end': 'url(#arrow)' }));
  g.appendChild(el('text', { x: (e.from[0] + e.to[0]) / 2 + 4, y: (e.from[1] + e.to[1]) / 2 - 4, class: 'edge-label' }, e.label));
  return g;
}

function drawExtra(x: ExtraLayout): SVGElement {
  const g = el('g', { class: 'extra', 'data-extra': x.id, 'data-entry': x.id, tabindex: 0 });
  g.appendChild(rect(x.box, 'extra-box'));
  g.appendChild(el('text', { x: x.box.x + 10, y: x.box.y + 22, class: 'extra-title' }, x.title));
  g.appendChild(el('text', { x: x.box.x + 10, y: x.box.y + 42, class: 'extra-subtitle' }, x.subtitle));
  return g;
}

function drawChip(c: NodeLayout['chips'][number]): SVGElement {
  const state = !c.ready ? 'down' : c.leader === false ? 'standby' : 'up';
  const g = el('g', { class: `component component-${state}`, 'data-component': c.name, 'data-entry': c.name, tabindex: 0 });
  g.appendChild(rect(c.box, 'component-box', 4));
  g.appendChild(el('text', { x: c.box.x + 6, y: c.box.y + 15, class: 'component-label' }, c.name));
  titled(g, `${c.name}: ${state === 'up' ? (c.leader ? 'running (leader)' : 'running') : state}`);
  return g;
}

function drawPod(p: NodeLayout['pods'][number]): SVGElement {
  const g = el('g', { class: `pod pod-${p.phase.toLowerCase()}${p.ready ? ' pod-ready' : ''}`, 'data-pod': p.label });
  g.appendChild(rect(p.box, 'pod-box', 3));
  titled(g, `${p.label}: ${p.phase}`);
  return g;
}

function drawNode(n: NodeLayout): SVGElement {
  const g = el('g', { class: `node node-${n.node.ready ? 'ready' : 'notready'}`, 'data-node-name': n.node.name, 'data-role': n.role });
  g.appendChild(rect(n.box, `node-box node-box-${n.control ? 'control' : 'worker'}`, 10));
  g.appendChild(el('text', { x: n.box.x + 10, y: n.box.y + 22, class: 'node-title' }, n.node.name));
  const status = `${n.node.roles.join(', ') || n.role} · ${n.node.ready ? 'Ready' : 'NotReady'}`;
  g.appendChild(el('text', { x: n.box.x + n.box.w - 10, y: n.box.y + 22, class: 'node-status' }, status));
  n.chips.forEach((c) => g.appendChild(drawChip(c)));
  n.pods.forEach((p) => g.appendChild(drawPod(p)));
  if (n.hiddenPods > 0) g.appendChild(el('text', { x: n.box.x + 10, y: n.box.y + n.box.h - 6, class: 'more' }, `+${n.hiddenPods} more pods`));
  return g;
}

function arrowMarker(): SVGElement {
  const defs = el('defs', {});
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.appendChild(el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
  defs.appendChild(marker);
  return defs;
}

/** Replaces the content of `svg` with a drawing of `view`. */
export function renderCluster(svg: SVGSVGElement, view: ClusterView): void {
  const layout = layoutCluster(view);
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  svg.setAttribute('data-topology', view.topology);
  svg.appendChild(arrowMarker());
  layout.edges.forEach((e) => svg.appendChild(drawEdge(e)));
  layout.extras.forEach((x) => svg.appendChild(drawExtra(x)));
  layout.nodes.forEach((n) => svg.appendChild(drawNode(n)));
  svg.setAttribute('data-ready', 'true');
}

/** Lists the events newest first, as text only. */
export function renderTimeline(list: HTMLElement, events: readonly ViewEvent[]): void {
  list.replaceChildren(...[...events].reverse().map((e) => {
    const item = document.createElement('li');
    item.className = e.warning ? 'event event-warning' : 'event';
    const head = document.createElement('span');
    head.className = 'event-head';
    head.textContent = `t=${e.time}s ${e.component} ${e.reason}`;
    const path = document.createElement('span');
    path.className = 'event-path';
    path.textContent = e.path.join(' → ');
    item.append(head, document.createTextNode(` ${e.message} `), path);
    return item;
  }));
}
