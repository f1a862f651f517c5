/**
 * Image work for `npm run media` (scripts/media.ts), on plain RGBA buffers: decode a browser
 * screenshot, crop it, scale it down, write a small PNG, and turn a series of frames into an
 * animated GIF that stays small (one palette for the whole GIF, and after the first frame only the
 * pixels that changed; unchanged ones are transparent and the previous frame shows through).
 */
import { GIFEncoder, applyPalette, quantize, type Palette } from 'gifenc';
import { PNG } from 'pngjs';

export interface Rgba {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, row by row. */
  readonly data: Uint8Array;
}

export interface Box { x: number; y: number; width: number; height: number }

export function decodePng(png: Buffer): Rgba {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length) };
}

/** Opaque RGB (colour type 2) at the highest deflate level: a quarter smaller than the browser's RGBA. */
export function encodePng(image: Rgba): Buffer {
  const png = new PNG({ width: image.width, height: image.height, colorType: 2, inputColorType: 6, inputHasAlpha: true, deflateLevel: 9, deflateStrategy: 1 });
  Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length).copy(png.data);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, inputHasAlpha: true, deflateLevel: 9 });
}

/** The part of `image` inside `box`, the box first clamped to the image (whole pixels). */
export function crop(image: Rgba, box: Box): Rgba {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  const width = Math.max(0, x1 - x0);
  const height = Math.max(0, y1 - y0);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    data.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}

/**
 * Scales down to `width` (height in proportion) by averaging each target pixel's source area,
 * fractional edges weighted, so thin lines and text fade instead of vanishing. Never scales up.
 */
export function downscale(image: Rgba, width: number): Rgba {
  if (width >= image.width) return image;
  const scale = image.width / width;
  const height = Math.max(1, Math.round(image.height / scale));
  const sy = image.height / height;
  const out = new Uint8Array(width * height * 4);
  const acc = new Float64Array(4);
  for (let ty = 0; ty < height; ty++) {
    const top = ty * sy;
    const bottom = Math.min(image.height, top + sy);
    for (let tx = 0; tx < width; tx++) {
      const left = tx * scale;
      const right = Math.min(image.width, left + scale);
      acc.fill(0);
      let total = 0;
      for (let y = Math.floor(top); y < bottom; y++) {
        const wy = Math.min(y + 1, bottom) - Math.max(y, top);
        for (let x = Math.floor(left); x < right; x++) {
          const w = wy * (Math.min(x + 1, right) - Math.max(x, left));
          const i = (y * image.width + x) * 4;
          acc[0] += image.data[i]! * w;
          acc[1] += image.data[i + 1]! * w;
          acc[2] += image.data[i + 2]! * w;
          acc[3] += image.data[i + 3]! * w;
          total += w;
        }
      }
      const o = (ty * width + tx) * 4;
      for (let c = 0; c < 4; c++) out[o + c] = Math.round(acc[c]! / total);
    }
  }
  return { width, height, data: out };
}

export interface GifFrame {
  readonly image: Rgba;
  /** How long it stays on screen. */
  readonly delayMs: number;
}

/** Colours of the shared palette; the last index of 256 is kept for "unchanged, show the frame below". */
const COLOURS = 255;
const TRANSPARENT = 255;

/**
 * An animated GIF, looping, of frames that all have the first frame's size. One palette is
 * quantized from a sample of the frames; a frame identical to the one before only lengthens that
 * one's delay; after the first, each frame draws only its changed pixels (`dispose: 1` keeps the
 * frame below, the unchanged pixels are transparent), which compresses to almost nothing.
 */
export function encodeGif(frames: readonly GifFrame[], sampleFrames = 6): Uint8Array {
  if (frames.length === 0) throw new Error('encodeGif: no frames');
  const { width, height } = frames[0]!.image;
  for (const f of frames) {
    if (f.image.width !== width || f.image.height !== height) throw new Error(`encodeGif: frame of ${f.image.width}×${f.image.height}, expected ${width}×${height}`);
  }
  const palette = sharedPalette(frames, sampleFrames);
  const indexed = frames.map((f) => applyPalette(f.image.data, palette));
  // Merge runs of identical frames into one with the summed delay.
  const shown: { index: Uint8Array; delayMs: number }[] = [];
  indexed.forEach((index, i) => {
    const last = shown[shown.length - 1];
    if (last && sameBytes(last.index, index)) last.delayMs += frames[i]!.delayMs;
    else shown.push({ index, delayMs: frames[i]!.delayMs });
  });
  const gif = GIFEncoder();
  let previous: Uint8Array | undefined;
  for (const frame of shown) {
    const delay = Math.max(20, frame.delayMs); // browsers draw delays under 20 ms as 100 ms
    if (!previous) {
      gif.writeFrame(frame.index, width, height, { palette, delay, repeat: 0 });
    } else {
      const delta = new Uint8Array(frame.index.length);
      for (let i = 0; i < delta.length; i++) delta[i] = frame.index[i] === previous[i] ? TRANSPARENT : frame.index[i]!;
      gif.writeFrame(delta, width, height, { delay, transparent: true, transparentIndex: TRANSPARENT, dispose: 1 });
    }
    previous = frame.index;
  }
  gif.finish();
  return gif.bytes();
}

/** 255 colours from evenly spaced frames side by side, padded to 256 with the transparent slot. */
function sharedPalette(frames: readonly GifFrame[], sampleFrames: number): Palette {
  const picks = Math.min(frames.length, Math.max(1, sampleFrames));
  const size = frames[0]!.image.data.length;
  const sample = new Uint8Array(size * picks);
  for (let k = 0; k < picks; k++) {
    const at = picks === 1 ? 0 : Math.round((k * (frames.length - 1)) / (picks - 1));
    sample.set(frames[at]!.image.data, k * size);
  }
  const palette = quantize(sample, COLOURS);
  while (palette.length < COLOURS) palette.push([0, 0, 0]);
  // applyPalette picks the nearest colour: a duplicate of colour 0 in the last slot is never chosen first.
  palette.push([...palette[0]!]);
  return palette;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
