import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { launchWithExtension, openExtensionPage, type LoadedExtension } from '../support/extension';
import { configureThroughOptions, placeholderFits } from '../support/ui';

declare const chrome: WxtBrowser;

type Messages = Record<string, { message: string }>;
const messages = (locale: string) => JSON.parse(readFileSync(join(import.meta.dirname, `../../public/_locales/${locale}/messages.json`), 'utf8')) as Messages;
const en = messages('en');
const zh = messages('zh_CN');
const wordsIn = (bundle: Messages, key: string, ...subs: string[]) => bundle[key]!.message.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
const words = (key: string, ...subs: string[]) => wordsIn(en, key, ...subs);
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Captures written as they are stored (lib/store/capture-schema.ts), straight into the extension's IndexedDB. */
async function putCaptures(page: Page, captures: object[]): Promise<void> {
  await page.evaluate(async (all) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('quota-invoice-capture', 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore('captures', { keyPath: 'id' });
        store.createIndex('createdAt', 'createdAt');
        store.createIndex('status', 'status');
        open.result.createObjectStore('images', { keyPath: 'id' });
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['captures', 'images'], 'readwrite');
    for (const { image, ...capture } of all as { id: string; image?: string }[]) {
      tx.objectStore('captures').put(capture);
      // An image as captured, given as text (bytes no browser draws, for the empty thumbnail).
      if (image !== undefined) tx.objectStore('images').put({ id: capture.id, blob: new Blob([image], { type: 'image/jpeg' }) });
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, captures);
}

/** Done captures, two of them failed, written straight into the extension's IndexedDB (the queue leaves settled ones alone). */
async function seed(page: Page, count: number): Promise<void> {
  const amounts = ['￥10.00', '￥50.00', '￥100.00', '￥20.00', '￥5.00', '￥1000.00'];
  // Two of the newest failed (issue 13: failed rows opened by themselves and only ~5 invoices fit).
  const failures: Record<number, object> = {
    22: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false, documentKind: 'taxi-receipt' },
    21: { code: 'LOCAL.IMAGE_GONE', message: 'HTTP 404', retryable: false },
  };
  const captures = Array.from({ length: count }, (_, i) => {
    const at = Date.UTC(2026, 10, 20, 8, i);
    const base = { id: `seed-${String(i).padStart(2, '0')}`, createdAt: at, updatedAt: at, provider: 'ondevice', hasImage: true, normalized: true, attempts: 1, source: { kind: 'context-menu', pageUrl: 'https://mail.example/inbox', imageUrl: `https://mail.example/att/${i}` } };
    if (failures[i]) return { ...base, status: 'failed', error: failures[i] };
    return {
      ...base,
      status: 'done',
      result: {
        code: `14403106${String(1000 + i)}`,
        number: `350502${String(10 + i)}`,
        amount: amounts[i % amounts.length],
        location: '深圳市',
        confidence: { code: 0.99, number: 0.99, amount: i % 6 === 1 ? 0.62 : 0.98, location: 0.97 },
      },
    };
  });
  await putCaptures(page, captures);
}

