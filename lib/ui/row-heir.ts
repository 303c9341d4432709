/**
 * Which row takes deleted rows' place in the review table (components/BatchView.tsx), so the
 * chosen row and the focus go on from there instead of falling to the page's first row and the
 * page itself (new-user check of stop 33: Enter on a row's Delete left the focus on the page).
 */

/**
 * The id of the row that takes the first deleted row's place: the first row after it (in `shown`,
 * table order) that is not deleted, else the nearest before it that is not; null when every row
 * shown goes, or none of `gone` is shown.
 */
export function heirOf(shown: readonly { capture: { id: string } }[], gone: readonly string[]): string | null {
  const goes = new Set(gone);
  const first = shown.findIndex((v) => goes.has(v.capture.id));
  if (first < 0) return null;
  const after = shown.slice(first + 1).find((v) => !goes.has(v.capture.id));
  const before = shown.slice(0, first).findLast((v) => !goes.has(v.capture.id));
  return (after ?? before)?.capture.id ?? null;
}
