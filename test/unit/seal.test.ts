import { describe, expect, it } from 'vitest';
import { createImage, type Rgb } from '@/lib/ondevice/image';
import { inkShare, redFiltered, redShare, removeRed, withoutRed } from '@/lib/ondevice/seal';

/** A 4×1 strip of the given colours. */
function strip(...colours: Rgb[]) {
  const img = createImage(colours.length, 1);
  colours.forEach((c, i) => img.data.set([...c, 255], i * 4));
  return img;
}

describe('seal red', () => {
  it.each<[string, Rgb, boolean]>([
    ['seal red', [208, 32, 28], true],
    ['seal red, faded by multiply on paper', [230, 120, 110], true],
    ['walnut desk', [125, 82, 50], false],
    ['black print', [20, 20, 20], false],
    ['dark blue print', [22, 48, 79], false],
    ['black print under the seal (multiplied)', [17, 3, 2], false],
    ['paper', [251, 250, 244], false],
    ['oak desk', [185, 138, 90], false],
  ])('%s → removed: %s', (_name, colour, removed) => {
    const img = strip(colour);
    expect(redShare(img)).toBe(removed ? 1 : 0);
    expect(Array.from(withoutRed(img).data.slice(0, 3))).toEqual(removed ? [255, 255, 255] : colour);
  });

  it('share counts pixels, and the input is left as it was', () => {
    const img = strip([208, 32, 28], [20, 20, 20], [255, 255, 255], [208, 32, 28]);
    expect(redShare(img)).toBe(0.5);
    withoutRed(img);
    expect(Array.from(img.data.slice(0, 3))).toEqual([208, 32, 28]);
  });
});

/** A paper-white strip of `n` pixels with `colour` at the given positions. */
function paperWith(n: number, colour: Rgb, at: number[]) {
  const img = createImage(n, 1, [250, 250, 246]);
  for (const i of at) img.data.set([...colour, 255], i * 4);
  return img;
}

describe('seal red through a red filter', () => {
  it.each<[string, Rgb, 'white' | 'dark']>([
    ['seal red multiplied on paper', [210, 58, 52], 'white'],
    ['a pink JPEG fringe of the seal', [225, 150, 150], 'white'],
    ['seal red in the shade', [180, 40, 36], 'white'],
    ['black print', [30, 30, 30], 'dark'],
    ['black print under the seal (multiplied)', [17, 3, 2], 'dark'],
    ['dark blue print', [29, 42, 58], 'dark'],
  ])('%s → %s', (_name, colour, expected) => {
    // Ten pixels of paper around one of the colour: the paper sets the level.
    const out = redFiltered(paperWith(11, colour, [5]));
    const v = out.data[5 * 4]!;
    if (expected === 'white') expect(v).toBeGreaterThanOrEqual(215);
    else expect(v).toBeLessThanOrEqual(45);
    expect(out.data[0]).toBe(255); // paper is white
    expect([out.data[20], out.data[21]]).toEqual([v, v]); // grey
  });

  it('removeRed picks the way: threshold by default, the red filter when asked', () => {
    const img = paperWith(3, [208, 32, 28], [1]);
    expect(Array.from(removeRed(img).data.slice(4, 7))).toEqual([255, 255, 255]);
    expect(Array.from(removeRed(img, 'red-channel').data.slice(4, 7))).toEqual(Array.from(redFiltered(img).data.slice(4, 7)));
  });
});

describe('ink left on a line', () => {
  it('counts dark print, not red, not paper, even in the shade', () => {
    expect(inkShare(paperWith(10, [30, 30, 30], [2, 3]))).toBeCloseTo(0.2);
    expect(inkShare(paperWith(10, [208, 32, 28], [2, 3]))).toBe(0);
    const shaded = createImage(10, 1, [140, 140, 136]);
    shaded.data.set([40, 40, 40, 255], 0);
    expect(inkShare(shaded)).toBeCloseTo(0.1);
  });
});
