/**
 * Pan and zoom over a drawing of a known size: wheel (ctrl/pinch zooms), drag, keyboard (arrows
 * pan, + and - zoom, F fits). The textbook drawing never zooms below 1, where its labels are the
 * editor's font size; the grid may, and then draws no labels rather than tiny ones.
 */
export interface ViewTransform { readonly k: number; readonly x: number; readonly y: number }

export interface ViewportOptions {
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Called with each new transform (move the drawing, or redraw a canvas). */
  readonly apply: (t: ViewTransform) => void;
  /** Input is ignored while this says no (the other drawing is shown). */
  readonly enabled?: () => boolean;
}

const PAN_STEP = 60;
const ZOOM_STEP = 1.25;

export class Viewport {
  private t: ViewTransform = { k: 1, x: 0, y: 0 };
  private content = { w: 1, h: 1 };
  private drag: { id: number; x: number; y: number } | undefined;

  /** `target` receives the input and its box is the visible window onto the drawing. */
  constructor(private readonly target: HTMLElement, private options: ViewportOptions) {
    target.addEventListener('wheel', (e) => this.onWheel(e as WheelEvent), { passive: false });
    target.addEventListener('pointerdown', (e) => this.onDown(e as PointerEvent));
    target.addEventListener('pointermove', (e) => this.onMove(e as PointerEvent));
    target.addEventListener('pointerup', (e) => this.onUp(e as PointerEvent));
    target.addEventListener('pointercancel', (e) => this.onUp(e as PointerEvent));
  }

  get transform(): ViewTransform {
    return this.t;
  }

  setOptions(options: ViewportOptions): void {
    this.options = options;
    this.set(this.t);
  }

  setContentSize(w: number, h: number): void {
    this.content = { w, h };
  }

  private size(): { w: number; h: number } {
    const r = this.target.getBoundingClientRect();
    return { w: Math.max(1, r.width), h: Math.max(1, r.height) };
  }

  /** Sets the transform, clamped so that some of the drawing stays in view. */
  set(t: ViewTransform): void {
    const k = Math.min(this.options.maxZoom, Math.max(this.options.minZoom, t.k));
    const { w, h } = this.size();
    const cw = this.content.w * k;
    const ch = this.content.h * k;
    const clamp = (v: number, view: number, content: number): number => (content <= view ? Math.max(0, Math.min(view - content, v)) : Math.min(0, Math.max(view - content, v)));
    this.t = { k, x: clamp(t.x, w, cw), y: clamp(t.y, h, ch) };
    this.options.apply(this.t);
  }

  /** Zooms by `factor` around a point of the viewport (its centre by default). */
  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const { w, h } = this.size();
    const p = at ?? { x: w / 2, y: h / 2 };
    const k = Math.min(this.options.maxZoom, Math.max(this.options.minZoom, this.t.k * factor));
    const ratio = k / this.t.k;
    this.set({ k, x: p.x - (p.x - this.t.x) * ratio, y: p.y - (p.y - this.t.y) * ratio });
  }

  panBy(dx: number, dy: number): void {
    this.set({ ...this.t, x: this.t.x + dx, y: this.t.y + dy });
  }

  /** The largest zoom (not above 2, not below the minimum) that shows the whole drawing, or its top-left when it cannot fit. */
  fit(): void {
    const { w, h } = this.size();
    const k = Math.min(2, Math.max(this.options.minZoom, Math.min(w / this.content.w, h / this.content.h)));
    const at = (view: number, content: number): number => (content <= view ? (view - content) / 2 : 0); // too big: its start (the control plane) in view
    this.set({ k, x: at(w, this.content.w * k), y: at(h, this.content.h * k) });
  }

  /** Brings a point of the drawing to the centre of the viewport. */
  centreOn(x: number, y: number): void {
    const { w, h } = this.size();
    this.set({ ...this.t, x: w / 2 - x * this.t.k, y: h / 2 - y * this.t.k });
  }

  /** Handles a key; returns true when it was one of the viewport's. */
  key(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.altKey || e.metaKey) return false; // VS Code's shortcuts (Ctrl+F is Find, not Fit)
    const moves: Record<string, [number, number]> = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
    const move = moves[e.key];
    if (move) this.panBy(...move);
    else if (e.key === '+' || e.key === '=') this.zoomBy(ZOOM_STEP);
    else if (e.key === '-' || e.key === '_') this.zoomBy(1 / ZOOM_STEP);
    else if (e.key === 'f' || e.key === 'F') this.fit();
    else return false;
    return true;
  }

  private on(): boolean {
    return this.options.enabled?.() ?? true;
  }

  private onWheel(e: WheelEvent): void {
    if (!this.on()) return;
    e.preventDefault();
    const r = this.target.getBoundingClientRect();
    if (e.ctrlKey || e.metaKey) this.zoomBy(Math.exp(-e.deltaY / 300), { x: e.clientX - r.left, y: e.clientY - r.top }); // pinch arrives as ctrl+wheel
    else this.panBy(-e.deltaX, -e.deltaY);
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0 || !this.on()) return;
    this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
  }

  private onMove(e: PointerEvent): void {
    if (!this.drag || this.drag.id !== e.pointerId) return;
    const dx = e.clientX - this.drag.x;
    const dy = e.clientY - this.drag.y;
    if (Math.abs(dx) + Math.abs(dy) < 3) return;
    this.target.setPointerCapture?.(e.pointerId);
    this.target.classList.add('panning');
    this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
    this.panBy(dx, dy);
  }

  private onUp(e: PointerEvent): void {
    if (this.drag?.id !== e.pointerId) return;
    this.drag = undefined;
    this.target.classList.remove('panning');
  }
}
