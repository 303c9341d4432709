import { describe, expect, it } from 'vitest';
import { createImage, type Rgb } from '@/lib/ondevice/image';
import { redShare, withoutRed } from '@/lib/ondevice/seal';

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
