import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickRecognize, openExtensionPage } from '../support/extension';
import { useExtensionWithEmulator } from '../support/suite';
import { configureThroughOptions, waitForSettled } from '../support/ui';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'invoices', 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;
const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('right-click an invoice image → signed Huawei call → fields in the popup', () => {
  const ak = `AK${randomBytes(6).toString('hex').toUpperCase()}`;
  const sk = randomBytes(24).toString('base64');
  const projectId = randomBytes(16).toString('hex');
  const suite = useExtensionWithEmulator({ emulator: { ak, sk, projectId }, folder: FIXTURES, configure: false });

  it('recognizes a fixture invoice with a verified AK/SK signature and copies a field', async () => {
    const { emulator, site, ext } = suite;
    const options = await configureThroughOptions(ext, { endpoint: emulator.url, projectId, ak, sk });
    // Test connection makes a real call: the emulator must have verified its signature.
    await options.click('.actions button[type="button"]');
    await options.waitForFunction((text) => document.querySelector('.status.ok')?.textContent?.startsWith(text), { polling: 100 }, en.test_ok!.message);

    const page = await ext.browser.newPage();
    await page.goto(`${site.url}/pages/invoices.html`);
    const imageUrl = `${site.url}/invoices/invoice-4.png`;
    const served = Buffer.from(await (await fetch(imageUrl)).arrayBuffer());
    const before = emulator.requests.length;
    await clickRecognize(ext.worker, page, imageUrl);

    const popup = await openExtensionPage(ext, 'popup.html');
    const [shown] = await waitForSettled(popup);
    const request = emulator.requests.slice(before).find((r) => r.image);
    expect(request?.path).toBe(`/v2/${projectId}/ocr/quota-invoice`);
    expect(request?.auth).toMatchObject({ ok: true, scheme: 'aksk' });
    expect(request?.headers['x-project-id']).toBe(projectId);
    expect(request?.image?.equals(served)).toBe(true);
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-4.png'] });

    await ext.browser.defaultBrowserContext().overridePermissions(ext.origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    await popup.bringToFront();
    await popup.click(`[data-field="number"] button.copy`);
    await popup.waitForFunction((text) => document.querySelector('.notice')?.textContent === text, { polling: 100 }, en.copied!.message);
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(truth['invoice-4.png']!.number);

    // The same capture read again by the other engine, on this device: same fields, no new capture.
    const calls = emulator.requests.length;
    expect(await popup.$eval('article.capture .provider', (p) => p.getAttribute('data-provider'))).toBe('huawei');
    await popup.click('article.capture button.reread');
    await popup.waitForFunction(() => document.querySelector('article.capture .provider')?.getAttribute('data-provider') === 'ondevice', { polling: 100 });
    const [reread] = await waitForSettled(popup);
    expect(reread).toMatchObject({ status: 'done', fields: truth['invoice-4.png'] });
    expect(await popup.$$('article.capture')).toHaveLength(1);
    expect(emulator.requests.length).toBe(calls);

    // The SK never comes back to a page: the options page shows it as saved, not its value.
    await options.reload();
    await options.waitForSelector('#sk');
    expect(await options.$eval('#sk', (el) => (el as HTMLInputElement).value)).toBe('');
    expect(await options.content()).not.toContain(sk);
  });

  it('a wrong SK shows APIG.0301 in words, keeps the capture waiting for new keys, and it resumes by itself once fixed', async () => {
    const { emulator, site, ext } = suite;
    const options = await configureThroughOptions(ext, { endpoint: emulator.url, ak, sk: `${sk}x` });
    const page = await ext.browser.newPage();
    await page.goto(`${site.url}/pages/invoices.html`);
    await clickRecognize(ext.worker, page, `${site.url}/invoices/invoice-2.png`);

    const popup = await openExtensionPage(ext, 'popup.html');
    await popup.waitForFunction(() => document.querySelector('article.capture')?.getAttribute('data-wait') === 'credentials', { polling: 100, timeout: 30_000 });
    const waiting = await popup.$eval('article.capture', (c) => ({
      status: c.getAttribute('data-status'),
      label: c.querySelector('.status')?.textContent,
      code: c.querySelector('.wait')?.getAttribute('data-error-code'),
      words: c.querySelector('.wait .error-text')?.textContent,
    }));
    expect(waiting).toEqual({ status: 'queued', label: en.statusWaitCredentials!.message, code: 'APIG.0301', words: en.error_APIG_0301!.message });
    expect(await popup.$('.keys-refused')).not.toBeNull();
    expect(emulator.requests.at(-1)).toMatchObject({ path: '/v1.0/ocr/quota-invoice', status: 401, auth: { ok: false } });

    await configureThroughOptions(ext, { endpoint: emulator.url, ak, sk }, options);
    await popup.bringToFront();
    await popup.waitForFunction(() => document.querySelector('article.capture')?.getAttribute('data-status') === 'done', { timeout: 30_000, polling: 100 });
    const [resumed] = await waitForSettled(popup);
    expect(resumed).toMatchObject({ status: 'done', fields: truth['invoice-2.png'] });
    // Still one capture for this image: it resumed instead of adding another.
    const cards = await popup.$$('article.capture');
    expect(cards).toHaveLength(2);
  });
});
