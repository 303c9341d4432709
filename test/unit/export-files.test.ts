import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { exportRecord, invoicesCsv } from '@/lib/export/records';
import { invoicesXlsx } from '@/lib/export/xlsx';
import { checksFor } from '@/lib/invoice/capture-checks';
import { countedCaptures } from '@/lib/invoice/totals';
import { placeFromCode } from '@/lib/invoice/groups';
import { effectiveFields, type Capture } from '@/lib/store/capture-schema';
import { wordsOf } from '../support/words';
import en from '@/public/_locales/en/messages.json';
import zh from '@/public/_locales/zh_CN/messages.json';

const at = new Date(2026, 10, 20, 9, 30, 5).getTime();
const done = (id: string, code: string, number: string, amount: string, location = '深圳市'): Capture => ({
  id, createdAt: at, updatedAt: at, status: 'done', source: { kind: 'file', fileName: `${id}.png` }, provider: 'ondevice', hasImage: false, normalized: true, attempts: 1,
  result: { code, number, amount, location, confidence: { code: 0.99, number: 0.98, amount: 0.97, location: 0.95 } },
});
const captures: Capture[] = [
  done('zero', '033012067798', '01897256', '￥1.00', '杭州市'),
  done('e11', '144031900111', '35050290', '¥1,000.00'),
  done('province', '213012195474', '12345678', '人民币伍角整', '河北省'),
  { id: 'failed', createdAt: at, updatedAt: at, status: 'failed', source: { kind: 'file', fileName: 'x.png' }, provider: 'ondevice', hasImage: false, normalized: true, attempts: 1, error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false } },
];
const records = () => {
  const checks = checksFor(captures);
  const counted = countedCaptures(captures, checks);
  return captures.map((capture) => exportRecord(capture, checks, counted, null));
};

/** Splits one CSV line of this writer (quoted cells may hold commas and doubled quotes). */
function cells(line: string): string[] {
  return Array.from(line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g), (m) => m[1]!).slice(0, -1);
}

describe('invoices.csv', () => {
  it('keeps codes and numbers as text for Excel and WPS, amounts exact, headers in the UI language', () => {
    const [header, ...rows] = invoicesCsv(records(), wordsOf('en')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(cells(header!).slice(0, 7)).toEqual(['Invoice code', 'Invoice number', 'Amount (yuan)', 'Amount (text)', 'Amount recognized', 'Counted in the total', 'Location']);
    expect(cells(rows[0]!).slice(0, 3)).toEqual(['"=""033012067798"""', '"=""01897256"""', '1.00']);
    expect(cells(rows[1]!).slice(0, 4)).toEqual(['"=""144031900111"""', '"=""35050290"""', '1000.00', '"¥1,000.00"']);
    expect(cells(rows[2]!).slice(2, 8)).toEqual(['0.50', '人民币伍角整', '人民币伍角整', 'yes', '河北省', '石家庄市']);
    expect(rows[3]).toContain('AIS.0104');
    expect(cells(rows[3]!)[5]).toBe('no'); // a failure never counts
    const zh = invoicesCsv(records(), wordsOf('zh_CN')).replace(/^\uFEFF/, '').split('\r\n')[0]!;
    expect(cells(zh).slice(0, 5)).toEqual(['发票代码', '发票号码', '金额（元）', '金额（文字）', '识别出的金额']);
    // In Chinese, a failure's reason is in Chinese words beside its code.
    const zhRows = invoicesCsv(records(), wordsOf('zh_CN')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(zhRows[4]).toMatch(/AIS\.0104 [^A-Za-z]*[\u4e00-\u9fff]/);
  });

  it('names the kind of paper a refusal saw, as the card and batch do (trial 8: only AIS.0104\'s generic words)', () => {
    const taxi: Capture = { id: 'taxi', createdAt: at, updatedAt: at, status: 'failed', source: { kind: 'file', fileName: 't.png' }, provider: 'ondevice', hasImage: false, normalized: true, attempts: 1, error: { code: 'AIS.0104', message: 'it looks like a taxi receipt', retryable: false, documentKind: 'taxi-receipt' } };
    const rows = invoicesCsv([exportRecord(taxi, checksFor([taxi]), new Set(), null)], wordsOf('en')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[1]).toContain(`AIS.0104 ${en.notQuotaInvoice!.message.replace('$1', en.kind_taxi_receipt!.message)}`);
    const zhRows = invoicesCsv([exportRecord(taxi, checksFor([taxi]), new Set(), null)], wordsOf('zh_CN')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(zhRows[1]).toContain(zh.kind_taxi_receipt!.message);
  });
});

describe('the city column says what the batch row says (placeFromCode)', () => {
  /** A failed capture typed in by hand: code, number and amount, and the location only when given. */
  const typed = (id: string, corrections: Capture['corrections']): Capture => ({
    id, createdAt: at, updatedAt: at, status: 'failed', source: { kind: 'file', fileName: `${id}.png` }, provider: 'ondevice', hasImage: false, normalized: true, attempts: 1,
    error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false }, corrections,
  });
  const rows = [
    typed('no-place', { code: '033012067798', number: '41220953', amount: '￥1.00' }), // 3301 杭州市 by the code
    typed('typed-place', { code: '033012067798', number: '41220954', amount: '￥1.00', location: '深圳市' }), // the typed place says it
    done('province', '213012195474', '12345678', '￥0.50', '河北省'), // 1301: the city of a province-only location
  ];
  const records = () => {
    const checks = checksFor(rows);
    return rows.map((c) => exportRecord(c, checks, countedCaptures(rows, checks), null));
  };
  const expected = ['杭州市', '', '石家庄市'];

  it('CSV: a hand entry without a place gets the region its code gives, as its row shows', () => {
    const [header, ...lines] = invoicesCsv(records(), wordsOf('en')).replace(/^\uFEFF/, '').trim().split('\r\n');
    const col = cells(header!).indexOf('City (from the code)');
    expect(lines.map((l) => cells(l)[col])).toEqual(expected);
    // The same function as the row: what the batch shows beside the location.
    const checks = checksFor(rows);
    expect(rows.map((c) => placeFromCode(effectiveFields(c), checks.get(c.id)) ?? '')).toEqual(expected);
  });

  it('XLSX: the same cells', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await invoicesXlsx(records(), wordsOf('zh_CN'))).buffer as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const col = (sheet.getRow(1).values as unknown[]).indexOf('城市（据发票代码推断）');
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(col).value ?? '')).toEqual(expected);
  });
});

