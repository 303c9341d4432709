/** The popup takes invoices the way people hand them over: pasted, dropped, or as PDFs. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { launchWithExtension, openExtensionPage, waitForMenu, type LoadedExtension } from '../support/extension';
import { imagesPdf } from '../support/make-pdf';
import { cardCount, configureThroughOptions, waitForSettled } from '../support/ui';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'invoices');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;
const invoice = (name: string) => readFileSync(join(FIXTURES, name));
const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const dir = mkdtempSync(join(tmpdir(), 'qic-pdf-'));

let emulator: Emulator;
let ext: LoadedExtension;
let popup: Page;

beforeAll(async () => {
  emulator = await startEmulator();
  ext = await launchWithExtension();
  await waitForMenu(ext.worker);
  await (await configureThroughOptions(ext, { endpoint: emulator.url, ak: emulator.options.ak, sk: emulator.options.sk })).close();
  await ext.browser.defaultBrowserContext().overridePermissions(ext.origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
  popup = await openExtensionPage(ext, 'popup.html');
  await popup.bringToFront();
});

afterAll(async () => {
  await ext?.browser.close();
  await emulator?.close();
});

/** Puts `text` on the clipboard and pastes it into the URL box with Ctrl+V (the browser's own paste), then presses Enter. */
async function pasteIntoUrlBoxAndEnter(text: string): Promise<void> {
  await popup.evaluate((t) => navigator.clipboard.writeText(t), text);
  await popup.click('#image-url', { count: 3 }); // focus it, and select what is there (replaced by the paste)
  await popup.keyboard.down('Control');
  await popup.keyboard.press('KeyV');
  await popup.keyboard.up('Control');
  await popup.waitForFunction((t) => (document.querySelector('#image-url') as HTMLInputElement).value === t, { polling: 100, timeout: 10_000 }, text);
  await popup.keyboard.press('Enter');
}

const urlBox = () => popup.$eval('#image-url', (i) => (i as HTMLInputElement).value);

