import { assertNever, type ClusterView, type FromWebview, type ToWebview, type ViewCard, type ViewObjectRef, type ViewSelectTarget, type ViewStep, type ViewTopology } from '../shared/protocol';
import { Animator } from './anim';
import { renderDetails } from './details';
import { LessonPaneView } from './lesson';
import { exportGridSvg, exportSvg, svgToPng } from './exporter';
import { timelineMarkdown } from './markdown';
import { GridDrawing } from './grid';
import { applyDelta } from './model';
import { ClusterDrawing, renderEvents } from './render';
import { describeView, renderAttention } from './status';
import { Timeline } from './timeline';
import { parseUiState, restoredHead, type UiState } from './uiState';
import { Viewport } from './viewport';

interface VsCodeApi {
  postMessage(message: FromWebview.Message): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: FromWebview.Message): void => vscode.postMessage(message);

const restored = (): UiState => parseUiState(vscode.getState());

const byId = <T extends Element>(id: string, type: new () => T): T => {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`Cluster View: #${id} is missing`);
  return found;
};

/** The editor's font size: every label of the drawing is at least this big on screen. */
function editorFont(): number {
  const css = getComputedStyle(document.body);
  return parseFloat(css.getPropertyValue('--vscode-editor-font-size')) || parseFloat(css.fontSize) || 13;
}

const svg = byId('cluster', SVGSVGElement);
const canvas = byId('grid', HTMLCanvasElement);
const stage = byId('stage-main', HTMLElement);
const world = byId('world', HTMLDivElement);
/** Packets move in a layer of their own, so the drawing under them is never repainted for them. */
const overlayWorld = byId('overlay-world', HTMLDivElement);
const drawing = new ClusterDrawing(svg, byId('overlay', SVGSVGElement));
const grid = new GridDrawing(canvas, editorFont);
let ui = restored();
const lessonPane = new LessonPaneView(byId('stage', HTMLDivElement), post);
let view: ClusterView | undefined;
let cards: Readonly<Record<string, ViewCard>> = {};
let facts: Readonly<Record<string, readonly string[]>> = {};
let canSeek = false;
let highlighted: ViewObjectRef | null = null;
/** The drawing shows a past moment (the host was asked to seek). */
let rewound = false;

const save = (patch: Partial<UiState>): void => {
  ui = { ...ui, ...patch };
  vscode.setState(ui);
};

let drawnZoom = 0;
/** Panning moves the already-rasterised drawing (a compositor transform); only a zoom re-rasterises it. */
const svgViewport = new Viewport(stage, {
  minZoom: 1, maxZoom: 4, enabled: () => !view?.grid, apply: (t) => {
    if (t.k !== drawnZoom) {
      drawnZoom = t.k;
      drawing.zoom(t.k);
    }
    world.style.transform = `translate(${t.x}px, ${t.y}px)`;
    overlayWorld.style.transform = world.style.transform;
    save({ transform: t });
  },
});
const gridViewport = new Viewport(canvas, {
  minZoom: 0.1, maxZoom: 8, enabled: () => !!view?.grid, apply: (t) => {
    grid.setTransform(t);
    save({ gridTransform: t });
  },
});
const activeViewport = (): Viewport => (view?.grid ? gridViewport : svgViewport);

const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
const animator = new Animator(drawing.packets);
animator.reducedMotion = reduced.matches;
reduced.addEventListener('change', () => (animator.reducedMotion = reduced.matches));

const timeline = new Timeline(byId('strip', HTMLElement), byId('narration', HTMLOListElement), {
  play: async (step: ViewStep, hop: number) => {
    if (drawing.layout && !view?.grid) await animator.play(drawing.layout, step, hop);
  },
  moved: (step, live, rewind) => {
    save({ headSeq: live ? null : step?.seq ?? null });
    const note = document.getElementById('rewind-note');
    if (note) note.hidden = live || canSeek;
    if (!canSeek || !(rewind || (live && rewound))) return;
    post({ type: 'seek', time: live ? null : step?.time ?? null });
    rewound = !live;
  },
  speed: (speed, seq) => {
    save({ speed });
    post({ type: 'setSpeed', speed, seq });
  },
  settle: () => post({ type: 'settle' }),
  select: (key) => {
    if (!key.startsWith('object:')) return focusOn(key);
    const [kind, namespace, name] = key.slice('object:'.length).split('/');
    if (kind && namespace && name) post({ type: 'revealManifest', object: { kind, namespace, name } }); // a workload: its manifest
  },
});
timeline.speed = ui.speed;
// After a reload: selection, speed and zoom come back; the play head comes back live, unless the learner had paused in the past.
timeline.restoreSeq = restoredHead(ui);
timeline.restored = (step) => {
  byId('action-status', HTMLElement).textContent = `Restored the moment you paused at: t=${step.time}s. Press Play or End to return to now.`;
};

