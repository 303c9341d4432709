import 'fake-indexeddb/auto';
import ExcelJS from 'exceljs';
import { BlobReader, TextWriter, ZipReader } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { checksFor } from '@/lib/invoice/capture-checks';
import { exportRecord, invoicesCsv, invoicesJson } from '@/lib/export/records';
import { exportedNotice, summaryText, totalsLine } from '@/lib/export/summary';
import { fillValues } from '@/lib/autofill/values';
import { invoicesXlsx } from '@/lib/export/xlsx';
import { importZip } from '@/lib/export/import';
import { exportZip } from '@/lib/export/zip';
import { checkCorrection, type CorrectionField } from '@/lib/invoice/correction';
import { glance, groupName, placeFromCode } from '@/lib/invoice/groups';
import { handEntryGaps, standing, stillToEnter } from '@/lib/invoice/hand-entry';
import { batchTotals, countedCaptures, countedTwin } from '@/lib/invoice/totals';
import { CaptureSchema, effectiveFields, type Capture } from '@/lib/store/capture-schema';
import { createCaptureStore } from '@/lib/store/captures';
import { openCaptureDb } from '@/lib/store/db';
import { duplicateMarks } from '@/lib/ui/duplicate-words';
import { filterViews, indexViews, NO_FILTER } from '@/lib/ui/review-filter';
import { wordsOf } from '../support/words';

let clock = new Date(2026, 10, 20, 9, 0).getTime();
const base = (id: string) => {
  clock += 60_000;
  return { id, createdAt: clock, updatedAt: clock, source: { kind: 'file' as const, fileName: `${id}.png` }, provider: 'ondevice' as const, hasImage: false, normalized: true, attempts: 1 };
};
/** A capture the engine refused ("…or enter this one by hand"), with what the clerk typed, read the way the batch reads a typed value. */
function failed(id: string, typed: Partial<Record<CorrectionField, string>> = {}): Capture {
  const corrections: Partial<Record<CorrectionField, string>> = {};
  for (const [field, text] of Object.entries(typed) as [CorrectionField, string][]) {
    const checked = checkCorrection(field, text);
    if (!checked.ok) throw new Error(`${field} ${text} does not read`);
    corrections[field] = checked.value;
  }
  return {
    ...base(id),
    status: 'failed',
    error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false },
    ...(Object.keys(corrections).length > 0 ? { corrections } : {}),
  };
}
function done(id: string, fields: { code: string; number: string; amount: string; location?: string }): Capture {
  return { ...base(id), status: 'done', result: { location: '深圳市', ...fields, confidence: { code: 0.99, number: 0.99, amount: 0.99, location: 0.99 } } };
}
const full = { code: '144031060038', number: '35050299', amount: '20', location: '深圳市' };
const totalsOf = (captures: Capture[]) => batchTotals(captures, checksFor(captures));

