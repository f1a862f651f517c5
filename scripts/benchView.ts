/// <reference lib="dom" />
/**
 * Cluster View benchmark in headless Chromium (`npm run bench:view`, part of `npm run bench`): builds the
 * webview bundle as it ships, loads it in a page that stands in for the VS Code webview (its
 * stylesheet, the theme's CSS variables, a stub `acquireVsCodeApi`), feeds it synthetic view
 * models through the same messages the host sends, and prints medians of several runs:
 *
 * 1. First frame at teaching size (HA, 5 nodes): from the page's first message to the first painted frame. Budget ≤ 300 ms.
 * 2. Animating 50 nodes and 1,000 pods: steps playing (packets along their paths) while deltas
 *    change pods 10 times a second. Budget ≥ 55 fps.
 * 3. Panning the grid of 5,000 nodes and 150,000 pods. Budget ≥ 30 fps.
 *
 * `--screenshots DIR` also writes light and dark screenshots of the HA cluster at 560 px.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { ClusterView, ViewGrid, ViewNode, ViewPod, ViewStep } from '../src/shared/protocol';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.bench', 'view');
const RUNS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 3);
const shotsAt = process.argv.indexOf('--screenshots');
const SHOTS = shotsAt > 0 ? process.argv[shotsAt + 1] : undefined;

const THEMES = {
  dark: { '--vscode-editor-foreground': '#d4d4d4', '--vscode-editor-background': '#1e1e1e', '--vscode-descriptionForeground': '#a0a0a0', '--vscode-editorWidget-background': '#252526', '--vscode-editorWidget-border': '#454545', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f14c4c', '--vscode-charts-yellow': '#cca700', '--vscode-focusBorder': '#007fd4', '--vscode-font-family': 'sans-serif', '--vscode-editor-font-family': 'monospace', '--vscode-editor-font-size': '14px', '--vscode-textLink-foreground': '#3794ff' },
  light: { '--vscode-editor-foreground': '#1f1f1f', '--vscode-editor-background': '#ffffff', '--vscode-descriptionForeground': '#616161', '--vscode-editorWidget-background': '#f3f3f3', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-green': '#388a34', '--vscode-charts-red': '#e51400', '--vscode-charts-yellow': '#bf8803', '--vscode-focusBorder': '#0090f1', '--vscode-font-family': 'sans-serif', '--vscode-editor-font-family': 'monospace', '--vscode-editor-font-size': '14px', '--vscode-textLink-foreground': '#006ab1' },
} as const;

const comp = (name: string, leader?: boolean): ViewNode['components'][number] => (leader === undefined ? { name, ready: true } : { name, ready: true, leader });
const controlComponents = (leader: boolean): ViewNode['components'] => [comp('etcd'), comp('kube-apiserver'), comp('kube-controller-manager', leader), comp('kube-scheduler', leader), comp('kubelet'), comp('kube-proxy'), comp('containerd')];

function pods(node: number, count: number, phase = 'Running'): ViewPod[] {
  return Array.from({ length: count }, (_, j) => ({ namespace: 'default', name: `shop-7c9f-${node}-${j}`, phase, ready: phase === 'Running', workload: { kind: 'Deployment', namespace: 'default', name: 'shop' } }));
}

/** A cluster of `workers` workers behind three control-plane nodes, `perNode` pods on each worker. */
function syntheticView(workers: number, perNode: number): ClusterView {
  const cps: ViewNode[] = [1, 2, 3].map((i) => ({ name: `control-plane-${i}`, roles: ['control-plane'], ready: true, up: true, components: controlComponents(i === 1), pods: [], podCount: 0 }));
  const ws: ViewNode[] = Array.from({ length: workers }, (_, i) => ({ name: `worker-${i + 1}`, roles: [], ready: true, up: true, components: [comp('kubelet'), comp('kube-proxy'), comp('containerd')], pods: pods(i, perNode), podCount: perNode }));
  return {
    topology: 'ha', mode: 'kubernetes', title: 'Highly available cluster', time: 0, nodes: [...cps, ...ws], hiddenNodes: 0, apiLoadBalancer: true, appLoadBalancer: true,
    etcd: { members: 3, healthy: 3, quorum: true }, events: [], pending: [], pendingCount: 0, workloads: [{ kind: 'Deployment', namespace: 'default', name: 'shop', desired: workers * perNode, ready: workers * perNode }], alerts: [], grid: null, podTotal: workers * perNode,
  };
}