describe('the popup as a compact list', () => {
  let ext: LoadedExtension;
  let popup: Page;

  beforeAll(async () => {
    ext = await launchWithExtension();
    popup = await openExtensionPage(ext, 'popup.html');
    await seed(popup, 25);
    await popup.setViewport({ width: 400, height: 600 });
    await popup.reload();
    await popup.waitForSelector('article.capture');
  });

  afterAll(async () => {
    await ext?.browser.close();
  });

  it('shows at least 6 invoices in a 600 px tall popup, failed ones among them, newest first and open', async () => {
    const rows = await popup.$$('article.capture');
    expect(rows.length).toBe(20);
    const sixth = await rows[5]!.boundingBox();
    expect(sixth).not.toBeNull();
    expect(sixth!.y + sixth!.height).toBeLessThanOrEqual(600);
    const statuses = await popup.$$eval('article.capture', (cards) => cards.slice(0, 6).map((c) => c.getAttribute('data-status')));
    expect(statuses.filter((s) => s === 'failed')).toHaveLength(2);
    // A failed row is closed like the others and says why in one short line; its full words and Retry open with it.
    for (const [id, reason] of [['seed-22', words('notQuotaInvoiceShort', en.kindShort_taxi_receipt!.message)], ['seed-21', words('errorShort_LOCAL_IMAGE_GONE')]] as const) {
      const row = `article[data-capture-id="${id}"]`;
      expect(await popup.$eval(`${row} .capture-details`, (d) => d.hasAttribute('hidden'))).toBe(true);
      expect(await popup.$eval(`${row} .capture-line2 .failure-reason`, (r) => r.textContent)).toBe(reason);
      // One line: no taller than 1.6 × its font size (it would be two lines and more when wrapped).
      const line = await popup.$eval(`${row} .capture-line2`, (l) => ({ height: l.getBoundingClientRect().height, fontSize: parseFloat(getComputedStyle(l).fontSize) }));
      expect(line.height).toBeLessThanOrEqual(1.6 * line.fontSize);
    }
    await popup.click('article[data-capture-id="seed-21"] button.expand');
    await popup.waitForFunction(() => (document.querySelector('article[data-capture-id="seed-21"] button.retry') as HTMLElement | null)?.offsetParent != null, { polling: 100 });
    expect(await popup.$eval('article[data-capture-id="seed-21"] .error-text', (t) => t.textContent)).toBe(words('error_LOCAL_IMAGE_GONE'));
    await popup.click('article[data-capture-id="seed-21"] button.expand');
    const ids = await popup.$$eval('article.capture', (cards) => cards.map((c) => c.getAttribute('data-capture-id')));
    expect(ids.slice(0, 2)).toEqual(['seed-24', 'seed-23']);
    // The newest is open (fields and Fill at hand); the others are closed but keep their fields for tools.
    expect(await popup.$eval('article.capture button.fill', (b) => (b as HTMLElement).offsetParent !== null)).toBe(true);
    expect(await popup.$eval('article.capture:nth-child(2) .capture-details', (d) => d.hasAttribute('hidden'))).toBe(true);
    expect(await popup.$eval('article.capture:nth-child(2) [data-field="number"]', (f) => f.getAttribute('data-value'))).toBe('35050233');
  });

  it('says how many more the invoice list holds, and shows a confidence only where it is low', async () => {
    expect(await popup.$eval('button.more', (b) => b.textContent)).toBe(words('popupMore', '5'));
    const confidences = await popup.$$eval('.field-confidence', (c) => c.length);
    expect(confidences).toBe(3); // one per low field; 0.97–0.99 show none
    const review = await popup.$$eval('article.capture[data-review="confidence"]', (c) => c.map((x) => x.getAttribute('data-capture-id')));
    expect(review).toEqual(['seed-19', 'seed-13', 'seed-07']);
  });

  it('moves between invoices with the arrow keys and opens one with Enter', async () => {
    await popup.focus('article.capture button.expand');
    await popup.keyboard.press('ArrowDown');
    const focused = await popup.evaluate(() => document.activeElement?.closest('article')?.getAttribute('data-capture-id'));
    expect(focused).toBe('seed-23');
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => !document.querySelector('article[data-capture-id="seed-23"] .capture-details')!.hasAttribute('hidden'), { polling: 100 });
    // The review threshold: the field below it says so, once opened.
    await popup.click('article[data-capture-id="seed-19"] .capture-row');
    expect(await popup.$eval('article[data-capture-id="seed-19"] [data-field="amount"] .field-confidence', (c) => c.textContent)).toBe(words('confidenceCheck', '62'));
  });

  it('offers "Read again with Huawei Cloud" only once Huawei Cloud is set up', async () => {
    expect(await popup.$$('article.capture button.reread')).toHaveLength(0);
  });

  it('keeps the engine selected for you once it is clicked and saved, as its line says (helper-78: it stayed automatic)', async () => {
    const options = await openExtensionPage(ext, 'options.html');
    await options.waitForSelector('input[name="provider"][value="ondevice"]:checked');
    expect(await options.evaluate(() => chrome.storage.local.get('provider'))).toEqual({});
    expect(await options.$eval('fieldset.engine small', (s) => s.textContent)).toBe(words('optionsProviderAuto'));
    await options.click('input[name="provider"][value="ondevice"]');
    await options.click('button[type="submit"]');
    await options.waitForFunction(() => chrome.storage.local.get('provider').then((s) => s.provider === 'ondevice'), { polling: 100, timeout: 10_000 });
    await options.reload();
    await options.waitForSelector('input[name="provider"][value="ondevice"]:checked');
    expect(await options.$('fieldset.engine small')).toBeNull();
    await options.close();
  });

  it('Test connection with Huawei Cloud chosen and no keys says what is missing and saves nothing', async () => {
    const options = await openExtensionPage(ext, 'options.html');
    await options.waitForSelector('input[name="provider"][value="huawei"]');
    await options.click('input[name="provider"][value="huawei"]');
    await options.click('.actions button[type="button"]');
    await options.waitForSelector('.status.failed');
    const text = await options.$eval('.status.failed', (s) => s.textContent);
    expect(text).toBe(words('optionsMissing', `${en.optionsAk!.message}, ${en.optionsSk!.message}`));
    const saved = await options.evaluate(() => chrome.storage.local.get(null));
    expect(Object.values(saved)).not.toContain('huawei');
    await options.reload();
    await options.waitForSelector('input[name="provider"]');
    expect(await options.$eval('input[name="provider"][value="ondevice"]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    await options.close();
  });

  it('Test connection failing after Huawei Cloud was saved keeps the saved choice (it compared with the engine the page was opened with)', async () => {
    const options = await openExtensionPage(ext, 'options.html');
    await options.waitForSelector('input[name="provider"][value="huawei"]');
    await options.click('input[name="provider"][value="huawei"]');
    await configureThroughOptions(ext, { endpoint: 'http://127.0.0.1:9', ak: 'AK-TRIAL', sk: 'SK-TRIAL' }, options); // port 9 (discard): nothing answers
    expect(await options.evaluate(() => chrome.storage.local.get('provider'))).toEqual({ provider: 'huawei' });
    await options.click('.actions button[type="button"]');
    await options.waitForSelector('.status.failed', { timeout: 60_000 });
    expect(await options.evaluate(() => chrome.storage.local.get('provider'))).toEqual({ provider: 'huawei' });
    // Back to the on-device engine for the tests after this one.
    await options.click('input[name="provider"][value="ondevice"]');
    await options.click('button[type="submit"]');
    await options.waitForFunction(() => chrome.storage.local.get('provider').then((s) => s.provider === 'ondevice'), { polling: 100, timeout: 10_000 });
    await options.close();
  });

  it('marks a repeat of an invoice it does not list (decided over the whole store, as the batch does) and shows the batch\'s checks', async () => {
    // seed-00 is the oldest, far below the 20 listed; 'again' repeats it, 'odd' has an unusual
    // amount and a code of another region (trial 6, M2 and M3: both showed a green ✓ and Fill).
    const later = (i: number) => Date.UTC(2026, 10, 21, 9, i);
    const base = (id: string, i: number) => ({ id, createdAt: later(i), updatedAt: later(i), provider: 'ondevice', hasImage: true, normalized: true, attempts: 1, source: { kind: 'context-menu', pageUrl: 'https://mail.example/inbox', imageUrl: `https://mail.example/att/${id}` } });
    const sure = { code: 0.99, number: 0.99, amount: 0.99, location: 0.99 };
    await putCaptures(popup, [
      { ...base('odd', 0), status: 'done', result: { code: '144031069999', number: '35059999', amount: '￥88.00', location: '北京市', confidence: sure } },
      { ...base('again', 1), status: 'done', result: { code: '144031061000', number: '35050210', amount: '￥10.00', location: '深圳市', confidence: sure } },
    ]);
    await popup.reload();
    await popup.waitForSelector('article[data-capture-id="again"][data-duplicate="not-counted"]', { timeout: 30_000 });
    const again = await popup.$eval('article[data-capture-id="again"]', (row) => ({
      icon: row.querySelector('.status-icon')!.className,
      // Drawn, not a character: ⧉ is in no font of many systems (an empty box in trial 8).
      iconDrawn: row.querySelector('.status-icon svg') !== null && (row.querySelector('.status-icon')!.textContent ?? '') === '',
      badge: row.querySelector('.duplicate-badge')?.textContent,
      note: row.querySelector('.duplicate-note')?.textContent,
      fillPrimary: row.querySelector('button.fill')!.classList.contains('primary'),
    }));
    expect(again.icon).not.toContain('done');
    expect(again.iconDrawn).toBe(true);
    expect(again.badge).toBe(words('duplicateShortNotCounted'));
    expect(again.note).toBe(words('duplicateOf', new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'medium' }).format(Date.UTC(2026, 10, 20, 8, 0))));
    expect(again.fillPrimary).toBe(false);
    const odd = await popup.$eval('article[data-capture-id="odd"]', (row) => ({
      review: row.getAttribute('data-review'),
      flags: row.getAttribute('data-flags'),
      icon: row.querySelector('.status-icon')!.className,
      badge: row.querySelector('.review-badge')?.textContent,
      why: row.querySelector('.review-note')?.textContent,
    }));
    expect(odd).toEqual({
      review: 'checks',
      flags: 'region-mismatch unusual-amount',
      icon: 'status-icon review',
      badge: words('needsReview'),
      why: words('popupReviewWhy', `${words('check_region_mismatch')} · ${words('check_unusual_amount')}`),
    });
  });

  it('reaches "Choose image files…" with Tab, with a visible focus ring', async () => {
    await popup.focus('#image-url');
    await popup.keyboard.press('Tab'); // Recognize
    await popup.keyboard.press('Tab');
    const reached = await popup.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      const label = el?.closest('label');
      return { type: el?.type, label: label?.textContent, outline: label ? getComputedStyle(label).outlineStyle : null, width: label ? label.getBoundingClientRect().width : 0 };
    });
    expect(reached.type).toBe('file');
    expect(reached.label).toBe(words('popupPickFiles'));
    expect(reached.outline).not.toBe('none');
    expect(reached.width).toBeGreaterThan(0);
  });
});

