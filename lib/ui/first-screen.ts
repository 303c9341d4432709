/**
 * The review table's rows drawn in the render that brings the data: a screenful, the rest of
 * the page a frame later (issue 13: 5,000 captures within ~1 s to the first screen). Creating,
 * styling and laying out the page's 100 rows was most of the first render (a Chromium trace of
 * `BENCH_ONLY=review npm run bench`: ~60% of the main thread), and at most a screenful of them
 * can be seen before the first paint.
 */

/**
 * The shortest a row of the review table is drawn, in CSS px: one line of cell boxes (a 13 px
 * font's input, 4 px padding above and below, a 1 px rule). Rows holding more (words under a
 * cell, a failure's reason) are taller, so a screen holds fewer than this counts.
 */
export const SHORTEST_ROW_PX = 30;

/** How many rows can show on a window `viewportPx` CSS px high (at least 10). */
export function firstScreenRows(viewportPx: number): number {
  return Math.max(10, Math.ceil(viewportPx / SHORTEST_ROW_PX));
}

/**
 * The rows to draw: all of `rows` once the table has been painted with data (`painted`), else the
 * first `firstScreen` of them. Rows come in table order, so the ones added later go below the
 * ones drawn: nothing on screen moves.
 */
export function rowsToDraw<T>(rows: readonly T[], painted: boolean, firstScreen: number): readonly T[] {
  return painted ? rows : rows.slice(0, firstScreen);
}
