import { describe, expect, it } from 'vitest';
import { DENOMINATIONS_FEN, displayAmount, formatApiAmount } from '@/lib/invoice/amount';
import { checkCorrection, MAX_CORRECTION_FEN } from '@/lib/invoice/correction';
import { wordsOf } from '../support/words';

// Trial 6 (M4): 1000000000 typed as an amount was taken, and the totals became ￥1,000,030,930.00.
describe('an amount correction far above any quota invoice', () => {
  it('the bound is ten times the largest denomination printed, ￥100,000.00', () => {
    expect(MAX_CORRECTION_FEN).toBe(10 * Math.max(...DENOMINATIONS_FEN));
    expect(displayAmount(formatApiAmount(MAX_CORRECTION_FEN))).toBe('￥100,000.00');
  });

  it.each(['1000000000', '100000.01', '￥1,000,000.00', '壹拾万零壹元', '１０００００１'])('%s is refused, with words that say why and what to do', (typed) => {
    const checked = checkCorrection('amount', typed);
    expect(checked).toEqual({ ok: false, messageKey: 'amountProblem_aboveQuota', text: typed });
    if (checked.ok) return;
    const en = wordsOf('en')(checked.messageKey, checked.text);
    expect(en).toContain(`“${typed}” is more than any quota invoice is worth`);
    expect(en).toContain('￥100,000.00');
    expect(en).toContain('Check the amount printed on the invoice');
    expect(wordsOf('zh_CN')(checked.messageKey, checked.text)).toContain('请核对票面金额');
  });

  it.each([
    ['100000', '￥100000.00'],
    ['10000', '￥10000.00'],
    ['12,345.60', '￥12345.60'],
    ['0.50', '￥0.50'],
  ])('%s (up to the bound) is taken as %s', (typed, stored) => {
    expect(checkCorrection('amount', typed)).toEqual({ ok: true, value: stored });
  });

  it('codes and numbers are identifiers: no bound applies to them', () => {
    expect(checkCorrection('number', '99999999')).toEqual({ ok: true, value: '99999999' });
  });
});
