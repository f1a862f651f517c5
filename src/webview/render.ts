import type { ClusterView, ViewEvent } from '../shared/protocol';
import { layoutCluster, type Box, type ChipLayout, type EdgeLayout, type ExtraLayout, type Layout, type NodeLayout, type PodLayout, type PodShape } from './layout';

const SVG = 'http://www.w3.org/2000/svg';

type Attrs = Readonly<Record<string, string | number>>;

/** Creates an SVG element. Text is only ever set through textContent: nothing from a manifest becomes markup. */
export function el(tag: string, attrs: Attrs, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const rect = (b: Box, cls: string, r = 6): SVGElement => el('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: r, class: cls });

/** Words for a pod's shape, for titles and ARIA labels (the shape itself is the non-colour cue). */
export const SHAPE_WORDS: Readonly<Record<PodShape, string>> = {
  running: 'running (filled square)', starting: 'starting (hollow square)', pending: 'pending, no node (dashed square)',
  terminating: 'terminating (crossed square)', failed: 'failed (triangle)', succeeded: 'completed (circle)',
};

/**
 * The outline of a pod by state, in absolute coordinates: no per-pod transform, so a thousand pods
 * cost the browser one paint chunk rather than a thousand transform nodes.
 */
function podPath(shape: PodShape, b: Box): string {
  const { x, y, w: s } = b;
  const x0 = x + 0.5;
  const y0 = y + 0.5;
  const x1 = x + s - 0.5;
  const y1 = y + s - 0.5;
  switch (shape) {
    case 'failed': return `M ${x + s / 2} ${y} L ${x + s} ${y + s} L ${x} ${y + s} Z`;
    case 'succeeded': return `M ${x} ${y + s / 2} A ${s / 2} ${s / 2} 0 1 0 ${x + s} ${y + s / 2} A ${s / 2} ${s / 2} 0 1 0 ${x} ${y + s / 2} Z`;
    case 'terminating': return `M ${x0} ${y0} H ${x1} V ${y1} H ${x0} Z M ${x0} ${y0} L ${x1} ${y1} M ${x1} ${y0} L ${x0} ${y1}`;
    default: return `M ${x0} ${y0} H ${x1} V ${y1} H ${x0} Z`;
  }
}

interface Entry { readonly el: SVGElement; sig: string }

/**
 * Keyed reconciliation: one element per key, created once, its content rebuilt only when its
 * signature changed, removed when its key disappears. An update touches only what changed.
 */
class Keyed {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly layer: SVGElement) {}

  sync<T>(items: readonly T[], key: (t: T) => string, sig: (t: T) => string, build: (t: T) => SVGElement, patch?: (e: SVGElement, t: T) => void): number {
    const seen = new Set<string>();
    let touched = 0;
    for (const item of items) {
      const k = key(item);
      seen.add(k);
      const s = sig(item);
      const found = this.entries.get(k);
      if (found && found.sig === s) continue;
      touched++;
      if (found && patch) {
        patch(found.el, item);
        found.sig = s;
        continue;
      }
      const fresh = build(item);
      fresh.setAttribute('data-key', k);
      if (found) found.el.replaceWith(fresh);
      else this.layer.appendChild(fresh);
      this.entries.set(k, { el: fresh, sig: s });
    }
    for (const [k, e] of this.entries) {
      if (seen.has(k)) continue;
      e.el.remove();
      this.entries.delete(k);
      touched++;
    }
    return touched;
  }

  get(key: string): SVGElement | undefined {
    return this.entries.get(key)?.el;
  }
}

function points(e: EdgeLayout): string {
  return e.points.map(([x, y]) => `${x},${y}`).join(' ');
}

function drawEdge(e: EdgeLayout): SVGElement {
  const g = el('g', { class: `edge edge-${e.kind}`, 'data-from': e.from, 'data-to': e.to });
  g.appendChild(el('polyline', { points: points(e), 'marker-end': e.kind === 'peer' ? '' : 'url(#arrow)', fill: 'none' }));
  const [a, b] = [e.points[e.points.length - 2]!, e.points[e.points.length - 1]!];
  const [mx, my] = e.points.length > 2 ? e.points[1]! : [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  g.appendChild(el('text', { x: mx + 4, y: my - 4, class: 'edge-label' }, e.label));
  return g;
}

function textIn(box: Box, line: number, cls: string, text: string, font: number): SVGElement {
  return el('text', { x: box.x + font * 0.75, y: box.y + font * (1.45 + line * 1.35), class: cls }, text);
}

function drawExtra(x: ExtraLayout, font: number): SVGElement {
  const g = el('g', { class: `extra extra-${x.id}`, 'data-extra': x.id, 'data-entry': x.entry, 'data-select': x.id, tabindex: 0, role: 'button', 'aria-label': `${x.title}: ${x.subtitle}` });
  g.appendChild(rect(x.box, 'extra-box'));
  g.appendChild(textIn(x.box, 0, 'extra-title', x.title, font));
  g.appendChild(textIn(x.box, 1, 'extra-subtitle', x.subtitle, font));
  if (x.hiddenPods) g.appendChild(el('text', { x: x.box.x + font * 0.75, y: x.box.y + x.box.h - font * 0.6, class: 'more' }, `+${x.hiddenPods} more pending`));
  return g;
}

function chipState(c: ChipLayout): 'up' | 'down' | 'standby' {
  return !c.ready ? 'down' : c.leader === false ? 'standby' : 'up';
}

function chipWords(c: ChipLayout): string {
  const s = chipState(c);
  return s === 'up' ? (c.leader ? 'running, leader' : 'running') : s === 'standby' ? 'standby (not the leader)' : 'stopped';
}

/** A shape at the chip's right end, so the state is not told by colour alone: a cross when stopped, a filled dot for the leader, a ring for a standby. */
function chipIcon(c: ChipLayout, state: 'up' | 'down' | 'standby', font: number): SVGElement | undefined {
  const r = font * 0.35;
  const cx = c.box.x + c.box.w - font * 0.8;
  const cy = c.box.y + c.box.h / 2;
  if (state === 'down') return el('path', { d: `M ${cx - r} ${cy - r} L ${cx + r} ${cy + r} M ${cx + r} ${cy - r} L ${cx - r} ${cy + r}`, class: 'chip-icon chip-icon-down' });
  if (c.leader === true) return el('circle', { cx, cy, r, class: 'chip-icon chip-icon-leader' });
  if (state === 'standby') return el('circle', { cx, cy, r, class: 'chip-icon chip-icon-standby' });
  return undefined;
}

function drawChip(c: ChipLayout, font: number): SVGElement {
  const state = chipState(c);
  const g = el('g', { class: `component component-${state}`, 'data-component': c.name, 'data-entry': c.name, 'data-select': c.key, tabindex: 0, role: 'button', 'aria-label': `${c.key}: ${chipWords(c)}` });
  g.appendChild(rect(c.box, 'component-box', 4));
  g.appendChild(el('text', { x: c.box.x + font * 0.5, y: c.box.y + c.box.h / 2 + font * 0.35, class: 'component-label' }, c.name));
  const icon = chipIcon(c, state, font);
  if (icon) g.appendChild(icon);
  g.appendChild(el('title', {}, `${c.key}: ${chipWords(c)}`));
  return g;
}

function nodeWords(n: NodeLayout): string {
  const down = n.node.up === false ? 'machine down' : n.node.ready ? 'Ready' : 'NotReady';
  return `${n.node.roles.join(', ') || n.role} · ${down}`;
}

function nodeAttrs(n: NodeLayout): Attrs {
  return {
    class: `node node-${n.node.ready ? 'ready' : 'notready'}${n.node.up === false ? ' node-down' : ''}`, 'data-node-name': n.node.name, 'data-role': n.role,
    'data-select': n.node.name, tabindex: 0, role: 'group', 'aria-label': `Node ${n.node.name}, ${nodeWords(n)}, ${n.node.podCount} pods`,
  };
}

/** The node's box, titles and chips (its pods live in a keyed group of their own beside them). */
function nodeFrame(n: NodeLayout, font: number): SVGElement[] {
  const out = [
    rect(n.box, `node-box node-box-${n.control ? 'control' : 'worker'}`, 10),
    textIn(n.box, 0, 'node-title', `${n.node.name}${n.node.up === false ? ' (DOWN)' : n.node.ready ? '' : ' (NotReady)'}`, font),
    textIn(n.box, 1, 'node-status', nodeWords(n), font),
    ...n.chips.map((c) => drawChip(c, font)),
  ];
  if (n.hiddenPods > 0) out.push(el('text', { x: n.box.x + font * 0.75, y: n.box.y + n.box.h - font * 0.8, class: 'more' }, `+${n.hiddenPods} more pods (${n.node.podCount} in all)`));
  return out;
}

function drawNode(n: NodeLayout, font: number): SVGElement {
  const g = el('g', nodeAttrs(n));
  const frame = el('g', { class: 'node-frame' });
  frame.append(...nodeFrame(n, font));
  g.append(frame, el('g', { class: 'node-pods' }));
  return g;
}

/** A node whose state changed keeps its element and its pods' elements: only the frame is redrawn. */
function patchNode(g: SVGElement, n: NodeLayout, font: number): void {
  const selected = g.classList.contains('selected');
  for (const [k, v] of Object.entries(nodeAttrs(n))) g.setAttribute(k, String(v));
  if (selected) g.classList.add('selected');
  g.querySelector(':scope > .node-frame')?.replaceChildren(...nodeFrame(n, font));
}

function podLabel(p: PodLayout): string {
  const extra = p.pod.status ? `, ${p.pod.status}` : '';
  return `Pod ${p.label}: ${SHAPE_WORDS[p.shape]}${extra}`;
}

function drawPod(p: PodLayout): SVGElement {
  const g = el('g', { class: `pod pod-${p.shape}`, 'data-pod': p.label, 'data-select': `pod:${p.label}`, 'aria-label': podLabel(p), role: 'img' });
  g.appendChild(el('path', { d: podPath(p.shape, p.box), class: 'pod-shape' }));
  g.appendChild(el('title', {}, podLabel(p)));
  return g;
}

/** A pod that changed state or place keeps its element: its class, outline and label are updated. */
function patchPod(g: SVGElement, p: PodLayout): void {
  g.setAttribute('class', `pod pod-${p.shape}${g.classList.contains('selected') ? ' selected' : ''}${g.classList.contains('highlight') ? ' highlight' : ''}`);
  g.setAttribute('aria-label', podLabel(p));
  g.firstElementChild?.setAttribute('d', podPath(p.shape, p.box));
  const title = g.lastElementChild;
  if (title) title.textContent = podLabel(p);
}

function arrowMarker(): SVGElement {
  const defs = el('defs', {});
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.appendChild(el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
  defs.appendChild(marker);
  return defs;
}

const boxSig = (b: Box): string => `${b.x},${b.y},${b.w},${b.h}`;

/** The drawing, kept in place across updates. */
export class ClusterDrawing {
  readonly viewport: SVGGElement;
  /** Packets and hop marks live in an overlay SVG, so moving them never repaints the drawing. */
  readonly packets: SVGGElement;
  private readonly edges: Keyed;
  private readonly extras: Keyed;
  private readonly nodes: Keyed;
  /** Pods with no node (the pending tray). */
  private readonly pods: Keyed;
  /** Each node's pods, keyed inside the node's own group. */
  private readonly podGroups = new WeakMap<Element, Keyed>();
  layout: Layout | undefined;
  /** Elements touched by the last update (for tests and the benchmark). */
  lastTouched = 0;

  constructor(private readonly svg: SVGSVGElement, private readonly overlay: SVGSVGElement) {
    svg.replaceChildren(arrowMarker());
    this.viewport = el('g', { id: 'viewport' }) as SVGGElement;
    const layer = (name: string): SVGElement => this.viewport.appendChild(el('g', { class: `layer-${name}` }));
    this.edges = new Keyed(layer('edges'));
    this.extras = new Keyed(layer('extras'));
    this.nodes = new Keyed(layer('nodes'));
    this.pods = new Keyed(layer('pods'));
    svg.appendChild(this.viewport);
    this.packets = el('g', { class: 'layer-packets' }) as SVGGElement;
    overlay.replaceChildren(this.packets);
  }

  /** Sizes both SVGs for zoom k: the browser rasterises the drawing crisp at that size; panning only moves it. */
  private sized = '';

  zoom(k: number): void {
    const l = this.layout;
    if (!l) return;
    const sig = `${l.width}|${l.height}|${k}`;
    if (sig === this.sized) return;
    this.sized = sig;
    for (const s of [this.svg, this.overlay]) {
      s.setAttribute('viewBox', `0 0 ${l.width} ${l.height}`);
      s.setAttribute('width', String(Math.round(l.width * k)));
      s.setAttribute('height', String(Math.round(l.height * k)));
    }
  }

  /** Draws `view`, changing only the elements whose content changed. */
  update(view: ClusterView, font: number): Layout {
    const layout = layoutCluster(view, { font });
    this.layout = layout;
    if (this.svg.getAttribute('data-topology') !== view.topology) this.svg.setAttribute('data-topology', view.topology);
    let touched = this.edges.sync(layout.edges, (e) => e.key, (e) => `${points(e)}|${e.label}`, drawEdge);
    touched += this.extras.sync(layout.extras, (x) => x.id, (x) => `${boxSig(x.box)}|${x.title}|${x.subtitle}|${x.hiddenPods ?? 0}`, (x) => drawExtra(x, font));
    touched += this.nodes.sync(layout.nodes, (n) => n.node.name, (n) => nodeSig(n), (n) => drawNode(n, font), (g, n) => patchNode(g, n, font));
    const podSig = (p: PodLayout): string => `${boxSig(p.box)}|${p.shape}|${p.pod.status ?? ''}`;
    for (const n of layout.nodes) {
      const group = this.nodes.get(n.node.name)?.querySelector(':scope > .node-pods');
      if (!(group instanceof SVGElement)) continue;
      let keyed = this.podGroups.get(group);
      if (!keyed) this.podGroups.set(group, (keyed = new Keyed(group)));
      touched += keyed.sync(n.pods, (p) => p.key, podSig, drawPod, patchPod);
    }
    touched += this.pods.sync(layout.extras.flatMap((x) => x.pods ?? []), (p) => p.key, podSig, drawPod, patchPod);
    this.lastTouched = touched;
    if (!this.svg.hasAttribute('data-ready')) this.svg.setAttribute('data-ready', 'true');
    return layout;
  }

  /** The element of a selectable key (`node`, `node/component`, `pod:ns/name`, an extra's id). */
  find(key: string): SVGElement | undefined {
    if (key.startsWith('pod:')) return this.svg.querySelector(`[data-select="${CSS.escape(key)}"]`) as SVGElement | null ?? undefined;
    const slash = key.indexOf('/');
    if (slash > 0) return this.nodes.get(key.slice(0, slash))?.querySelector(`[data-select="${CSS.escape(key)}"]`) as SVGElement | undefined ?? undefined;
    return this.nodes.get(key) ?? this.extras.get(key);
  }
}

function nodeSig(n: NodeLayout): string {
  const chips = n.chips.map((c) => `${c.name}:${c.ready ? 1 : 0}:${c.leader === undefined ? '' : c.leader ? 'L' : 'S'}`).join(',');
  return `${boxSig(n.box)}|${n.node.ready}|${n.node.up}|${n.node.roles.join(',')}|${n.node.podCount}|${n.hiddenPods}|${chips}`;
}

/** Lists the events newest first, as text only. */
export function renderEvents(list: HTMLElement, events: readonly ViewEvent[]): void {
  list.replaceChildren(...[...events].reverse().map((e) => {
    const item = document.createElement('li');
    item.className = e.warning ? 'event event-warning' : 'event';
    const head = document.createElement('span');
    head.className = 'event-head';
    head.textContent = `t=${e.time}s ${e.component} ${e.reason}${e.warning ? ' (warning)' : ''}`;
    const path = document.createElement('span');
    path.className = 'event-path';
    path.textContent = e.path.join(' → ');
    item.append(head, document.createTextNode(` ${e.message} `), path);
    return item;
  }));
}
