import type { ClusterView, FromWebview, ViewCard, ViewNode, ViewPod, ViewStep, ViewWorkload } from '../shared/protocol';
import { podShape } from './layout';
import { SHAPE_WORDS } from './render';

/** What the details panel needs from the page. */
export interface DetailsContext {
  readonly view: ClusterView;
  readonly cards: Readonly<Record<string, ViewCard>>;
  readonly facts: Readonly<Record<string, readonly string[]>>;
  readonly post: (m: FromWebview.Message) => void;
  readonly select: (key: string | null) => void;
  /** The steps the view holds (for the scheduler's decision about a pod). */
  readonly steps: readonly ViewStep[];
}

function h(tag: string, text?: string, cls?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function button(label: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.className = cls;
  b.addEventListener('click', onClick);
  return b;
}

function list(lines: readonly string[]): HTMLElement {
  const ul = h('ul');
  for (const l of lines) ul.append(h('li', l));
  return ul;
}

function cardPart(card: ViewCard | undefined, facts: readonly string[] | undefined): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (card) {
    out.push(h('p', card.summary), h('p', `Runs on: ${card.runsOn}`, 'muted'));
    if (card.ports.length) out.push(h('h4', 'Listens on'), list(card.ports));
    if (card.talksTo.length) out.push(h('p', `Talks to: ${card.talksTo.join(', ')}`, 'muted'));
    if (card.calledBy.length) out.push(h('p', `Called by: ${card.calledBy.join(', ')}`, 'muted'));
  }
  if (facts?.length) out.push(h('h4', 'In the simulated cluster now'), list(facts));
  return out;
}

