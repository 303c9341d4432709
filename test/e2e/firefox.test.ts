/**
 * The Firefox build (MV2) in real Firefox (Debian's ESR, through Puppeteer's WebDriver BiDi), as a
 * new user meets it: an invoice read on this device, one read through the Huawei-compatible
 * emulator, the fields filled into an expense portal's form, the batch exported as a ZIP.
 * Captures start from the real popup (a picked file, a typed URL): headless Firefox opens no
 * context menu; the right-click menu is clicked for real, headful under Xvfb, in firefox-menu.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { launchFirefoxWithExtension, openFirefoxExtensionPage, type LoadedFirefoxExtension } from '../support/firefox';
import { startPortals, type Portals } from '../support/portals/portals';
import { serveFolder, type StaticServer } from '../support/static-server';
import { cardCount, configureThroughOptions, waitForSettled } from '../support/ui';

/** The WebExtension global of Firefox's extension pages, inside page.evaluate() callbacks. */
declare const browser: {
  browserAction: { getBadgeText(details: object): Promise<string> };
  action?: unknown;
  downloads: { search(query: object): Promise<{ state: string }[]> };
};

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'invoices', 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;

let ext: LoadedFirefoxExtension;
let emulator: Emulator;
let site: StaticServer;
let portals: Portals;
let popup: Page;

beforeAll(async () => {
  [emulator, site, portals] = await Promise.all([
    startEmulator(),
    serveFolder(FIXTURES),
    startPortals({ vendorDir: join(import.meta.dirname, '..', '..', 'node_modules') }),
  ]);
  ext = await launchFirefoxWithExtension();
  popup = await openFirefoxExtensionPage(ext, 'popup.html');
});

afterAll(async () => {
  await ext?.browser.close();
  await Promise.all([site?.close(), portals?.close(), emulator?.close()]);
});

describe('the Firefox build in Firefox', () => {
  it('reads a picked file on this device (the engine runs in the background page)', async () => {
    await (await popup.$('input[type="file"]'))!.uploadFile(join(FIXTURES, 'invoices', 'invoice-4.png'));
    const [shown] = await waitForSettled(popup, 1, 90_000);
    expect(shown).toMatchObject({ status: 'done', image: 'invoice-4.png', fields: truth['invoice-4.png'] });
    expect(await popup.$eval('article.capture .provider', (p) => p.getAttribute('data-provider'))).toBe('ondevice');
  });

  it('reads a typed URL through the Huawei-compatible emulator, configured on the options page', async () => {
    const options = await openFirefoxExtensionPage(ext, 'options.html');
    await configureThroughOptions(ext, { endpoint: emulator.url, ak: emulator.options.ak, sk: emulator.options.sk }, options);
    await options.close();
    await popup.bringToFront();
    const url = `${site.url}/invoices/invoice-5.png`;
    await popup.type('#image-url', url);
    await popup.keyboard.press('Enter');
    const shown = await waitForSettled(popup, 1, 60_000, 2);
    expect(shown[0]).toMatchObject({ status: 'done', image: url, fields: truth['invoice-5.png'] });
    expect(await popup.$eval('article.capture .provider', (p) => p.getAttribute('data-provider'))).toBe('huawei');
    expect(emulator.requests.at(-1)).toMatchObject({ path: '/v1.0/ocr/quota-invoice', auth: { ok: true, scheme: 'aksk' } });
  });

  it('fills the expense portal the user is looking at (scripting.executeScript in MV2)', async () => {
    const portal = await ext.browser.newPage();
    await portal.goto(`${portals.main}/portal/plain.html`);
    await portal.waitForSelector('body[data-ready]');
    await portal.bringToFront();
    // The newest card is invoice-5 (read through the emulator).
    await popup.evaluate(() => (document.querySelector('article.capture button.fill') as HTMLButtonElement).click());
    await popup.waitForFunction(() => document.querySelector('.notice .notice-text'), { timeout: 15_000, polling: 100 });
    expect(await popup.$eval('.notice .notice-text', (n) => n.textContent ?? '')).toContain('Filled:');
    await portal.$eval('#submit', (b) => (b as HTMLButtonElement).click());
    await portal.waitForFunction(() => (document.querySelector('#submitted')?.textContent ?? '').startsWith('{'), { polling: 100 });
    const state = JSON.parse(await portal.$eval('#submitted', (p) => p.textContent ?? '{}')) as Record<string, string>;
    const expected = truth['invoice-5.png']!;
    expect(state).toMatchObject({ invoiceCode: expected.code, invoiceNumber: expected.number, phone: '', employeeId: '' });
    await portal.close();
  });

  it('exports the batch as one ZIP (downloads.download of a blob: URL)', async () => {
    const batch = await openFirefoxExtensionPage(ext, 'batch.html');
    await batch.bringToFront();
    await batch.waitForFunction(() => document.querySelectorAll('tr[data-status="done"]').length === 2, { polling: 100 });
    await batch.click('button.export-all');
    // Firefox creates the file's name at once and fills it later: wait for the download to complete.
    await expect.poll(() => batch.evaluate(async () => (await browser.downloads.search({})).map((d) => d.state)), { timeout: 30_000 }).toEqual(['complete']);
    const zips = () => readdirSync(ext.downloads).filter((f) => f.endsWith('.zip'));
    expect(zips()).toHaveLength(1);
    expect(zips()[0]).toMatch(/^quota-invoices_\d{4}-\d{2}-\d{2}_\d{4}\.zip$/);
    const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(readFileSync(join(ext.downloads, zips()[0]!)))));
    const files = new Map<string, Uint8Array>();
    for (const entry of await reader.getEntries()) if (!entry.directory) files.set(entry.filename, await entry.getData!(new Uint8ArrayWriter()));
    await reader.close();
    expect([...files.keys()].filter((f) => f.startsWith('images/'))).toHaveLength(2);
    const csv = new TextDecoder().decode(files.get('invoices.csv'));
    // Code and number kept as text: ="…" (the cell quoted, as CSV writes a cell holding quotes).
    for (const name of ['invoice-4.png', 'invoice-5.png']) expect(csv).toContain(`"=""${truth[name]!.code}""","=""${truth[name]!.number}"""`);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['invoices.xlsx', 'invoices.json', 'summary.txt']));
  });

  it('the toolbar badge works through browserAction: "!" after a failed capture', async () => {
    await popup.bringToFront();
    const before = await cardCount(popup);
    await popup.type('#image-url', `${site.url}/pages/invoices.html`); // a web page, not an image
    await popup.keyboard.press('Enter');
    const [shown] = await waitForSettled(popup, 1, 30_000, before + 1);
    expect(shown).toMatchObject({ status: 'failed', errorCode: 'LOCAL.NOT_IMAGE' });
    // Firefox's MV2 build has no `action` (what the worker once called at start), only browserAction.
    expect(await popup.evaluate(() => typeof browser.action)).toBe('undefined');
    await expect.poll(() => popup.evaluate(() => browser.browserAction.getBadgeText({})), { timeout: 5_000 }).toBe('!');
  });
});
