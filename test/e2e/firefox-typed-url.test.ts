/**
 * The Firefox build (run `npx wxt build -b firefox` first) and a URL typed into its popup for a
 * host not granted (issue 11; the Chromium side, with the browser's real prompt, is
 * typed-url-host.test.ts). Firefox refuses permissions.request outside a user input handler, and
 * a form submitted from script is none: the capture ends as LOCAL.HOST_ACCESS with "Allow reading
 * images from <host>". The prompt is turned off in the test profile (test/support/firefox.ts), so
 * the button's real click is granted at once, and the capture is read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureSites, type CaptureSites } from '../support/capture-sites/sites';
import { launchFirefoxWithExtension, openFirefoxExtensionPage, type LoadedFirefoxExtension } from '../support/firefox';
import { captureIds, readPopup, waitForNewSettled } from '../support/ui';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'invoices', 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;
const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
/** Model load and a read on a loaded 2-core machine. */
const READ_MS = 90_000;

describe('a URL typed into the popup for a host not granted (Firefox)', () => {
  let sites: CaptureSites;
  let ff: LoadedFirefoxExtension;
  let page: Page;
  beforeAll(async () => {
    sites = await startCaptureSites();
    ff = await launchFirefoxWithExtension();
    page = await openFirefoxExtensionPage(ff, 'popup.html');
  });
  afterAll(async () => {
    await ff?.browser.close();
    await sites?.close();
  });

  it('submitted from script: LOCAL.HOST_ACCESS with "Allow reading images from <host>", which a click grants and reads', async () => {
    const url = `${sites.other}/invoices/invoice-5.png`;
    const host = new URL(sites.other).host;
    const known = await captureIds(page);
    await page.$eval('#image-url', (input, u) => {
      (input as HTMLInputElement).value = u;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, url);
    await new Promise((r) => setTimeout(r, 200)); // Preact renders the typed value
    await page.$eval('form.capture-input', (form) => (form as HTMLFormElement).requestSubmit());
    const shown = await waitForNewSettled(page, known, READ_MS);
    expect(shown).toMatchObject({ status: 'failed', errorCode: 'LOCAL.HOST_ACCESS', errorText: en.error_LOCAL_HOST_ACCESS!.message });
    // Decided before any request (trial 5): nothing reached the site the user never allowed.
    const hits = () => sites.requests.filter((r) => r === `GET ${host} /invoices/invoice-5.png`).length;
    expect(hits()).toBe(0);
    const [id] = await captureIds(page);
    const allow = `article.capture[data-capture-id="${id}"] button.allow-host`;
    expect(await page.$eval(allow, (b) => b.textContent)).toBe(`Allow reading images from ${host}`);

    await page.click(allow);
    await page.waitForSelector(`article.capture[data-capture-id="${id}"][data-status="done"]`, { timeout: READ_MS });
    expect((await readPopup(page))[0]).toMatchObject({ status: 'done', fields: truth['invoice-5.png'] });
    expect(hits()).toBe(1); // the read after Allow
  });
});