describe('the batch page\'s ZIP import by keyboard', () => {
  let ext: LoadedExtension;
  afterAll(async () => {
    await ext?.browser.close();
  });

  // An empty batch (a new machine: importing is the first thing to do), where the Export buttons
  // are disabled and Tab passes over them: from the search box to the import in a few presses.
  it('reaches "Import a ZIP…" with Tab from the search box of an empty batch, with a visible focus ring', async () => {
    ext = await launchWithExtension();
    const batch = await openExtensionPage(ext, 'batch.html');
    await batch.waitForSelector('tr.empty-rows');
    expect(await batch.$eval('button.export-all', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await batch.focus('input[type="search"]');
    let reached = false;
    for (let i = 0; i < 4 && !reached; i++) {
      await batch.keyboard.press('Tab');
      reached = await batch.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'import');
    }
    expect(reached).toBe(true);
    const label = await batch.evaluate(() => {
      const l = document.activeElement!.closest('label')!;
      return { text: l.textContent, outline: getComputedStyle(l).outlineStyle };
    });
    expect(label.text).toBe(words('batchImport'));
    expect(label.outline).not.toBe('none');
  });
});

/**
 * The list a new user's trial showed only 5 whole invoices of (issue 13, F9): duplicates not
 * counted, failures, a hand entry that is also a duplicate, long place names, a low confidence.
 * Index = age (11 is the newest, listed first).
 */
function worstCase(): object[] {
  const at = (i: number) => Date.UTC(2026, 10, 20, 8, i);
  const base = (i: number) => ({ id: `bad-${String(i).padStart(2, '0')}`, createdAt: at(i), updatedAt: at(i), provider: 'ondevice', hasImage: true, normalized: true, attempts: 1, source: { kind: 'context-menu', pageUrl: 'https://mail.example/inbox', imageUrl: `https://mail.example/att/${i}` } });
  const done = (i: number, code: string, number: string, amount: string, location: string, amountConfidence = 0.99) => ({
    ...base(i), status: 'done', result: { code, number, amount, location, confidence: { code: 0.99, number: 0.99, amount: amountConfidence, location: 0.98 } },
  });
  const failed = (i: number, error: object, corrections?: object) => ({ ...base(i), status: 'failed', error, ...(corrections ? { corrections } : {}) });
  return [
    done(0, '233001655820', '08501638', '￥10.00', '浙江省'),
    done(1, '142001440057', '13087734', '￥20.00', '湖北省'),
    done(2, '144031060038', '35050290', '￥1000.00', '深圳市'),
    done(3, '033012067798', '00012345', '￥15000.00', '新疆维吾尔自治区巴音郭楞蒙古自治州'),
    failed(4, { code: 'LOCAL.IMAGE_DAMAGED', message: 'decode failed', retryable: false }),
    done(5, '233001655820', '08501638', '￥10.00', '浙江省'),
    done(6, '142001440057', '13087734', '￥20.00', '湖北省'),
    failed(7, { code: 'LOCAL.IMAGE_TOO_NARROW', message: '5000×16', retryable: false, imageSize: { width: 5000, height: 16 } }),
    done(8, '150102100001', '00098765', '￥100.00', '内蒙古自治区呼和浩特市赛罕区', 0.62),
    // Typed in by hand after a refusal, and the same invoice as bad-03: "Entered by hand" and a duplicate badge side by side.
    failed(9, { code: 'AIS.0104', message: 'not a quota invoice', retryable: false }, { code: '033012067798', number: '00012345', amount: '15000.00', location: '新疆维吾尔自治区巴音郭楞蒙古自治州' }),
    failed(10, { code: 'AIS.0104', message: 'not a quota invoice', retryable: false, documentKind: 'taxi-receipt' }),
    done(11, '144031060038', '35050290', '￥1000.00', '深圳市'),
  ];
}

/**
 * The first six rows as drawn: each row's bottom (CSS px from the top of the page), and every
 * piece of words that is cut (more text than box: scrollWidth over clientWidth) or wraps (a
 * badge, the status words, the reason of a failure: taller than 1.6 × its font size; the code and
 * number: split over lines).
 */
function firstSix(page: Page) {
  return page.$$eval('article.capture', (rows) =>
    rows.slice(0, 6).map((row) => {
      const faults: string[] = [];
      const name = (e: Element) => `${row.getAttribute('data-capture-id')} .${e.className.replace(/ /g, '.')} "${e.textContent}"`;
      for (const e of Array.from(row.querySelectorAll<HTMLElement>('.capture-row .status:not(.sr-only), .review-badge, .duplicate-badge, .failure-reason, .capture-line2'))) {
        if (e.scrollWidth > e.clientWidth) faults.push(`cut: ${name(e)} (${e.scrollWidth} > ${e.clientWidth})`);
        if (!e.classList.contains('capture-line2') && e.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(e).fontSize)) faults.push(`wraps: ${name(e)}`);
      }
      for (const e of Array.from(row.querySelectorAll('.capture-line2 .ids'))) if (e.getClientRects().length > 1) faults.push(`wraps: ${name(e)}`);
      return { id: row.getAttribute('data-capture-id'), bottom: row.getBoundingClientRect().bottom + window.scrollY, faults };
    }),
  );
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('the popup with duplicates, failures and a hand entry (a new user\'s worst case)', () => {
  let ext: LoadedExtension;
  let popup: Page;

  beforeAll(async () => {
    ext = await launchWithExtension();
    popup = await openExtensionPage(ext, 'popup.html');
    await putCaptures(popup, worstCase());
    await popup.setViewport({ width: 400, height: 600 });
  });

  afterAll(async () => {
    await ext?.browser.close();
  });

  it.each([
    ['en', en],
    ['zh_CN', zh],
  ] as const)('shows 6 whole invoices in 600 px, no badge or status words cut or wrapped (%s)', async (language, bundle) => {
    await popup.evaluate((l) => chrome.storage.local.set({ uiLanguage: l }), language);
    await popup.reload();
    await popup.waitForFunction(() => document.querySelectorAll('article.capture').length === 12, { polling: 100 });
    const rows = await firstSix(popup);
    expect(rows.map((r) => r.id)).toEqual(['bad-11', 'bad-10', 'bad-09', 'bad-08', 'bad-07', 'bad-06']);
    expect(rows.flatMap((r) => r.faults)).toEqual([]);
    expect(rows[5]!.bottom).toBeLessThanOrEqual(600);
    // The URL box's placeholder whole beside Recognize and Choose image files (it was cut in Firefox).
    expect(await placeholderFits(popup, '#image-url')).toMatchObject({ text: wordsIn(bundle, 'popupUrlPlaceholder'), fits: true });
    // Here the newest open would push the sixth row out of the popup: it stays closed (with 25
    // plain rows above, it opens: the first test).
    expect(await popup.$eval('[data-capture-id="bad-11"] .capture-details', (d) => d.hasAttribute('hidden'))).toBe(true);
    // The hand entry that is also a duplicate says both, in full, on one row.
    expect(await popup.$eval('[data-capture-id="bad-09"] .status', (e) => e.textContent)).toBe(wordsIn(bundle, 'statusEntered'));
    // The badge is short; the whole sentence (which capture is counted instead) is its title and opens with the row.
    const badge = await popup.$eval('[data-capture-id="bad-09"] .duplicate-badge', (e) => ({ text: e.textContent, title: e.getAttribute('title') }));
    expect(badge.text).toBe(wordsIn(bundle, 'duplicateShortNotCounted'));
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const sentence = new RegExp(`^${bundle.duplicateOf!.message.split('$1').map(escape).join('.+')}$`);
    expect(badge.title).toMatch(sentence);
    await popup.click('[data-capture-id="bad-09"] button.expand');
    expect(await popup.$eval('[data-capture-id="bad-09"] .duplicate-note', (e) => (e as HTMLElement).offsetParent !== null && e.textContent)).toBe(badge.title);
    await popup.click('[data-capture-id="bad-09"] button.expand');
    // The long place is shown whole.
    expect(await popup.$eval('[data-capture-id="bad-08"] .capture-line2', (e) => e.textContent)).toContain('内蒙古自治区呼和浩特市赛罕区');
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      expect(await axeViolations(popup)).toEqual([]);
    }
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  });
});

