/**
 * Numbers a clerk can trust, in the built extension: totals that count a duplicate once and never a
 * failure, partial captures to review, refused corrections in place, a derived city.
 * The batch is brought in the way a user would: importing a ZIP of exported captures.
 */
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capture } from '@/lib/store/capture-schema';
import { openBatchWith } from '../support/batch-import';
import { launchWithExtension, openExtensionPage, type LoadedExtension } from '../support/extension';

let clock = Date.UTC(2026, 10, 20, 8, 0);
function done(id: string, fields: Partial<Record<'code' | 'number' | 'amount' | 'location', string>>): Capture {
  clock += 60_000;
  return {
    id, createdAt: clock, updatedAt: clock, status: 'done', source: { kind: 'file', fileName: `${id}.png` }, provider: 'ondevice',
    hasImage: false, normalized: true, attempts: 1, result: { ...fields, confidence: { code: 0.99, number: 0.99, amount: 0.99, location: 0.99 } },
  };
}
function failed(id: string): Capture {
  clock += 60_000;
  return { id, createdAt: clock, updatedAt: clock, status: 'failed', source: { kind: 'file', fileName: `${id}.png` }, provider: 'ondevice', hasImage: false, normalized: true, attempts: 1, error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false } };
}
const invoice = (n: number, amount: string) => ({ code: '144031060038', number: String(35050200 + n), amount, location: '深圳市' });

// The shared case: 11 captures, one ￥1000 invoice captured twice, 2 failed; plus a partial and a province-only one.
const captures: Capture[] = [
  done('thousand', invoice(1, '￥1000.00')),
  ...[2, 3, 4, 5, 6, 7].map((n) => done(`ten-${n}`, invoice(n, '￥10.00'))),
  done('thousand-again', invoice(1, '￥1000.00')),
  failed('failed-1'),
  failed('failed-2'),
  done('fifty', invoice(8, '￥50.00')),
  done('partial', { code: '144031060038', number: '35050209', location: '深圳市' }),
  done('hebei', { code: '213012195474', number: '00112233', amount: '￥5.00', location: '河北省' }),
];

let ext: LoadedExtension;
let batch: Page;

beforeAll(async () => {
  ext = await launchWithExtension();
  batch = await openBatchWith(ext, captures);
});
afterAll(async () => ext?.browser.close());

const row = (id: string) => `tr[data-capture-id="${id}"]`;

describe('the batch tells the truth about money', () => {
  it('totals count the duplicate once, the failures never, and the partial as to review', async () => {
    // 1000 + 6×10 + 50 + 0 (partial) + 5 = 1115 in 10 invoices; the second ￥1000 is left out.
    expect(await batch.$eval('.batch-totals', (p) => p.textContent)).toBe('Invoices: 10 · ￥1,115.00 · duplicates not counted: 1 (￥1,000.00) · 2 failed · 1 to review');
  });

  it('a failed row says why, a partial row marks the missing field, a province gets its city from the code', async () => {
    expect(await batch.$eval(`${row('failed-1')} .failure`, (e) => e.textContent)).toContain('AIS.0104');
    expect(await batch.$$eval(`${row('partial')} td[data-missing]`, (tds) => tds.map((td) => td.querySelector('input')!.dataset.field))).toEqual(['amount']);
    expect(await batch.$eval(`${row('partial')} .flags`, (e) => e.textContent)).toContain('Field missing');
    expect(await batch.$eval(`${row('hebei')} .derived`, (e) => e.textContent)).toBe('石家庄市 (from the invoice code)');
    await batch.select('select[aria-label="Show"]', 'review');
    await batch.waitForFunction(() => document.querySelectorAll('tr[data-capture-id]').length === 1, { polling: 100 });
    expect(await batch.$eval('tr[data-capture-id]', (r) => r.getAttribute('data-capture-id'))).toBe('partial');
    await batch.select('select[aria-label="Show"]', 'all');
  });

  it('a correction that is not an amount is refused in place, with words; a full-width one is read', async () => {
    const cell = `${row('fifty')} input[data-field="amount"]`;
    await batch.click(cell, { count: 3 });
    await batch.keyboard.type('5O元');
    await batch.keyboard.press('Tab');
    await batch.waitForSelector(`${row('fifty')} .cell-problem`);
    // Why, then the amount the row keeps and the totals still count.
    expect(await batch.$eval(`${row('fifty')} .cell-problem`, (e) => e.textContent)).toBe('“5O元” is not an amount. Type it as 50, 50.00, ￥1,000.00 or 伍拾元. Not saved: ￥50.00 stays the amount counted in the totals.');
    expect(await batch.$eval(cell, (i) => [(i as HTMLInputElement).value, i.getAttribute('aria-invalid')])).toEqual(['5O元', 'true']);
    expect(await batch.$eval('.batch-totals', (p) => p.textContent)).toContain('￥1,115.00'); // nothing saved

    await batch.click(cell, { count: 3 });
    await batch.keyboard.type('１００．００');
    await batch.keyboard.press('Tab');
    await batch.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement).value === '￥100.00', { polling: 100 }, cell);
    expect(await batch.$(`${row('fifty')} .cell-problem`)).toBeNull();
    expect(await batch.$eval('.batch-totals', (p) => p.textContent)).toContain('￥1,165.00');
    expect(await batch.$('.batch-totals .totals-unsaved')).toBeNull(); // saved: no edit is pending
  });

  it('the popup says "Read 3 of 4 fields" for the partial capture and shows amounts as finance staff read them', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.waitForSelector('[data-capture-id="partial"]');
    expect(await popup.$eval('[data-capture-id="partial"] .status', (e) => e.textContent)).toBe('Read 3 of 4 fields');
    expect(await popup.$eval('[data-capture-id="partial"]', (e) => e.getAttribute('data-review'))).toBe('missing');
    expect(await popup.$eval('[data-capture-id="hebei"] [data-field="location"] .derived', (e) => e.textContent)).toBe('石家庄市 (from the invoice code)');
    await popup.close();
  });
});