describe('popup intake', () => {
  it('Ctrl+V pastes an image from the clipboard', async () => {
    const before = await cardCount(popup);
    const base64 = invoice('invoice-6.png').toString('base64');
    await popup.evaluate(async (b64) => {
      const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    }, base64);
    await popup.click('h1'); // focus the popup, not the URL field
    await popup.keyboard.down('Control');
    await popup.keyboard.press('KeyV');
    await popup.keyboard.up('Control');
    const [shown] = await waitForSettled(popup, 1, 60_000, before + 1);
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-6.png'] });
  });

  it('dropping an image file recognizes it', async () => {
    const before = await cardCount(popup);
    await popup.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'photo-from-phone.png', { type: 'image/png' }));
      document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, invoice('invoice-2.png').toString('base64'));
    const [shown] = await waitForSettled(popup, 1, 60_000, before + 1);
    expect(shown).toMatchObject({ status: 'done', image: 'photo-from-phone.png', fields: truth['invoice-2.png'] });
  });

  // A new user's 3.35 MB photo picked with another file: neither was recorded, no word said (the
  // worker's base64 check overflowed its stack on any file over about 3 MB).
  it('a photo of several MB dropped with another invoice: both are read', async () => {
    const before = await cardCount(popup);
    const bigBytes = await popup.evaluate(async (b64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width * 4, bitmap.height * 4);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      // A phone's sensor noise (±10 levels): PNG cannot squeeze it, so the file is as large as a photo's.
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let seed = 7;
      for (let i = 0; i < pixels.data.length; i++) {
        if (i % 4 === 3) continue;
        seed = (seed * 1103515245 + 12345) >>> 0;
        pixels.data[i] = Math.max(0, Math.min(255, pixels.data[i]! + ((seed >>> 16) % 21) - 10));
      }
      ctx.putImageData(pixels, 0, 0);
      const big = await canvas.convertToBlob({ type: 'image/png' });
      const small = await (await fetch(`data:image/png;base64,${b64}`)).blob();
      const transfer = new DataTransfer();
      transfer.items.add(new File([big], 'phone-photo.png', { type: 'image/png' }));
      transfer.items.add(new File([small], 'second.png', { type: 'image/png' }));
      document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      return big.size;
    }, invoice('invoice-3.png').toString('base64'));
    expect(bigBytes).toBeGreaterThan(5_000_000);
    const shown = await waitForSettled(popup, 2, 120_000, before + 2);
    const byName = Object.fromEntries(shown.map((c) => [c.image, c]));
    expect(byName['phone-photo.png']).toMatchObject({ status: 'done', fields: truth['invoice-3.png'] });
    expect(byName['second.png']).toMatchObject({ status: 'done', fields: truth['invoice-3.png'] });
  });

  it('a two-page PDF becomes two invoices', async () => {
    const before = await cardCount(popup);
    const pdf = join(dir, 'expenses.pdf');
    writeFileSync(pdf, imagesPdf([invoice('invoice-1.png'), invoice('invoice-4.png')]));
    await (await popup.$('input[type="file"]'))!.uploadFile(pdf);
    const shown = await waitForSettled(popup, 2, 90_000, before + 2);
    const byName = Object.fromEntries(shown.map((c) => [c.image, c]));
    expect(byName['expenses.pdf (1/2)']).toMatchObject({ status: 'done', fields: truth['invoice-1.png'] });
    expect(byName['expenses.pdf (2/2)']).toMatchObject({ status: 'done', fields: truth['invoice-4.png'] });
  });

  // Trial 5: a 144 KB invoice pasted as a data: URL was refused with zod's words and the box emptied.
  it('an invoice pasted into the URL box as a data: link of over 100 KB is taken as a file is, and read', async () => {
    const before = await cardCount(popup);
    const url = `data:image/png;base64,${invoice('invoice-5.png').toString('base64')}`;
    expect(url.length).toBeGreaterThan(100_000);
    await pasteIntoUrlBoxAndEnter(url);
    const [shown] = await waitForSettled(popup, 1, 60_000, before + 1);
    expect(shown).toMatchObject({ status: 'done', image: en.dataUrlFileName!.message, fields: truth['invoice-5.png'] });
    expect(await cardCount(popup)).toBe(before + 1);
    await popup.waitForFunction(() => (document.querySelector('#image-url') as HTMLInputElement).value === '', { polling: 100, timeout: 5_000 });
  });

  it.each([
    ['cut short (its base64 broken)', () => `data:image/png;base64,${invoice('invoice-1.png').toString('base64').slice(0, 5_001)}`, () => en.dataUrlBroken!.message],
    ['no image (text)', () => `data:text/plain;base64,${Buffer.from('invoice 144031900111 No. 12345678').toString('base64')}`, () => en.dataUrlNotImage!.message.replace('$1', en.fileHolds_text!.message)],
    ['a web page', () => `data:text/html,${encodeURIComponent('<!doctype html><html><body>Sign in</body></html>')}`, () => en.dataUrlNotImage!.message.replace('$1', en.fileHolds_html!.message)],
    // Not a data: URL, but the same box: the schema's refusal in the user's words, not zod's.
    ['an https link too long to send', () => `https://img.example.cn/i.png?k=${'a'.repeat(9_000)}`, () => en.urlTooLong!.message],
  ])('a URL-box entry that is %s is refused in words saying what to do, adds nothing, and stays in the box', async (_name, make, words) => {
    const before = await cardCount(popup);
    const url = make();
    await pasteIntoUrlBoxAndEnter(url);
    await popup.waitForFunction((text) => document.querySelector('.notice')?.textContent?.startsWith(text), { polling: 100, timeout: 30_000 }, words());
    expect(await popup.$eval('.notice', (n) => n.textContent)).not.toMatch(/expected|malformed|Too big/i);
    expect(await cardCount(popup)).toBe(before);
    expect(await urlBox()).toBe(url);
  });

  it('a password-protected PDF is explained, and adds nothing', async () => {
    const before = await cardCount(popup);
    const pdf = join(dir, 'locked.pdf');
    writeFileSync(pdf, imagesPdf([invoice('invoice-1.png')], { userPassword: 'secret' }));
    await (await popup.$('input[type="file"]'))!.uploadFile(pdf);
    await popup.waitForFunction((text) => document.querySelector('.notice')?.textContent === text, { polling: 100, timeout: 30_000 }, en.pdfPassword!.message.replace('$1', 'locked.pdf'));
    expect(await cardCount(popup)).toBe(before);
  });
});