function select(key: string | null): void {
  save({ selected: key });
  for (const e of Array.from(document.querySelectorAll('.selected'))) e.classList.remove('selected');
  if (key) drawing.find(key)?.classList.add('selected');
  if (view) renderDetails(byId('details', HTMLElement), key, { view, cards, facts, post, select, steps: timeline.steps });
  if (view?.grid && key) {
    const i = view.grid.names.indexOf(key);
    grid.selected = i;
    grid.draw();
  }
}

function applyHighlight(): void {
  for (const e of Array.from(document.querySelectorAll('.pod.highlight'))) e.classList.remove('highlight');
  const h = highlighted;
  if (!h || !drawing.layout) return;
  for (const n of drawing.layout.nodes) {
    for (const p of n.pods) {
      const w = p.pod.workload;
      const match = w ? w.kind === h.kind && w.namespace === h.namespace && w.name === h.name : h.kind === 'Pod' && p.pod.namespace === h.namespace && p.pod.name === h.name;
      if (match) drawing.find(`pod:${p.key}`)?.classList.add('highlight');
    }
  }
}

let firstDraw = true;

function draw(next: ClusterView): void {
  view = next;
  const large = !!next.grid;
  world.classList.toggle('hidden', large);
  overlayWorld.classList.toggle('hidden', large);
  canvas.classList.toggle('hidden', !large);
  byId('search-box', HTMLElement).hidden = !large;
  if (large && next.grid) {
    const r = stage.getBoundingClientRect();
    grid.setGrid(next.grid, r.width / Math.max(1, r.height));
    gridViewport.setContentSize(grid.geometry.width, grid.geometry.height);
    if (firstDraw && ui.gridTransform) gridViewport.set(ui.gridTransform);
    else if (firstDraw) gridViewport.fit();
  } else {
    const layout = drawing.update(next, editorFont());
    svgViewport.setContentSize(layout.width, layout.height);
    drawing.zoom(drawnZoom || 1);
    if (firstDraw && ui.transform) svgViewport.set(ui.transform);
    else if (firstDraw) svgViewport.fit();
    applyHighlight();
  }
  firstDraw = false;
  renderEvents(byId('timeline', HTMLElement), next.events);
  byId('caption', HTMLElement).textContent = describeView(next);
  renderAttention(byId('attention', HTMLElement), next, (target) => focusOn(target));
  select(ui.selected);
}

/** Glossary ids that name a drawn element other than a component chip. */
const DRAWN_AS: Readonly<Record<string, string>> = { 'load-balancer': 'api-lb', kubectl: 'kubectl' };

/**
 * "Show in Cluster View" from the editor: a node, a component (its first chip: the leader's node
 * comes first in the drawing order), or an object, whose pods are highlighted and the first selected.
 */
function selectTarget(target: ViewSelectTarget): void {
  const status = byId('action-status', HTMLElement);
  if (target.kind === 'component') {
    const name = DRAWN_AS[target.name] ?? target.name;
    const chip = drawing.find(name) ? name : document.querySelector(`svg#cluster [data-component="${CSS.escape(name)}"]`)?.getAttribute('data-select');
    if (chip) return focusOn(chip);
    if (view?.grid?.names.includes(name)) return focusOn(name);
    status.textContent = `${target.name}: not drawn in this cluster`;
    return;
  }
  const o = target.object;
  highlighted = o.kind === 'Node' ? null : o;
  applyHighlight();
  const first = o.kind === 'Pod' ? `pod:${o.namespace}/${o.name}` : document.querySelector('svg#cluster .pod.highlight')?.getAttribute('data-select');
  if (first && drawing.find(first)) return focusOn(first);
  status.textContent = `${o.kind} ${o.name}: no pod of it is drawn ${(view?.pendingCount ?? 0) > 0 ? '(see the pending pods)' : 'now'}`;
}

/** Selects and brings into view a node, component or pod named by an alert or a search. */
function focusOn(key: string): void {
  select(key);
  if (view?.grid) {
    const i = view.grid.names.indexOf(key.split('/')[0]!);
    if (i >= 0) gridViewport.centreOn(...grid.centreOf(i));
    return;
  }
  const target = drawing.find(key);
  if (target instanceof SVGGraphicsElement) {
    const b = target.getBBox();
    svgViewport.centreOn(b.x + b.width / 2, b.y + b.height / 2);
  }
}

async function exportAs(format: 'svg' | 'png' | 'md'): Promise<void> {
  if (!view) return;
  if (format === 'md') return post({ type: 'export', format, content: timelineMarkdown(view, timeline.steps) });
  const layout = drawing.layout;
  const text = view.grid ? exportGridSvg(view.grid) : exportSvg(svg, layout?.width ?? 800, layout?.height ?? 600);
  if (format === 'svg') return post({ type: 'export', format, content: text });
  const size = view.grid ? { w: grid.geometry.width, h: grid.geometry.height } : { w: layout?.width ?? 800, h: layout?.height ?? 600 };
  post({ type: 'export', format, content: await svgToPng(text, size.w, size.h, view.grid ? 1 : 2) });
}

