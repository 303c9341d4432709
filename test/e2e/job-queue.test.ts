/**
 * Issue 11, measured from outside against the built extension and the emulator: nothing is lost
 * when the worker is stopped, the network fails or the server throttles. The worker is never
 * attached to (an attached DevTools session would keep it alive). Each test prints its figures
 * as `name: value unit` and asserts them. The emulator's recognizer is a stub (pixels are not the
 * point; images are distinct so the server tells their calls apart).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startEmulator, type Emulator } from '../emulator/server';
import { launchDetached, openExtensionPage, type LoadedExtension } from '../support/extension';
import { configureThroughOptions } from '../support/ui';
import { stopServiceWorkers, uniquePngs, waitFor, workerRunning } from '../support/worker-life';
import { wordsOf } from '../support/words';

const en = wordsOf('en');
const RESULT = { number: '01234567', code: '144031500101', location: '深圳市', amount: '￥50.00' };
const figure = (name: string, value: number, unit: string) => console.log(`${name}: ${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`);

interface Card {
  id: string;
  status: string;
  wait: string | null;
}

function cards(popup: Page): Promise<Card[]> {
  return popup.$$eval('article.capture', (list) =>
    list.map((c) => ({ id: c.getAttribute('data-capture-id') ?? '', status: c.getAttribute('data-status') ?? '', wait: c.getAttribute('data-wait') })),
  );
}

/** Captures `files` through the popup's file picker (one recognizeFile message each). */
async function captureFiles(ext: Omit<LoadedExtension, 'worker'>, files: string[]): Promise<Page> {
  const popup = await openExtensionPage(ext, 'popup.html');
  await popup.waitForSelector('input[type="file"]');
  // The popup lists the 20 newest captures: wait for these files' own cards, not for any cards.
  await popup.waitForFunction(() => document.querySelector('article.capture') !== null || document.querySelector('.empty') !== null, { polling: 100 });
  const before = await popup.$$eval('article.capture', (list) => list.map((c) => c.getAttribute('data-capture-id')));
  const input = await popup.$('input[type="file"]');
  await input!.uploadFile(...files);
  await popup.waitForFunction(
    (n, old) => Array.from(document.querySelectorAll('article.capture')).filter((c) => !old.includes(c.getAttribute('data-capture-id'))).length >= n,
    { polling: 100, timeout: 60_000 },
    Math.min(files.length, 20),
    before,
  );
  return popup;
}

async function allDone(popup: Page, n: number, timeout: number): Promise<void> {
  await popup.waitForFunction(
    (count) => {
      const list = Array.from(document.querySelectorAll('article.capture'));
      return list.length >= count && list.slice(0, count).every((c) => c.getAttribute('data-status') === 'done');
    },
    { polling: 200, timeout },
    n,
  );
}