function nodeDetails(n: ViewNode, c: DetailsContext): HTMLElement[] {
  const control = n.roles.includes('control-plane');
  const state = n.up === false ? 'machine down' : n.ready ? 'Ready' : 'NotReady';
  const lines = [`Status: ${state}`, `Roles: ${n.roles.join(', ') || 'worker (kubectl shows <none>)'}`, `${n.podCount} pod(s)`];
  if (n.ip) lines.push(`InternalIP: ${n.ip}`);
  if (n.taints?.length) lines.push(`Taints: ${n.taints.join(', ')}`);
  if (n.capacity) lines.push(`Capacity: ${Object.entries(n.capacity).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const out = [list(lines), ...cardPart(c.cards[control ? 'control-plane' : 'worker'], undefined)];
  const actions = h('div', undefined, 'actions');
  actions.append(button(n.up === false ? 'Heal node' : 'Fail node', () => c.post({ type: 'fault', target: n.name, failed: n.up !== false })));
  if (!control && c.view.mode === 'kubernetes') actions.append(button('Remove worker', () => c.post({ type: 'removeWorker', node: n.name })));
  out.push(actions);
  out.push(h('h4', 'Components'));
  const comps = h('ul');
  for (const comp of n.components) {
    const li = h('li');
    li.append(button(`${comp.name}: ${comp.ready ? (comp.leader === false ? 'standby' : comp.leader ? 'leader' : 'running') : 'stopped'}`, () => c.select(`${n.name}/${comp.name}`), 'link'));
    comps.append(li);
  }
  out.push(comps);
  if (n.pods.length) out.push(h('h4', `Pods (${n.pods.length} listed of ${n.podCount})`), podList(n.pods, c));
  return out;
}

function podList(pods: readonly ViewPod[], c: DetailsContext): HTMLElement {
  const ul = h('ul');
  for (const p of pods) {
    const li = h('li');
    li.append(button(`${p.name}: ${p.status ?? p.phase}`, () => c.select(`pod:${p.namespace}/${p.name}`), 'link'));
    ul.append(li);
  }
  return ul;
}

function componentDetails(key: string, c: DetailsContext): HTMLElement[] {
  const [nodeName, comp] = key.split('/') as [string, string];
  const node = c.view.nodes.find((n) => n.name === nodeName);
  const state = node?.components.find((x) => x.name === comp);
  const running = !!state?.ready;
  const out = [h('p', `${comp} on ${nodeName}: ${running ? (state?.leader === false ? 'standby (another instance holds the lease)' : state?.leader ? 'running, the leader' : 'running') : 'stopped'}`)];
  const actions = h('div', undefined, 'actions');
  actions.append(button(running ? `Stop ${comp}` : `Start ${comp}`, () => c.post({ type: 'fault', target: key, failed: running })));
  actions.append(button('Open documentation', () => c.post({ type: 'openDocs', entryId: comp })));
  out.push(actions, ...cardPart(c.cards[comp], c.facts[comp]));
  return out;
}

function findPod(view: ClusterView, key: string): { pod: ViewPod; node?: string } | undefined {
  for (const n of view.nodes) {
    const pod = n.pods.find((p) => `${p.namespace}/${p.name}` === key);
    if (pod) return { pod, node: n.name };
  }
  const pending = view.pending?.find((p) => `${p.namespace}/${p.name}` === key);
  return pending ? { pod: pending } : undefined;
}

function podDetails(key: string, c: DetailsContext): HTMLElement[] {
  const found = findPod(c.view, key);
  if (!found) return [h('p', `Pod ${key} is not in the cluster now (deleted or replaced).`)];
  const { pod, node } = found;
  const lines = [`Phase: ${pod.phase}${pod.status ? ` (${pod.status})` : ''}: drawn as ${SHAPE_WORDS[podShape(pod)]}`, `Node: ${node ?? 'none yet'}`];
  if (pod.ip) lines.push(`Pod IP: ${pod.ip}`);
  if (pod.restarts) lines.push(`Restarts: ${pod.restarts}`);
  if (pod.workload) lines.push(`Belongs to ${pod.workload.kind} ${pod.workload.namespace}/${pod.workload.name}`);
  const out = [list(lines), h('h4', 'kube-scheduler\'s verdict')];
  const decision = [...c.steps].reverse().find((s) => (s.verb === 'schedule' || s.verb === 'unschedulable') && s.object?.kind === 'Pod' && s.object.namespace === pod.namespace && s.object.name === pod.name);
  if (decision) {
    out.push(h('p', decision.text));
    if (decision.detail?.length) out.push(list(decision.detail));
  } else {
    out.push(h('p', node
      ? `Bound to ${node} (its decision is older than the steps this view holds).`
      : pod.message ? pod.message : 'Not placed yet: kube-scheduler has not tried, or is waiting for a change in the cluster.'));
  }
  const actions = h('div', undefined, 'actions');
  const w = pod.workload;
  if (w) {
    actions.append(button('Go to manifest', () => c.post({ type: 'revealManifest', object: w })));
    const wl = c.view.workloads?.find((x) => x.kind === w.kind && x.namespace === w.namespace && x.name === w.name);
    if (wl) actions.append(...scaleControls(wl, c));
  }
  out.push(actions, ...cardPart(c.cards.Pod, undefined));
  return out;
}

function scaleControls(w: ViewWorkload, c: DetailsContext): HTMLElement[] {
  if (!['Deployment', 'ReplicaSet', 'StatefulSet'].includes(w.kind)) return [];
  const input = document.createElement('input');
  input.type = 'number';
  input.min = '0';
  input.max = '10000';
  input.value = String(w.desired);
  input.setAttribute('aria-label', `Replicas of ${w.kind} ${w.name}`);
  const go = button('Scale', () => {
    const replicas = Number(input.value);
    if (Number.isInteger(replicas) && replicas >= 0 && replicas <= 10000) c.post({ type: 'scale', kind: w.kind, namespace: w.namespace, name: w.name, replicas });
  });
  return [h('span', `${w.kind} ${w.name}: ${w.ready}/${w.desired} ready; replicas`), input, go];
}

function extraDetails(key: string, c: DetailsContext): HTMLElement[] {
  const entry = key === 'kubectl' ? (c.view.mode === 'docker' ? 'docker' : 'kubectl') : key === 'pending' ? 'kube-scheduler' : 'load-balancer';
  const out: HTMLElement[] = [];
  if (key === 'pending') out.push(podList(c.view.pending ?? [], c), h('p', `${c.view.pendingCount ?? 0} pod(s) wait for a node.`));
  out.push(...cardPart(c.cards[entry], c.facts[entry]));
  return out;
}

/** A node of the grid: its counts, and the actions that need no pod list. */
function gridNodeDetails(i: number, c: DetailsContext): HTMLElement[] {
  const g = c.view.grid!;
  const name = g.names[i]!;
  const flags = g.flags[i] ?? 0;
  const lines = [
    `Status: ${(flags & 1) === 1 ? 'Ready' : 'NotReady'}`, `Role: ${(flags & 2) === 2 ? 'control-plane' : 'worker'}`,
    `Pods: ${g.running[i] ?? 0} running, ${g.starting[i] ?? 0} starting, ${g.terminating[i] ?? 0} terminating or failed, of at most ${g.capacity[i] ?? 110}`,
  ];
  const actions = h('div', undefined, 'actions');
  actions.append(button((flags & 1) === 1 ? 'Fail node' : 'Heal node', () => c.post({ type: 'fault', target: name, failed: (flags & 1) === 1 })));
  return [list(lines), actions, h('p', 'The grid lists counts per node; the drawing of a cluster up to 50 nodes lists its pods.', 'muted')];
}

function titleOf(key: string): string {
  if (key.startsWith('pod:')) return `Pod ${key.slice(4)}`;
  if (key.includes('/')) return key.replace('/', ' · ');
  return ({ kubectl: 'Workstation', 'api-lb': 'API load balancer', 'app-lb': 'App load balancer', users: 'Users', pending: 'Pending pods' } as Record<string, string>)[key] ?? `Node ${key}`;
}

/** Fills the details panel for the selection (a node, `node/component`, `pod:ns/name`, or an extra box). */
export function renderDetails(panel: HTMLElement, key: string | null, c: DetailsContext): void {
  if (!key) {
    panel.replaceChildren(h('p', 'Select a node, component or pod (click, or Tab then Enter) to see what it is and what it is doing.', 'muted'));
    return;
  }
  const node = c.view.nodes.find((n) => n.name === key);
  const gridIndex = c.view.grid?.names.indexOf(key) ?? -1;
  const body = key.startsWith('pod:') ? podDetails(key.slice(4), c)
    : key.includes('/') ? componentDetails(key, c)
      : node ? nodeDetails(node, c) : gridIndex >= 0 ? gridNodeDetails(gridIndex, c) : extraDetails(key, c);
  const close = button('Close', () => c.select(null), 'close');
  close.setAttribute('aria-label', 'Close details (Escape)');
  panel.replaceChildren(h('h3', titleOf(key)), close, ...body);
}
