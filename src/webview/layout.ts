import type { ClusterView, ViewNode, ViewPod } from '../shared/protocol';

/**
 * The study guide's drawing, laid out in CSS pixels at zoom 1 from the editor's font size, so that
 * every label is at least that size on screen: the view pans and zooms instead of shrinking it.
 * Columns follow ../seed/images: HA control-plane nodes stacked on the left, the workstation above
 * the API load balancer, the workers, then the application load balancer and its users at the far
 * right; without an API load balancer the workstation stands left of the control plane.
 * Pure: no DOM, so it is unit-tested in Node.
 */

/** A rectangle in CSS pixels. */
export interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

/** A component chip inside a node box. */
export interface ChipLayout { readonly key: string; readonly name: string; readonly ready: boolean; readonly leader?: boolean; readonly box: Box }

/** A pod's look: shape and colour both say the state (never colour alone). */
export type PodShape = 'running' | 'starting' | 'pending' | 'terminating' | 'failed' | 'succeeded';

/** A pod inside a node box, or in the pending tray. */
export interface PodLayout { readonly key: string; readonly label: string; readonly shape: PodShape; readonly pod: ViewPod; readonly box: Box }

/** A node box with its chips and pods. */
export interface NodeLayout {
  readonly node: ViewNode;
  readonly control: boolean;
  /** How the view draws it: kubectl shows no role for workers, so every non-control-plane Kubernetes node is one. */
  readonly role: 'control-plane' | 'worker' | 'docker-host';
  readonly box: Box;
  readonly chips: readonly ChipLayout[];
  readonly pods: readonly PodLayout[];
  /** Pods that did not fit the drawing ("+N more pods"). */
  readonly hiddenPods: number;
}

/** An arrow along points, labelled with the port it uses; `from`/`to` are endpoint ids. */
export interface EdgeLayout {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly points: readonly (readonly [number, number])[];
  readonly label: string;
  readonly kind: 'api' | 'app' | 'peer';
}

/** A box that is not a node: the workstation, the load balancers, the users, the pending tray. */
export interface ExtraLayout { readonly id: string; readonly entry: string; readonly title: string; readonly subtitle: string; readonly box: Box; readonly pods?: readonly PodLayout[]; readonly hiddenPods?: number }

/** The whole drawing. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly NodeLayout[];
  readonly extras: readonly ExtraLayout[];
  readonly edges: readonly EdgeLayout[];
  /** Endpoint id (`kubectl`, `api-lb`, `node/component`, …) → centre of its box. */
  readonly anchors: ReadonlyMap<string, readonly [number, number]>;
  /** Endpoint id → its box (for marking the two ends of a hop). */
  readonly bounds: ReadonlyMap<string, Box>;
}

/** Sizes derived from the editor's font size (CSS px). */
export interface Metrics { readonly font: number }

/** The longest component name drawn, kube-controller-manager, sets the chip width. */
const LONGEST_CHIP = 23;
/** Monospace advance as a share of the font size (Menlo, Consolas, DejaVu Sans Mono are about 0.6). */
const MONO = 0.62;
const MAX_POD_ROWS = 5;
/** Above this many workers in one column, the workers wrap into more columns. */
const WORKERS_PER_COLUMN = 6;

interface Sizes { m: number; pad: number; chipW: number; chipH: number; gap: number; nodeW: number; header: number; pod: number; podGap: number; perRow: number; colGap: number; extraW: number; extraH: number }

function sizes(font: number): Sizes {
  const pad = Math.round(font * 0.75);
  const chipW = Math.ceil(LONGEST_CHIP * MONO * font) + pad * 2 + Math.round(font * 1.2); // room for the state icon
  const nodeW = chipW + pad * 2;
  const pod = Math.max(12, Math.round(font));
  const podGap = Math.max(3, Math.round(font / 4));
  return {
    m: font * 2, pad, chipW, chipH: Math.round(font * 1.8), gap: Math.round(font * 0.4), nodeW,
    header: Math.round(font * 3.2), pod, podGap, perRow: Math.floor((nodeW - pad * 2 + podGap) / (pod + podGap)),
    colGap: Math.round(font * 5), extraW: Math.round(font * 12), extraH: Math.round(font * 4),
  };
}

const isControl = (n: ViewNode): boolean => n.roles.includes('control-plane');

