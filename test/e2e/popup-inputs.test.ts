import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { startEmulator, type Emulator } from '../emulator/server';
import { launchWithExtension, openExtensionPage, waitForMenu, type LoadedExtension } from '../support/extension';
import { serveFolder, type StaticServer } from '../support/static-server';
import { cardCount, configureThroughOptions, readPopup, waitForSettled } from '../support/ui';

declare const chrome: WxtBrowser;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'invoices', 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;
const locale = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, `../../public/_locales/${name}/messages.json`), 'utf8')) as Record<string, { message: string }>;
const en = locale('en');
const zh = locale('zh_CN');

describe('popup inputs with an IAM user: typed URL, picked files, bad input', () => {
  let emulator: Emulator;
  let site: StaticServer;
  let ext: LoadedExtension;

  beforeAll(async () => {
    emulator = await startEmulator({ iamUser: 'clerk', iamPassword: 'pw-易记', iamDomain: 'acme', token: 'TKN-E2E', projectId: 'proj1' });
    site = await serveFolder(FIXTURES);
    ext = await launchWithExtension();
    await waitForMenu(ext.worker);
    await configureThroughOptions(ext, { endpoint: emulator.url, projectId: 'proj1', iamUser: 'clerk', iamPassword: 'pw-易记', iamDomain: 'acme' });
  });

  afterAll(async () => {
    await ext?.browser.close();
    await site?.close();
    await emulator?.close();
  });

  it('recognizes a typed image URL, signing in with a token from /v3/auth/tokens', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.type('#image-url', `${site.url}/invoices/invoice-5.png`);
    await popup.keyboard.press('Enter');
    const [shown] = await waitForSettled(popup);
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-5.png'] });
    const call = emulator.requests.at(-1)!;
    expect(call).toMatchObject({ path: '/v2/proj1/ocr/quota-invoice', auth: { ok: true, scheme: 'token' } });
    expect(call.headers['x-auth-token']).toBe('TKN-E2E');
  });

  it('a double-click on Recognize makes one capture of the URL, not two', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.waitForSelector('article.capture');
    const before = await cardCount(popup);
    const url = `${site.url}/invoices/invoice-3.png?double`;
    await popup.type('#image-url', url);
    await popup.click('.capture-input button[type="submit"]', { count: 2 });
    const [shown] = await waitForSettled(popup, 1, 60_000, before + 1);
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-3.png'] });
    // Time for a second capture to show, had the second press made one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await cardCount(popup)).toBe(before + 1);
    expect(await popup.$eval('#image-url', (i) => (i as HTMLInputElement).value)).toBe('');
  });

  it('recognizes several picked files', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    const input = await popup.$('input[type="file"]');
    await input!.uploadFile(join(FIXTURES, 'invoices', 'invoice-1.png'), join(FIXTURES, 'invoices', 'invoice-6.png'));
    const shown = await waitForSettled(popup, 2, 60_000, 3);
    const byFile = Object.fromEntries(shown.map((c) => [c.image, c]));
    expect(byFile['invoice-1.png']).toMatchObject({ status: 'done', fields: truth['invoice-1.png'] });
    expect(byFile['invoice-6.png']).toMatchObject({ status: 'done', fields: truth['invoice-6.png'] });
  });

  it('a link that answers a web page fails in words, and the badge says so', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.waitForSelector('article.capture');
    const before = await cardCount(popup);
    await popup.type('#image-url', `${site.url}/pages/invoices.html`);
    await popup.keyboard.press('Enter');
    const [shown] = await waitForSettled(popup, 1, 30_000, before + 1);
    expect(shown).toMatchObject({ status: 'failed', errorCode: 'LOCAL.NOT_IMAGE', errorText: en.error_LOCAL_NOT_IMAGE!.message });
    await expect.poll(() => ext.worker.evaluate(() => chrome.action.getBadgeText({})), { timeout: 5_000 }).toBe('!');
  });

  it('deleting a capture can be undone', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.waitForSelector('article.capture');
    const before = await readPopup(popup);
    await popup.click('article.capture button.delete');
    await popup.waitForFunction((n) => document.querySelectorAll('article.capture').length === n, { polling: 100 }, before.length - 1);
    await popup.click('.notice button.undo');
    await popup.waitForFunction((n) => document.querySelectorAll('article.capture').length === n, { polling: 100 }, before.length);
    expect(await readPopup(popup)).toEqual(before);
  });

  it('text that is not a URL gets a clear notice and creates no capture', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.waitForSelector('article.capture');
    const before = (await readPopup(popup)).length;
    await popup.type('#image-url', 'invoice please');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('.notice', { timeout: 5_000 });
    expect(await popup.$eval('.notice', (n) => n.textContent)).toContain(en.error_url_invalid!.message);
    expect((await readPopup(popup)).length).toBe(before);
  });
});

describe('in a Chinese browser', () => {
  it('explains a failure in Chinese', async () => {
    const site = await serveFolder(FIXTURES);
    const ext = await launchWithExtension({ lang: 'zh-CN' });
    try {
      const popup = await openExtensionPage(ext, 'popup.html');
      expect(await popup.$eval('h1', (h) => h.textContent)).toBe(zh.popupTitle!.message);
      await popup.type('#image-url', `${site.url}/pages/invoices.html`);
      await popup.keyboard.press('Enter');
      const [shown] = await waitForSettled(popup);
      // A link that answers a web page: the capture is kept and says what to do, in Chinese.
      expect(shown).toMatchObject({ status: 'failed', errorCode: 'LOCAL.NOT_IMAGE', errorText: zh.error_LOCAL_NOT_IMAGE!.message });
    } finally {
      await ext.browser.close();
      await site.close();
    }
  });
});
