import { describe, expect, it } from 'vitest';
import { totalsLine } from '@/lib/export/summary';
import { checksFor } from '@/lib/invoice/capture-checks';
import { batchTotals, countedCaptures, countedTwin } from '@/lib/invoice/totals';
import type { Capture } from '@/lib/store/capture-schema';
import { wordsOf } from '../support/words';

let clock = Date.UTC(2026, 10, 20, 8, 0);
/** A capture of the invoice `code`-`number` with `amount`, or a failure / a pending one. */
function capture(id: string, fields: { code?: string; number?: string; amount?: string; location?: string } | 'failed' | 'queued', image = `img-${id}`): Capture {
  clock += 1000;
  const base = { id, createdAt: clock, updatedAt: clock, source: { kind: 'file' as const, fileName: `${id}.png` }, provider: 'ondevice' as const, hasImage: true, imageSha256: image, normalized: true, attempts: 1 };
  if (fields === 'failed') return { ...base, status: 'failed', error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false } };
  if (fields === 'queued') return { ...base, status: 'queued' };
  return { ...base, status: 'done', result: { location: '深圳市', ...fields, confidence: { code: 0.99, number: 0.99, amount: 0.99, location: 0.99 } } };
}
const invoice = (n: number, amount: string) => ({ code: '144031060038', number: String(35050200 + n).padStart(8, '0'), amount });

function totalsOf(captures: Capture[]) {
  return batchTotals(captures, checksFor(captures));
}

describe('batch totals count each invoice once and never a failure', () => {
  it('the shared case: 11 captures, one ￥1000 invoice captured twice, 2 failed', () => {
    const captures = [
      capture('thousand', invoice(1, '￥1000.00')),
      ...[2, 3, 4, 5, 6, 7].map((n) => capture(`i${n}`, invoice(n, '￥10.00'))),
      capture('thousand-again', invoice(1, '￥1000.00')),
      capture('f1', 'failed'),
      capture('f2', 'failed'),
      capture('i8', invoice(8, '￥50.00')),
    ];
    expect(captures).toHaveLength(11);
    expect(totalsOf(captures)).toEqual({ invoices: 8, entered: 0, fen: 100000 + 6 * 1000 + 5000, duplicates: 1, duplicatesFen: 100000, failed: 2, pending: 0, toReview: 0 });
    expect(totalsLine(totalsOf(captures), wordsOf('en'))).toBe('Invoices: 8 · ￥1,110.00 · duplicates not counted: 1 (￥1,000.00) · 2 failed · 0 to review');
    expect(totalsLine(totalsOf(captures), wordsOf('zh_CN'))).toBe('共 8 张 · ￥1,110.00 · 重复未计入：1 张（￥1,000.00） · 失败 2 张 · 需核对 0 张');
  });

  it.each([
    ['nothing', [], { invoices: 0, fen: 0, duplicates: 0, failed: 0, toReview: 0 }],
    ['the same image twice (no fields read the second time)', [capture('a', invoice(1, '￥20.00'), 'same'), capture('b', invoice(1, '￥20.00'), 'same')], { invoices: 1, fen: 2000, duplicates: 1, duplicatesFen: 2000 }],
    ['three captures of one invoice', [capture('a', invoice(1, '￥5.00')), capture('b', invoice(1, '￥5.00')), capture('c', invoice(1, '￥5.00'))], { invoices: 1, fen: 500, duplicates: 2, duplicatesFen: 1000 }],
    ['a failure with the same image as a success is not a duplicate', [capture('a', 'failed', 'same'), capture('b', invoice(1, '￥5.00'), 'same')], { invoices: 1, fen: 500, duplicates: 0, failed: 1 }],
    ['a first capture that missed the amount does not hide a later one that read it', [capture('a', { code: '144031060038', number: '35050201', location: '深圳市' }), capture('b', invoice(1, '￥1000.00'))], { invoices: 1, fen: 100000, duplicates: 1, duplicatesFen: 0 }],
    ['pending captures are not in the sum', [capture('a', 'queued'), capture('b', invoice(1, '￥5.00'))], { invoices: 1, fen: 500, pending: 1 }],
    ['a missing amount: counted as an invoice to review, adds nothing', [capture('a', { code: '144031060038', number: '35050201', location: '深圳市' })], { invoices: 1, fen: 0, toReview: 1 }],
    ['cents add up exactly (no float drift)', Array.from({ length: 10 }, (_, n) => capture(`c${n}`, invoice(n, '￥0.10'))), { invoices: 10, fen: 100 }],
    ['amounts in every written form', [capture('a', invoice(1, '伍角')), capture('b', invoice(2, '¥1,000.00')), capture('c', invoice(3, '１００．００'))], { invoices: 3, fen: 50 + 100000 + 10000 }],
  ] as const)('%s', (_name, captures, expected) => expect(totalsOf([...captures])).toMatchObject(expected));
});

