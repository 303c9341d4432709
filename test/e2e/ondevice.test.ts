import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import type { Browser, WxtBrowser } from 'wxt/browser';
import { clickRecognize, launchWithExtension, openExtensionPage, waitForMenu } from '../support/extension';
import { serveFolder } from '../support/static-server';
import { useOnDeviceExtension } from '../support/suite';
import { waitForSettled } from '../support/ui';

declare const chrome: WxtBrowser;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'invoices', 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;

type Side = 'left' | 'top' | 'right' | 'bottom';
/** Each side of `box` lies strictly between its two bounds (px). */
function expectBetween(box: Record<Side, number>, bounds: Record<Side, [number, number]>) {
  for (const side of Object.keys(bounds) as Side[]) expect(box[side], side).toSatisfy((v: number) => v > bounds[side][0] && v < bounds[side][1]);
}

/** The batch page's field outline, its bounds in px of the picture's own pixels (from what is drawn). */
function outlineInImagePx(batch: Page) {
  return batch.evaluate(() => {
    const img = document.querySelector<HTMLImageElement>('.viewer-image')!;
    const polygon = document.querySelector('.viewer-region polygon');
    if (!polygon) return null;
    const box = img.getBoundingClientRect();
    const drawn = polygon.getBoundingClientRect();
    const scale = img.naturalWidth / box.width;
    const px = (v: number) => Math.round(v * scale);
    return { field: polygon.closest('svg')!.getAttribute('data-field'), left: px(drawn.left - box.left), top: px(drawn.top - box.top), right: px(drawn.right - box.left), bottom: px(drawn.bottom - box.top) };
  });
}

describe('with no account configured, the on-device engine reads invoices', () => {
  const suite = useOnDeviceExtension(FIXTURES);

  it('right-click → the four fields, with model-loading progress the first time only', async () => {
    const page = await suite.ext.browser.newPage();
    await page.goto(`${suite.site.url}/pages/invoices.html`);
    const popup = await openExtensionPage(suite.ext, 'popup.html');
    // Record every status text the popup shows, to see the progress while the models load.
    await popup.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => document.querySelectorAll('.status').forEach((s) => seen.push(s.textContent ?? ''))).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const seen = () => popup.evaluate(() => (window as unknown as { seen: string[] }).seen.splice(0));

    await clickRecognize(suite.ext.worker, page, `${suite.site.url}/invoices/invoice-3.png`);
    const [first] = await waitForSettled(popup);
    expect(first).toMatchObject({ status: 'done', fields: truth['invoice-3.png'] });
    expect(await popup.$eval('article.capture .provider', (p) => p.getAttribute('data-provider'))).toBe('ondevice');
    // The share first (0 %, before any byte: browser-engine.ts), then bytes read ("Loading the reader…
    // 3.1 of 8.3 MB"): which of them the popup catches depends on how fast the models load (fresh-clone
    // CI run /work/ci36 caught no share and failed on it alone; it passed in every run before).
    expect((await seen()).some((s) => /Loading the on-device models… \d+%|Loading the reader… [\d.]+( of [\d.]+)? MB/.test(s))).toBe(true);

    await clickRecognize(suite.ext.worker, page, `${suite.site.url}/invoices/invoice-5.png`);
    const [second] = await waitForSettled(popup, 1, 60_000, 2);
    expect(second).toMatchObject({ status: 'done', fields: truth['invoice-5.png'] });
    expect((await seen()).some((s) => s.startsWith('Loading'))).toBe(false); // the session was reused

    // Exactly one offscreen document serves both.
    const contexts = await suite.ext.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType] })).length);
    expect(contexts).toBe(1);
  });

  // Where the fields are printed on invoice-3.png (1000 × 520 px), measured on the fixture by eye:
  // the code "142001440057" x 160–315, y 163–188 (its label 发票代码 x 50–145); the capitals
  // 贰拾元整 x 365–712, y 240–322; the number below the code, y 207–232.
  it('the batch page outlines, over the picture, the line a field was read from: at fit and zoomed in', async () => {
    const batch = await openExtensionPage(suite.ext, 'batch.html');
    await batch.setViewport({ width: 1400, height: 900 });
    const row = await batch.waitForFunction(() => [...document.querySelectorAll<HTMLInputElement>('tr[data-capture-id] input[data-field="code"]')].find((i) => i.value === '142001440057')?.closest('tr')?.dataset.captureId, { polling: 100 });
    const tr = `tr[data-capture-id="${await row.jsonValue()}"]`;
    await batch.click(`${tr} td.meta`);
    await batch.waitForFunction(() => (document.querySelector<HTMLImageElement>('.viewer-image')?.naturalWidth ?? 0) > 0, { polling: 50 });
    await batch.click(`${tr} input[data-field="code"]`);
    await batch.waitForSelector('.viewer-region[data-field="code"]');
    const fit = (await outlineInImagePx(batch))!;
    // Over the printed code, in its row: the line read (the detector may take the label 发票代码,
    // x 50–145, into the same line), a little larger than its ink, and nothing of the rows around.
    expectBetween(fit, { left: [40, 165], right: [310, 340], top: [150, 166], bottom: [185, 200] });

    // Zoomed in: the picture is drawn larger, the outline stays over the same pixels.
    const drawnWidth = () => batch.$eval('.viewer-image', (i) => i.getBoundingClientRect().width);
    const before = await drawnWidth();
    await batch.click('button.zoom-in');
    await batch.click('button.zoom-in');
    await batch.waitForFunction((w) => document.querySelector('.viewer-image')!.getBoundingClientRect().width > w * 1.3, { polling: 50 }, before);
    const zoomed = (await outlineInImagePx(batch))!;
    for (const side of ['left', 'top', 'right', 'bottom'] as const) expect(Math.abs(zoomed[side] - fit[side])).toBeLessThanOrEqual(3);

    // The amount: the line of capitals, big in the middle of the invoice.
    await batch.click(`${tr} input[data-field="amount"]`);
    await batch.waitForSelector('.viewer-region[data-field="amount"]');
    const amount = (await outlineInImagePx(batch))!;
    expectBetween(amount, { left: [330, 370], right: [700, 750], top: [210, 245], bottom: [315, 350] });
    // Still zoomed in: the pane has scrolled the amount into view (it grew out of it from the top-left).
    await batch.waitForFunction(() => {
      const pane = document.querySelector('.viewer-pane')!.getBoundingClientRect();
      const drawn = document.querySelector('.viewer-region polygon')!.getBoundingClientRect();
      return drawn.left >= pane.left - 1 && drawn.right <= pane.right + 1 && drawn.top >= pane.top - 1 && drawn.bottom <= pane.bottom + 1;
    }, { polling: 50, timeout: 5_000 });
    await batch.close();
  });
});

describe('many clicks at once on a fresh start', () => {
  it('all six invoices are read (one offscreen document, created once, reached by every request)', async () => {
    const site = await serveFolder(FIXTURES);
    const ext = await launchWithExtension();
    try {
      await waitForMenu(ext.worker);
      const page = await ext.browser.newPage();
      await page.goto(`${site.url}/pages/invoices.html`);
      const files = Object.keys(truth);
      for (const file of files) await clickRecognize(ext.worker, page, `${site.url}/invoices/${file}`);
      const popup = await openExtensionPage(ext, 'popup.html');
      const shown = await waitForSettled(popup, files.length, 120_000);
      for (const file of files) {
        expect(shown.find((c) => c.image === `${site.url}/invoices/${file}`)).toMatchObject({ status: 'done', fields: truth[file] });
      }
    } finally {
      await ext.browser.close();
      await site.close();
    }
  });
});
