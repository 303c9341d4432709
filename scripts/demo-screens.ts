/**
 * Screenshots of every screen a user meets, made by `npm run demo -- --headless`: the popup with
 * the sample invoices read, the batch, the settings, an Element Plus and an Ant Design expense
 * portal filled from the popup, and the in-page card after a right-click; the popup, settings and
 * card also dark (prefers-color-scheme emulated) and in the other UI language (chosen in Settings). Saved under demo-output/<lang>/, one line printed per file.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pTimeout from 'p-timeout';
import type { Page } from 'puppeteer';
import { openExtensionPage, type LoadedExtension } from '../test/support/extension';
import { rightClickRecognize, waitForCardSettled } from '../test/support/in-page-card';
import { startPortals } from '../test/support/portals/portals';

const ROOT = join(import.meta.dirname, '..');

/**
 * How long one step of the screenshots may take (ms): each takes a few seconds. Two of 17 headless
 * runs on the 2-core machine stalled between the English batch and the Chinese popup (Chromium
 * idle, no CDP call failing) and waited until killed; a stalled step now ends the run with its name.
 */
const STEP_MS = 90_000;

/** `work` started now, or a rejection naming `label` after STEP_MS. */
function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  return pTimeout(work(), { milliseconds: STEP_MS, message: `demo screenshots: "${label}" did not finish in ${STEP_MS / 1000} s` });
}

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

/** Light and dark (the system's choice, emulated) of the same page: name.png and name-dark.png. */
async function shootThemes(page: Page, dir: string, name: string, fullPage: boolean): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    const path = join(dir, `${name}${scheme === 'dark' ? '-dark' : ''}.png`);
    await page.screenshot({ path, fullPage });
    console.log(`screenshot: ${path}`);
  }
  await page.emulateMediaFeatures([]);
}

/** The popup as the toolbar shows it (400 × 600) and the settings, light and dark. */
async function themedScreens(ext: LoadedExtension, popup: Page, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await popup.bringToFront();
  await popup.setViewport({ width: 400, height: 600 });
  await popup.waitForSelector('article.capture');
  await shootThemes(popup, dir, 'popup', false);
  const options = await openExtensionPage(ext, 'options.html');
  await options.setViewport({ width: 800, height: 900 });
  await options.waitForSelector('form');
  await shootThemes(options, dir, 'settings', true);
  await options.close();
  await shootBatch(ext, dir);
}

/**
 * The in-page card beside the invoice right-clicked on the sample page, light and dark: card.png
 * and card-dark.png. Each shot adds one capture (a duplicate of a sample), so it comes last.
 */
async function shootCard(ext: LoadedExtension, sampleUrl: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const tab = await ext.browser.newPage();
  await tab.setViewport({ width: 1000, height: 640 });
  // Its own URL: the menu click finds its tab by URL, and the demo's first tab shows the sample page too.
  await tab.goto(`${sampleUrl}?card`);
  await rightClickRecognize(ext, tab, '#invoice-2');
  await waitForCardSettled(tab);
  await shootThemes(tab, dir, 'card', false);
  await tab.close();
}

/** Settings → Language, as a user switches it; every page reads it when it opens. */
async function chooseLanguage(ext: LoadedExtension, language: 'auto' | 'en' | 'zh_CN'): Promise<void> {
  const options = await openExtensionPage(ext, 'options.html');
  await options.waitForSelector('#uiLanguage');
  await options.select('#uiLanguage', language);
  await options.waitForFunction((l) => (document.querySelector('#uiLanguage') as HTMLSelectElement | null)?.value === l, { polling: 100 }, language);
  await options.close();
}

export async function saveScreens(ext: LoadedExtension, popup: Page, lang: string, sampleUrl: string): Promise<void> {
  const dir = join(ROOT, 'demo-output', lang);
  mkdirSync(dir, { recursive: true });
  await step(`${lang} popup, settings and batch`, () => themedScreens(ext, popup, dir));
  // The other UI language, chosen in Settings, then back to the browser's.
  const other = lang === 'zh_CN' ? 'en' : 'zh_CN';
  await step(`Settings → ${other}`, async () => {
    await chooseLanguage(ext, other);
    await popup.reload();
  });
  await step(`${other} popup, settings and batch`, () => themedScreens(ext, popup, join(ROOT, 'demo-output', other)));
  await step('Settings → the browser\'s language', async () => {
    await chooseLanguage(ext, 'auto');
    await popup.reload();
    await popup.waitForSelector('article.capture');
  });

  const portals = await startPortals({ vendorDir: join(ROOT, 'node_modules') });
  try {
    for (const page of ['element-plus.html', 'antd.html']) {
      await step(`filling ${page}`, async () => {
        const tab = await fillPortal(ext, popup, `${portals.main}/portal/${page}`);
        await shoot(tab, dir, `filled-${page.replace('.html', '')}`);
        await popup.bringToFront();
        await shoot(popup, dir, `popup-after-fill-${page.replace('.html', '')}`);
        await tab.close();
      });
    }
  } finally {
    await portals.close();
  }

  await step(`${lang} in-page card`, () => shootCard(ext, sampleUrl, dir));
  await step(`${other} in-page card`, async () => {
    await chooseLanguage(ext, other);
    await shootCard(ext, sampleUrl, join(ROOT, 'demo-output', other));
    await chooseLanguage(ext, 'auto');
  });
}

/** The README's screenshots (docs/screenshots/<lang>/): file there ← file in demo-output/<lang>/. */
const README_SCREENS: Record<string, string> = { 'popup.png': 'popup.png', 'batch.png': 'batch.png', 'filled-form.png': 'filled-antd.png' };

/**
 * Copies the README's screenshots from demo-output/ into docs/screenshots/, for each language
 * this or an earlier demo run has made (a language's filled form exists only after a run in it).
 */
export function copyReadmeScreens(): void {
  for (const lang of ['en', 'zh_CN']) {
    for (const [name, made] of Object.entries(README_SCREENS)) {
      const from = join(ROOT, 'demo-output', lang, made);
      if (!existsSync(from)) continue;
      const to = join(ROOT, 'docs', 'screenshots', lang, name);
      mkdirSync(join(to, '..'), { recursive: true });
      copyFileSync(from, to);
      console.log(`README screenshot: ${to}`);
    }
  }
}
