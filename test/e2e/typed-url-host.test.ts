/**
 * A URL typed into the popup on a fresh install (issue 11: image hosts are optional), for a host
 * the user has not granted. Submitted on a real Enter, the popup asks for the host at once (the
 * browser's real prompt, answered under Xvfb as in least-privilege.test.ts; the typing, Enter and
 * click go through the X server) and the capture is read. Submitted outside any user gesture (the
 * browser refuses to show the prompt then), the capture ends as LOCAL.HOST_ACCESS with "Allow
 * reading images from <host>" in its row, and that button (a real click) asks and reads it — not
 * as a download failure asking "are you logged in?".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import type { WxtBrowser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureSites, type CaptureSites } from '../support/capture-sites/sites';
import { launchWithExtension, openExtensionPage, waitForMenu, type LoadedExtension } from '../support/extension';
import { captureIds, readPopup, storedAttempts, waitForNewSettled } from '../support/ui';
import { clickOnScreen, pressKeys, startXvfb, typeText, type VirtualDisplay } from '../support/xvfb';

/** The extension's global, inside page.evaluate() callbacks on its pages. */
declare const chrome: WxtBrowser;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'invoices', 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;
const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
/** Model load and a read on a loaded 2-core machine. */
const READ_MS = 90_000;

let xvfb: VirtualDisplay;
let sites: CaptureSites;
let ext: LoadedExtension;
let popup: Page;

beforeAll(async () => {
  [xvfb, sites] = await Promise.all([startXvfb(), startCaptureSites()]);
  ext = await launchWithExtension({ headless: false, hosts: 'as-installed', display: xvfb.display });
  await waitForMenu(ext.worker);
  popup = await openExtensionPage(ext, 'popup.html');
});
afterAll(async () => {
  await ext?.browser.close();
  await sites?.close();
  await xvfb?.close();
});

/** How many requests for `url` (its host and path) reached the test sites. */
const hits = (url: string) => {
  const { host, pathname, search } = new URL(url);
  return sites.requests.filter((r) => r === `GET ${host} ${pathname}${search}`).length;
};

const allowed = (url: string) => popup.evaluate((u) => chrome.permissions.contains({ origins: [`${new URL(u).protocol}//${new URL(u).hostname}/*`] }), url);

/**
 * Waits for the browser's prompt to take the focus from the popup and answers "Allow": its
 * default button is Cancel, shift+Tab reaches Allow, enabled only a moment after it shows.
 */
async function answerAllow(): Promise<void> {
  await popup.waitForFunction(() => !document.hasFocus(), { polling: 50, timeout: 15_000 });
  await new Promise((r) => setTimeout(r, 1_000));
  await pressKeys(xvfb.display, 'shift+Tab', 'Return');
}

/**
 * Types `url` into the URL box and submits the form from script, through DevTools without a user
 * gesture (Puppeteer's own evaluate() and key presses count as one, so it first waits for their
 * activation to lapse): the popup's submit as a
 * dropped link or a synthetic Enter makes it, where the browser refuses to show its prompt.
 * Resolves whether the page had a user activation when it submitted (it must not).
 */
async function submitWithoutGesture(url: string): Promise<boolean> {
  const cdp = await popup.createCDPSession();
  try {
    const { result } = await cdp.send('Runtime.evaluate', {
      userGesture: false,
      awaitPromise: true,
      returnByValue: true,
      expression: `(async () => {
        // Puppeteer's own calls gave the page an activation; it lapses 5 s after the last one.
        for (let i = 0; i < 100 && navigator.userActivation.isActive; i++) await new Promise((r) => setTimeout(r, 100));
        const input = document.querySelector('#image-url');
        input.value = ${JSON.stringify(url)};
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 100)); // Preact renders the typed value
        const active = navigator.userActivation.isActive;
        input.form.requestSubmit();
        return active;
      })()`,
    });
    return result.value as boolean;
  } finally {
    await cdp.detach();
  }
}

/**
 * Types `url` into the popup's URL box and presses Enter through the X server, as a user does.
 * With Puppeteer's own typing and Enter (DevTools input events, never seen by the X server)
 * Chromium showed no prompt in 6 of 8 runs under load: permissions.request was called with a user
 * activation and stayed pending, no dialog window was created (xwininfo), and every later request
 * queued behind it.
 */
async function typeUrlAndEnter(url: string): Promise<void> {
    await clickOnScreen(xvfb.display, popup, '#image-url');
    await typeText(xvfb.display, url);
    await popup.waitForFunction((u) => (document.querySelector('#image-url') as HTMLInputElement).value === u, { polling: 50, timeout: 10_000 }, url);
    await pressKeys(xvfb.display, 'Return');
}

