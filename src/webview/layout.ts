import type { ClusterView, ViewNode } from '../shared/protocol';

/** A rectangle in SVG user units. */
export interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

/** A component chip inside a node box. */
export interface ChipLayout { readonly name: string; readonly ready: boolean; readonly leader?: boolean; readonly box: Box }

/** A pod square inside a worker box. */
export interface PodLayout { readonly label: string; readonly phase: string; readonly ready: boolean; readonly box: Box }

/** A node box with its chips and pods. */
export interface NodeLayout {
  readonly node: ViewNode;
  readonly control: boolean;
  /** How the view draws it: kubectl shows no role for workers, so every non-control-plane Kubernetes node is one. */
  readonly role: 'control-plane' | 'worker' | 'docker-host';
  readonly box: Box;
  readonly chips: readonly ChipLayout[];
  readonly pods: readonly PodLayout[];
  /** Pods that did not fit the drawing ("+N more"). */
  readonly hiddenPods: number;
}

/** An arrow between two points, labelled with the port it uses. */
export interface EdgeLayout { readonly from: readonly [number, number]; readonly to: readonly [number, number]; readonly label: string; readonly kind: 'api' | 'app' }

/** A box that is not a node: the workstation, the load balancers, the users. */
export interface ExtraLayout { readonly id: string; readonly title: string; readonly subtitle: string; readonly box: Box }

/** The whole drawing. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly NodeLayout[];
  readonly extras: readonly ExtraLayout[];
  readonly edges: readonly EdgeLayout[];
}

const M = 24; // margin
const NODE_W = 348;
const GAP = 28;
const HEADER = 34;
const CHIP_W = 160;
const CHIP_H = 22;
const CHIP_GAP = 6;
const POD = 16;
const POD_GAP = 4;
const PODS_PER_ROW = 16;
const MAX_POD_ROWS = 5;
const EXTRA_W = 150;
const EXTRA_H = 56;
const ROW_GAP = 70;

const isControl = (n: ViewNode): boolean => n.roles.includes('control-plane');

function chipsFor(node: ViewNode, x: number, y: number): ChipLayout[] {
  return node.components.map((c, i) => ({
    name: c.name, ready: c.ready, ...(c.leader === undefined ? {} : { leader: c.leader }),
    box: { x: x + 10 + (i % 2) * (CHIP_W + CHIP_GAP), y: y + HEADER + Math.floor(i / 2) * (CHIP_H + CHIP_GAP), w: CHIP_W, h: CHIP_H },
  }));
}

function podsFor(node: ViewNode, x: number, top: number): PodLayout[] {
  const shown = node.pods.slice(0, PODS_PER_ROW * MAX_POD_ROWS);
  return shown.map((p, i) => ({
    label: `${p.namespace}/${p.name}`, phase: p.phase, ready: p.ready,
    box: { x: x + 10 + (i % PODS_PER_ROW) * (POD + POD_GAP), y: top + Math.floor(i / PODS_PER_ROW) * (POD + POD_GAP), w: POD, h: POD },
  }));
}

function layoutNode(node: ViewNode, x: number, y: number, docker: boolean): NodeLayout {
  const chips = chipsFor(node, x, y);
  const chipRows = Math.ceil(node.components.length / 2);
  const podTop = y + HEADER + chipRows * (CHIP_H + CHIP_GAP) + 8;
  const pods = podsFor(node, x, podTop);
  const podRows = Math.max(1, Math.ceil(pods.length / PODS_PER_ROW));
  const h = podTop - y + podRows * (POD + POD_GAP) + 18;
  const role = isControl(node) ? 'control-plane' : docker ? 'docker-host' : 'worker';
  return { node, control: isControl(node), role, box: { x, y, w: NODE_W, h }, chips, pods, hiddenPods: Math.max(node.podCount, node.pods.length) - pods.length };
}

const PER_ROW = 4;

/** Nodes left to right, wrapping after PER_ROW; each wrapped row starts below the tallest box above it. */
function layoutRow(nodes: readonly ViewNode[], x0: number, y: number, docker: boolean): NodeLayout[] {
  const out: NodeLayout[] = [];
  let top = y;
  for (let i = 0; i < nodes.length; i += PER_ROW) {
    const row = nodes.slice(i, i + PER_ROW).map((n, j) => layoutNode(n, x0 + j * (NODE_W + GAP), top, docker));
    out.push(...row);
    top = rowBottom(row, top) + GAP;
  }
  return out;
}

const rowBottom = (row: readonly NodeLayout[], fallback: number): number =>
  row.reduce((m, n) => Math.max(m, n.box.y + n.box.h), fallback);

