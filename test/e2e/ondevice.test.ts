import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, WxtBrowser } from 'wxt/browser';
import { clickRecognize, launchWithExtension, openExtensionPage, waitForMenu, type LoadedExtension } from '../support/extension';
import { serveFolder, type StaticServer } from '../support/static-server';
import { waitForSettled } from '../support/ui';

declare const chrome: WxtBrowser;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'invoices', 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;

describe('with no account configured, the on-device engine reads invoices', () => {
  let site: StaticServer;
  let ext: LoadedExtension;

  beforeAll(async () => {
    site = await serveFolder(FIXTURES);
    ext = await launchWithExtension();
    await waitForMenu(ext.worker);
  });

  afterAll(async () => {
    await ext?.browser.close();
    await site?.close();
  });

  it('right-click → the four fields, with model-loading progress the first time only', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${site.url}/pages/invoices.html`);
    const popup = await openExtensionPage(ext, 'popup.html');
    // Record every status text the popup shows, to see the progress while the models load.
    await popup.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => document.querySelectorAll('.status').forEach((s) => seen.push(s.textContent ?? ''))).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const seen = () => popup.evaluate(() => (window as unknown as { seen: string[] }).seen.splice(0));

    await clickRecognize(ext.worker, page, `${site.url}/invoices/invoice-3.png`);
    const [first] = await waitForSettled(popup);
    expect(first).toMatchObject({ status: 'done', fields: truth['invoice-3.png'] });
    expect(await popup.$eval('article.capture .provider', (p) => p.getAttribute('data-provider'))).toBe('ondevice');
    expect((await seen()).some((s) => /Loading the on-device models… \d+%/.test(s))).toBe(true);

    await clickRecognize(ext.worker, page, `${site.url}/invoices/invoice-5.png`);
    const [second] = await waitForSettled(popup, 1, 60_000, 2);
    expect(second).toMatchObject({ status: 'done', fields: truth['invoice-5.png'] });
    expect((await seen()).some((s) => s.startsWith('Loading'))).toBe(false); // the session was reused

    // Exactly one offscreen document serves both.
    const contexts = await ext.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType] })).length);
    expect(contexts).toBe(1);
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
