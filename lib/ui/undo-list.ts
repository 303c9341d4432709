/**
 * What the batch page's Undo puts back (entrypoints/batch/main.tsx): the captures deleted while
 * their notice stands, each once.
 */

/** A deleted capture kept in the page for Undo, with its picture when it had one. */
export interface Undoable<C extends { id: string } = { id: string }> {
  capture: C;
  image?: Blob;
}

/**
 * The list after a Delete: `before` (null when none), then those of `kept` not already in it, by
 * capture id. A Delete clicked again before its row went away read the same capture twice, and the
 * notice said "deleted: 3" for one row, Undo "restored: 3" (new-user check of stop 34).
 */
export function addUndoable<C extends { id: string }>(before: readonly Undoable<C>[] | null, kept: readonly Undoable<C>[]): Undoable<C>[] {
  const all = [...(before ?? [])];
  const ids = new Set(all.map((u) => u.capture.id));
  for (const u of kept) {
    if (ids.has(u.capture.id)) continue;
    ids.add(u.capture.id);
    all.push(u);
  }
  return all;
}
