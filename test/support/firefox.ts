import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { FIREFOX_ADDON_ID } from '../../wxt.config';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = join(import.meta.dirname, '..', '..', '.output', 'firefox-mv2');

export interface LoadedFirefoxExtension {
  browser: Browser;
  /** moz-extension://<uuid>, fixed before launch so the pages can be opened by URL. */
  origin: string;
  /** Where downloads land (no prompt). */
  downloads: string;
}

/**
 * Firefox (Debian's ESR) through Puppeteer's WebDriver BiDi, with the built Firefox add-on
 * installed as a temporary add-on. Firefox gives each add-on a random moz-extension:// UUID per
 * profile; the pref `extensions.webextensions.uuids` maps our add-on id to one chosen here, so
 * the popup and batch pages have a known URL before anything runs. Headful (`headless: false`)
 * on `display` (an Xvfb of the test's own) where the browser's own menus must open. `prefs` are
 * set over these (a test that needs the real permission prompt turns it back on).
 */
export async function launchFirefoxWithExtension(options: { headless?: boolean; lang?: string; display?: string; prefs?: Record<string, unknown> } = {}): Promise<LoadedFirefoxExtension> {
  const uuid = randomUUID();
  const downloads = mkdtempSync(join(tmpdir(), 'qic-ff-downloads-'));
  const lang = options.lang ?? 'en-US';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: options.headless ?? true,
    // Firefox's WebDriver BiDi refuses to navigate to moz-extension:// pages unless allowed.
    args: ['--remote-allow-system-access'],
    env: { ...process.env, LANGUAGE: lang, MOZ_CRASHREPORTER_DISABLE: '1', ...(options.display ? { DISPLAY: options.display } : {}) },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: uuid }),
      // Temporary add-ons are not signed; builds that enforce signatures would refuse them.
      'xpinstall.signatures.required': false,
      // Optional host access (a custom endpoint, asked for at Save: lib/platform.ts) is granted
      // without the doorhanger, which automation cannot answer; Mozilla's own tests use this pref.
      // The request still needs the click, as for a user: Firefox refuses one without it.
      'extensions.webextOptionalPermissionPrompts': false,
      'intl.locale.requested': lang,
      'intl.accept_languages': lang,
      // The batch's ZIP goes straight to a known folder, no dialog (downloads.download saveAs:false).
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
      'browser.download.panel.shown': true,
      ...options.prefs,
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return { browser, origin: `moz-extension://${uuid}`, downloads };
}

/**
 * Opens one of the add-on's pages in a new tab. Firefox loads moz-extension:// pages in the
 * extension process and its BiDi sends no navigation events for them, so Puppeteer's goto would
 * wait for a load it never hears of: start the navigation and wait for the document instead.
 */
export async function openFirefoxExtensionPage(ext: LoadedFirefoxExtension, path: string): Promise<Page> {
  const page = await ext.browser.newPage();
  const url = `${ext.origin}/${path}`;
  void page.goto(url, { timeout: 20_000 }).catch(() => {}); // settles by timeout; the wait below decides
  // While the tab swaps from about:blank to the extension's process, an evaluate can land in a
  // realm that is going away and BiDi answers with a protocol error ("right-hand side of 'in'
  // should be an object, got null") instead of a value: that means "not there yet", so ask again.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const arrived = await page
      .evaluate((u) => location.href === u && document.readyState === 'complete', url)
      .catch(() => false);
    if (arrived) return page;
    if (Date.now() > deadline) throw new Error(`Firefox did not open ${url} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Where an element's centre is on the X screen, for xdotool: Firefox's `mozInnerScreenX/Y` is the
 * viewport's top-left corner in screen pixels (CSS px at zoom 1, which the tests' display has).
 * The element is scrolled into view first.
 */
export function screenPointOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  return page.$eval(selector, (el) => {
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
    return { x: w.mozInnerScreenX + r.left + r.width / 2, y: w.mozInnerScreenY + r.top + r.height / 2 };
  });
}