describe('persisted jobs against a server that is slow, throttles, refuses keys or goes down', () => {
  let emulator: Emulator;
  let ext: Omit<LoadedExtension, 'worker'>;

  beforeAll(async () => {
    emulator = await startEmulator({}, async () => ({ ok: true, result: RESULT }));
    ext = await launchDetached();
    const { url, options } = emulator;
    await (await configureThroughOptions(ext, { endpoint: url, ak: options.ak, sk: options.sk })).close();
  });
  afterAll(async () => {
    await ext?.browser.close();
    await emulator?.close();
  });

  it('a worker stopped mid-recognition resumes its captures (alarm, then popup), none lost, none sent twice after a success', async () => {
    emulator.resetStats();
    emulator.setFaults({ delayMs: 4_000 });
    const popup = await captureFiles(ext, uniquePngs(4, 'stop'));
    await waitFor(() => emulator.stats.inFlight > 0, 20_000, 'a call in flight');
    await popup.close(); // no extension page open: only the alarm can wake the worker
    await stopServiceWorkers(ext.browser);
    const stoppedAt = Date.now();
    await waitFor(() => !workerRunning(ext.browser, ext.origin), 10_000, 'the worker to stop');
    const before = emulator.stats.ocrRequests;
    await waitFor(() => emulator.stats.ocrRequests > before, 60_000, 'a call from a woken worker');
    const alarmResumeS = (Date.now() - stoppedAt) / 1000;
    figure('resume_after_worker_stop_by_alarm', alarmResumeS, 's');
    expect(alarmResumeS).toBeLessThanOrEqual(35);

    // Stopped again while those run; this time the popup opens and must wake it at once.
    await waitFor(() => emulator.stats.inFlight > 0, 20_000, 'a call in flight');
    await stopServiceWorkers(ext.browser);
    await waitFor(() => !workerRunning(ext.browser, ext.origin), 10_000, 'the worker to stop');
    const before2 = emulator.stats.ocrRequests;
    const opened = Date.now();
    const again = await openExtensionPage(ext, 'popup.html');
    await waitFor(() => emulator.stats.ocrRequests > before2, 20_000, 'a call after the popup opened');
    const popupResumeS = (Date.now() - opened) / 1000;
    figure('resume_after_worker_stop_by_popup', popupResumeS, 's');
    expect(popupResumeS).toBeLessThan(5);

    await allDone(again, 4, 60_000);
    const shown = await cards(again);
    figure('captures_lost', 4 - shown.filter((c) => c.status === 'done').length, 'captures');
    figure('duplicates_after_success', emulator.stats.duplicatesAfterSuccess, 'requests');
    expect(shown).toHaveLength(4);
    expect(emulator.stats.duplicatesAfterSuccess).toBe(0);
    await again.close();
  });

  it('a server slower than the 30 s idle limit: the worker is kept alive and the call is sent once', async () => {
    emulator.resetStats();
    emulator.setFaults({ delayMs: 36_000 });
    const popup = await captureFiles(ext, uniquePngs(1, 'slow'));
    await popup.close();
    const started = Date.now();
    await waitFor(() => emulator.stats.successes === 1, 70_000, 'the slow answer');
    const popup2 = await openExtensionPage(ext, 'popup.html');
    await allDone(popup2, 1, 10_000);
    figure('slow_call_seconds', (Date.now() - started) / 1000, 's');
    figure('slow_call_requests_sent', emulator.stats.ocrRequests, 'requests');
    expect(emulator.stats.ocrRequests).toBe(1);
    expect(emulator.stats.abandoned).toBe(0);
    await popup2.close();
  }, 120_000);

  it('20 captures at once: no more calls in flight than the setting (2), throttled ones wait and all finish', async () => {
    emulator.resetStats();
    emulator.setFaults({ delayMs: 300, maxConcurrent: 5, retryAfterS: 1 });
    const popup = await captureFiles(ext, uniquePngs(20, 'burst'));
    await allDone(popup, 20, 90_000);
    figure('max_concurrent_requests_seen', emulator.stats.maxInFlight, 'requests');
    figure('throttled_answers', emulator.stats.throttled, 'requests');
    expect(emulator.stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(emulator.stats.throttled).toBe(0);

    // The setting raised above the server's limit: throttled captures wait, visibly, and resume.
    const options = await openExtensionPage(ext, 'options.html');
    await options.waitForSelector('details.advanced summary');
    await options.click('details.advanced summary');
    await options.click('#concurrency', { count: 3 });
    await options.type('#concurrency', '8');
    await options.click('button[type="submit"]');
    await options.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('saved'), { polling: 100 });
    await options.close();
    emulator.resetStats();
    emulator.setFaults({ delayMs: 5_000 }); // long enough that the 20 intakes overlap, even on a loaded machine
    emulator.setFaults({ maxConcurrent: 5 });
    const popup2 = await captureFiles(ext, uniquePngs(20, 'burst8'));
    const waits = new Set<string>();
    await popup2.exposeFunction('sawWait', (w: string) => void waits.add(w));
    await popup2.evaluate(() => {
      const seen = (window as unknown as { sawWait: (w: string) => void }).sawWait;
      new MutationObserver(() => document.querySelectorAll('article.capture[data-wait]').forEach((c) => seen(c.getAttribute('data-wait')!))).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    await allDone(popup2, 20, 120_000);
    figure('throttled_setting8_max_concurrent_requests_seen', emulator.stats.maxInFlight, 'requests');
    figure('throttled_setting8_throttled_answers', emulator.stats.throttled, 'requests');
    figure('throttled_setting8_failed', (await cards(popup2)).slice(0, 20).filter((c) => c.status !== 'done').length, 'captures');
    expect(emulator.stats.throttled).toBeGreaterThan(0);
    expect(waits.has('throttled')).toBe(true);
    expect(emulator.stats.duplicatesAfterSuccess).toBe(0);
    // Back to the default for the next tests.
    const reset = await openExtensionPage(ext, 'options.html');
    await reset.waitForSelector('details.advanced summary');
    await reset.click('details.advanced summary');
    await reset.click('#concurrency', { count: 3 });
    await reset.type('#concurrency', '2');
    await reset.click('button[type="submit"]');
    await reset.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('saved'), { polling: 100 });
    await reset.close();
    await popup.close();
    await popup2.close();
  }, 240_000);

  it('a wrong SK: one bad signature, then captures wait for new keys; Test connection sends none; new keys resume them one verdict first', async () => {
    emulator.resetStats();
    emulator.setFaults({ delayMs: 300, maxConcurrent: 0 });
    const { url, options } = emulator;
    const settingsPage = await configureThroughOptions(ext, { endpoint: url, ak: options.ak, sk: `${options.sk}-wrong` });
    const popup = await captureFiles(ext, uniquePngs(10, 'badkey'));
    await popup.waitForFunction(() => Array.from(document.querySelectorAll('article.capture')).slice(0, 10).every((c) => c.getAttribute('data-wait') === 'credentials'), { polling: 100, timeout: 30_000 });
    figure('bad_signatures_before_stopping', emulator.stats.badSignatures, 'requests');
    expect(emulator.stats.badSignatures).toBe(1);
    expect(emulator.stats.lockedRefusals).toBe(0);
    expect(await popup.$eval('.keys-refused', (p) => p.textContent)).toContain(en('popupKeysRefused', '10').split('.')[0]!);
    expect(await popup.$eval('article.capture .status', (s) => s.textContent)).toBe(en('statusWaitCredentials'));

    // Test connection with the same refused keys: no request, and words that say what to do.
    await settingsPage.bringToFront();
    await settingsPage.click('.actions button[type="button"]');
    await settingsPage.waitForFunction((text) => document.querySelector('.status.failed')?.textContent?.startsWith(text), { polling: 100, timeout: 10_000 }, en('error_LOCAL_KEYS_REFUSED'));
    figure('bad_signatures_after_test_connection', emulator.stats.badSignatures, 'requests');
    expect(emulator.stats.badSignatures).toBe(1);

    // New (right) keys: the first call alone, the rest only after its verdict.
    const fixedAt = Date.now();
    await configureThroughOptions(ext, { endpoint: url, ak: options.ak, sk: options.sk }, settingsPage);
    await popup.bringToFront();
    await allDone(popup, 10, 60_000);
    const after = emulator.requests.filter((r) => (r.receivedAt ?? 0) >= fixedAt).sort((a, b) => a.receivedAt! - b.receivedAt!);
    expect(after[0]!.auth).toMatchObject({ ok: true });
    expect(after[1]!.receivedAt!).toBeGreaterThanOrEqual(after[0]!.answeredAt!);
    figure('bad_signatures_total', emulator.stats.badSignatures, 'requests');
    expect(emulator.stats.badSignatures).toBe(1);
    expect(await popup.$('.keys-refused')).toBeNull();
    await popup.close();
    await settingsPage.close();
  });

  it('the API down for 20 s during a batch of 10: captures wait for the network and all finish when it returns', async () => {
    emulator.resetStats();
    emulator.setFaults({ delayMs: 200, down: true });
    const popup = await captureFiles(ext, uniquePngs(10, 'down'));
    const downAt = Date.now();
    // A card waiting for the network says so in words (read in the same poll as the wait: the card moves on to
    // "Recognizing…" at its next try, so a second look may find it already retrying).
    const waitingWords = await popup.waitForFunction(() => document.querySelector('article.capture[data-wait="network"] .status')?.textContent ?? null, { polling: 100, timeout: 20_000 });
    expect(await waitingWords.jsonValue()).toBe(en('statusWaitNetwork'));
    await new Promise((r) => setTimeout(r, Math.max(0, 20_000 - (Date.now() - downAt))));
    const failedWhileDown = (await cards(popup)).slice(0, 10).filter((c) => c.status === 'failed').length;
    emulator.setFaults({ down: false });
    const upAt = Date.now();
    await allDone(popup, 10, 90_000);
    figure('failed_while_down', failedWhileDown, 'captures');
    figure('done_after_network_returned', (await cards(popup)).slice(0, 10).filter((c) => c.status === 'done').length, 'captures');
    figure('seconds_to_finish_after_network_returned', (Date.now() - upAt) / 1000, 's');
    expect(failedWhileDown).toBe(0);
    expect(emulator.stats.duplicatesAfterSuccess).toBe(0);
    await popup.close();
  }, 150_000);
});
