import { describe, expect, it } from 'vitest';
import { components } from '@/lib/ondevice/det';

/** A probability map from rows of text: '#' = 0.9, '+' = 0.5, anything else 0. */
function map(rows: string[]): { prob: Float32Array; w: number; h: number } {
  const w = rows[0]!.length;
  const prob = new Float32Array(w * rows.length);
  rows.forEach((r, y) => [...r].forEach((ch, x) => (prob[y * w + x] = ch === '#' ? 0.9 : ch === '+' ? 0.5 : 0)));
  return { prob, w, h: rows.length };
}

describe('detection map components', () => {
  it('joins pixels touching by a corner (8-connected), keeps apart those that do not touch', () => {
    const { prob, w, h } = map([
      '##....#',
      '..#...#',
      '...#...',
      '.......',
      '###....',
    ]);
    const found = components(prob, w, h, 0.3);
    expect(found.map((c) => c.count)).toEqual([4, 2, 3]); // in the order of each one's first pixel
    expect(found[0]!.sum).toBeCloseTo(3.6, 5);
  });

  it('merges branches that meet only further down (a U) into one component', () => {
    const { prob, w, h } = map([
      '#...#',
      '#...#',
      '#####',
    ]);
    const found = components(prob, w, h, 0.3);
    expect(found).toHaveLength(1);
    expect(found[0]!.count).toBe(9);
    // Row extremes as pixel-corner points: row 0 spans x 0..4, so its corners reach x = 5.
    expect(found[0]!.points).toContainEqual([0, 0]);
    expect(found[0]!.points).toContainEqual([5, 3]);
  });

  it('leaves out pixels at or below the threshold', () => {
    const { prob, w, h } = map(['#+#']);
    expect(components(prob, w, h, 0.5).map((c) => c.count)).toEqual([1, 1]);
    expect(components(prob, w, h, 0.3).map((c) => c.count)).toEqual([3]);
  });
});
