/**
 * Screenshots of every screen a user meets, made by `npm run demo -- --headless`: the popup with
 * the sample invoices read, the batch, the settings, and an Element Plus and an Ant Design expense
 * portal filled from the popup. Saved under demo-output/<lang>/, one line printed per file.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { openExtensionPage, type LoadedExtension } from '../test/support/extension';
import { startPortals } from '../test/support/portals/portals';

const ROOT = join(import.meta.dirname, '..');

async function shoot(page: Page, dir: string, name: string): Promise<string> {
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

/** Fills a portal from the popup's newest invoice, the way a user presses Fill. */
async function fillPortal(ext: LoadedExtension, popup: Page, url: string): Promise<Page> {
  const tab = await ext.browser.newPage();
  await tab.setViewport({ width: 900, height: 700 });
  await tab.goto(url);
  await tab.waitForSelector('body[data-ready]');
  await tab.bringToFront();
  await popup.evaluate(() => {
    document.querySelector('.notice')?.setAttribute('data-seen', '');
    (document.querySelector('article.capture[data-status="done"] button.fill') as HTMLButtonElement).click();
  });
  await popup.waitForFunction(() => document.querySelector('.notice:not([data-seen]) .notice-text'), { timeout: 30_000, polling: 100 });
  return tab;
}

/** The batch with its first row chosen (the invoice large beside the table), light and dark. */
async function shootBatch(ext: LoadedExtension, dir: string): Promise<void> {
  const batch = await openExtensionPage(ext, 'batch.html');
  await batch.setViewport({ width: 1440, height: 900 });
  await batch.waitForSelector('tr[data-capture-id]');
  await batch.click('tr[data-capture-id] td.meta');
  await batch.waitForFunction(() => ((document.querySelector('.viewer img') as HTMLImageElement | null)?.naturalWidth ?? 1) > 0 || document.querySelector('.viewer-empty'), { polling: 100 });
  for (const scheme of ['light', 'dark'] as const) {
    await batch.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await shoot(batch, dir, scheme === 'light' ? 'batch' : 'batch-dark');
  }
  await batch.close();
}

/** Switches the UI language in Settings (#uiLanguage), the way a user does; returns the previous choice. */
async function chooseLanguage(ext: LoadedExtension, language: string): Promise<string> {
  const options = await openExtensionPage(ext, 'options.html');
  await options.waitForSelector('#uiLanguage');
  const before = await options.$eval('#uiLanguage', (s) => (s as HTMLSelectElement).value);
  if (before !== language) await Promise.all([options.waitForNavigation(), options.select('#uiLanguage', language)]);
  await options.close();
  return before;
}

export async function saveScreens(ext: LoadedExtension, popup: Page, lang: string): Promise<void> {
  const dir = join(ROOT, 'demo-output', lang);
  mkdirSync(dir, { recursive: true });
  await shoot(popup, dir, 'popup');

  await shootBatch(ext, dir);

  const options = await openExtensionPage(ext, 'options.html');
  await options.setViewport({ width: 800, height: 900 });
  await options.waitForSelector('form');
  await shoot(options, dir, 'settings');
  await options.close();

  const portals = await startPortals({ vendorDir: join(ROOT, 'node_modules') });
  try {
    for (const page of ['element-plus.html', 'antd.html']) {
      const tab = await fillPortal(ext, popup, `${portals.main}/portal/${page}`);
      await shoot(tab, dir, `filled-${page.replace('.html', '')}`);
      await popup.bringToFront();
      await shoot(popup, dir, `popup-after-fill-${page.replace('.html', '')}`);
      await tab.close();
    }
  } finally {
    await portals.close();
  }

  // The batch in the other UI language too (chosen in Settings), light and dark.
  const other = lang.startsWith('zh') ? 'en' : 'zh_CN';
  const before = await chooseLanguage(ext, other);
  const otherDir = join(ROOT, 'demo-output', other);
  mkdirSync(otherDir, { recursive: true });
  await shootBatch(ext, otherDir);
  await chooseLanguage(ext, before);
}