describe('a URL typed into the popup for a host not granted (fresh install)', () => {
  it('submitted on a real Enter: the host is asked for at once, and the capture is read without failing', async () => {
    const url = `${sites.main}/invoices/invoice-1.png`;
    expect(await allowed(url)).toBe(false);
    const known = await captureIds(popup);
    await popup.bringToFront();
    await typeUrlAndEnter(url);
    await answerAllow();
    const shown = await waitForNewSettled(popup, known, READ_MS);
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-1.png'] });
    expect(await allowed(url)).toBe(true);
    // Sent before the prompt, started by the popup's answer and by the grant's event: one row, read once.
    const added = (await captureIds(popup)).filter((id) => !known.includes(id));
    expect(added).toHaveLength(1);
    expect(await storedAttempts(popup, added[0]!)).toBe(1);
  });

  it('submitted outside a user gesture: LOCAL.HOST_ACCESS with "Allow reading images from <host>" in the row, which asks and reads it', async () => {
    const url = `${sites.other}/invoices/invoice-5.png`;
    const host = new URL(sites.other).host;
    expect(await allowed(url)).toBe(false);
    const known = await captureIds(popup);
    expect(await submitWithoutGesture(url)).toBe(false);
    const shown = await waitForNewSettled(popup, known, READ_MS);
    expect(shown).toMatchObject({ status: 'failed', errorCode: 'LOCAL.HOST_ACCESS', errorText: en.error_LOCAL_HOST_ACCESS!.message });
    // Decided before any request (trial 5): nothing reached the site the user never allowed.
    expect(hits(url)).toBe(0);
    const [id] = await captureIds(popup);
    const allow = `article.capture[data-capture-id="${id}"] button.allow-host`;
    expect(await popup.$eval(allow, (b) => b.textContent)).toBe(`Allow reading images from ${host}`);

    await popup.bringToFront();
    await clickOnScreen(xvfb.display, popup, allow);
    await answerAllow();
    await popup.waitForSelector(`article.capture[data-capture-id="${id}"][data-status="done"]`, { timeout: READ_MS });
    expect((await readPopup(popup))[0]).toMatchObject({ status: 'done', fields: truth['invoice-5.png'] });
    expect(hits(url)).toBe(1); // the read after Allow
    expect(await popup.$(allow)).toBeNull();
    expect(await allowed(url)).toBe(true);
  });

  // After the tests above (127.0.0.1 and localhost granted): Chromium sends *.localhost to loopback.
  it('granted with no retry from the page (a popup the prompt closed): the worker reads the capture by itself', async () => {
    const url = `http://img.localhost:${new URL(sites.other).port}/invoices/invoice-3.png`;
    expect(await allowed(url)).toBe(false);
    const known = await captureIds(popup);
    expect(await submitWithoutGesture(url)).toBe(false);
    expect(await waitForNewSettled(popup, known, READ_MS)).toMatchObject({ status: 'failed', errorCode: 'LOCAL.HOST_ACCESS' });
    const [id] = await captureIds(popup);
    // A button that asks for the host and does nothing else: only the worker can read it again.
    await popup.evaluate((pattern) => {
      const ask = document.createElement('button');
      ask.id = 'grant-only';
      ask.textContent = 'grant';
      ask.onclick = () => void chrome.permissions.request({ origins: [pattern] });
      document.body.prepend(ask);
    }, `http://img.localhost/*`);
    await popup.bringToFront();
    await clickOnScreen(xvfb.display, popup, '#grant-only');
    await answerAllow();
    await popup.waitForSelector(`article.capture[data-capture-id="${id}"][data-status="done"]`, { timeout: READ_MS });
    expect((await readPopup(popup))[0]).toMatchObject({ status: 'done', fields: truth['invoice-3.png'] });
    expect(await allowed(url)).toBe(true);
  });

  it('a prompt left unanswered holds nothing back: the capture ends LOCAL.HOST_ACCESS with Allow, and a late yes reads it', async () => {
    const url = `http://late.localhost:${new URL(sites.other).port}/invoices/invoice-4.png`;
    expect(await allowed(url)).toBe(false);
    const known = await captureIds(popup);
    await popup.bringToFront();
    await typeUrlAndEnter(url);
    await popup.waitForFunction(() => !document.hasFocus(), { polling: 50, timeout: 15_000 }); // the prompt is up
    // Not answered: the popup stops waiting (PROMPT_WAIT_MS) and the capture goes ahead.
    expect(await waitForNewSettled(popup, known, READ_MS)).toMatchObject({ status: 'failed', errorCode: 'LOCAL.HOST_ACCESS' });
    const [id] = await captureIds(popup);
    await answerAllow();
    await popup.waitForSelector(`article.capture[data-capture-id="${id}"][data-status="done"]`, { timeout: READ_MS });
    expect((await readPopup(popup))[0]).toMatchObject({ status: 'done', fields: truth['invoice-4.png'] });
    expect(await allowed(url)).toBe(true);
    expect((await captureIds(popup)).filter((c) => !known.includes(c))).toEqual([id]);
    expect(await storedAttempts(popup, id)).toBe(2); // the run that found no access, then the one after the yes
  });

  // Trial 5: after Cancel in the prompt the site still received GET …/invoice.png from the worker.
  it('denied in the prompt: LOCAL.HOST_ACCESS, and not one request reaches the site; no "Read by" before a read', async () => {
    const url = `http://deny.localhost:${new URL(sites.other).port}/invoices/invoice-2.png`;
    expect(await allowed(url)).toBe(false);
    const known = await captureIds(popup);
    await popup.bringToFront();
    await typeUrlAndEnter(url);
    await popup.waitForFunction(() => !document.hasFocus(), { polling: 50, timeout: 15_000 }); // the prompt is up
    // The row, stored before the prompt, waiting for the answer.
    await popup.waitForFunction((ids) => !ids.includes(document.querySelector('article.capture')?.getAttribute('data-capture-id') ?? ''), { polling: 50, timeout: 10_000 }, known);
    const [id] = (await captureIds(popup)).filter((c) => !known.includes(c));
    const row = `article.capture[data-capture-id="${id}"]`;
    // Waiting for the answer: nothing was read, so no engine is named.
    expect(await popup.$eval(row, (r) => r.getAttribute('data-status'))).toBe('queued');
    expect(await popup.$(`${row} .provider`)).toBeNull();
    await new Promise((r) => setTimeout(r, 1_000));
    await pressKeys(xvfb.display, 'Return'); // Cancel, the prompt's default button
    expect(await waitForNewSettled(popup, known, READ_MS)).toMatchObject({ status: 'failed', errorCode: 'LOCAL.HOST_ACCESS' });
    expect(await allowed(url)).toBe(false);
    expect(await popup.$(`${row} .provider`)).toBeNull();
    expect(hits(url)).toBe(0);
  });
});
