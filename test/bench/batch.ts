import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { launchWithExtension, openExtensionPage } from '../support/extension';

/** Rows on a page of the review table (components/BatchView.tsx PAGE_SIZE; that module needs a browser). */
const PAGE_SIZE = 100;

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
    await page.waitForFunction((n) => document.querySelector('.batch-totals')?.getAttribute('data-count') === String(n), { polling: 200, timeout: 120_000 }, count);
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

export interface ReviewFigures {
  /** From the reload until the totals count every capture and the first rows are drawn. */
  firstRenderMs: number;
  /** From the reload until the whole first page of rows and the month at a glance are drawn. */
  pageSettledMs: number;
  filterMs: number;
  clearFilterMs: number;
  sortMs: number;
  keyStepMs: number;
  domRows: number;
  heapMb: number;
}

/** Time from `act` until the shown count differs from `before`, measured inside the page. */
async function timed(page: Page, act: 'filter' | 'clear' | 'sort', query: string): Promise<number> {
  return page.evaluate(async (kind, q) => {
    const totals = document.querySelector('.batch-totals')!;
    const before = `${totals.getAttribute('data-count')}|${document.querySelector('tr[data-capture-id]')?.getAttribute('data-capture-id')}|${document.querySelector('th[aria-sort]')?.getAttribute('data-sort-key')}`;
    const started = performance.now();
    if (kind === 'sort') (document.querySelector('th[data-sort-key="amount"] button') as HTMLButtonElement).click();
    else {
      const input = document.querySelector('input[type="search"]') as HTMLInputElement;
      input.value = kind === 'filter' ? q : '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    // (No named inner functions here: tsx's __name helper does not exist in the page.)
    while (`${totals.getAttribute('data-count')}|${document.querySelector('tr[data-capture-id]')?.getAttribute('data-capture-id')}|${document.querySelector('th[aria-sort]')?.getAttribute('data-sort-key')}` === before) await new Promise((r) => setTimeout(r, 1));
    // Until the new rows are laid out.
    document.body.getBoundingClientRect();
    return performance.now() - started;
  }, act, query);
}

/**
 * With `dir` set (env REVIEW_PROFILE=dir), each measured step is also recorded by the page's CPU
 * profiler into dir/review-<step>.cpuprofile (open in Chromium DevTools, Performance panel), to
 * see where the time goes; with env REVIEW_TRACE=dir, a Chromium trace of each step instead
 * (review-<step>.trace.json: style, layout, paint and IndexedDB beside the script; open it in the
 * Performance panel or summarize it with scripts/trace-summary.ts); without either the steps run as they are.
 */
async function profiler(page: Page, dir: string | undefined, traceDir = process.env.REVIEW_TRACE) {
  if (traceDir) {
    // A whole trace (style, layout, paint, IndexedDB, script) rather than JS samples only: the
    // CPU profile puts a browser's own work under "(program)".
    mkdirSync(traceDir, { recursive: true });
    return async <T>(step: string, run: () => Promise<T>): Promise<T> => {
      await page.tracing.start({ path: join(traceDir, `review-${step}.trace.json`), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'IndexedDB', 'loading'] });
      const result = await run();
      await page.tracing.stop();
      return result;
    };
  }
  if (!dir) return async <T>(_step: string, run: () => Promise<T>) => run();
  mkdirSync(dir, { recursive: true });
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  return async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    await cdp.send('Profiler.start');
    const result = await run();
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(dir, `review-${step}.cpuprofile`), JSON.stringify(profile));
    return result;
  };
}

/** The review table with `count` captures (small images): first render, filter, sort, a key step, DOM rows, JS heap. */
export async function benchReviewTable(count: number, profileDir = process.env.REVIEW_PROFILE): Promise<ReviewFigures> {
  const ext = await launchWithExtension();
  try {
    const page = await openExtensionPage(ext, 'batch.html');
    await page.setViewport({ width: 1400, height: 900 });
    await page.bringToFront();
    await page.waitForSelector('main.batch');
    await seed(page, count, 8 * 1024);
    const step = await profiler(page, profileDir);
    const started = performance.now();
    await step('first-render', async () => {
      await page.reload();
      await page.waitForFunction((n) => document.querySelector('.batch-totals')?.getAttribute('data-count') === String(n) && document.querySelector('tr[data-capture-id]') !== null, { polling: 20, timeout: 120_000 }, count);
    });
    const firstRenderMs = performance.now() - started;
    // The first screen comes first (lib/ui/first-screen.ts); the page's other rows and the month at
    // a glance follow: until all are drawn, so that work is counted here and not in the filter's time.
    await step('page-settled', () => page.waitForFunction((rows) => document.querySelectorAll('tr[data-capture-id]').length === rows && document.querySelector('.glance-month tr[data-group]') !== null, { polling: 20, timeout: 120_000 }, Math.min(count, PAGE_SIZE)));
    const pageSettledMs = performance.now() - started;
    const filterMs = await step('filter', () => timed(page, 'filter', String(10000000 + Math.floor(count / 2))));
    const clearFilterMs = await step('clear-filter', () => timed(page, 'clear', ''));
    const sortMs = await step('sort', () => timed(page, 'sort', ''));
    const keyStepMs = await step('arrow-key', () => page.evaluate(async () => {
      const first = document.querySelector('tr[data-capture-id]') as HTMLElement;
      first.focus();
      first.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 50));
      const started = performance.now();
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
      // Until the next row has the focus and is drawn as the chosen one, laid out.
      while (document.activeElement === first || document.activeElement?.tagName !== 'TR' || document.querySelector('tr[data-selected]') !== document.activeElement) await new Promise((r) => setTimeout(r, 1));
      document.body.getBoundingClientRect();
      return performance.now() - started;
    }));
    const domRows = await page.$$eval('tr[data-capture-id]', (rows) => rows.length);
    const cdp = await page.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return { firstRenderMs, pageSettledMs, filterMs, clearFilterMs, sortMs, keyStepMs, domRows, heapMb: usedSize / 1048576 };
  } finally {
    await ext.browser.close();
  }
}