/** The pod's look from its phase and status. */
export function podShape(p: ViewPod): PodShape {
  if (p.phase === 'Terminating') return 'terminating';
  if (p.phase === 'Failed' || p.phase === 'Unknown' || p.status === 'CrashLoopBackOff' || p.status === 'Error') return 'failed';
  if (p.phase === 'Succeeded') return 'succeeded';
  if (p.phase === 'Running' && p.ready) return 'running';
  return p.phase === 'Pending' && !p.status ? 'pending' : 'starting';
}

function podGrid(pods: readonly ViewPod[], x: number, y: number, z: Sizes, perRow: number): PodLayout[] {
  return pods.slice(0, perRow * MAX_POD_ROWS).map((p, i) => ({
    key: `${p.namespace}/${p.name}`, label: `${p.namespace}/${p.name}`, shape: podShape(p), pod: p,
    box: { x: x + (i % perRow) * (z.pod + z.podGap), y: y + Math.floor(i / perRow) * (z.pod + z.podGap), w: z.pod, h: z.pod },
  }));
}

function layoutNode(node: ViewNode, x: number, y: number, docker: boolean, z: Sizes): NodeLayout {
  const chips = node.components.map((c, i) => ({
    key: `${node.name}/${c.name}`, name: c.name, ready: c.ready, ...(c.leader === undefined ? {} : { leader: c.leader }),
    box: { x: x + z.pad, y: y + z.header + i * (z.chipH + z.gap), w: z.chipW, h: z.chipH },
  }));
  const podTop = y + z.header + node.components.length * (z.chipH + z.gap) + z.gap;
  const pods = podGrid(node.pods, x + z.pad, podTop, z, z.perRow);
  const podRows = Math.ceil(pods.length / z.perRow);
  const hiddenPods = Math.max(node.podCount, node.pods.length) - pods.length;
  const more = hiddenPods > 0 ? z.chipH : 0;
  const h = podTop - y + podRows * (z.pod + z.podGap) + more + z.pad;
  const role = isControl(node) ? 'control-plane' : docker ? 'docker-host' : 'worker';
  return { node, control: isControl(node), role, box: { x, y, w: z.nodeW, h }, chips, pods, hiddenPods };
}

/** Stacks nodes in columns of at most `perColumn`, from (x, y); returns the boxes and the columns' right edge. */
function stack(nodes: readonly ViewNode[], x: number, y: number, perColumn: number, docker: boolean, z: Sizes): NodeLayout[] {
  const out: NodeLayout[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const col = Math.floor(i / perColumn);
    const above = out[i - 1];
    const top = i % perColumn === 0 || !above ? y : above.box.y + above.box.h + z.gap * 4;
    out.push(layoutNode(nodes[i]!, x + col * (z.nodeW + z.colGap / 2), top, docker, z));
  }
  return out;
}

const centre = (b: Box): [number, number] => [b.x + b.w / 2, b.y + b.h / 2];
const leftMid = (b: Box): [number, number] => [b.x, b.y + b.h / 2];
const rightMid = (b: Box): [number, number] => [b.x + b.w, b.y + b.h / 2];
const bottom = (nodes: readonly { box: Box }[], fallback: number): number => nodes.reduce((m, n) => Math.max(m, n.box.y + n.box.h), fallback);
const right = (nodes: readonly { box: Box }[], fallback: number): number => nodes.reduce((m, n) => Math.max(m, n.box.x + n.box.w), fallback);
const midY = (nodes: readonly { box: Box }[], fallback: number): number =>
  nodes.length === 0 ? fallback : (nodes.reduce((m, n) => Math.min(m, n.box.y), Infinity) + bottom(nodes, 0)) / 2;

/** An orthogonal connector: horizontal, vertical at the midpoint, horizontal (the study guide's arrows). */
function elbow(a: readonly [number, number], b: readonly [number, number], mid = (a[0] + b[0]) / 2): [number, number][] {
  return a[1] === b[1] ? [[a[0], a[1]], [b[0], b[1]]] : [[a[0], a[1]], [mid, a[1]], [mid, b[1]], [b[0], b[1]]];
}

const chipOf = (n: NodeLayout, name: string): ChipLayout | undefined => n.chips.find((c) => c.name === name);

function extra(id: string, entry: string, title: string, subtitle: string, x: number, cy: number, z: Sizes): ExtraLayout {
  return { id, entry, title, subtitle, box: { x, y: Math.round(cy - z.extraH / 2), w: z.extraW, h: z.extraH } };
}

interface Parts { control: NodeLayout[]; workers: NodeLayout[]; extras: ExtraLayout[]; edges: EdgeLayout[] }

