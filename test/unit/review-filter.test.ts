import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksFor } from '@/lib/invoice/capture-checks';
import { glance } from '@/lib/invoice/groups';
import { batchTotals } from '@/lib/invoice/totals';
import { effectiveFields, type Capture } from '@/lib/store/capture-schema';
import { dayOrderOf, filterViews, indexViews, monthsOf, NO_FILTER, parseDay } from '@/lib/ui/review-filter';

/** Local-time milliseconds of a day (the filter compares local days, as the clerk's calendar). */
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

function capture(id: string, createdAt: number, result: Capture['result'] | 'failed', more: Partial<Capture> = {}): Capture {
  const base = { id, createdAt, updatedAt: createdAt, source: { kind: 'context-menu' as const, pageUrl: `https://mail.example/${id}` }, provider: 'ondevice' as const, hasImage: true, imageSha256: `sha-${id}`, normalized: true, attempts: 1, ...more };
  if (result === 'failed') return { ...base, status: 'failed', error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false } };
  return { ...base, status: 'done', result };
}
const fields = (code: string, number: string, amount: string, location = '深圳市') => ({ code, number, amount, location, confidence: { code: 0.99, number: 0.99, amount: 0.99, location: 0.99 } });

const captures = [
  capture('dec', at(2026, 12, 1, 0), fields('144031060038', '35050201', '￥50.00')),
  capture('nov-late', at(2026, 11, 30, 23), fields('111001560011', '00000002', '￥10.00', '北京市')),
  capture('nov-fixed', at(2026, 11, 5), fields('144031060038', '35050203', '￥5.00'), { corrections: { amount: '￥20.00', number: '35050299' } }),
  capture('oct-failed', at(2026, 10, 31), 'failed', { source: { kind: 'file', fileName: 'Scan-Taxi.PNG' } }),
];
const views = captures.map((capture) => ({ capture }));
const index = indexViews(views);
const checks = checksFor(captures);
const shown = (filter: Partial<typeof NO_FILTER>) => filterViews(index, checks, { ...NO_FILTER, ...filter }).map((v) => v.capture.id);

describe('the review table filter', () => {
  it('no filter shows everything, in order', () => expect(shown({})).toEqual(['dec', 'nov-late', 'nov-fixed', 'oct-failed']));

  it.each([
    ['a month (local time: 23:00 on 30 Nov is November, 00:00 on 1 Dec is December)', { month: '2026-11' }, ['nov-late', 'nov-fixed']],
    ['from a day on', { from: '2026-11-30' }, ['dec', 'nov-late']],
    ['until a day, that day included', { to: '2026-11-05' }, ['nov-fixed', 'oct-failed']],
    ['a month and a day range together', { month: '2026-11', from: '2026-11-06' }, ['nov-late']],
    ['the corrected value, not the recognized one', { text: '35050299' }, ['nov-fixed']],
    ['a recognized value a correction replaced is not found', { text: '35050203' }, []],
    ['the place, the page address, the file name, any case', { text: 'scan-taxi' }, ['oct-failed']],
    ['words around the search are ignored', { text: '  北京 ' }, ['nov-late']],
    ['failed only', { status: 'failed' }, ['oct-failed']],
    ['done and searched', { status: 'done', text: 'mail.example/dec' }, ['dec']],
  ] as const)('%s', (_name, filter, expected) => expect(shown(filter)).toEqual(expected));

  it('lists the months captured in, newest first', () => expect(monthsOf(index)).toEqual(['2026-12', '2026-11', '2026-10']));
});

