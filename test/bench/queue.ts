import type { Page } from 'puppeteer';
import { startEmulator } from '../emulator/server';
import { launchDetached, openExtensionPage } from '../support/extension';
import { configureThroughOptions, setConcurrencyThroughOptions } from '../support/ui';
import { uniquePngs } from '../support/worker-life';

export interface QueueFigures {
  captures: number;
  done: number;
  failed: number;
  /** Calls the extension made beyond one per capture (counted at the client: `attempts`). */
  clientRetries: number;
  /** Calls the server received (Chromium re-sends a POST by itself after a dropped connection). */
  serverRequests: number;
  injected: number;
  throttled: number;
  duplicatesAfterSuccess: number;
  maxInFlight: number;
  wallMs: number;
  /** From the upload until every capture is stored (the popup's intake, not the queue's work). */
  intakeMs: number;
  /** captures × server time ÷ concurrency. */
  idealMs: number;
}

/** Status counts and attempts of every capture, read from the extension's IndexedDB in one of its pages. */
function readCaptures(page: Page): Promise<{ status: string; attempts: number }[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('quota-invoice-capture');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<{ status: string; attempts: number }[]>((resolve) => {
      const req = db.transaction('captures').objectStore('captures').getAll();
      req.onsuccess = () => resolve(req.result as { status: string; attempts: number }[]);
    });
    db.close();
    return all.map((c) => ({ status: c.status, attempts: c.attempts }));
  });
}

/**
 * `count` distinct captures through the popup's file picker against the emulator with a
 * `serverMs` answer time, a throttle above 5 concurrent calls (429 APIG.0308, Retry-After 1 s)
 * and `failureRate` injected failures (429, 500, dropped connections); the extension set to
 * `concurrency`. Waits until every capture is done or failed (10 min at most).
 */
export async function benchQueue(count: number, concurrency: number, serverMs = 200, failureRate = 0.05): Promise<QueueFigures> {
  const emulator = await startEmulator({}, async () => ({ ok: true, result: { number: '01234567', code: '144031500101', location: '深圳市', amount: '￥50.00' } }));
  const ext = await launchDetached();
  try {
    await (await configureThroughOptions(ext, { endpoint: emulator.url, ak: emulator.options.ak, sk: emulator.options.sk })).close();
    await setConcurrencyThroughOptions(ext, concurrency);
    emulator.setFaults({ delayMs: serverMs, maxConcurrent: 5, retryAfterS: 1, injectRate: failureRate, injectKinds: ['429', '500', 'drop'] });
    emulator.resetStats();
    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.waitForSelector('input[type="file"]');
    const started = Date.now();
    await (await popup.$('input[type="file"]'))!.uploadFile(...uniquePngs(count, 'bench'));
    let captures: { status: string; attempts: number }[] = [];
    let intakeMs = NaN;
    const deadline = started + 600_000;
    for (;;) {
      captures = await readCaptures(popup);
      if (Number.isNaN(intakeMs) && captures.length === count) intakeMs = Date.now() - started;
      if (captures.length === count && captures.every((c) => c.status === 'done' || c.status === 'failed')) break;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const wallMs = Date.now() - started;
    const { stats } = emulator;
    return {
      captures: captures.length,
      done: captures.filter((c) => c.status === 'done').length,
      failed: captures.filter((c) => c.status === 'failed').length,
      clientRetries: captures.reduce((sum, c) => sum + c.attempts, 0) - captures.length,
      serverRequests: stats.ocrRequests,
      injected: stats.injected,
      throttled: stats.throttled,
      duplicatesAfterSuccess: stats.duplicatesAfterSuccess,
      maxInFlight: stats.maxInFlight,
      wallMs,
      intakeMs,
      idealMs: (count * serverMs) / concurrency,
    };
  } finally {
    await ext.browser.close();
    await emulator.close();
  }
}