/** kubectl → (API load balancer) → every kube-apiserver; every other node's kubelet → the API on :6443. */
function apiEdges(p: Parts, lb: ExtraLayout | undefined, station: ExtraLayout, z: Sizes): void {
  const servers = p.control.map((n) => ({ n, chip: chipOf(n, 'kube-apiserver') })).filter((s) => s.chip);
  if (lb) {
    p.edges.push({ key: 'kubectl>api-lb', from: 'kubectl', to: 'api-lb', label: 'kubectl :6443', kind: 'api', points: [[centre(station.box)[0], station.box.y + station.box.h], [centre(lb.box)[0], lb.box.y]] });
    for (const s of servers) p.edges.push({ key: `api-lb>${s.n.node.name}`, from: 'api-lb', to: `${s.n.node.name}/kube-apiserver`, label: ':6443', kind: 'api', points: elbow(leftMid(lb.box), rightMid(s.chip!.box), lb.box.x - z.colGap / 2) });
  } else if (servers[0]) {
    const s = servers[0];
    p.edges.push({ key: `kubectl>${s.n.node.name}`, from: 'kubectl', to: `${s.n.node.name}/kube-apiserver`, label: 'kubectl :6443', kind: 'api', points: elbow(rightMid(station.box), leftMid(s.chip!.box)) });
  }
  const target = lb ? { id: 'api-lb', at: rightMid(lb.box) } : servers[0] ? { id: `${servers[0].n.node.name}/kube-apiserver`, at: rightMid(servers[0].n.box) } : undefined;
  if (!target) return;
  const trunk = target.at[0] + z.colGap / 2;
  for (const w of p.workers) {
    const kubelet = chipOf(w, 'kubelet');
    if (kubelet) p.edges.push({ key: `${w.node.name}>api`, from: `${w.node.name}/kubelet`, to: target.id, label: ':6443', kind: 'api', points: elbow(leftMid(kubelet.box), target.at, Math.min(trunk, w.box.x - z.colGap / 4)) });
  }
}

/** Stacked etcd members talk to each other on :2380 (peer port), drawn as the study guide's left bracket. */
function peerEdges(p: Parts, z: Sizes): void {
  const members = p.control.map((n) => ({ n, chip: chipOf(n, 'etcd') })).filter((s) => s.chip);
  if (members.length < 2) return;
  const x = members[0]!.n.box.x - z.pad * 1.5;
  for (let i = 1; i < members.length; i++) {
    const a = members[i - 1]!;
    const b = members[i]!;
    p.edges.push({ key: `etcd:${a.n.node.name}>${b.n.node.name}`, from: `${a.n.node.name}/etcd`, to: `${b.n.node.name}/etcd`, label: ':2380', kind: 'peer',
      points: [leftMid(a.chip!.box), [x, leftMid(a.chip!.box)[1]], [x, leftMid(b.chip!.box)[1]], leftMid(b.chip!.box)] });
  }
}

/** The app load balancer in front of the nodes that run the workloads, and the users in front of it. */
function appEdges(p: Parts, x: number, z: Sizes): void {
  const targets = p.workers.length > 0 ? p.workers : p.control;
  const lb = extra('app-lb', 'load-balancer', 'App load balancer', 'Service LoadBalancer', x, midY(targets, z.m), z);
  const users = extra('users', 'load-balancer', 'Users', 'browser, HTTP :80', x + z.extraW + z.colGap, midY(targets, z.m), z);
  p.extras.push(lb, users);
  p.edges.push({ key: 'users>app-lb', from: 'users', to: 'app-lb', label: ':80', kind: 'app', points: [leftMid(users.box), rightMid(lb.box)] });
  for (const w of targets) p.edges.push({ key: `app-lb>${w.node.name}`, from: 'app-lb', to: w.node.name, label: 'NodePort', kind: 'app', points: elbow(leftMid(lb.box), rightMid(w.box), lb.box.x - z.colGap / 3) });
}

