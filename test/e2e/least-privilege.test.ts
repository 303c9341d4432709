import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import type { WxtBrowser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { EXTENSION_DIR, launchWithExtension, openExtensionPage, type LoadedExtension } from '../support/extension';
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
describe('a custom endpoint is asked for at Save (the real prompt)', () => {
  let xvfb: VirtualDisplay;
  let emulator: Emulator;
  let ext: LoadedExtension;
  let options: Page;

  beforeAll(async () => {
    [xvfb, emulator] = await Promise.all([startXvfb(), startEmulator()]);
    ext = await launchWithExtension({ headless: false, hosts: 'as-installed', display: xvfb.display });
    options = await openExtensionPage(ext, 'options.html');
  });
  afterAll(async () => {
    await ext?.browser.close();
    await emulator?.close();
    await xvfb?.close();
  });

  const endpointAllowed = () => options.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }));
  /** The settings a refused Save must leave alone (one storage item each: lib/store/settings.ts). */
  const storedSettings = () => options.evaluate(() => chrome.storage.local.get(['endpointMode', 'customEndpoint', 'ak', 'sk', 'provider']));
  /** Presses a button and answers the prompt that takes the focus from the page. */
  async function pressAndAnswer(selector: string, keys: string[]): Promise<void> {
    await options.click(selector);
    await options.waitForFunction(() => !document.hasFocus(), { polling: 50, timeout: 15_000 });
    await pressKeys(xvfb.display, ...keys);
  }

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
});