describe('a re-capture that lost its code is the same invoice when its number and amount match (helper-77)', () => {
  const number = '02903808';
  const coded = { code: '032011899132', number, amount: '￥2.00', location: '南京市' };
  const withoutCode = { number, amount: '￥2.00', location: '南京市' };

  it('one ￥2.00 invoice captured four times, its code read once: one invoice, ￥2.00, and the complete capture counted', () => {
    const captures = [capture('lost-1', withoutCode), capture('lost-2', withoutCode), capture('read', coded), capture('lost-3', withoutCode)];
    const checks = checksFor(captures);
    expect(batchTotals(captures, checks)).toMatchObject({ invoices: 1, fen: 200, duplicates: 3, duplicatesFen: 600, toReview: 3 });
    expect([...countedCaptures(captures, checks)]).toEqual(['read']);
    for (const id of ['lost-1', 'lost-2', 'lost-3']) {
      expect(checks.get(id)!.flags).toEqual(expect.arrayContaining(['duplicate', 'missing-fields']));
      expect(countedTwin(id, checks, countedCaptures(captures, checks))).toBe('read');
    }
    // The complete one is a duplicate that counts, not one to review.
    expect(checks.get('read')!.flags).toEqual(['duplicate']);
  });

  it.each([
    ['two codes decide: the same number and amount under two codes are two invoices', [capture('a', coded), capture('b', { ...coded, code: '144031060038', location: '深圳市' })], 2],
    ['places that disagree: 南京市 and 北京市 are two invoices', [capture('a', coded), capture('b', { ...withoutCode, location: '北京市' })], 2],
    ['another amount is another invoice', [capture('a', coded), capture('b', { ...withoutCode, amount: '￥5.00' })], 2],
    ['a code and an amount are shared by a whole pad: without its number a capture matches nothing', [capture('a', coded), capture('b', { code: coded.code, amount: '￥2.00', location: '南京市' })], 2],
    ['a province and a city inside it agree', [capture('a', coded), capture('b', { ...withoutCode, location: '江苏省' })], 1],
    ['without a place either, the number and amount decide', [capture('a', coded), capture('b', { number, amount: '￥2.00', location: undefined })], 1],
    ['a failed capture is nobody’s duplicate', [capture('a', coded), capture('b', 'failed')], 1],
    // helper-78: a capture without its code between two invoices of other codes (one of them without
    // a place) took the second out of the total with it, though it was left out itself.
    ['one without a code between two invoices of other codes: both counted', [capture('x', coded), capture('c', withoutCode), capture('y', { ...coded, code: '132011362555', location: undefined })], 2],
    ['so too with a code one digit short between them', [capture('x', coded), capture('c', { ...withoutCode, code: '03201189913' }), capture('y', { ...coded, code: '132011362555', location: undefined })], 2],
    // helper-79: counted first (the earliest, one field missing like them), it left out all three.
    ['one without a code before three invoices of three codes without a place: three invoices', [capture('c', withoutCode), ...['032011899132', '132011362555', '232011000001'].map((code, i) => capture(`y${i}`, { ...coded, code, location: undefined }))], 3],
    ['a place that names no known place is a place: 深川市 is not 南京市', [capture('a', coded), capture('b', { ...withoutCode, location: '深川市' })], 2],
    ['and two of the same words agree', [capture('a', { ...withoutCode, location: '深川市' }), capture('b', { ...withoutCode, location: '深川市' })], 1],
  ] as const)('%s', (_name, captures, invoices) => expect(totalsOf([...captures]).invoices).toBe(invoices));
});
