import { describe, expect, it } from 'vitest';
import { editsByRow, firstEdit, holdEdit, liveEdits, NO_HELD_EDITS } from '@/lib/ui/unsaved-edits';

const FIELDS = ['code', 'number', 'amount', 'location'] as const;
const refused = (typed: string) => ({ typed, problem: `“${typed}” is not an amount.` });

// Trial 6 (M1): a refused edit went with its row when the row left the page (Next page, a search).
describe('the refused edits the batch page keeps, by capture', () => {
  it('a held edit stays until that cell is saved or cancelled; other cells are not touched', () => {
    let edits = holdEdit(NO_HELD_EDITS, 'a', 'amount', refused('1,00.00'));
    edits = holdEdit(edits, 'b', 'amount', refused('12,5'));
    expect([...edits.values()].map((e) => [e.id, e.field, e.typed])).toEqual([['a', 'amount', '1,00.00'], ['b', 'amount', '12,5']]);
    expect(edits.get('a amount')?.problem).toBe('“1,00.00” is not an amount.');
    const after = holdEdit(edits, 'a', 'amount', null);
    expect([...after.keys()]).toEqual(['b amount']);
    expect(edits.size).toBe(2); // never changed in place: the page compares maps by identity
  });

  it('the same map when nothing changes (no redraw), a new one when the text or the words change', () => {
    const edits = holdEdit(NO_HELD_EDITS, 'a', 'amount', refused('1,00.00'));
    expect(holdEdit(edits, 'a', 'amount', refused('1,00.00'))).toBe(edits);
    expect(holdEdit(edits, 'x', 'code', null)).toBe(edits);
    expect(holdEdit(edits, 'a', 'amount', refused('1,00.0'))).not.toBe(edits);
    expect(holdEdit(edits, 'a', 'amount', { typed: '1,00.00', problem: 'other words' })).not.toBe(edits);
  });

  it('a deleted capture no longer holds one; the same map while every capture is there', () => {
    const edits = holdEdit(holdEdit(NO_HELD_EDITS, 'a', 'amount', refused('x')), 'b', 'code', refused('y'));
    expect(liveEdits(edits, new Set(['a', 'b', 'c']))).toBe(edits);
    expect([...liveEdits(edits, new Set(['b'])).keys()]).toEqual(['b code']);
  });

  it('by row: each row with its fields; rows without an edit are absent', () => {
    const edits = holdEdit(holdEdit(NO_HELD_EDITS, 'a', 'amount', refused('x')), 'a', 'code', refused('y'));
    const rows = editsByRow(edits);
    expect(Object.keys(rows.get('a')!).sort()).toEqual(['amount', 'code']);
    expect(rows.get('b')).toBeUndefined();
  });

  it('Export stops on the first in table order, then field order; a row not in the order (filtered out) comes last', () => {
    let edits = holdEdit(NO_HELD_EDITS, 'hidden', 'code', refused('h'));
    edits = holdEdit(edits, 'second', 'amount', refused('s'));
    edits = holdEdit(edits, 'first', 'location', refused('l'));
    edits = holdEdit(edits, 'first', 'number', refused('n'));
    expect(firstEdit(edits, ['first', 'second'], FIELDS)).toMatchObject({ id: 'first', field: 'number' });
    expect(firstEdit(holdEdit(holdEdit(edits, 'first', 'number', null), 'first', 'location', null), ['first', 'second'], FIELDS)).toMatchObject({ id: 'second' });
    expect(firstEdit(holdEdit(NO_HELD_EDITS, 'hidden', 'code', refused('h')), ['first'], FIELDS)).toMatchObject({ id: 'hidden' });
    expect(firstEdit(NO_HELD_EDITS, ['first'], FIELDS)).toBeUndefined();
  });
});
