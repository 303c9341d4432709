import { describe, expect, it } from 'vitest';
import { formatDateTime, useUiLanguage } from '@/lib/i18n';
import type { Capture } from '@/lib/store/capture-schema';
import { exportStoppedWords } from '@/lib/ui/unsaved-edit';
import { wordsOf } from '../support/words';

const at = new Date(2026, 10, 20, 9, 30).getTime();
const read = (result: Capture['result'], corrections?: Capture['corrections']) => ({ createdAt: at, result, corrections });

describe('the words that stop an export while an edit is not saved', () => {
  it('name the row by code and number, the field, what was typed and the amount kept (as the totals count it)', () => {
    const capture = read({ code: '144031060038', number: '35050290', amount: '50.00', location: '深圳市' });
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: '1,00.00' }, capture, wordsOf('en'))).toBe(
      'Not exported: an edit is not saved, row 144031060038 35050290, Amount “1,00.00”. Fix it, or press Escape in that box to keep ￥50.00, then export again.',
    );
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: '1,00.00' }, capture, wordsOf('zh_CN'))).toBe(
      '未导出：有修改未保存（144031060038 35050290 一行，金额“1,00.00”）。请改正，或在该框内按 Esc 保留 ￥50.00，然后再导出。',
    );
  });

  it('a correction is the value kept, not the reading it replaced', () => {
    const capture = read({ code: '144031060038', number: '35050290', amount: '￥50.00' }, { amount: '￥100.00' });
    expect(exportStoppedWords({ id: 'a', field: 'amount', typed: '1,000.0.0' }, capture, wordsOf('en'))).toContain('to keep ￥100.00,');
  });

  it('a row with no code or number is named by its capture time; a field with nothing saved is left empty', () => {
    useUiLanguage('en'); // the time as the English UI writes it (no browser here to ask)
    const capture = read(undefined);
    expect(exportStoppedWords({ id: 'f', field: 'amount', typed: 'abc' }, capture, wordsOf('en'))).toBe(
      `Not exported: an edit is not saved, row ${formatDateTime(at)}, Amount “abc”. Fix it, or press Escape in that box to leave it empty, then export again.`,
    );
  });
});
