import { describe, expect, it } from 'vitest';
import { addUndoable } from '@/lib/ui/undo-list';

const u = (id: string) => ({ capture: { id } });

describe('what Undo puts back', () => {
  it('adds up deletes one after another, in order', () => {
    expect(addUndoable(null, [u('a')]).map((x) => x.capture.id)).toEqual(['a']);
    expect(addUndoable([u('a')], [u('b'), u('c')]).map((x) => x.capture.id)).toEqual(['a', 'b', 'c']);
  });

  it('counts a capture once when its Delete was clicked again before the row went away', () => {
    expect(addUndoable([u('a')], [u('a')]).map((x) => x.capture.id)).toEqual(['a']);
    expect(addUndoable([u('a'), u('b')], [u('b'), u('c'), u('c')]).map((x) => x.capture.id)).toEqual(['a', 'b', 'c']);
  });
});
