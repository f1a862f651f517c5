import type { ViewHop, ViewStep } from '../shared/protocol';
import type { EdgeLayout, Layout } from './layout';
import { el } from './render';

type Point = readonly [number, number];

interface Packet { readonly g: SVGGElement; readonly pts: readonly Point[]; readonly lengths: readonly number[]; readonly total: number; readonly start: number; readonly dur: number; readonly done: () => void; timer?: ReturnType<typeof setTimeout> }

/**
 * How long past its duration a packet may wait for an animation frame: a hidden or starved webview gets no
 * frames, and the timeline awaits each packet, so without this its play head would stop until frames return.
 */
const FRAME_GRACE_MS = 250;

/** The route a hop takes in the drawing: along a drawn edge (either way), through the API load balancer, or straight. */
export function route(layout: Layout, hop: ViewHop): Point[] | undefined {
  const a = layout.anchors.get(hop.from);
  const b = layout.anchors.get(hop.to);
  if (!a || !b) return undefined;
  const along = (from: string, to: string): Point[] | undefined => {
    const fwd = layout.edges.find((e) => endsAt(e, from, to));
    if (fwd) return [...fwd.points];
    const back = layout.edges.find((e) => endsAt(e, to, from));
    return back ? [...back.points].reverse() : undefined;
  };
  const direct = along(hop.from, hop.to);
  if (direct) return [a, ...direct, b];
  if (layout.anchors.has('api-lb') && hop.from !== 'api-lb' && hop.to !== 'api-lb') {
    const first = along(hop.from, 'api-lb');
    const second = along('api-lb', hop.to);
    if (first && second) return [a, ...first, ...second, b];
  }
  return [a, b];
}

const endsAt = (e: EdgeLayout, from: string, to: string): boolean =>
  (e.from === from || from.startsWith(`${e.from}/`) || e.from.startsWith(`${from}/`)) && (e.to === to || to.startsWith(`${e.to}/`));

function measure(pts: readonly Point[]): { lengths: number[]; total: number } {
  const lengths = [0];
  for (let i = 1; i < pts.length; i++) lengths.push(lengths[i - 1]! + Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]));
  return { lengths, total: lengths[lengths.length - 1]! };
}

function pointAt(p: Packet, f: number): Point {
  const d = f * p.total;
  let i = 1;
  while (i < p.pts.length - 1 && p.lengths[i]! < d) i++;
  const seg = p.lengths[i]! - p.lengths[i - 1]! || 1;
  const u = Math.min(1, Math.max(0, (d - p.lengths[i - 1]!) / seg));
  const [x0, y0] = p.pts[i - 1]!;
  const [x1, y1] = p.pts[i]!;
  return [x0 + (x1 - x0) * u, y0 + (y1 - y0) * u];
}

/**
 * Moves packets along hops with requestAnimationFrame (one loop for all packets). With reduced
 * motion there is no movement: the hop's two ends are marked for the same time instead.
 */
export class Animator {
  private readonly live = new Set<Packet>();
  private frame = 0;
  reducedMotion = false;

  constructor(private readonly layer: SVGGElement) {}

  /** Plays a step's hops one after another; resolves when done. */
  async play(layout: Layout, step: ViewStep, hopMillis: number): Promise<void> {
    for (const hop of step.hops) {
      const pts = route(layout, hop);
      if (!pts) continue;
      const marks = [hop.from, hop.to].map((id) => layout.bounds.get(id)).filter((b) => b !== undefined)
        .map((b) => this.layer.appendChild(el('rect', { x: b.x - 3, y: b.y - 3, width: b.w + 6, height: b.h + 6, rx: 6, class: `hop-mark hop-mark-${hop.kind}` })));
      await this.packet(pts, hop, hopMillis);
      for (const m of marks) m.remove();
    }
  }

  /** One packet along points, labelled with the hop's port. */
  packet(pts: readonly Point[], hop: ViewHop, millis: number): Promise<void> {
    if (this.reducedMotion || millis <= 0) return new Promise((resolve) => setTimeout(resolve, Math.max(0, millis)));
    return new Promise((resolve) => {
      const g = el('g', { class: `packet packet-${hop.kind}` }) as SVGGElement;
      g.appendChild(el('circle', { r: 6, cx: 0, cy: 0 }));
      if (hop.port) g.appendChild(el('text', { x: 9, y: -7, class: 'packet-label' }, `:${hop.port}`));
      this.layer.appendChild(g);
      const { lengths, total } = measure(pts);
      const p: Packet = { g, pts, lengths, total, start: performance.now(), dur: millis, done: resolve };
      p.timer = setTimeout(() => this.finish(p), millis + FRAME_GRACE_MS);
      this.live.add(p);
      this.tick();
    });
  }

  /** Stops every packet now. */
  clear(): void {
    for (const p of [...this.live]) this.finish(p);
  }

  /** A packet at its end: gone from the drawing, its step free to go on. */
  private finish(p: Packet): void {
    if (!this.live.delete(p)) return;
    clearTimeout(p.timer);
    p.g.remove();
    p.done();
  }

  get active(): number {
    return this.live.size;
  }

  private tick(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame((now) => {
      this.frame = 0;
      for (const p of this.live) {
        const f = Math.min(1, (now - p.start) / p.dur);
        const [x, y] = pointAt(p, f);
        p.g.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
        if (f >= 1) this.finish(p);
      }
      if (this.live.size > 0) this.tick();
    });
  }
}