describe('the review table', () => {
  const ids = () => batch.$$eval('tr[data-capture-id]', (rows) => rows.map((r) => r.getAttribute('data-capture-id')));
  const amounts = () => batch.$$eval('tr[data-capture-id] input[data-field="amount"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).value).filter(Boolean));
  const yuan = (text: string) => Number(text.replace(/[￥,]/g, ''));

  it('sorts by a clicked column header, says so with aria-sort, and a second click reverses', async () => {
    await batch.click('th[data-sort-key="amount"] button.sort');
    expect(await batch.$eval('th[data-sort-key="amount"]', (th) => th.getAttribute('aria-sort'))).toBe('descending');
    expect(await batch.$$eval('th[aria-sort]', (ths) => ths.length)).toBe(1);
    const down = await amounts();
    expect(down).toEqual([...down].sort((a, b) => yuan(b) - yuan(a)));
    expect(await batch.$eval('select[name="sort"]', (s) => (s as HTMLSelectElement).value)).toBe('amount');

    await batch.click('th[data-sort-key="amount"] button.sort');
    expect(await batch.$eval('th[data-sort-key="amount"]', (th) => th.getAttribute('aria-sort'))).toBe('ascending');
    const up = await amounts();
    expect(up).toEqual([...up].sort((a, b) => yuan(a) - yuan(b)));
    expect((await ids()).slice(-3).sort()).toEqual(['failed-1', 'failed-2', 'partial']); // no amount: last either way

    await batch.click('th[data-sort-key="location"] button.sort');
    expect(await batch.$eval('th[data-sort-key="location"]', (th) => th.getAttribute('aria-sort'))).toBe('ascending');
    await batch.select('select[name="sort"]', 'oldest');
    expect(await batch.$eval('th[data-sort-key="captured"]', (th) => th.getAttribute('aria-sort'))).toBe('ascending');
    expect((await ids()).slice(0, 3)).toEqual(['thousand', 'ten-2', 'ten-3']);
  });

  it('↑ ↓ with nothing focused go on from the row beside the picture (they scrolled the page)', async () => {
    const current = () => batch.$eval('tr[data-selected]', (r) => r.getAttribute('data-capture-id'));
    const order = await batch.$$eval('tr[data-capture-id]', (rows) => rows.map((r) => r.getAttribute('data-capture-id')));
    await batch.click(`${row(order[1]!)} td.meta`);
    const ring = () => batch.$eval('tr[data-selected] td.active .cell', (c) => getComputedStyle(c).outlineStyle);
    expect(await ring()).toBe('solid');
    await batch.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await batch.evaluate(() => document.activeElement === document.body)).toBe(true);
    // Nothing focused, no ring in the chosen cell: it looked like a caret where typing did nothing (helper-76).
    expect(await ring()).toBe('none');
    await batch.keyboard.press('ArrowDown');
    expect(await current()).toBe(order[2]);
    expect(await ring()).toBe('solid');
    expect(await batch.evaluate(() => (document.activeElement as HTMLElement).dataset.captureId)).toBe(order[2]);
    await batch.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await batch.keyboard.press('ArrowUp');
    expect(await current()).toBe(order[1]);
  });

  it('arrow keys move the selected row, ← → choose the field, Enter edits it and Escape cancels', async () => {
    const current = () => batch.$eval('tr[data-selected]', (r) => r.getAttribute('data-capture-id'));
    const focused = () => batch.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return el.tagName === 'TR' ? `row:${el.dataset.captureId}` : `${el.tagName.toLowerCase()}:${el.dataset.field}:${el.closest('tr')!.dataset.captureId}`;
    });
    await batch.click(`${row('thousand')} td.meta`);
    expect(await current()).toBe('thousand');
    expect(await focused()).toBe('row:thousand');
    await batch.keyboard.press('ArrowDown');
    await batch.keyboard.press('ArrowDown');
    expect(await current()).toBe('ten-3');
    expect(await focused()).toBe('row:ten-3');
    await batch.keyboard.press('ArrowUp');
    expect(await current()).toBe('ten-2');

    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowRight', 'ArrowRight'] as const) await batch.keyboard.press(key); // code, then → number → amount
    expect(await batch.$eval(`${row('ten-2')} td.active input`, (i) => i.getAttribute('data-field'))).toBe('amount');
    await batch.keyboard.press('Enter');
    expect(await focused()).toBe('input:amount:ten-2');
    const totals = await batch.$eval('.batch-totals', (p) => p.textContent);
    await batch.keyboard.type('999');
    await batch.keyboard.press('Escape');
    expect(await focused()).toBe('row:ten-2');
    expect(await batch.$eval(`${row('ten-2')} input[data-field="amount"]`, (i) => (i as HTMLInputElement).value)).toBe('￥10.00');
    await batch.keyboard.press('ArrowDown');
    await new Promise((r) => setTimeout(r, 300)); // a change would have been saved by now
    expect(await batch.$eval('.batch-totals', (p) => p.textContent)).toBe(totals);
    expect(await current()).toBe('ten-3');
    expect(await batch.$eval('.viewer-empty', (p) => p.textContent)).toBe('No image was kept for this capture.');
  });

  it('Enter on a row\'s Delete: the row taking its place is chosen and has the focus; Undo puts both deleted rows back', async () => {
    const current = () => batch.$eval('tr[data-selected]', (r) => r.getAttribute('data-capture-id'));
    const focusedRow = (id: string) => batch.waitForFunction((want) => (document.activeElement as HTMLElement | null)?.dataset.captureId === want, { polling: 50, timeout: 5000 }, id);
    const order = (await ids()) as string[];
    const deleteByKeys = async (id: string) => {
      await batch.click(`${row(id)} td.meta`);
      await batch.focus(`${row(id)} button.delete`);
      await batch.keyboard.press('Enter');
      await batch.waitForFunction((gone) => !document.querySelector(`tr[data-capture-id="${gone}"]`), { polling: 50, timeout: 5000 }, id);
    };
    // The focus fell to the page (the next Tab started at the page's top) and the picture went to the page's first row.
    await deleteByKeys(order[2]!);
    await focusedRow(order[3]!);
    expect(await current()).toBe(order[3]);
    await batch.keyboard.press('ArrowDown');
    expect(await current()).toBe(order[4]);
    // The last row's place is taken by the row before it.
    await deleteByKeys(order.at(-1)!);
    await focusedRow(order.at(-2)!);
    expect(await current()).toBe(order.at(-2));
    await batch.click('.notice button.undo');
    await batch.waitForFunction((n) => document.querySelectorAll('tr[data-capture-id]').length === n, { polling: 50, timeout: 5000 }, order.length);
    expect(await ids()).toEqual(order);
    // Enter on the notice's × closes it and does nothing else (the table's order stays).
    await batch.focus('.notice button.notice-close');
    await batch.keyboard.press('Enter');
    await batch.waitForFunction(() => !document.querySelector('.notice'), { polling: 50, timeout: 5000 });
    expect(await ids()).toEqual(order);
  });

  it('the month at a glance totals by month and by city, adding up to the batch', async () => {
    const fen = await batch.$eval('.batch-totals', (p) => Number(p.getAttribute('data-fen')));
    const groups = (kind: string) => batch.$$eval(`.glance-${kind} tbody tr`, (rows) => rows.map((r) => ({ key: r.getAttribute('data-group'), fen: Number(r.getAttribute('data-fen')), invoices: Number(r.getAttribute('data-invoices')) })));
    const months = await groups('month');
    expect(months).toHaveLength(1);
    expect(months[0]).toMatchObject({ fen, invoices: 10 });
    const cities = await groups('city');
    expect(cities.find((c) => c.key === '石家庄市')).toMatchObject({ fen: 500, invoices: 1 });
    expect(cities.reduce((sum, c) => sum + c.fen, 0)).toBe(fen);
    expect(cities.reduce((sum, c) => sum + c.invoices, 0)).toBe(10);
    expect(await batch.$eval('.glance-city tbody tr[data-group=""] th', (th) => th.textContent)).toBe('No place (failed)'); // the failures only: not a city called "Place unknown"
  });
});
