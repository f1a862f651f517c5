import * as assert from 'node:assert/strict';
import { crop, decodePng, downscale, encodeGif, encodePng, type Rgba } from '../../../scripts/lib/mediaImages';

/** An image whose every pixel is `pixel(x, y)` as [r, g, b, a]. */
function image(width: number, height: number, pixel: (x: number, y: number) => readonly number[]): Rgba {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

const at = (img: Rgba, x: number, y: number): number[] => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

/** The blocks of a GIF, read as the GIF89a specification lays them out: each frame's control extension and image. */
function gifFrames(bytes: Uint8Array): { delayCs: number; dispose: number; transparent: boolean; localPalette: boolean }[] {
  const text = Buffer.from(bytes.subarray(0, 6)).toString('latin1');
  assert.equal(text, 'GIF89a');
  let i = 13;
  if (bytes[10]! & 0x80) i += 3 * (1 << ((bytes[10]! & 7) + 1));
  const frames: { delayCs: number; dispose: number; transparent: boolean; localPalette: boolean }[] = [];
  let control = { delayCs: 0, dispose: 0, transparent: false };
  const skipSubBlocks = (): void => {
    while (bytes[i]! !== 0) i += bytes[i]! + 1;
    i++;
  };
  for (;;) {
    const block = bytes[i++];
    if (block === 0x3b) return frames;
    if (block === 0x21) {
      const label = bytes[i++];
      if (label === 0xf9) control = { dispose: (bytes[i + 1]! >> 2) & 7, transparent: (bytes[i + 1]! & 1) === 1, delayCs: bytes[i + 2]! | (bytes[i + 3]! << 8) };
      skipSubBlocks();
    } else if (block === 0x2c) {
      const packed = bytes[i + 8]!;
      i += 9;
      if (packed & 0x80) i += 3 * (1 << ((packed & 7) + 1));
      i++; // LZW minimum code size
      skipSubBlocks();
      frames.push({ ...control, localPalette: (packed & 0x80) !== 0 });
    } else {
      throw new Error(`unexpected block 0x${block?.toString(16)} at ${i - 1}`);
    }
  }
}

describe('media images (scripts/lib/mediaImages.ts)', function () {
  it('crops to the box, clamped to the image', function () {
    const img = image(4, 3, (x, y) => [x, y, 0, 255]);
    const part = crop(img, { x: 1, y: 1, width: 10, height: 10 });
    assert.deepEqual([part.width, part.height], [3, 2]);
    assert.deepEqual(at(part, 0, 0), [1, 1, 0, 255]);
    assert.deepEqual(at(part, 2, 1), [3, 2, 0, 255]);
  });

  it('scales down by averaging the source area, and never scales up', function () {
    const checker = image(4, 2, (x) => (x % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255]));
    const half = downscale(checker, 2);
    assert.deepEqual([half.width, half.height], [2, 1]);
    assert.deepEqual(at(half, 0, 0), [128, 128, 128, 255]);
    const third = downscale(image(3, 3, (x) => [x * 90, 0, 0, 255]), 2);
    assert.deepEqual([third.width, third.height], [2, 2]);
    assert.equal(at(third, 0, 0)[0], 30, 'a fractional source pixel counts by its share: (0 + 90 × 0.5) / 1.5');
    assert.equal(downscale(checker, 8), checker);
  });

  it('writes a PNG that reads back to the same opaque pixels', function () {
    const img = image(7, 5, (x, y) => [x * 30, y * 40, 200, 255]);
    const back = decodePng(encodePng(img));
    assert.deepEqual([back.width, back.height], [7, 5]);
    assert.deepEqual(Array.from(back.data), Array.from(img.data));
  });

  it('encodes a looping GIF: identical frames merged, later frames only their changed pixels over the one before', function () {
    const red = image(16, 8, () => [220, 30, 30, 255]);
    const redWithDot = image(16, 8, (x, y) => (x === 3 && y === 4 ? [20, 20, 220, 255] : [220, 30, 30, 255]));
    const frames = gifFrames(encodeGif([{ image: red, delayMs: 100 }, { image: red, delayMs: 150 }, { image: redWithDot, delayMs: 500 }]));
    assert.equal(frames.length, 2, 'the repeated frame is merged into the first');
    assert.deepEqual(frames[0], { delayCs: 25, dispose: 0, transparent: false, localPalette: false });
    assert.deepEqual(frames[1], { delayCs: 50, dispose: 1, transparent: true, localPalette: false });
  });

  it('refuses frames of different sizes', function () {
    assert.throws(() => encodeGif([{ image: image(2, 2, () => [0, 0, 0, 255]), delayMs: 10 }, { image: image(3, 2, () => [0, 0, 0, 255]), delayMs: 10 }]), /frame of 3×2, expected 2×2/);
  });
});
