import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import type { WxtBrowser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { startCaptureSites, type CaptureSites } from '../support/capture-sites/sites';
import { EXTENSION_DIR, launchWithExtension, openExtensionPage, waitForMenu, type LoadedExtension } from '../support/extension';
import { FIREFOX_EXTENSION_DIR } from '../support/firefox';
import { fillOptions } from '../support/ui';
import { pressKeys, startXvfb, type VirtualDisplay } from '../support/xvfb';

/** The extension's global, inside page.evaluate() callbacks on its pages. */
declare const chrome: WxtBrowser;

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: unknown[];
}

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
/** Anything that reaches every site: Chrome's warning "Read and change all your data on all websites". */
const ALL_SITES = ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*'];

describe('the built manifest asks for Huawei Cloud only (issue 11)', () => {
  it('Chrome MV3: required hosts are Huawei Cloud, everything else optional, no script on every page', () => {
    const m = readManifest(EXTENSION_DIR);
    expect(m.host_permissions).toEqual(['https://*.myhuaweicloud.com/*']);
    for (const p of [...(m.permissions ?? []), ...(m.host_permissions ?? [])]) expect(ALL_SITES).not.toContain(p);
    expect(m.permissions).toContain('activeTab');
    expect(m.optional_host_permissions).toEqual(['<all_urls>']);
    expect(m.content_scripts ?? []).toEqual([]);
  });

  it('Firefox MV2: the same, in `permissions` and `optional_permissions`', () => {
    const m = readManifest(FIREFOX_EXTENSION_DIR);
    expect(m.permissions).toContain('https://*.myhuaweicloud.com/*');
    expect(m.permissions).toContain('activeTab');
    for (const p of m.permissions ?? []) expect(ALL_SITES).not.toContain(p);
    expect(m.host_permissions).toBeUndefined();
    expect(m.optional_permissions).toEqual(['<all_urls>']);
    expect(m.content_scripts ?? []).toEqual([]);
  });
});

/**
 * The browser's real prompt, answered as a user does: headful Chromium under its own Xvfb, the
 * prompt found by the page losing focus to it, answered with the keyboard. Its default button is
 * "Cancel" (Return or Escape refuse); shift+Tab reaches "Allow". Headless Chromium never answers
 * it (the request stays pending), hence the display.
 */
describe('hosts are asked for when needed (the real prompt)', () => {
  let xvfb: VirtualDisplay;
  let emulator: Emulator;
  let sites: CaptureSites;
  let ext: LoadedExtension;
  let options: Page;

  beforeAll(async () => {
    [xvfb, emulator, sites] = await Promise.all([startXvfb(), startEmulator(), startCaptureSites()]);
    ext = await launchWithExtension({ headless: false, hosts: 'as-installed', display: xvfb.display });
    options = await openExtensionPage(ext, 'options.html');
  });
  afterAll(async () => {
    await ext?.browser.close();
    await emulator?.close();
    await sites?.close();
    await xvfb?.close();
  });

  const endpointAllowed = () => options.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }));
  /** The settings a refused Save must leave alone (one storage item each: lib/store/settings.ts). */
  const storedSettings = () => options.evaluate(() => chrome.storage.local.get(['endpointMode', 'customEndpoint', 'ak', 'sk', 'provider']));
  /** Presses a button and answers the prompt that takes the focus from the page. */
  async function pressAndAnswer(selector: string, keys: string[], page = options): Promise<void> {
    await page.bringToFront();
    await page.click(selector);
    await page.waitForFunction(() => !document.hasFocus(), { polling: 50, timeout: 15_000 });
    // Chromium enables the prompt's "Allow" only a moment after showing it (against clickjacking);
    // a key pressed before that does nothing.
    await new Promise((r) => setTimeout(r, 1_000));
    await pressKeys(xvfb.display, ...keys);
  }

  it('fresh install, on-device engine, no keys: Test connection says there is nothing to test, asks nothing and saves nothing', async () => {
    const before = await storedSettings();
    await options.click('.actions button[type="button"]');
    await options.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('Nothing to test'), { polling: 100, timeout: 10_000 });
    expect(await options.$eval('.status', (e) => e.className)).toContain('ok');
    expect(await options.$eval('.status', (e) => e.textContent)).not.toContain('Not saved');
    expect(await storedSettings()).toEqual(before);
    expect(await endpointAllowed()).toBe(false);
  });

  it('refused: nothing is saved and the page says why; allowed: saved, and the endpoint answers', async () => {
    const host = new URL(emulator.url).host;
    await fillOptions(options, { endpoint: emulator.url, ak: emulator.options.ak, sk: emulator.options.sk });
    const before = await storedSettings();

    await pressAndAnswer('button[type="submit"]', ['Escape']);
    await options.waitForFunction(() => document.querySelector('.status.failed')?.textContent?.includes('Not saved'), { polling: 100, timeout: 10_000 });
    expect(await options.$eval('.status', (e) => e.textContent)).toContain(host);
    expect(await endpointAllowed()).toBe(false);
    expect(await storedSettings()).toEqual(before);
    expect(await options.$eval('#customEndpoint', (e) => (e as HTMLInputElement).value)).toBe(emulator.url); // kept in the form

    await pressAndAnswer('button[type="submit"]', ['shift+Tab', 'Return']);
    await options.waitForFunction(() => document.querySelector('.status.ok')?.textContent?.includes('saved'), { polling: 100, timeout: 10_000 });
    expect(await endpointAllowed()).toBe(true);

    // Granted once, asked no more: Test connection reaches the emulator without a prompt.
    await options.click('.actions button[type="button"]');
    await options.waitForFunction(() => document.querySelector('.status')?.textContent !== '' && !document.querySelector('.actions button[disabled]'), { polling: 100, timeout: 30_000 });
    expect(await options.$eval('.status', (e) => e.className)).toContain('ok');
  });

  // After the test above: the endpoint (127.0.0.1, every port) is granted; `localhost` is not.
  it('an image on a site not granted fails in words with "Allow reading images from <host>", which asks and reads it', async () => {
    const host = new URL(sites.other).host;
    const tab = await ext.browser.newPage();
    await tab.goto(`${sites.other}/pages/frame.html`);
    const src = await tab.$eval('#target', (i) => (i as HTMLImageElement).currentSrc);
    // The menu's listeners without a real right-click: no activeTab, so the page cannot help either.
    // (clickRecognize finds the tab by its URL, which a tab of a site not granted does not show.)
    await waitForMenu(ext.worker);
    await tab.bringToFront();
    await ext.worker.evaluate(async (info) => {
      const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(info, active);
    }, { menuItemId: 'recognize-quota-invoice', mediaType: 'image', srcUrl: src, pageUrl: tab.url(), editable: false, frameId: 0 });
    const popup = await openExtensionPage(ext, 'popup.html');
    const allow = 'article.capture[data-status="failed"] button.allow-host';
    await popup.waitForSelector(allow, { timeout: 30_000 });
    expect(await popup.$eval('article.capture .error', (e) => e.getAttribute('data-error-code'))).toBe('LOCAL.HOST_ACCESS');
    expect(await popup.$eval(allow, (b) => b.textContent)).toBe(`Allow reading images from ${host}`);

    await pressAndAnswer(allow, ['shift+Tab', 'Return'], popup);
    await popup.waitForSelector('article.capture[data-status="done"]', { timeout: 90_000 });
    expect(await popup.$eval('article.capture [data-field="number"]', (e) => e.getAttribute('data-value'))).toMatch(/^\d{8}$/);
    expect(emulator.requests.length).toBeGreaterThan(0);
  });
});
