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

  it('a password-protected PDF is explained, and adds nothing', async () => {
    const before = await cardCount(popup);
    const pdf = join(dir, 'locked.pdf');
    writeFileSync(pdf, imagesPdf([invoice('invoice-1.png')], { userPassword: 'secret' }));
    await (await popup.$('input[type="file"]'))!.uploadFile(pdf);
    await popup.waitForFunction((text) => document.querySelector('.notice')?.textContent === text, { polling: 100, timeout: 30_000 }, en.pdfPassword!.message.replace('$1', 'locked.pdf'));
    expect(await cardCount(popup)).toBe(before);
  });
});
