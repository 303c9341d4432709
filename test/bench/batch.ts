import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { launchWithExtension, openExtensionPage } from '../support/extension';

export interface BatchFigures {
  exportMs: number;
  exportPeakHeapMb: number;
  zipMb: number;
  importMs: number;
  importPeakHeapMb: number;
}

/** Samples the page's used JS heap every 50 ms until stopped; returns the peak in MB. */
function heapSampler(page: Page) {
  let peak = 0;
  let running = true;
  const done = (async () => {
    const cdp = await page.createCDPSession();
    while (running) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      await new Promise((r) => setTimeout(r, 50));
    }
    await cdp.detach();
  })();
  return async () => {
    running = false;
    await done;
    return peak / 1048576;
  };
}

/** Writes `count` captures with `imageBytes` of incompressible image data straight into the extension's IndexedDB. */
async function seed(page: Page, count: number, imageBytes: number): Promise<void> {
  await page.evaluate(
    async (n, size) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('quota-invoice-capture');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (let start = 0; start < n; start += 100) {
        const tx = db.transaction(['captures', 'images'], 'readwrite');
        for (let i = start; i < Math.min(n, start + 100); i++) {
          const bytes = new Uint8Array(size);
          crypto.getRandomValues(bytes.subarray(0, 65536)); // getRandomValues takes 64 KiB at a time
          for (let o = 65536; o < size; o += 65536) bytes.copyWithin(o, 0, Math.min(65536, size - o));
          bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
          const id = `bench-${i}`;
          const now = Date.now() - i * 1000;
          tx.objectStore('captures').put({
            id, createdAt: now, updatedAt: now, status: 'done', provider: 'ondevice', hasImage: true, imageType: 'image/jpeg',
            imageSha256: `sha-${i}`, normalized: true, attempts: 1, source: { kind: 'context-menu', pageUrl: 'https://mail.example/inbox' },
            result: { code: `1440310${String(60000 + i).padStart(5, '0')}`, number: String(10000000 + i), amount: '￥50.00', location: '深圳市', confidence: { code: 0.99, number: 0.99, amount: 0.98, location: 0.97 } },
          });
          tx.objectStore('images').put({ id, blob: new Blob([bytes], { type: 'image/jpeg' }) });
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    },
    count,
    imageBytes,
  );
}

/** Export of a large batch from the batch page, and its import into a fresh profile. */
export async function benchBatch(count: number, imageBytes: number): Promise<BatchFigures> {
  const source = await launchWithExtension();
  let zipPath = '';
  let exportMs = 0;
  let exportPeakHeapMb = 0;
  try {
    const page = await openExtensionPage(source, 'batch.html');
    await page.waitForSelector('main.batch');
    await seed(page, count, imageBytes);
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll('tr[data-capture-id]').length === n, { polling: 200, timeout: 120_000 }, count);
    const stop = heapSampler(page);
    const started = performance.now();
    await page.click('button.export-all');
    for (;;) {
      const zip = readdirSync(source.downloads).find((f) => f.endsWith('.zip'));
      if (zip) {
        zipPath = join(source.downloads, zip);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    exportMs = performance.now() - started;
    exportPeakHeapMb = await stop();
  } finally {
    await source.browser.close();
  }
  const target = await launchWithExtension();
  try {
    const page = await openExtensionPage(target, 'batch.html');
    await page.waitForSelector('main.batch');
    const stop = heapSampler(page);
    const started = performance.now();
    await (await page.$('input[name="import"]'))!.uploadFile(zipPath);
    await page.waitForFunction(() => document.querySelector('.notice')?.textContent?.startsWith('Imported'), { polling: 50, timeout: 600_000 });
    const importMs = performance.now() - started;
    return { exportMs, exportPeakHeapMb, zipMb: statSync(zipPath).size / 1048576, importMs, importPeakHeapMb: await stop() };
  } finally {
    await target.browser.close();
  }
}
