import { describe, expect, it } from 'vitest';
import { checkBatch } from '@/lib/invoice/checks';
import { gbt2260 } from '@/lib/invoice/gbt2260';
import { BOM, csvCell, csvDocument, csvFormulaText } from '@/lib/export/csv';
import { imageFileNamer, zipFileName } from '@/lib/export/naming';

describe('CSV for Excel', () => {
  it.each([
    ['plain', 'abc', 'abc'],
    ['Chinese', '深圳市', '深圳市'],
    ['a comma', 'a,b', '"a,b"'],
    ['quotes', 'say "hi"', '"say ""hi"""'],
    ['a newline', 'a\nb', '"a\nb"'],
    ['a formula', '=SUM(A1)', `"'=SUM(A1)"`],
    ['a plus', '+86 123', `"'+86 123"`],
    ['a minus', '-5', `"'-5"`],
    ['an at sign', '@cmd', `"'@cmd"`],
    ['leading spaces', ' x', '" x"'],
    ['a number', 50, '50'],
    ['a boolean', true, 'TRUE'],
    ['nothing', undefined, ''],
  ] as const)('%s', (_name, value, expected) => expect(csvCell(value)).toBe(expected));

  it.each([
    ['033012067798', '"=""033012067798"""'],
    ['144031900111', '"=""144031900111"""'],
    ['01897256', '"=""01897256"""'],
  ])('identifier %s is written as text: %s', (digits, cell) => expect(csvFormulaText(digits)).toBe(cell));
  it('never makes a formula of anything but digits', () => expect(() => csvFormulaText('1+1')).toThrow());

  it('starts with a BOM and ends rows with CRLF', () => {
    expect(csvDocument(['a', 'b'], [['1', '深圳']])).toBe(`${BOM}a,b\r\n1,深圳\r\n`);
  });
});

describe('file names', () => {
  it('are unique even for duplicates and missing fields', () => {
    const name = imageFileNamer();
    const at = new Date(2026, 10, 26, 9, 30).getTime();
    expect(name({ createdAt: at, code: '144031500101', number: '01234567', imageType: 'image/jpeg' })).toBe('2026-11-26_144031500101_01234567.jpg');
    expect(name({ createdAt: at, code: '144031500101', number: '01234567', imageType: 'image/jpeg' })).toBe('2026-11-26_144031500101_01234567_2.jpg');
    expect(name({ createdAt: at, imageType: 'image/png' })).toBe('2026-11-26_nocode_nonumber.png');
    expect(name({ createdAt: at, code: '../../etc', number: 'a/b', imageType: 'image/png' })).toBe('2026-11-26_etc_ab.png');
    expect(zipFileName(at)).toBe('quota-invoices_2026-11-26_0930.zip');
  });
});

describe('batch checks', () => {
  const places = gbt2260();
  const checks = checkBatch(
    [
      { id: 'a', fields: { code: '144031060038', number: '35050290', amount: '￥1000.00', location: '深圳市' }, imageSha256: 'h1', minConfidence: 0.99 },
      { id: 'b', fields: { code: '144031060038', number: '35050290', amount: '￥1000.00', location: '深圳市' }, imageSha256: 'h2', minConfidence: 0.99 },
      { id: 'c', fields: { code: '14403106003', number: '3505029', amount: '￥37.00', location: '杭州市' }, imageSha256: 'h3', minConfidence: 0.5 },
      { id: 'd', fields: {}, imageSha256: 'h1', status: 'queued' },
    ],
    places,
    0.9,
  );
  it('flags the same code + number, and the same image', () => {
    expect(checks.get('a')).toMatchObject({ duplicateOf: expect.arrayContaining(['b', 'd']), codeRegion: '深圳市', fen: 100000 });
    expect(checks.get('a')!.flags).toEqual(['duplicate']);
    expect(checks.get('d')!.flags).toContain('duplicate');
  });
  it('flags formats, a location the code disagrees with, an unusual amount, low confidence', () => {
    expect(checks.get('c')!.flags).toEqual(['code-format', 'number-format', 'unusual-amount', 'needs-review']);
    const mismatch = checkBatch([{ id: 'x', fields: { code: '144031060038', number: '35050290', amount: '￥1.00', location: '杭州市' } }], places, 0.9);
    expect(mismatch.get('x')!.flags).toEqual(['region-mismatch']);
  });
  it.each(['333011038187', '733011038787', '933011038187'])('a 12-digit code whose first digit names no authority (%s) is to review: 0, 1 and 2 are', (code) => {
    const fields = { number: '35050290', amount: '￥10.00', location: '杭州市' };
    const bad = checkBatch([{ id: 'x', status: 'done', fields: { ...fields, code } }], places, 0.9);
    expect(bad.get('x')!.flags).toEqual(['code-authority']);
    for (const first of ['0', '1', '2']) {
      const good = checkBatch([{ id: 'y', status: 'done', fields: { ...fields, code: first + code.slice(1) } }], places, 0.9);
      expect(good.get('y')!.flags).toEqual([]);
    }
  });
  it('a recognized capture with a field missing is to review, and says which', () => {
    const partial = checkBatch([{ id: 'p', status: 'done', fields: { code: '144031060038', number: '35050290', location: '深圳市' } }], places, 0.9);
    expect(partial.get('p')).toMatchObject({ flags: ['missing-fields'], missing: ['amount'], fen: null });
  });
  it('an amount that does not read is to review, never counted as zero silently', () => {
    const bad = checkBatch([{ id: 'u', status: 'done', fields: { code: '144031060038', number: '35050290', amount: '￥5O.OO', location: '深圳市' } }], places, 0.9);
    expect(bad.get('u')).toMatchObject({ flags: ['amount-unreadable'], fen: null });
  });
});
