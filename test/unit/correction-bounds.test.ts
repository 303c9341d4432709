import { describe, expect, it } from 'vitest';
import { DENOMINATIONS_FEN, displayAmount, formatApiAmount, parseAmount } from '@/lib/invoice/amount';
import { checkCorrection, MAX_CORRECTION_FEN } from '@/lib/invoice/correction';
import { wordsOf } from '../support/words';

// Trial 6 (M4): 1000000000 typed as an amount was taken, and the totals became ￥1,000,030,930.00.
describe('an amount correction far above any quota invoice', () => {
  it('the bound is the largest denomination printed, ￥10,000.00', () => {
    expect(MAX_CORRECTION_FEN).toBe(Math.max(...DENOMINATIONS_FEN));
    expect(displayAmount(formatApiAmount(MAX_CORRECTION_FEN))).toBe('￥10,000.00');
  });

  // Trial 7: 10000.01 typed for 100.01 was taken (flagged) and the totals jumped by ￥9,980.
  it.each(['1000000000', '100000.01', '10000.01', '12,345.60', '￥1,000,000.00', '壹拾万零壹元', '壹万零壹元', '１０００００１'])('%s is refused, with words that say why and what to do', (typed) => {
    const checked = checkCorrection('amount', typed);
    expect(checked).toEqual({ ok: false, messageKey: 'amountProblem_aboveQuota', text: typed });
    if (checked.ok) return;
    const en = wordsOf('en')(checked.messageKey, checked.text);
    expect(en).toContain(`“${typed}” is more than any quota invoice is worth`);
    expect(en).toContain('the largest denomination is ￥10,000.00');
    expect(en).toContain('Check the amount printed on the invoice');
    expect(wordsOf('zh_CN')(checked.messageKey, checked.text)).toContain('请核对票面金额');
  });

  it.each([
    ['10000', '￥10000.00'],
    ['壹万元', '￥10000.00'],
    ['1,000.50', '￥1000.50'], // no denomination: taken, and the batch flags it "unusual amount"
    ['0.50', '￥0.50'],
  ])('%s (up to the bound) is taken as %s', (typed, stored) => {
    expect(checkCorrection('amount', typed)).toEqual({ ok: true, value: stored });
  });

  it('codes and numbers are identifiers: no bound applies to them', () => {
    expect(checkCorrection('number', '99999999')).toEqual({ ok: true, value: '99999999' });
  });
});

// Trial 7: code 14403102165O and number O2290604 (letter O) were saved; in the table's monospace
// the O looks like a 0 and the check said only "not 12 digits".
describe('a code or number correction that is not all digits', () => {
  it.each([
    ['code', '14403102165O'],
    ['number', 'O2290604'],
    ['number', '0229O6O4'],
    ['code', '1440310216l2'],
    ['code', '144031-021652'],
  ] as const)('%s %s is refused, never turned into digits', (field, typed) => {
    const checked = checkCorrection(field, typed);
    expect(checked).toEqual({ ok: false, messageKey: 'identifierNotDigits', text: typed });
    if (checked.ok) return;
    expect(wordsOf('en')(checked.messageKey, checked.text)).toContain(`“${typed}” holds something that is not a digit`);
    expect(wordsOf('zh_CN')(checked.messageKey, checked.text)).toContain('发票代码和号码只由数字组成');
  });

  it.each([
    ['code', '１４４０３１０２１６５２', '144031021652'],
    ['code', '1440 3102 1652', '144031021652'],
    ['number', '02290604', '02290604'],
  ] as const)('%s %s (full width, spaces) is taken as %s', (field, typed, stored) => {
    expect(checkCorrection(field, typed)).toEqual({ ok: true, value: stored });
  });
});

describe('an amount typed from its point', () => {
  it('".5" is 伍角 as a calculator takes it, with or without the yuan sign or a full-width point', () => {
    for (const typed of ['.5', '.50', '￥.5', '¥ .5', '。5']) expect(checkCorrection('amount', typed)).toEqual({ ok: true, value: '￥0.50' });
    expect(checkCorrection('amount', '.05')).toEqual({ ok: true, value: '￥0.05' });
  });

  it('a point alone, three decimals after it, or a point in the middle of words are still refused', () => {
    expect(checkCorrection('amount', '.')).toMatchObject({ ok: false });
    expect(checkCorrection('amount', '.505')).toMatchObject({ ok: false, messageKey: 'amountProblem_tooManyDecimals' });
    expect(checkCorrection('amount', 'a.5')).toMatchObject({ ok: false });
  });

  it('an OCR reading is not helped the same way: parseAmount still refuses a figure that starts at its point', () => {
    expect(parseAmount('.5').ok).toBe(false);
  });
});
