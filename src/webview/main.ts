import { assertNever, type ClusterView, type FromWebview, type ToWebview } from '../shared/protocol';
import { renderCluster, renderTimeline } from './render';

interface VsCodeApi {
  postMessage(message: FromWebview.Message): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Small UI state kept by VS Code across hide/show and reloads (not the cluster: the host owns that). */
interface UiState { readonly selected: string | null }

const vscode = acquireVsCodeApi();
const post = (message: FromWebview.Message): void => vscode.postMessage(message);

function uiState(): UiState {
  const s = vscode.getState() as Partial<UiState> | undefined;
  return { selected: typeof s?.selected === 'string' ? s.selected : null };
}

function svg(): SVGSVGElement {
  const found = document.getElementById('cluster');
  if (!(found instanceof SVGSVGElement)) throw new Error('Cluster View: #cluster svg is missing');
  return found;
}

function describe(view: ClusterView): string {
  const pods = view.nodes.reduce((n, node) => n + node.podCount, 0);
  const etcd = view.etcd ? ` · etcd ${view.etcd.healthy}/${view.etcd.members}${view.etcd.quorum ? '' : ' (no quorum)'}` : '';
  const nodes = view.hiddenNodes > 0 ? `${view.nodes.length + view.hiddenNodes} node(s), the first ${view.nodes.length} drawn` : `${view.nodes.length} node(s)`;
  const podsText = view.hiddenNodes > 0 ? `${pods} pod(s) on them` : `${pods} pod(s)`;
  return `${view.title} · ${nodes} · ${podsText}${etcd} · t=${view.time}s`;
}

function highlight(selected: string | null): void {
  for (const e of Array.from(document.querySelectorAll('[data-entry]'))) {
    e.classList.toggle('selected', selected !== null && e.getAttribute('data-entry') === selected);
  }
}

function draw(view: ClusterView): void {
  renderCluster(svg(), view);
  const timeline = document.getElementById('timeline');
  if (timeline) renderTimeline(timeline, view.events);
  const caption = document.getElementById('caption');
  if (caption) caption.textContent = describe(view);
  highlight(uiState().selected);
}

function onMessage(event: MessageEvent<unknown>): void {
  const msg = event.data as ToWebview.Message | null;
  if (typeof msg !== 'object' || msg === null || typeof msg.type !== 'string') return;
  switch (msg.type) {
    case 'updateState':
      draw(msg.view);
      break;
    default:
      assertNever(msg.type);
  }
}

function entryOf(target: EventTarget | null): string | null {
  const found = target instanceof Element ? target.closest('[data-entry]') : null;
  return found?.getAttribute('data-entry') ?? null;
}

function select(entry: string | null): void {
  vscode.setState({ selected: entry } satisfies UiState);
  highlight(entry);
}

function bindInput(): void {
  const root = svg();
  root.addEventListener('click', (e) => select(entryOf(e.target)));
  root.addEventListener('dblclick', (e) => {
    const entry = entryOf(e.target);
    if (entry) post({ type: 'openDocs', entryId: entry });
  });
  root.addEventListener('keydown', (e) => {
    const entry = entryOf(e.target);
    if (entry && e.key === 'Enter') post({ type: 'openDocs', entryId: entry });
  });
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
