import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickRecognize, openExtensionPage } from '../support/extension';
import { useOnDeviceExtension } from '../support/suite';
import { waitForSettled } from '../support/ui';
import { inCard, readCard, waitForCardSettled } from '../support/in-page-card';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
/** Written with the sheet by `npx tsx test/synth/sheet-render.ts --seeds 24 --out test/fixtures/sheets`. */
const sheet = (JSON.parse(readFileSync(join(FIXTURES, 'sheets', 'sheets.json'), 'utf8')) as Record<string, { invoices: Record<string, string | number>[] }>)['sheet-24.jpg']!;
const FIELDS = ['code', 'number', 'amount', 'location'] as const;

describe('a photo of four quota invoices, read on this device', () => {
  const suite = useOnDeviceExtension(FIXTURES);

  it('right-click → four captures, each its own crop, in reading order, marked "n of 4 · from one photo"', async () => {
    expect(sheet.invoices).toHaveLength(4);
    const page = await suite.ext.browser.newPage();
    await page.goto(`${suite.site.url}/pages/sheet.html`);
    const popup = await openExtensionPage(suite.ext, 'popup.html');
    await clickRecognize(suite.ext.worker, page, `${suite.site.url}/sheets/sheet-24.jpg`);
    const shown = await waitForSettled(popup, 4, 330_000);
    expect(shown).toHaveLength(4);
    // Newest first is the photo's first invoice: the list reads in the photo's order.
    shown.forEach((card, i) => {
      const truth = Object.fromEntries(FIELDS.map((f) => [f, String(sheet.invoices[i]![f])]));
      expect(card).toMatchObject({ status: 'done', fields: truth });
    });
    // The card opened on the photo follows its first invoice, and says there are more: it stayed on
    // "Recognizing…" for good once the photo's capture made way for the four (trial 8).
    await waitForCardSettled(page, 30_000);
    const card = await readCard(page);
    expect(card?.status).toBe('done');
    expect([card?.fields.code?.[1], card?.fields.number?.[1]]).toEqual([String(sheet.invoices[0]!.code), String(sheet.invoices[0]!.number)]);
    expect(await page.$eval(inCard('.qic-photo'), (e) => e.textContent)).toBe('1 of 4 · from one photo');
    const parts = await popup.$$eval('article.capture .photo-part', (els) => els.map((e) => [e.getAttribute('data-photo-index'), e.getAttribute('data-photo-count'), e.textContent]));
    expect(parts).toEqual([1, 2, 3, 4].map((n) => [String(n), '4', `${n} of 4 · from one photo`]));
    // One photo, four crops: each capture has its own image, smaller than the photo.
    const images = await suite.ext.worker.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, no) => {
        const open = indexedDB.open('quota-invoice-capture');
        open.onsuccess = () => ok(open.result);
        open.onerror = () => no(open.error);
      });
      const all = await new Promise<{ id: string; blob: Blob }[]>((ok) => {
        const req = db.transaction('images').objectStore('images').getAll();
        req.onsuccess = () => ok(req.result as { id: string; blob: Blob }[]);
      });
      return all.map((r) => ({ id: r.id, size: r.blob.size }));
    });
    const photo = images.filter((i) => i.id.startsWith('photo:'));
    const crops = images.filter((i) => !i.id.startsWith('photo:'));
    expect(photo).toHaveLength(1);
    expect(crops).toHaveLength(4);
    expect(crops.every((c) => c.size < photo[0]!.size)).toBe(true);
  }, 360_000); // a model load and four readings on a shared 2-core machine
});
