import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDateTimeSeconds, useUiLanguage } from '@/lib/i18n';
import type { Capture } from '@/lib/store/capture-schema';
import { exportStoppedWords, rowName } from '@/lib/ui/unsaved-edit';
import { wordsOf } from '../support/words';

const at = new Date(2026, 10, 20, 9, 30).getTime();
const read = (result: Capture['result'], corrections?: Capture['corrections'], id = 'a', createdAt = at) => ({ id, createdAt, result, corrections });
const invoice = { code: '144031060038', number: '35050290', amount: '50.00', location: '深圳市' };

describe('the words that stop an export while an edit is not saved', () => {
  it('name the row by code and number, the field, what was typed and the amount kept (as the totals count it)', () => {
    const capture = read(invoice);
    const other = read({ ...invoice, number: '35050291' }, undefined, 'b');
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: '1,00.00' }, capture, [capture, other], 1, wordsOf('en'))).toBe(
      'Not exported: an edit is not saved, row 144031060038 35050290, Amount “1,00.00”. Fix it, or press Escape in that box to keep ￥50.00, then export again.',
    );
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: '1,00.00' }, capture, [capture, other], 1, wordsOf('zh_CN'))).toBe(
      '未导出：有修改未保存（144031060038 35050290 一行，金额“1,00.00”）。请改正，或在该框内按 Esc 保留 ￥50.00，然后再导出。',
    );
  });

  it('a correction is the value kept, not the reading it replaced', () => {
    const capture = read({ code: '144031060038', number: '35050290', amount: '￥50.00' }, { amount: '￥100.00' });
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: '1,000.0.0' }, capture, [capture], 1, wordsOf('en'))).toContain('to keep ￥100.00,');
  });

  it('a row with no code or number is named by its capture time; a field with nothing saved is left empty', () => {
    useUiLanguage('en'); // the time as the English UI writes it (no browser here to ask)
    const capture = read(undefined);
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: 'abc' }, capture, [capture], 1, wordsOf('en'))).toBe(
      `Not exported: an edit is not saved, row ${formatDateTime(at)}, Amount “abc”. Fix it, or press Escape in that box to leave it empty, then export again.`,
    );
  });

  it('tells two captures of one invoice apart by their capture time to the second (the pair alone names both)', () => {
    useUiLanguage('en');
    // Captured 20 s apart: within one minute, so only seconds tell them apart.
    const later = at + 20_000;
    const first = read(invoice, undefined, 'first');
    // The twin's code and number typed in by hand: the row is named by the values the clerk sees.
    const twin = read({ ...invoice, number: '35050299' }, { number: '35050290' }, 'twin', later);
    const batch = [first, twin, read({ ...invoice, number: '1' }, undefined, 'other')];
    expect(rowName(first, batch, wordsOf('en'))).toBe(`144031060038 35050290 captured ${formatDateTimeSeconds(at)}`);
    expect(rowName(twin, batch, wordsOf('en'))).toBe(`144031060038 35050290 captured ${formatDateTimeSeconds(later)}`);
    expect(rowName(twin, batch, wordsOf('en'))).not.toBe(rowName(first, batch, wordsOf('en')));
    expect(rowName(twin, batch, wordsOf('zh_CN'))).toBe(`${formatDateTimeSeconds(later)} 采集的 144031060038 35050290`);
    // Without its twin the pair is enough.
    expect(rowName(first, [first, batch[2]!], wordsOf('en'))).toBe('144031060038 35050290');
    expect(exportStoppedWords({ id: 'twin', field: 'amount', typed: '1,00.00' }, twin, batch, 1, wordsOf('en'))).toContain(`row 144031060038 35050290 captured ${formatDateTimeSeconds(later)}, Amount “1,00.00”.`);
  });

  it('says how many cells are unsaved when more than one, and names the first', () => {
    const capture = read(invoice);
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: '1,00.00' }, capture, [capture], 3, wordsOf('en'))).toBe(
      'Not exported: 3 edits are not saved; the first is row 144031060038 35050290, Amount “1,00.00”. Fix them, or press Escape in a box to keep its saved value (￥50.00 in that one), then export again.',
    );
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: '1,00.00' }, capture, [capture], 2, wordsOf('zh_CN'))).toBe(
      '未导出：有 2 处修改未保存，第一处在 144031060038 35050290 一行，金额“1,00.00”。请改正，或在各框内按 Esc 保留原值（该处为 ￥50.00），然后再导出。',
    );
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: 'x' }, read(undefined), [], 2, wordsOf('en'))).toMatch(/^Not exported: 2 edits are not saved; the first is row .+, Amount “x”\. .+\(that one stays empty\), then export again\.$/);
  });
});