describe('failures in the popup and the batch (a new user\'s check of stop 36)', () => {
  let ext: LoadedExtension;
  let popup: Page;
  const at = (i: number) => Date.UTC(2026, 10, 21, 9, i);
  const base = (i: number) => ({ id: `f-${i}`, createdAt: at(i), updatedAt: at(i), provider: 'ondevice', hasImage: true, normalized: true, attempts: 1, source: { kind: 'file', fileName: `f-${i}.jpg` } });

  beforeAll(async () => {
    ext = await launchWithExtension();
    popup = await openExtensionPage(ext, 'popup.html');
    await putCaptures(popup, [
      { ...base(0), status: 'done', result: { code: '144031060038', number: '35050290', amount: '￥20.00', location: '深圳市', confidence: { code: 0.99, number: 0.99, amount: 0.99, location: 0.99 } } },
      { ...base(1), status: 'failed', error: { code: 'LOCAL.NETWORK', message: 'Failed to fetch', retryable: true } },
      // The newest: a toll receipt picked last, refused with its kind named.
      { ...base(2), status: 'failed', error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false, documentKind: 'toll-parking' } },
      // Older: the longest kinds' words, and a picture no engine can read (helper-75's faults).
      { ...base(3), createdAt: at(-3), updatedAt: at(-3), status: 'failed', error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false, documentKind: 'machine-printed' } },
      { ...base(4), createdAt: at(-4), updatedAt: at(-4), status: 'failed', error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false, documentKind: 'vehicle-sales' } },
      { ...base(5), createdAt: at(-5), updatedAt: at(-5), status: 'failed', error: { code: 'LOCAL.IMAGE_TOO_SMALL', message: '10×10 px', retryable: false, imageSize: { width: 10, height: 10 } } },
      // Text that calls itself a GIF, kept as captured: refused as damaged (helper-77 saw a broken-image icon as its thumbnail).
      { ...base(7), createdAt: at(-7), updatedAt: at(-7), status: 'failed', error: { code: 'LOCAL.IMAGE_DAMAGED', message: 'the image cannot be decoded', retryable: false }, image: 'GIF89a this is not a picture' },
      { ...base(6), createdAt: at(-6), updatedAt: at(-6), status: 'failed', error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false, documentKind: 'unknown' } },
    ]);
    await popup.setViewport({ width: 400, height: 600 });
    await popup.reload();
    await popup.waitForFunction(() => document.querySelectorAll('article.capture').length === 8, { polling: 100 });
  });

  afterAll(async () => {
    await ext?.browser.close();
  });

  it('shows the empty box, not a broken-image icon, for kept bytes no browser can draw', async () => {
    await popup.waitForSelector('[data-capture-id="f-7"] .thumb.empty', { timeout: 10_000 });
    expect(await popup.$('[data-capture-id="f-7"] img.thumb')).toBeNull();
  });

  it('names the kind of paper first on a refusal\'s one line, and the line is whole (helper-75: cut before the kind)', async () => {
    const lines = await popup.$$eval('.capture-line2 .failure-reason', (rs) => rs.map((r) => ({
      id: r.closest('article')!.getAttribute('data-capture-id'), text: r.textContent, cut: r.scrollWidth > r.clientWidth,
    })));
    for (const [id, kind] of [['f-2', 'toll_parking'], ['f-3', 'machine_printed'], ['f-4', 'vehicle_sales']] as const) {
      expect(lines.find((l) => l.id === id)).toEqual({ id, text: words('notQuotaInvoiceShort', en[`kindShort_${kind}`]!.message), cut: false });
    }
  });

  it('offers no Retry, no "Read again with" and no "Read by" on a picture too small to read (helper-75: Retry on 10×10 px)', async () => {
    await popup.click('[data-capture-id="f-5"] button.expand');
    await popup.waitForFunction(() => !document.querySelector('[data-capture-id="f-5"] .capture-details')!.hasAttribute('hidden'), { polling: 100 });
    const shown = await popup.$eval('[data-capture-id="f-5"]', (a) => ({
      buttons: Array.from(a.querySelectorAll('.detail-actions button')).map((b) => b.className),
      readBy: a.querySelector('.meta-line .provider') !== null,
    }));
    expect(shown).toEqual({ buttons: ['delete'], readBy: false });
    await popup.click('[data-capture-id="f-5"] button.expand');
  });

  it('keeps a newest refusal of other paper closed, its reason on its one line', async () => {
    // Three short rows leave room to open the newest: a refusal naming another kind stays closed
    // (it has nothing to offer but Delete); a failure with Allow or Retry opens, as before.
    expect(await popup.$eval('article.capture', (a) => a.getAttribute('data-capture-id'))).toBe('f-2');
    expect(await popup.$eval('[data-capture-id="f-2"] .capture-details', (d) => d.hasAttribute('hidden'))).toBe(true);
    expect(await popup.$eval('[data-capture-id="f-2"] .capture-line2 .failure-reason', (r) => r.textContent)).toBe(words('notQuotaInvoiceShort', en.kindShort_toll_parking!.message));
  });

  it('offers Retry where another try can end otherwise, not on paper named as another kind', async () => {
    for (const id of ['f-2', 'f-1']) await popup.click(`[data-capture-id="${id}"] button.expand`);
    await popup.waitForFunction(() => !document.querySelector('[data-capture-id="f-2"] .capture-details')!.hasAttribute('hidden'), { polling: 100 });
    expect(await popup.$$eval('[data-capture-id="f-2"] button', (b) => b.map((x) => x.className))).not.toContain('retry');
    expect(await popup.$eval('[data-capture-id="f-1"] button.retry', (b) => (b as HTMLElement).offsetParent !== null)).toBe(true);
    const batch = await openExtensionPage(ext, 'batch.html');
    await batch.waitForSelector('tr[data-capture-id="f-2"]');
    const retries = await batch.$$eval('tr[data-capture-id]', (rows) => rows.map((r) => `${r.getAttribute('data-capture-id')}:${r.querySelector('button.retry') !== null}`).sort());
    // A blank page (AIS.0104, no kind) read again by the same engine says the same too.
    expect(retries).toEqual(['f-0:true', 'f-1:true', 'f-2:false', 'f-3:false', 'f-4:false', 'f-5:false', 'f-6:false', 'f-7:false']);
    // Its kept bytes, which no browser draws, are said in words beside the table, not drawn as a broken icon (helper-78).
    await batch.$eval('tr[data-capture-id="f-7"]', (r) => (r as HTMLElement).click());
    await batch.waitForFunction(() => document.querySelector('.viewer-empty')?.textContent === 'The image kept for this capture cannot be drawn: it is damaged or not a picture.', { polling: 100, timeout: 10_000 });
    expect(await batch.$('.viewer-image')).toBeNull();
    await batch.close();
  });
});