function onMessage(event: MessageEvent<unknown>): void {
  const msg = event.data as ToWebview.Message | null;
  if (typeof msg !== 'object' || msg === null || typeof msg.type !== 'string') return;
  switch (msg.type) {
    case 'updateState': draw(msg.view); break;
    case 'delta': if (view) draw(applyDelta(view, msg.delta)); break;
    case 'steps':
      if (msg.reset) rewound = false; // a new or restarted cluster: the timeline starts over, live
      timeline.add(msg.steps, msg.reset);
      break;
    case 'now':
      rewound = false;
      timeline.goLive();
      byId('action-status', HTMLElement).textContent = `Back to now: ${msg.reason}`;
      break;
    case 'topology': {
      const picker = byId('topology', HTMLSelectElement);
      picker.disabled = msg.choice === null;
      if (msg.choice) picker.value = msg.choice;
      break;
    }
    case 'highlight': highlighted = msg.object; applyHighlight(); break;
    case 'actionResult': byId('action-status', HTMLElement).textContent = msg.error ? `${msg.what}: ${msg.error}` : `${msg.what}: done`; break;
    case 'capabilities': canSeek = msg.seek; break;
    case 'glossary': cards = msg.cards; select(ui.selected); break;
    case 'facts': facts = msg.facts; select(ui.selected); break;
    case 'clock': timeline.setClock(msg); save({ speed: timeline.speed }); break;
    case 'select': selectTarget(msg.target); break;
    case 'lesson': lessonPane.render(msg.pane); break;
    default: assertNever(msg);
  }
}

const selectable = (target: EventTarget | null): Element | null => (target instanceof Element ? target.closest('[data-select]') : null);

function bindInput(): void {
  svg.addEventListener('click', (e) => {
    if (stage.classList.contains('panning')) return;
    select(selectable(e.target)?.getAttribute('data-select') ?? null);
  });
  svg.addEventListener('dblclick', (e) => {
    const entry = (e.target instanceof Element ? e.target.closest('[data-entry]') : null)?.getAttribute('data-entry');
    if (entry) post({ type: 'openDocs', entryId: entry });
  });
  canvas.addEventListener('click', (e) => {
    const r = canvas.getBoundingClientRect();
    const i = grid.hit(e.clientX - r.left, e.clientY - r.top);
    select(i >= 0 ? view?.grid?.names[i] ?? null : null);
  });
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
    if (e.key === 'Escape') select(null);
    else if (e.key === 'Enter' && selectable(t)) select(selectable(t)?.getAttribute('data-select') ?? null);
    else if (t instanceof HTMLButtonElement && (e.key === ' ' || e.key === 'Enter')) return;
    else if (!timeline.key(e) && !activeViewport().key(e)) return;
    e.preventDefault();
  });
  const on = (id: string, f: () => void): void => byId(id, HTMLButtonElement).addEventListener('click', f);
  on('zoom-in', () => activeViewport().zoomBy(1.25));
  on('zoom-out', () => activeViewport().zoomBy(0.8));
  on('zoom-fit', () => activeViewport().fit());
  on('export-svg', () => void exportAs('svg'));
  on('export-png', () => void exportAs('png'));
  on('export-md', () => void exportAs('md'));
  on('add-worker', () => post({ type: 'addWorker' }));
  const topology = byId('topology', HTMLSelectElement);
  topology.addEventListener('change', () => post({ type: 'setTopology', topology: topology.value as ViewTopology }));
  const search = byId('search', HTMLInputElement);
  search.addEventListener('input', () => runSearch(search.value));
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && view?.grid) {
      const first = [...grid.matches][0];
      if (first !== undefined) focusOn(view.grid.names[first]!);
    }
  });
  new MutationObserver(() => grid.themeChanged()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  new ResizeObserver(() => (view?.grid ? grid.draw() : undefined)).observe(stage);
}

function runSearch(text: string): void {
  const names = view?.grid?.names ?? [];
  const q = text.trim().toLowerCase();
  const matches = new Set<number>();
  if (q) names.forEach((n, i) => (n.toLowerCase().includes(q) ? matches.add(i) : undefined));
  grid.matches = matches;
  grid.draw();
  byId('search-count', HTMLElement).textContent = q ? `${matches.size} of ${names.length} nodes match` : '';
}

/** The host embeds the first snapshot (escaped) so the view draws before the handshake completes. */
function initialView(): ClusterView | undefined {
  const raw = document.body.dataset.initial;
  return raw ? (JSON.parse(raw) as ClusterView) : undefined;
}

window.addEventListener('message', onMessage);
bindInput();
const first = initialView();
if (first) draw(first);
post({ type: 'ready' });