const top = (b: Box): [number, number] => [b.x + b.w / 2, b.y];
const bottom = (b: Box): [number, number] => [b.x + b.w / 2, b.y + b.h];
const left = (b: Box): [number, number] => [b.x, b.y + b.h / 2];
const right = (b: Box): [number, number] => [b.x + b.w, b.y + b.h / 2];

function chip(n: NodeLayout, name: string): ChipLayout | undefined {
  return n.chips.find((c) => c.name === name);
}

/** Arrows of API traffic: kubectl → (load balancer) → each kube-apiserver; each worker's kubelet → the API. */
function apiEdges(workstation: ExtraLayout, lb: ExtraLayout | undefined, control: readonly NodeLayout[], workers: readonly NodeLayout[]): EdgeLayout[] {
  const servers = control.map((n) => chip(n, 'kube-apiserver')).filter((c): c is ChipLayout => c !== undefined);
  const edges: EdgeLayout[] = [];
  const entry = lb ?? (servers[0] ? { box: servers[0].box } : undefined);
  if (entry) edges.push({ from: right(workstation.box), to: left(entry.box), label: ':6443', kind: 'api' });
  if (lb) for (const s of servers) edges.push({ from: right(lb.box), to: left(s.box), label: ':6443', kind: 'api' });
  const target = lb?.box ?? servers[0]?.box;
  for (const w of workers) {
    const kubelet = chip(w, 'kubelet');
    if (kubelet && target) edges.push({ from: top(kubelet.box), to: lb ? bottom(lb.box) : bottom(target), label: ':6443', kind: 'api' });
  }
  return edges;
}

/** The admin's docker CLI reaches each Docker host's daemon (TLS port 2376, https://docs.docker.com/engine/security/protect-access/). */
function dockerEdges(workstation: ExtraLayout, hosts: readonly NodeLayout[]): EdgeLayout[] {
  return hosts.flatMap((h) => {
    const daemon = chip(h, 'dockerd');
    return daemon ? [{ from: right(workstation.box), to: left(daemon.box), label: ':2376', kind: 'api' as const }] : [];
  });
}

/** Lays out a cluster the way the study guide draws it: workstation, API load balancer, control plane, workers, app load balancer, users. */
export function layoutCluster(view: ClusterView): Layout {
  const control = view.nodes.filter(isControl);
  const workerNodes = view.nodes.filter((n) => !isControl(n));
  const docker = view.mode === 'docker';
  const workstation: ExtraLayout = { id: docker ? 'docker' : 'kubectl', title: 'Workstation', subtitle: docker ? 'docker CLI' : 'kubectl', box: { x: M, y: M + 20, w: EXTRA_W, h: EXTRA_H } };
  const apiLb: ExtraLayout | undefined = view.apiLoadBalancer
    ? { id: 'load-balancer', title: 'API load balancer', subtitle: ':6443', box: { x: M + EXTRA_W + GAP * 2, y: M + 20, w: EXTRA_W, h: EXTRA_H } }
    : undefined;
  const cpX = (apiLb ? apiLb.box.x + EXTRA_W : M + EXTRA_W) + GAP * 2;
  const controlRow = layoutRow(control, cpX, M, docker);
  const workerY = rowBottom(controlRow, M + EXTRA_H + 20) + ROW_GAP;
  const workerRow = layoutRow(workerNodes, cpX, workerY, docker);
  const extras: ExtraLayout[] = [workstation, ...(apiLb ? [apiLb] : [])];
  const edges = docker ? dockerEdges(workstation, workerRow) : apiEdges(workstation, apiLb, controlRow, workerRow);
  let height = rowBottom(workerRow, workerY) + M;
  if (view.appLoadBalancer && workerRow.length > 0) {
    const y = height + ROW_GAP - M;
    const users: ExtraLayout = { id: 'users', title: 'Users', subtitle: 'HTTP', box: { x: M, y, w: EXTRA_W, h: EXTRA_H } };
    const appLb: ExtraLayout = { id: 'load-balancer', title: 'App load balancer', subtitle: 'Service type LoadBalancer', box: { x: cpX, y, w: EXTRA_W + 40, h: EXTRA_H } };
    extras.push(users, appLb);
    edges.push({ from: right(users.box), to: left(appLb.box), label: ':80', kind: 'app' });
    for (const w of workerRow) edges.push({ from: top(appLb.box), to: bottom(w.box), label: 'NodePort', kind: 'app' });
    height = y + EXTRA_H + M;
  }
  const all = [...controlRow, ...workerRow];
  const width = Math.max(...all.map((n) => n.box.x + n.box.w), ...extras.map((e) => e.box.x + e.box.w)) + M;
  return { width, height, nodes: all, extras, edges };
}

