/**
 * Files a new user's trial picked in the popup that are no usable invoice image (test/fixtures/bad-files):
 * each must end in words that say what is wrong with it and what to do, the same in Chromium and
 * Firefox (run `npx wxt build` and `npx wxt build -b firefox` first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openExtensionPage, waitForMenu } from '../support/extension';
import { launchFirefoxWithExtension, openFirefoxExtensionPage } from '../support/firefox';
import { captureIds, waitForNewSettled } from '../support/ui';

const BAD = join(import.meta.dirname, '..', 'fixtures', 'bad-files');
const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
/** A message with its $1…$9 filled in, as chrome.i18n does. */
const words = (key: string, ...subs: string[]) => en[key]!.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');

/** A popup of the Chromium or the Firefox build, and how to close its browser. */
interface Opened {
  popup: Page;
  close(): Promise<void>;
}

const BROWSERS: [string, () => Promise<Opened>][] = [
  ['Chromium', async () => {
    const ext = await launchWithExtension();
    await waitForMenu(ext.worker);
    return { popup: await openExtensionPage(ext, 'popup.html'), close: () => ext.browser.close() };
  }],
  ['Firefox', async () => {
    const ext = await launchFirefoxWithExtension();
    return { popup: await openFirefoxExtensionPage(ext, 'popup.html'), close: () => ext.browser.close() };
  }],
];

// The same words in both builds: the trial saw a truncated PNG refused differently in each.
describe.each(BROWSERS)('bad files picked in the popup (%s)', (_browser, open) => {
  let opened: Opened;
  let popup: Page;
  beforeAll(async () => {
    opened = await open();
    popup = opened.popup;
  });
  afterAll(async () => {
    await opened?.close();
  });

  async function pick(name: string): Promise<void> {
    await (await popup.$('input[type="file"]'))!.uploadFile(join(BAD, name));
  }

  it('a text file named .png: "not an image", what it holds, and what to pick instead; no capture', async () => {
    const known = await captureIds(popup);
    await pick('notes.png');
    await popup.waitForSelector('.notice', { timeout: 10_000 });
    expect(await popup.$eval('.notice', (n) => n.textContent)).toContain(words('fileNotImage', 'notes.png', en.fileHolds_text!.message));
    expect(await captureIds(popup)).toEqual(known);
  });

  it('several picked at once: every refused file is named, and the image among them is still taken', async () => {
    // A new user's trial picked two non-images with others: only the last was named, and a later
    // file taken cleared the notice.
    const known = await captureIds(popup);
    await (await popup.$('input[type="file"]'))!.uploadFile(join(BAD, 'notes.png'), join(BAD, '..', 'invoices', 'invoice-1.png'), join(BAD, 'saved-page.png'));
    await popup.waitForFunction((before: string[]) => document.querySelectorAll('article.capture').length > before.length, { timeout: 20_000 }, known);
    await popup.waitForFunction((name: string) => document.querySelector('.notice')?.textContent?.includes(name), { timeout: 20_000 }, 'saved-page.png');
    const notice = await popup.$eval('.notice', (n) => n.textContent ?? '');
    expect(notice).toContain(words('fileNotImage', 'notes.png', en.fileHolds_text!.message));
    expect(notice).toContain(words('fileNotImage', 'saved-page.png', en.fileHolds_html!.message));
    expect((await captureIds(popup)).length).toBe(known.length + 1);
  });

  it('a PNG cut short: the image is damaged or incomplete', async () => {
    const known = await captureIds(popup);
    await pick('truncated.png');
    const shown = await waitForNewSettled(popup, known, 60_000);
    expect(shown).toMatchObject({ status: 'failed', errorCode: 'LOCAL.IMAGE_DAMAGED', errorText: en.error_LOCAL_IMAGE_DAMAGED!.message });
  });

  it('a 5000×16 px strip: refused for its shape, with its real size and the real limits (not "under 15 px")', async () => {
    const known = await captureIds(popup);
    await pick('5000x16.png');
    const shown = await waitForNewSettled(popup, known, 60_000);
    expect(shown).toMatchObject({ status: 'failed', errorCode: 'LOCAL.IMAGE_TOO_NARROW', errorText: words('imageTooNarrowSized', '5000×16', '4096', '13', '15') });
  });
});
