import { describe, expect, it } from 'vitest';
import type { RotatedRect } from '@/lib/ondevice/geometry';
import { createImage, rotate90 } from '@/lib/ondevice/image';
import { fromTurnedCcw, looksSideways } from '@/lib/ondevice/orientation';

/** A box as `detect` gives it: `w` the horizontal-ish side, angle within ±45°. */
const box = (w: number, h: number, angle = 0): RotatedRect => ({ cx: 100, cy: 100, w, h, angle });
const lines = (n: number, w: number, h: number, angle = 0) => Array.from({ length: n }, () => box(w, h, angle));

describe('looksSideways: turn the page a quarter before reading?', () => {
  it.each<[string, RotatedRect[], boolean]>([
    ['upright invoice: wide lines', [...lines(8, 300, 30), box(40, 40)], false],
    ['upright, slightly skewed', lines(8, 300, 30, 0.1), false],
    ['upright with a barcode and a few tall blobs', [...lines(6, 300, 30), box(8, 60), box(8, 60), box(10, 56)], false],
    ['sideways invoice: tall lines', [...lines(8, 30, 300), box(40, 40)], true],
    ['sideways and skewed', lines(8, 30, 300, -0.12), true],
    ['sideways with one stray wide box', [...lines(6, 28, 260), box(200, 30)], true],
    ['a single tall box is not enough', [box(30, 300)], false],
    ['only square blobs (a seal, big characters)', lines(5, 60, 60), false],
    ['nothing detected', [], false],
    ['about as much of each: stay upright', [...lines(4, 30, 300), ...lines(3, 300, 30)], false],
  ])('%s → %s', (_name, rects, expected) => {
    expect(looksSideways(rects)).toBe(expected);
  });
});

describe('fromTurnedCcw maps boxes of the turned image back onto the original', () => {
  it.each([
    [5, 2],
    [0, 0],
    [9, 6],
  ])('a mark at (%i, %i)', (x, y) => {
    const img = createImage(10, 7);
    img.data.set([0, 0, 0, 255], (y * img.width + x) * 4);
    const turned = rotate90(img, false);
    const at = turned.data.findIndex((v, i) => i % 4 === 0 && v === 0) / 4;
    const [tx, ty] = [at % turned.width, Math.floor(at / turned.width)];
    const back = fromTurnedCcw({ cx: tx + 0.5, cy: ty + 0.5, w: 4, h: 1, angle: 0 }, img.width);
    expect(back.cx).toBeCloseTo(x + 0.5);
    expect(back.cy).toBeCloseTo(y + 0.5);
    // Text running left to right in the turned image runs top to bottom in the original.
    expect(back.angle).toBeCloseTo(Math.PI / 2);
  });
});