/** Pods no node holds: a tray under the control plane, where kube-scheduler looks for them. */
function pendingTray(view: ClusterView, x: number, y: number, z: Sizes): ExtraLayout | undefined {
  const pending = view.pending ?? [];
  const count = view.pendingCount ?? pending.length;
  if (count === 0) return undefined;
  const perRow = z.perRow;
  const pods = podGrid(pending, x + z.pad, y + z.header, z, perRow);
  const rows = Math.ceil(pods.length / perRow);
  const hiddenPods = count - pods.length;
  const h = z.header + rows * (z.pod + z.podGap) + (hiddenPods > 0 ? z.chipH : 0) + z.pad;
  return { id: 'pending', entry: 'kube-scheduler', title: 'Pending: no node yet', subtitle: `${count} pod${count === 1 ? '' : 's'}`, box: { x, y, w: z.nodeW, h }, pods, hiddenPods };
}

function boundsOf(nodes: readonly NodeLayout[], extras: readonly ExtraLayout[]): Map<string, Box> {
  const bounds = new Map<string, Box>();
  for (const n of nodes) {
    bounds.set(n.node.name, n.box);
    for (const c of n.chips) bounds.set(c.key, c.box);
  }
  for (const x of extras) bounds.set(x.id, x.box);
  return bounds;
}

/** Lays out a cluster the way the study guide draws it. */
export function layoutCluster(view: ClusterView, metrics: Metrics = { font: 13 }): Layout {
  const z = sizes(Math.max(8, Math.min(40, metrics.font)));
  const docker = view.mode === 'docker';
  const controlNodes = view.nodes.filter(isControl);
  const workerNodes = view.nodes.filter((n) => !isControl(n));
  const p: Parts = { control: [], workers: [], extras: [], edges: [] };
  const stationTitle = { id: 'kubectl', entry: docker ? 'docker' : 'kubectl', title: 'Workstation', subtitle: docker ? 'docker CLI' : 'kubectl' };
  let x = z.m;
  let station: ExtraLayout;
  let lb: ExtraLayout | undefined;
  if (view.apiLoadBalancer) {
    x += z.pad * 2; // room for the etcd peer bracket
    p.control = stack(controlNodes, x, z.m, Math.max(1, controlNodes.length), docker, z);
    x = right(p.control, x) + z.colGap;
    lb = extra('api-lb', 'load-balancer', 'API load balancer', ':6443 → kube-apiservers', x, midY(p.control, z.m), z);
    station = extra(stationTitle.id, stationTitle.entry, stationTitle.title, stationTitle.subtitle, x, z.m + z.extraH / 2, z);
    if (lb.box.y < station.box.y + station.box.h + z.colGap) lb = { ...lb, box: { ...lb.box, y: station.box.y + station.box.h + z.colGap } };
    p.extras.push(station, lb);
    x += z.extraW + z.colGap;
  } else {
    p.control = stack(controlNodes, x + z.extraW + z.colGap, z.m, Math.max(1, controlNodes.length), docker, z);
    station = extra(stationTitle.id, stationTitle.entry, stationTitle.title, stationTitle.subtitle, x, p.control.length ? centre(p.control[0]!.box)[1] : z.m + z.extraH, z);
    p.extras.push(station);
    x = right(p.control, x + z.extraW) + z.colGap;
  }
  const columns = Math.max(1, Math.ceil(workerNodes.length / WORKERS_PER_COLUMN));
  p.workers = stack(workerNodes, x, z.m, Math.ceil(workerNodes.length / columns) || 1, docker, z);
  if (docker) {
    for (const h of p.workers) {
      const daemon = chipOf(h, 'dockerd');
      // The admin's docker CLI reaches the daemon on its TLS port (https://docs.docker.com/engine/security/protect-access/).
      if (daemon) p.edges.push({ key: `docker>${h.node.name}`, from: 'kubectl', to: `${h.node.name}/dockerd`, label: 'docker :2376', kind: 'api', points: elbow(rightMid(station.box), leftMid(daemon.box)) });
    }
  } else {
    apiEdges(p, lb, station, z);
    peerEdges(p, z);
  }
  x = right(p.workers, x) + z.colGap;
  if (view.appLoadBalancer && (p.workers.length > 0 || p.control.length > 0)) appEdges(p, x, z);
  const tray = pendingTray(view, p.control[0]?.box.x ?? z.m, bottom([...p.control, ...p.extras], z.m) + z.colGap / 2, z);
  if (tray) p.extras.push(tray);
  const nodes = [...p.control, ...p.workers];
  const all = [...nodes, ...p.extras];
  const bounds = boundsOf(nodes, p.extras);
  const anchors = new Map([...bounds].map(([id, b]) => [id, centre(b)] as const));
  return { width: right(all, 0) + z.m, height: bottom(all, 0) + z.m, nodes, extras: p.extras, edges: p.edges, anchors, bounds };
}