describe('invoices.xlsx', () => {
  it('has text cells for identifiers, a currency number for the amount, a date, a frozen filtered header', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await invoicesXlsx(records(), wordsOf('zh_CN'))).buffer as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('发票清单');
    expect(sheet.getRow(1).getCell(1).value).toBe('发票代码');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const code = sheet.getRow(2).getCell(1);
    expect(code.value).toBe('033012067798');
    expect(code.type).toBe(ExcelJS.ValueType.String);
    expect(code.numFmt).toBe('@');
    expect(sheet.getRow(2).getCell(2).value).toBe('01897256');
    expect(sheet.getRow(3).getCell(1).value).toBe('144031900111');
    const amount = sheet.getRow(3).getCell(3);
    expect(amount.value).toBe(1000);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.numFmt).toContain('0.00');
    expect(sheet.getRow(4).getCell(3).value).toBe(0.5);
    expect(sheet.getRow(5).getCell(3).value).toBeNull(); // a failure has no amount, not 0
    const capturedAt = sheet.getRow(2).getCell((sheet.getRow(1).values as unknown[]).findIndex((v) => String(v).startsWith('采集时间')));
    expect(capturedAt.value).toBeInstanceOf(Date);
    // The clerk's wall clock, whatever the time zone (exceljs would write UTC): 09:30:05 as captured.
    expect((capturedAt.value as Date).toISOString().slice(11, 19)).toBe('09:30:05');
  });
});

describe('the capture time, in the CSV and the XLSX alike', () => {
  const zoneBefore = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zoneBefore;
  });
  it.each([
    // Node reads TZ again when it is set: each case writes the files in that zone.
    ['Asia/Shanghai', new Date(Date.UTC(2026, 10, 20, 1, 30, 5)), '2026-11-20 09:30:05', 'UTC+08:00'],
    ['America/New_York', new Date(Date.UTC(2026, 10, 20, 14, 30, 5)), '2026-11-20 09:30:05', 'UTC-05:00'],
    ['Asia/Kolkata', new Date(Date.UTC(2026, 10, 20, 4, 0, 5)), '2026-11-20 09:30:05', 'UTC+05:30'],
  ])('%s: the same wall clock in both files, and both headers say it is local time and its offset', async (zone, when, wallClock, offset) => {
    process.env.TZ = zone;
    const capture: Capture = { ...captures[0]!, createdAt: when.getTime(), updatedAt: when.getTime() };
    const checks = checksFor([capture]);
    const rows = [exportRecord(capture, checks, countedCaptures([capture], checks), null)];
    const [header, row] = invoicesCsv(rows, wordsOf('en')).replace(/^\uFEFF/, '').trim().split('\r\n');
    // Quoted: the header holds a comma.
    const col = cells(header!).findIndex((h) => h.startsWith('"Captured at'));
    expect(cells(header!)[col]).toBe(`"Captured at (local time, ${offset})"`);
    expect(cells(row!)[col]).toBe(wallClock);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await invoicesXlsx(rows, wordsOf('zh_CN'))).buffer as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const titles = sheet.getRow(1).values as unknown[];
    const at = titles.findIndex((v) => String(v).startsWith('采集时间'));
    expect(titles[at]).toBe(`采集时间（本地时间，${offset}）`);
    // A spreadsheet date has no zone: exceljs reads it back as that wall clock "in UTC".
    expect((sheet.getRow(2).getCell(at).value as Date).toISOString().replace('T', ' ').slice(0, 19)).toBe(wallClock);
  });

  it('rows on both sides of a daylight-saving change: the header names both offsets', () => {
    process.env.TZ = 'Europe/Berlin';
    const at = (ms: number): Capture => ({ ...captures[0]!, id: String(ms), createdAt: ms, updatedAt: ms });
    const both = [at(Date.UTC(2026, 6, 1, 8)), at(Date.UTC(2026, 11, 1, 8))];
    const checks = checksFor(both);
    const rows = both.map((c) => exportRecord(c, checks, countedCaptures(both, checks), null));
    const header = cells(invoicesCsv(rows, wordsOf('en')).replace(/^\uFEFF/, '').split('\r\n')[0]!);
    expect(header.find((h) => h.startsWith('"Captured at'))).toBe('"Captured at (local time, UTC+01:00 / UTC+02:00)"');
  });
});
