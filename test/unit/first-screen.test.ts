import { describe, expect, it } from 'vitest';
import { firstScreenRows, rowsToDraw, SHORTEST_ROW_PX } from '../../lib/ui/first-screen';

describe('the review table’s first screen (lib/ui/first-screen.ts)', () => {
  it.each([
    [900, 30],
    [901, 31],
    [1440, 48],
    [200, 10],
  ])('counts the rows a window %i px high can show: %i', (px, rows) => {
    expect(firstScreenRows(px)).toBe(rows);
    // Enough rows of the shortest height to fill the window (the 10-row floor aside).
    if (rows > 10) expect(rows * SHORTEST_ROW_PX).toBeGreaterThanOrEqual(px);
  });

  it('draws the first screenful until painted, then the whole page in the same order', () => {
    const page = Array.from({ length: 100 }, (_, i) => `row-${i}`);
    expect(rowsToDraw(page, false, 30)).toEqual(page.slice(0, 30));
    expect(rowsToDraw(page, true, 30)).toEqual(page);
    expect(rowsToDraw(page.slice(0, 12), false, 30)).toEqual(page.slice(0, 12));
  });
});
