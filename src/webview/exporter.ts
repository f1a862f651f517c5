import type { ViewGrid } from '../shared/protocol';
import { gridGeometry } from './gridLayout';

/** Properties that carry the drawing's look; copied resolved onto the exported elements, so the file looks the same outside VS Code. */
const PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-decoration', 'text-anchor', 'visibility'];

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (s: string): string => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** The drawing as a standalone SVG file: the whole cluster at zoom 1, the theme's colours resolved. */
export function exportSvg(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const dst = [clone, ...Array.from(clone.querySelectorAll('*'))];
  src.forEach((node, i) => {
    const target = dst[i];
    if (!target) return;
    const style = getComputedStyle(node);
    const decl = PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', decl);
    const transform = (node as SVGElement).style?.transform;
    if (transform && target !== clone) target.setAttribute('transform', transform.replace(/px/g, '').replace(/,/g, ' '));
  });
  clone.querySelector('#viewport')?.removeAttribute('transform');
  clone.querySelector('.layer-packets')?.replaceChildren();
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.body).backgroundColor);
  clone.insertBefore(bg, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/** The grid of a large cluster as SVG: one rectangle per node with its pod counts in its title. */
export function exportGridSvg(grid: ViewGrid): string {
  const g = gridGeometry(grid.names.length);
  const cells = grid.names.map((name, i) => {
    const x = g.gap + (i % g.cols) * (g.cellW + g.gap);
    const y = g.gap + Math.floor(i / g.cols) * (g.cellH + g.gap);
    const ready = ((grid.flags[i] ?? 0) & 1) === 1;
    const pods = (grid.running[i] ?? 0) + (grid.starting[i] ?? 0) + (grid.terminating[i] ?? 0);
    const w = Math.round(((grid.running[i] ?? 0) / Math.max(1, grid.capacity[i] ?? 110)) * (g.cellW - 4));
    return `<g><title>${xml(name)}: ${ready ? 'Ready' : 'NotReady'}, ${pods} pods</title><rect x="${x}" y="${y}" width="${g.cellW}" height="${g.cellH}" fill="none" stroke="${ready ? '#388a34' : '#e51400'}"${ready ? '' : ' stroke-dasharray="4 3"'}/><rect x="${x + 2}" y="${y + g.cellH - 10}" width="${w}" height="8" fill="#388a34"/></g>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}">${cells.join('')}</svg>`;
}

/** Rasterises an SVG string to a PNG data URL (through an image; data: images are allowed by the page's CSP). */
export function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<string> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = (): void => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(width * scale);
      canvas.height = Math.ceil(height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) return reject(new Error('no 2d context'));
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0);
      resolve(canvas.toDataURL('image/png'));
    };
    img.onerror = (): void => reject(new Error('the drawing could not be rasterised'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  });
}