function gridView(nodes: number, podsTotal: number): ClusterView {
  const per = Math.floor(podsTotal / nodes);
  const grid: ViewGrid = {
    names: Array.from({ length: nodes }, (_, i) => (i === 0 ? 'control-plane' : `worker-${i}`)),
    flags: Array.from({ length: nodes }, (_, i) => (i === 0 ? 3 : i % 97 === 0 ? 0 : 1)),
    running: Array.from({ length: nodes }, (_, i) => (i === 0 ? 0 : per - (i % 5))), starting: Array.from({ length: nodes }, (_, i) => i % 5),
    terminating: Array.from({ length: nodes }, () => 0), capacity: Array.from({ length: nodes }, () => 110),
  };
  return { ...syntheticView(0, 0), nodes: syntheticView(0, 0).nodes.slice(0, 1), grid, podTotal: podsTotal, title: 'Cluster from Node manifests', topology: 'nodes', apiLoadBalancer: false };
}

/** Steps that travel the whole drawing: kubectl → LB → API server → etcd, a watch, a kubelet → containerd call. */
function steps(count: number, workers: number): ViewStep[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: i, time: i, actor: 'kubelet', node: `worker-${(i % workers) + 1}`, verb: 'Started', mark: i % 50 === 0 ? 'apply' : 'none', text: `step ${i}`,
    hops: [
      { from: 'kubectl', to: 'api-lb', port: 6443, kind: 'request' }, { from: 'api-lb', to: 'control-plane-1/kube-apiserver', port: 6443, kind: 'request' },
      { from: 'control-plane-1/kube-apiserver', to: 'control-plane-1/etcd', port: 2379, kind: 'request' }, { from: 'control-plane-1/kube-apiserver', to: `worker-${(i % workers) + 1}/kubelet`, kind: 'watch' },
    ],
  }));
}

