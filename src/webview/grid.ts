import type { ViewGrid } from '../shared/protocol';
import { cellAt, gridGeometry, visibleCells, type GridGeometry } from './gridLayout';
import type { ViewTransform } from './viewport';

interface Colours { fg: string; muted: string; running: string; starting: string; down: string; control: string; worker: string; focus: string; bg: string; panel: string }

function colours(): Colours {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--ka-fg', '#ccc'), muted: v('--ka-muted', '#999'), running: v('--ka-worker', '#89d185'), starting: v('--ka-standby', '#cca700'),
    down: v('--ka-down', '#f14c4c'), control: v('--ka-control', '#3794ff'), worker: v('--ka-worker', '#89d185'), focus: v('--ka-focus', '#007fd4'),
    bg: v('--ka-bg', '#1e1e1e'), panel: v('--ka-panel', '#252526'),
  };
}

/**
 * Every node of a large cluster on a canvas, as kube-ops-view draws one: a cell per node with a
 * bar of its pods by state (running, starting, terminating) against its capacity. Only visible
 * cells are drawn, so panning 5,000 nodes costs what the screen shows. Names appear only when the
 * zoom leaves room for them at the editor's font size.
 */
export class GridDrawing {
  grid: ViewGrid | undefined;
  geometry: GridGeometry = gridGeometry(1);
  selected = -1;
  matches: ReadonlySet<number> = new Set();
  private t: ViewTransform = { k: 1, x: 0, y: 0 };
  private pending = 0;
  private palette: Colours | undefined;

  constructor(readonly canvas: HTMLCanvasElement, private readonly font: () => number) {}

  setGrid(grid: ViewGrid, aspect: number): void {
    const sameSize = this.grid?.names.length === grid.names.length;
    this.grid = grid;
    if (!sameSize) this.geometry = gridGeometry(grid.names.length, aspect);
    this.draw();
  }

  themeChanged(): void {
    this.palette = undefined;
    this.draw();
  }

  setTransform(t: ViewTransform): void {
    this.t = t;
    this.draw();
  }

  /** Node index under a point of the canvas (CSS px), or -1. */
  hit(px: number, py: number): number {
    return this.grid ? cellAt(this.geometry, this.grid.names.length, (px - this.t.x) / this.t.k, (py - this.t.y) / this.t.k) : -1;
  }

  centreOf(i: number): [number, number] {
    const g = this.geometry;
    return [g.gap + (i % g.cols) * (g.cellW + g.gap) + g.cellW / 2, g.gap + Math.floor(i / g.cols) * (g.cellH + g.gap) + g.cellH / 2];
  }

  /** Draws on the next animation frame (many calls in one frame draw once). */
  draw(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.paint();
    });
  }

  /** Draws now. */
  paint(): void {
    const grid = this.grid;
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const h = c.clientHeight;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    const ctx = c.getContext('2d');
    if (!ctx || !grid) return;
    const p = (this.palette ??= colours());
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const { k, x: tx, y: ty } = this.t;
    const g = this.geometry;
    const v = visibleCells(g, -tx / k, -ty / k, (w - tx) / k, (h - ty) / k);
    const cw = g.cellW * k;
    const ch = g.cellH * k;
    const font = this.font();
    ctx.font = `${font}px ${getComputedStyle(document.body).fontFamily}`;
    const labels = cw >= font * 6;
    for (let r = v.r0; r <= v.r1; r++) {
      for (let col = v.c0; col <= v.c1; col++) {
        const i = r * g.cols + col;
        if (i >= grid.names.length) break;
        const x = tx + (g.gap + col * (g.cellW + g.gap)) * k;
        const y = ty + (g.gap + r * (g.cellH + g.gap)) * k;
        this.cell(ctx, p, grid, i, x, y, cw, ch, labels, font);
      }
    }
  }

  private cell(ctx: CanvasRenderingContext2D, p: Colours, grid: ViewGrid, i: number, x: number, y: number, w: number, h: number, label: boolean, font: number): void {
    const flags = grid.flags[i] ?? 0;
    const ready = (flags & 1) === 1;
    const control = (flags & 2) === 2;
    ctx.fillStyle = p.panel;
    ctx.fillRect(x, y, w, h);
    const cap = Math.max(1, grid.capacity[i] ?? 110);
    const bars: [number, string][] = [[grid.running[i] ?? 0, p.running], [grid.starting[i] ?? 0, p.starting], [grid.terminating[i] ?? 0, p.down]];
    let bx = x + 2;
    const inner = w - 4;
    const barH = Math.max(2, h * 0.3);
    for (const [n, colour] of bars) {
      const bw = (n / cap) * inner;
      ctx.fillStyle = colour;
      ctx.fillRect(bx, y + h - barH - 2, bw, barH);
      bx += bw;
    }
    ctx.lineWidth = i === this.selected ? 3 : 1.5;
    ctx.strokeStyle = i === this.selected || this.matches.has(i) ? p.focus : !ready ? p.down : control ? p.control : p.worker;
    ctx.setLineDash(ready ? [] : [4, 3]);
    ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
    ctx.setLineDash([]);
    if (!ready) { // a cross as well as the colour: NotReady is not told by colour alone
      ctx.beginPath();
      ctx.moveTo(x + 3, y + 3);
      ctx.lineTo(x + Math.min(w, h) * 0.4, y + Math.min(w, h) * 0.4);
      ctx.moveTo(x + Math.min(w, h) * 0.4, y + 3);
      ctx.lineTo(x + 3, y + Math.min(w, h) * 0.4);
      ctx.stroke();
    }
    if (label) {
      ctx.fillStyle = p.fg;
      ctx.fillText(fitText(ctx, grid.names[i] ?? '', w - 6), x + 4, y + font + 2, w - 6);
      if (h > font * 2.6) {
        ctx.fillStyle = p.muted;
        ctx.fillText(`${(grid.running[i] ?? 0) + (grid.starting[i] ?? 0) + (grid.terminating[i] ?? 0)} pods`, x + 4, y + font * 2 + 4, w - 6);
      }
    }
  }
}

function fitText(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > width) s = s.slice(0, -1);
  return `${s}…`;
}