describe('a failed capture entered by hand', () => {
  it('counts once its code, number and amount are entered: status "Entered by hand", in fen, failure kept', () => {
    const captures = [done('a', { code: '144031060038', number: '35050201', amount: '￥10.00' }), failed('hand', full)];
    expect(standing(captures[1]!)).toBe('entered');
    expect(captures[1]!.error?.code).toBe('AIS.0104'); // the reason the reading failed stays in the record
    expect(totalsOf(captures)).toEqual({ invoices: 2, entered: 1, fen: 1000 + 2000, duplicates: 0, duplicatesFen: 0, failed: 0, pending: 0, toReview: 0 });
    expect(totalsLine(totalsOf(captures), wordsOf('en'))).toBe('Invoices: 2 · ￥30.00 · 1 entered by hand · 0 failed · 0 to review');
    expect(totalsLine(totalsOf(captures), wordsOf('zh_CN'))).toBe('共 2 张 · ￥30.00 · 其中手工录入 1 张 · 失败 0 张 · 需核对 0 张');
  });

  it.each([
    ['nothing typed', {}, ['code', 'number', 'amount']],
    ['only the amount', { amount: '20' }, ['code', 'number']],
    ['code and number, no amount', { code: full.code, number: full.number }, ['amount']],
    ['a code one digit short', { ...full, code: '14403106003' }, ['code']],
    ['a number with nine digits', { ...full, number: '350502991' }, ['number']],
  ] as const)('stays failed and says what is still to enter: %s', (_name, typed, gaps) => {
    const capture = failed('partial', typed);
    expect(standing(capture)).toBe('failed');
    expect(handEntryGaps(capture)).toEqual(gaps);
    expect(totalsOf([capture])).toMatchObject({ invoices: 0, entered: 0, fen: 0, failed: 1 });
  });

  it('needs no place where the code names its region: counted, nothing missing, the place taken from the code (README; helper-75 saw "Field missing")', () => {
    const capture = failed('no-place', { code: full.code, number: full.number, amount: '伍拾元' });
    expect(capture.corrections?.amount).toBe('￥50.00');
    expect(totalsOf([capture])).toMatchObject({ invoices: 1, entered: 1, fen: 5000, toReview: 0 });
    const check = checksFor([capture]).get('no-place')!;
    expect(check.missing).toEqual([]);
    expect(check.flags).not.toContain('missing-fields');
    // 4403 is 深圳市 (GB/T 2260): the row and the month at a glance show it from the code.
    expect(check.codeRegion).toBe('深圳市');
  });

  it('still misses its place where the code names no region, and a recognized capture without one is still to review', () => {
    // 4281 is no GB/T 2260 division: nothing to take the place from.
    const unknownRegion = failed('no-region', { code: '042812222083', number: full.number, amount: '20' });
    expect(checksFor([unknownRegion]).get('no-region')!.missing).toEqual(['location']);
    const read = done('read-no-place', { code: full.code, number: full.number, amount: '￥20.00', location: '' });
    expect(checksFor([read]).get('read-no-place')!.missing).toEqual(['location']);
  });

  it('an old reading left on a capture whose re-read failed is no hand entry', () => {
    const capture: Capture = { ...done('stale', { code: full.code, number: full.number, amount: '￥20.00' }), status: 'failed', error: { code: 'AIS.0105', message: 'recognition failed', retryable: false } };
    expect(standing(capture)).toBe('failed');
    expect(totalsOf([capture])).toMatchObject({ invoices: 0, failed: 1 });
  });

  it('a duplicate of a hand-entered invoice counts once, whichever came first, and names the one counted', () => {
    const hand = failed('hand', full);
    const read = done('read', { code: full.code, number: full.number, amount: '￥20.00' });
    for (const captures of [[hand, read], [read, { ...hand, createdAt: read.createdAt + 1 }]]) {
      const checks = checksFor(captures);
      const counted = countedCaptures(captures, checks);
      expect(totalsOf(captures)).toMatchObject({ invoices: 1, fen: 2000, duplicates: 1, duplicatesFen: 2000 });
      const [first, second] = captures as [Capture, Capture];
      expect([...counted]).toEqual([first.id]); // the earlier capture
      expect(countedTwin(second.id, checks, counted)).toBe(first.id);
      expect(countedTwin(first.id, checks, counted)).toBeUndefined();
      expect(duplicateMarks(captures, checks)).toEqual(
        new Map([
          [first.id, { counted: true, twin: undefined }],
          [second.id, { counted: false, twin: { id: first.id, createdAt: first.createdAt } }],
        ]),
      );
    }
    expect(duplicateMarks([hand], checksFor([hand])).size).toBe(0);
  });

  it('a hand entry and a recognized capture of one invoice that disagree on the amount both go to review, never silently one of them', () => {
    // Found by a new user's trial: ￥10 typed against a recognized ￥1,000 counted ￥10 with nothing said.
    const hand = failed('hand', { ...full, amount: '10' });
    const read = done('read', { code: full.code, number: full.number, amount: '￥1,000.00', location: '深圳市' });
    const checks = checksFor([hand, read]);
    expect(checks.get('hand')!.flags).toContain('duplicate-amount-differs');
    expect(checks.get('read')!.flags).toContain('duplicate-amount-differs');
    expect(totalsOf([hand, read])).toMatchObject({ invoices: 1, duplicates: 1, toReview: 2 });
    expect(totalsLine(totalsOf([hand, read]), wordsOf('en'))).toContain('2 to review');
    // Twins that agree are a plain duplicate, not to review.
    const same = checksFor([failed('hand', { ...full, amount: '1000' }), read]);
    expect(same.get('hand')!.flags).not.toContain('duplicate-amount-differs');
    expect(same.get('read')!.flags).toEqual(['duplicate']);
  });

  it('a later "Read again" that succeeds counts the invoice once (the same capture, now recognized)', () => {
    const hand = failed('hand', full);
    const reread: Capture = { ...hand, status: 'done', error: undefined, result: { code: full.code, number: full.number, amount: '￥20.00', location: '深圳市', confidence: { code: 0.99, number: 0.99, amount: 0.99, location: 0.99 } } };
    expect(totalsOf([reread])).toMatchObject({ invoices: 1, entered: 0, fen: 2000, duplicates: 0 });
    expect(totalsOf([hand])).toMatchObject({ invoices: 1, entered: 1, fen: 2000 });
  });

  it('Retry keeps counting the typed values while the capture is read again; then the read, or the hand entry again', () => {
    const hand = failed('hand', full);
    // What Retry stores (lib/recognize/service.ts requeue): queued, the failure cleared, the corrections kept.
    const queued: Capture = { ...hand, status: 'queued', error: undefined };
    const running: Capture = { ...queued, status: 'running' };
    for (const during of [queued, running]) {
      expect(standing(during)).toBe('entered');
      expect(totalsOf([during])).toMatchObject({ invoices: 1, entered: 1, fen: 2000, pending: 0 });
    }
    const failedAgain: Capture = { ...running, status: 'failed', error: { code: 'AIS.0105', message: 'recognition failed', retryable: false } };
    expect(totalsOf([failedAgain])).toMatchObject({ invoices: 1, entered: 1, fen: 2000 });
    const read: Capture = { ...running, status: 'done', result: { code: full.code, number: full.number, amount: '￥20.00', confidence: { code: 0.99, number: 0.99, amount: 0.99 } } };
    expect(totalsOf([read])).toMatchObject({ invoices: 1, entered: 0, fen: 2000 });
    // Only a complete hand entry counts meanwhile: a half-typed one re-read is pending, as before.
    const half: Capture = { ...failed('half', { amount: '20' }), status: 'queued', error: undefined };
    expect(standing(half)).toBe('queued');
    expect(totalsOf([half])).toMatchObject({ invoices: 0, fen: 0, pending: 1 });
    // A capture never typed in is not counted while read, of course.
    expect(standing({ status: 'running' })).toBe('running');
  });

  it.each([
    ['nothing typed yet: the failure itself says what to do', failed('none'), []],
    ['a half-typed entry', failed('half', { amount: '20' }), ['code', 'number']],
    ['a complete entry', failed('full', full), []],
    ['a recognized capture with a correction', { ...done('read', { code: full.code, number: full.number, amount: '￥20.00' }), corrections: { amount: '￥50.00' } }, []],
  ] as const)('stillToEnter (the batch row and the popup card): %s', (_name, capture, gaps) => {
  });

  it('amounts add up exactly in integer fen (0.10 entered three times is 30 fen)', () => {
    const captures = [1, 2, 3].map((n) => failed(`dime-${n}`, { code: full.code, number: `3505030${n}`, amount: '0.10' }));
    expect(totalsOf(captures)).toMatchObject({ invoices: 3, entered: 3, fen: 30 });
  });

  it('is in the month at a glance and the review filter', () => {
    const captures = [done('a', { code: '144031060038', number: '35050201', amount: '￥10.00' }), failed('hand', full), failed('partial', { amount: '5' })];
    const checks = checksFor(captures);
    const { byMonth, byCity } = glance(captures.map((c) => ({ ...c, fields: effectiveFields(c) })), checks);
    expect(byMonth).toHaveLength(1);
    expect(byMonth[0]!.totals).toMatchObject({ invoices: 2, entered: 1, fen: 3000, failed: 1 });
    expect(byCity.find((g) => g.key === '深圳市')!.totals).toMatchObject({ invoices: 2, fen: 3000 });
    const index = indexViews(captures.map((capture) => ({ capture })));
    expect(filterViews(index, checks, { ...NO_FILTER, status: 'entered' }).map((v) => v.capture.id)).toEqual(['hand']);
    expect(filterViews(index, checks, { ...NO_FILTER, status: 'failed' }).map((v) => v.capture.id)).toEqual(['partial']);
  });

  it('a hand entry without a place is placed by its code, in the row (placeFromCode) as in the month at a glance', () => {
    const hangzhou = failed('hz', { code: '033012067798', number: '41220953', amount: '1' });
    const typedPlace = failed('typed', { code: '033012067798', number: '41220954', amount: '1', location: '深圳市' });
    const emptyPlace: Capture = { ...failed('empty', { code: '144031060038', number: '35050291', amount: '1' }), result: { location: '' } };
    const captures = [hangzhou, typedPlace, emptyPlace];
    const checks = checksFor(captures);
    expect(placeFromCode(effectiveFields(hangzhou), checks.get('hz'))).toBe('杭州市');
    expect(placeFromCode(effectiveFields(typedPlace), checks.get('typed'))).toBeUndefined(); // the typed place says it
    // A blank location is none: the code places it (the glance filed it under "Place unknown").
    expect(placeFromCode(effectiveFields(emptyPlace), checks.get('empty'))).toBe('深圳市');
    const { byCity } = glance(captures.map((c) => ({ ...c, fields: effectiveFields(c) })), checks);
    expect(byCity.map((g) => [g.key, g.totals.invoices]).sort()).toEqual([['杭州市', 1], ['深圳市', 2]]);
    // Fill puts the code's place into a portal where none is typed, the typed one where it is (helper-76).
    expect(fillValues(effectiveFields(hangzhou)).location).toBe('杭州市');
    expect(fillValues(effectiveFields(typedPlace)).location).toBe('深圳市');
    expect(fillValues({ code: '042812222083', number: '41220955', amount: '1' }).location).toBeUndefined(); // 4281 names no place
  });

  it('summary.txt names a group of failures alone as the batch does, "No place (failed)" (helper-76: "Place unknown")', () => {
    const failures = [failed('f1', {}), failed('f2', { amount: '20' })];
    const captures = [...failures, failed('hz', { code: '033012067798', number: '41220953', amount: '1' })];
    const checks = checksFor(captures);
    const groups = glance(captures.map((c) => ({ ...c, fields: effectiveFields(c) })), checks);
    const text = summaryText(batchTotals(captures, checks), wordsOf('en'), new Date(Date.UTC(2026, 11, 6)), groups);
    expect(text).toContain('No place (failed): ');
    expect(text).not.toContain('Place unknown');
    expect(groups.byCity.map((g) => groupName(g, wordsOf('zh_CN')))).toEqual(expect.arrayContaining(['无地区（识别失败）', '杭州市']));
  });

  it('a record stored before hand entry counted reads the same (no schema change)', () => {
    const stored = JSON.parse(JSON.stringify(failed('old', full))) as unknown;
    const read = CaptureSchema.parse(stored);
    expect(standing(read)).toBe('entered');
  });
});

