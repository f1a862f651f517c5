/** The compact grid of a large cluster: one cell per node, in rows, pure so it is unit-tested. */
export interface GridGeometry {
  readonly cols: number;
  readonly rows: number;
  /** Cell size and gap in CSS px at zoom 1. */
  readonly cellW: number;
  readonly cellH: number;
  readonly gap: number;
  readonly width: number;
  readonly height: number;
}

export const CELL_W = 44;
export const CELL_H = 30;
export const CELL_GAP = 4;

/** Rows about as wide as the panel is (aspect = width / height of the panel). */
export function gridGeometry(count: number, aspect = 1.5): GridGeometry {
  const cols = Math.max(1, Math.ceil(Math.sqrt((count * aspect * CELL_H) / CELL_W)));
  const rows = Math.max(1, Math.ceil(count / cols));
  return { cols, rows, cellW: CELL_W, cellH: CELL_H, gap: CELL_GAP, width: cols * (CELL_W + CELL_GAP) + CELL_GAP, height: rows * (CELL_H + CELL_GAP) + CELL_GAP };
}

/** Cell index at a drawing position, or -1. */
export function cellAt(g: GridGeometry, count: number, x: number, y: number): number {
  const col = Math.floor((x - g.gap) / (g.cellW + g.gap));
  const row = Math.floor((y - g.gap) / (g.cellH + g.gap));
  if (col < 0 || row < 0 || col >= g.cols) return -1;
  const i = row * g.cols + col;
  return i < count ? i : -1;
}

/** The range of cells visible through a window of the drawing (for drawing only those). */
export function visibleCells(g: GridGeometry, x0: number, y0: number, x1: number, y1: number): { c0: number; c1: number; r0: number; r1: number } {
  const cw = g.cellW + g.gap;
  const ch = g.cellH + g.gap;
  return {
    c0: Math.max(0, Math.floor(x0 / cw)), c1: Math.min(g.cols - 1, Math.floor(x1 / cw)),
    r0: Math.max(0, Math.floor(y0 / ch)), r1: Math.min(g.rows - 1, Math.floor(y1 / ch)),
  };
}
