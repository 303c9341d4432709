import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Browser } from 'puppeteer';

/**
 * Stops every service worker the way Chrome does when it stops an idle one (the worker is
 * terminated, its fetches cut; nothing is told to it), through CDP's ServiceWorker domain on a
 * throwaway page's session: no session is attached to the worker itself.
 */
export async function stopServiceWorkers(browser: Browser): Promise<void> {
  const page = await browser.newPage();
  try {
    const cdp = await page.createCDPSession();
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
  } finally {
    await page.close();
  }
}

/** Whether the extension's worker runs now (its target exists). */
export function workerRunning(browser: Browser, origin: string): boolean {
  return browser.targets().some((t) => t.type() === 'service_worker' && t.url().startsWith(origin));
}

/** `n` distinct small PNGs (a different colour each): the server tells their calls apart by hash. */
export function uniquePngs(n: number, prefix = 'img'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'qic-pngs-'));
  return Array.from({ length: n }, (_, i) => {
    const png = new PNG({ width: 48, height: 32 });
    for (let p = 0; p < png.data.length; p += 4) png.data.set([i & 0xff, (i >> 8) & 0xff, 200, 255], p);
    const file = join(dir, `${prefix}-${i}.png`);
    writeFileSync(file, PNG.sync.write(png));
    return file;
  });
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
