/**
 * The Chinese UI speaks Chinese: every page, with content (a recognized invoice, a failed one),
 * shows no English word outside codes, URLs, file names and a few acronyms a clerk uses as they are.
 * The language is chosen the way a user does, in Settings (the browser here is English).
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { describe, expect, it } from 'vitest';
import { englishWordsIn } from '../support/english-words';
import { openExtensionPage } from '../support/extension';
import { useExtensionWithEmulator } from '../support/suite';
import { waitForSettled } from '../support/ui';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'invoices');
const suite = useExtensionWithEmulator();

/** English words a page shows (text, placeholders, labels, titles), outside code, URLs and file names. */
async function englishWords(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('code, script, style, [data-field], option[lang="en"], .source')) continue;
      if (parent.closest('[hidden]') || getComputedStyle(parent).display === 'none') continue;
      out.push(node.textContent ?? '');
    }
    for (const el of Array.from(document.querySelectorAll('[placeholder], [aria-label], [title]'))) {
      if (el.closest('[data-field], .source, code')) continue;
      for (const name of ['placeholder', 'aria-label', 'title']) out.push(el.getAttribute(name) ?? '');
    }
    out.push(document.title);
    return out;
  });
  return englishWordsIn(texts);
}

describe('the Chinese UI', () => {
  it('Settings → 中文 switches every page, and no page shows an English word', async () => {
    // A batch tab open before the switch follows it without being reloaded (helper-76: it stayed English).
    const openBefore = await openExtensionPage(suite.ext, 'batch.html');
    await openBefore.waitForSelector('h1');
    await openBefore.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
    const options = await openExtensionPage(suite.ext, 'options.html');
    await options.waitForSelector('#uiLanguage');
    await Promise.all([options.waitForNavigation(), options.select('#uiLanguage', 'zh_CN')]);
    await options.waitForSelector('#uiLanguage');
    expect(await options.$eval('html', (h) => h.lang)).toBe('zh-CN');
    expect(await englishWords(options)).toEqual([]);

    // Content: a recognized invoice and a failed capture (a web page instead of an image).
    await (await suite.popup.$('input[type="file"]'))!.uploadFile(join(FIXTURES, 'invoice-1.png'));
    await waitForSettled(suite.popup);
    await suite.popup.reload();
    await suite.popup.waitForSelector('article.capture');
    await suite.popup.type('#image-url', `${suite.sites.main}/`);
    await suite.popup.keyboard.press('Enter');
    await suite.popup.waitForSelector('article.capture[data-status="failed"]', { timeout: 60_000 });
    expect(await suite.popup.$eval('html', (h) => h.lang)).toBe('zh-CN');
    expect(await englishWords(suite.popup)).toEqual([]);

    const batch = await openExtensionPage(suite.ext, 'batch.html');
    await batch.waitForSelector('tr[data-capture-id]');
    expect(await englishWords(batch)).toEqual([]);
    await batch.close();
    await openBefore.bringToFront();
    await openBefore.waitForFunction(() => document.querySelectorAll('tr[data-capture-id]').length >= 2 && document.documentElement.lang === 'zh-CN', { polling: 100, timeout: 15_000 });
    expect(await openBefore.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true); // not reloaded
    expect(await englishWords(openBefore)).toEqual([]);
    await openBefore.close();
    await options.close();
  });
});