function harness(theme: keyof typeof THEMES): string {
  const vars = Object.entries(THEMES[theme]).map(([k, v]) => `${k}: ${v};`).join(' ');
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"><link rel="stylesheet" href="clusterView.css"><style>html { ${vars} }</style>
<script>window.__name = (f) => f; window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => { window.__state = s; } });</script>
</head><body class="vscode-${theme}">${fs.readFileSync(path.join(OUT, 'body.html'), 'utf8')}<script src="webview.js"></script></body></html>`;
}

async function prepare(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  await build({ entryPoints: [path.join(ROOT, 'src/webview/main.ts')], outfile: path.join(OUT, 'webview.js'), bundle: true, minify: true, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'warning' });
  fs.copyFileSync(path.join(ROOT, 'media/clusterView.css'), path.join(OUT, 'clusterView.css'));
  const { clusterViewHtml } = await import('../src/vscode/webviewHtml');
  const page = clusterViewHtml({ cspSource: '', nonce: 'x', scriptUri: '', styleUri: '', initialJson: '' });
  const body = page.slice(page.indexOf('>', page.indexOf('<body')) + 1, page.indexOf('<script nonce'));
  fs.writeFileSync(path.join(OUT, 'body.html'), body);
  for (const t of Object.keys(THEMES) as (keyof typeof THEMES)[]) fs.writeFileSync(path.join(OUT, `${t}.html`), harness(t));
}

const send = (page: Page, msg: unknown): Promise<void> => page.evaluate((m) => window.postMessage(m, '*'), msg);

/** Frames per second over `millis`, counted with requestAnimationFrame in the page. */
function fps(page: Page, millis: number): Promise<number> {
  return page.evaluate((ms) => new Promise<number>((resolve) => {
    let frames = 0;
    const start = performance.now();
    const tick = (now: number): void => {
      frames++;
      if (now - start < ms) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (now - start));
    };
    requestAnimationFrame(tick);
  }), millis);
}

async function firstFrame(page: Page, view: ClusterView): Promise<number> {
  return page.evaluate((v) => new Promise<number>((resolve) => {
    const start = performance.now();
    window.postMessage({ type: 'updateState', view: v }, '*');
    const wait = (): void => {
      if (document.querySelector('svg#cluster[data-ready="true"] g.node')) requestAnimationFrame(() => resolve(performance.now() - start));
      else setTimeout(wait, 0);
    };
    wait();
  }), view);
}

async function animate(page: Page): Promise<number> {
  const view = syntheticView(47, 21);
  await send(page, { type: 'updateState', view });
  await send(page, { type: 'steps', steps: steps(1, 47), reset: true });
  await send(page, { type: 'steps', steps: steps(400, 47).slice(1), reset: false });
  await page.keyboard.press('2'); // 10×: a packet every few frames
  const changing = page.evaluate((v) => {
    let n = 0;
    const timer = setInterval(() => { // a delta 10 times a second: one worker's pods change phase
      n++;
      const node = v.nodes[3 + (n % 47)]!;
      const phase = n % 2 ? 'Pending' : 'Running';
      window.postMessage({ type: 'delta', delta: { fields: { time: n }, nodes: [{ ...node, pods: node.pods.map((p) => ({ ...p, phase, ready: phase === 'Running' })) }], removedNodes: [] } }, '*');
    }, 100);
    setTimeout(() => clearInterval(timer), 3200);
  }, view);
  const result = await fps(page, 3000);
  await changing;
  return result;
}

async function panGrid(page: Page): Promise<number> {
  await send(page, { type: 'updateState', view: gridView(5000, 150_000) });
  await page.waitForTimeout(200);
  const box = await page.locator('#grid').boundingBox();
  if (!box) throw new Error('grid not drawn');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const panning = (async (): Promise<void> => {
    for (let i = 0; i < 180; i++) {
      await page.mouse.wheel(i % 60 < 30 ? 40 : -40, 25);
    }
  })();
  const result = await fps(page, 3000);
  await panning;
  return result;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  await prepare();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-gpu-vsync', '--disable-frame-rate-limit'] });
  const results: Record<string, number[]> = { first: [], animate: [], grid: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(`file://${path.join(OUT, 'dark.html')}`);
      results.first!.push(await firstFrame(page, syntheticView(2, 4)));
      results.animate!.push(await animate(page));
      results.grid!.push(await panGrid(page));
      await page.close();
    }
    if (SHOTS) await screenshots(browser, SHOTS);
  } finally {
    await browser.close();
  }
  console.log(`Cluster View in headless Chromium (${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}), median of ${RUNS}:`);
  console.log(`  first frame, HA at teaching size:           ${median(results.first!).toFixed(0)} ms (budget ≤ 300)   runs ${results.first!.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`  animating 50 nodes / 1,000 pods:             ${median(results.animate!).toFixed(1)} fps (budget ≥ 55)   runs ${results.animate!.map((x) => x.toFixed(1)).join(', ')}`);
  console.log(`  panning the grid, 5,000 nodes / 150,000 pods: ${median(results.grid!).toFixed(1)} fps (budget ≥ 30)   runs ${results.grid!.map((x) => x.toFixed(1)).join(', ')}`);
}

async function screenshots(browser: import('playwright-core').Browser, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const theme of Object.keys(THEMES) as (keyof typeof THEMES)[]) {
    const page = await browser.newPage({ viewport: { width: 560, height: 900 } });
    await page.goto(`file://${path.join(OUT, `${theme}.html`)}`);
    const view = syntheticView(2, 3);
    const failed: ClusterView = {
      ...view, nodes: view.nodes.map((n) => (n.name === 'worker-1' ? { ...n, ready: false, up: false, pods: n.pods.map((p) => ({ ...p, phase: 'Terminating' })) } : n)),
      alerts: [{ severity: 'error', text: 'worker-1 is NotReady: its machine is down.', target: 'worker-1' }],
    };
    await send(page, { type: 'updateState', view: failed });
    await send(page, { type: 'steps', steps: steps(6, 2), reset: true });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(dir, `view-ha-${theme}.png`) });
    await page.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