describe('the export says a capture was entered by hand', () => {
  const captures = [done('a', { code: '033012067798', number: '01897256', amount: '￥1.00', location: '杭州市' }), failed('hand', full), failed('partial', { amount: '5' })];
  const checks = checksFor(captures);
  const counted = countedCaptures(captures, checks);
  const records = captures.map((c) => exportRecord(c, checks, counted, null));

  it('CSV: status, "entered by hand" and "counted" columns; identifiers stay text; the failure stays', () => {
    const [header, ...rows] = invoicesCsv(records, wordsOf('en')).replace(/^\uFEFF/, '').trim().split('\r\n');
    const cols = header!.split(',');
    const at = (name: string) => cols.indexOf(name);
    const hand = rows[1]!.split(',');
    expect(hand[at('Invoice code')]).toBe('"=""144031060038"""');
    expect(hand[at('Invoice number')]).toBe('"=""35050299"""');
    expect(hand[at('Amount (yuan)')]).toBe('20.00');
    expect(hand[at('Status')]).toBe('Entered by hand');
    expect(hand[at('Entered by hand')]).toBe('yes');
    expect(hand[at('Counted in the total')]).toBe('yes');
    expect(rows[1]).toContain('AIS.0104');
    const partial = rows[2]!.split(',');
    expect([partial[at('Status')], partial[at('Entered by hand')], partial[at('Counted in the total')]]).toEqual(['Failed', 'no', 'no']);
    expect(rows[0]!.split(',')[at('Entered by hand')]).toBe('no');
  });

  it('XLSX: the same columns in Chinese, the code as a text cell', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await invoicesXlsx(records, wordsOf('zh_CN'))).buffer as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = sheet.getRow(1).values as unknown[];
    const hand = sheet.getRow(3);
    expect(hand.getCell(headers.indexOf('状态')).value).toBe('手工录入');
    expect(hand.getCell(headers.indexOf('手工录入')).value).toBe('是');
    expect(hand.getCell(1).value).toBe('144031060038');
    expect(hand.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(hand.getCell(3).value).toBe(20);
  });

  it('JSON: enteredByHand, counted and the original failure', () => {
    const json = JSON.parse(invoicesJson(records, Date.UTC(2026, 10, 30))) as { captures: Record<string, unknown>[] };
    expect(json.captures[1]).toMatchObject({ id: 'hand', status: 'failed', standing: 'entered', enteredByHand: true, counted: true, error: { code: 'AIS.0104' }, corrections: { code: '144031060038', number: '35050299', amount: '￥20.00' } });
    expect(json.captures[2]).toMatchObject({ id: 'partial', standing: 'failed', enteredByHand: false, counted: false });
  });

  it('summary.txt and the notice after the export give the same figures', async () => {
    const { zip, totals } = await exportZip(captures, async () => undefined, wordsOf('en'), new Date(2026, 10, 30, 9, 0).getTime());
    const reader = new ZipReader(new BlobReader(zip));
    const entry = (await reader.getEntries()).find((e) => e.filename === 'summary.txt');
    const summary = entry && !entry.directory ? await entry.getData(new TextWriter()) : '';
    await reader.close();
    expect(summary).toContain('Invoices: 2 · ￥21.00 · 1 entered by hand · 1 failed · 0 to review');
    expect(exportedNotice(captures.length, totals, false, wordsOf('en'))).toBe('Exported as a ZIP (see your downloads), captures: 3. Invoices: 2 · ￥21.00 · 1 entered by hand · 1 failed · 0 to review.');
    expect(exportedNotice(captures.length, totals, true, wordsOf('zh_CN'))).toBe('已导出 3 条记录并从列表中清除；ZIP 在下载内容中：共 2 张 · ￥21.00 · 其中手工录入 1 张 · 失败 1 张 · 需核对 0 张。');
  });

  it('an export imported elsewhere gives back the same hand entry and the same totals', async () => {
    const { zip, totals } = await exportZip(captures, async () => undefined, wordsOf('en'));
    const store = createCaptureStore(openCaptureDb('hand-entry-roundtrip'));
    expect(await importZip(zip, store)).toEqual({ ok: true, added: 3, invoices: 2, duplicates: 0, failed: 1, skipped: 0 });
    const back = await Promise.all(captures.map(async (c) => (await store.get(c.id))!));
    expect(back.map(standing)).toEqual(['done', 'entered', 'failed']);
    expect(back[1]!.error?.code).toBe('AIS.0104');
    expect(totalsOf(back)).toEqual(totals);
  });
});
