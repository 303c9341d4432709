import type { Capture } from '../store/capture-schema';

/** Newest first, as the store's `createdAt` index read backwards gives them (ties: larger id first). */
function before(a: Capture, b: Capture): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
}

/**
 * A list of the newest `limit` captures (newest first) with the records re-read after a change
 * applied: `capture` undefined means it is gone. Returns a new array (the old one untouched), or
 * null when the list cannot be patched and must be read again: a name that is in neither the list
 * nor the store (an import or an undo announces itself by such a name), or a capture gone from a
 * list cut at `limit` (the next older one, not held, would move up).
 */
export function applyChanged(list: readonly Capture[], read: readonly { id: string; capture: Capture | undefined }[], limit: number): Capture[] | null {
  const full = list.length >= limit;
  let next = list.slice();
  for (const { id, capture } of read) {
    const at = next.findIndex((c) => c.id === id);
    if (at >= 0) next.splice(at, 1);
    if (!capture) {
      if (at < 0 || full) return null;
      continue;
    }
    const to = next.findIndex((c) => before(capture, c));
    next.splice(to < 0 ? next.length : to, 0, capture);
  }
  if (next.length > limit) next = next.slice(0, limit);
  return next;
}