describe('a day typed into the from/to boxes', () => {
  it.each([
    ['2026-11-05', '2026-11-05'],
    ['2026/11/5', '2026-11-05'],
    ['2026.1.9', '2026-01-09'],
    ['2026年11月5日', '2026-11-05'],
    ['２０２６－１１－０５', '2026-11-05'], // as a Chinese input method types it
    ['２０２６／１１／５', '2026-11-05'],
    ['２０２６-１１-０５', '2026-11-05'],
    ['20261105', '2026-11-05'],
    [' 2026-11-05 ', '2026-11-05'],
    ['', ''],
    ['2026-02-30', null],
    ['2026-13-01', null],
    ['11/05/2026', null], // month first is ambiguous (05/11 in much of the world): refused, never guessed
    ['2026-11', null],
    ['2026-11-0', null],
  ])('%j → %j', (typed, day) => expect(parseDay(typed)).toBe(day));

  // Trial 6 (M6): the en table shows 11/29/26, and the filter refused 11/25/26.
  it('the order the table writes a short date in: en month/day/year, zh-CN year/month/day', () => {
    expect(dayOrderOf('en')).toEqual(['month', 'day', 'year']);
    expect(dayOrderOf('zh-CN')).toEqual(['year', 'month', 'day']);
  });

  it.each([
    ['11/25/26', '2026-11-25'],
    ['11/25/2026', '2026-11-25'],
    ['1/5/26', '2026-01-05'],
    ['１１/２５/２６', '2026-11-25'],
    ['2026-11-25', '2026-11-25'], // year first is still read
    ['2/30/26', null],
    ['25/11/26', null], // no 25th month: refused, not read day first
    ['25.11.2026', null],
    ['11/25-26', null],
    ['11/25', null],
  ])('in en, as the table writes it: %j → %j', (typed, day) => expect(parseDay(typed, dayOrderOf('en'))).toBe(day));

  it('every day the en table writes reads back as that day', () =>
    fc.assert(fc.property(fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), (d) => {
      const shown = new Intl.DateTimeFormat('en', { dateStyle: 'short', timeZone: 'UTC' }).format(d);
      expect(parseDay(shown, dayOrderOf('en'))).toBe(d.toISOString().slice(0, 10));
    })));

  it('every real day written yyyy-mm-dd reads back as itself', () =>
    fc.assert(fc.property(fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      expect(parseDay(iso)).toBe(iso);
      expect(parseDay(iso.replaceAll('-', ''))).toBe(iso);
    })));
});

describe('effectiveFields', () => {
  it('a correction wins, a field neither read nor corrected is absent', () => {
    const c = { result: { code: '144031060038', number: '35050203', confidence: {} }, corrections: { number: '35050299', amount: '￥20.00' } };
    expect(effectiveFields(c)).toStrictEqual({ code: '144031060038', number: '35050299', amount: '￥20.00' });
    expect(effectiveFields({})).toStrictEqual({});
  });
});

describe('the month at a glance', () => {
  it('groups add up to the whole, a duplicate across months counted once, in the month of its better capture', () => {
    const set = [
      ...captures,
      // The November invoice again in December with its amount missing: the November one counts.
      capture('dec-again', at(2026, 12, 2), { code: '111001560011', number: '00000002', location: '北京市', confidence: {} }),
      // The December invoice captured earlier, in October, with its amount missing: December's counts.
      capture('oct-early', at(2026, 10, 1), { code: '144031060038', number: '35050201', location: '深圳市', confidence: {} }),
    ];
    const setChecks = checksFor(set);
    const whole = batchTotals(set, setChecks);
    const { byMonth, byCity } = glance(set.map((c) => ({ ...c, fields: effectiveFields(c) })), setChecks);
    for (const groups of [byMonth, byCity]) {
      expect(groups.reduce((n, g) => n + g.totals.invoices, 0)).toBe(whole.invoices);
      expect(groups.reduce((n, g) => n + g.totals.fen, 0)).toBe(whole.fen);
      expect(groups.reduce((n, g) => n + g.totals.duplicates, 0)).toBe(whole.duplicates);
    }
    expect(whole).toMatchObject({ invoices: 3, fen: 5000 + 1000 + 2000, duplicates: 2, failed: 1 });
    expect(byMonth.map((g) => [g.key, g.totals.invoices, g.totals.fen, g.totals.duplicates])).toEqual([
      ['2026-10', 0, 0, 1],
      ['2026-11', 2, 3000, 0],
      ['2026-12', 1, 5000, 1],
    ]);
  });
});
