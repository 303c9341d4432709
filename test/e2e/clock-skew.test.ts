/**
 * The shared case "the computer's clock is 20 minutes behind the gateway's", in real Chromium:
 * the built extension signs with AK/SK against the emulator, whose clock runs 20 minutes ahead
 * (this machine's clock cannot be moved, the gateway's can). One signature is refused for its
 * date; the extension reads the gateway's time from that answer's `Date`, signs again, succeeds,
 * tells the user, and spends no further refused signature.
 */
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
const AHEAD_MS = 20 * 60_000;

describe('a computer clock 20 minutes behind the gateway (AK/SK, real Chromium)', () => {
  const ak = `AK${randomBytes(6).toString('hex').toUpperCase()}`;
  const sk = randomBytes(24).toString('base64');
  // A constant recognizer: the pixels are read elsewhere; here the signatures are the point.
  const suite = useExtensionWithEmulator({ emulator: { ak, sk, clockOffsetMs: AHEAD_MS }, recognizer: async () => ({ ok: true, result: truth['invoice-4.png']! }), folder: FIXTURES, configure: false });

  const refused = () => suite.emulator.requests.filter((r) => r.auth?.scheme === 'aksk' && !r.auth.ok);
  const told = en.clockBehind!.message.replace('$1', '20');

  it('one refused signature, then the capture is done and the user is told the clock is ~20 minutes behind', async () => {
    const { emulator, site, ext } = suite;
    const options = await configureThroughOptions(ext, { endpoint: emulator.url, ak, sk });
    const page = await ext.browser.newPage();
    await page.goto(`${site.url}/pages/invoices.html`);
    await clickRecognize(ext.worker, page, `${site.url}/invoices/invoice-4.png`);

    const popup = await openExtensionPage(ext, 'popup.html');
    const [shown] = await waitForSettled(popup);
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-4.png'] });
    expect(shown!.errorCode).toBeUndefined(); // the keys are not blamed
    const notice = await popup.$eval('article.capture .clock-notice', (p) => ({ text: p.textContent, minutes: p.getAttribute('data-clock-offset-minutes') }));
    expect(notice).toEqual({ text: told, minutes: '20' });
    expect(refused()).toHaveLength(1);
    expect(refused()[0]).toMatchObject({ status: 401, errorCode: 'APIG.0301', auth: { reason: 'stale-date' } });
    expect(emulator.requests.at(-1)).toMatchObject({ status: 200, auth: { ok: true, scheme: 'aksk' } });

    // The next capture and Test connection sign with the gateway's time from the start.
    await clickRecognize(ext.worker, page, `${site.url}/invoices/invoice-4.png`);
    await popup.bringToFront();
    const [second] = await waitForSettled(popup, 1, 60_000, 2);
    expect(second).toMatchObject({ status: 'done' });
    await options.bringToFront();
    await options.click('.actions button[type="button"]');
    await options.waitForFunction((text) => document.querySelector('.status.ok')?.textContent?.startsWith(text), { polling: 100 }, en.test_ok!.message);
    expect(await options.$eval('.status.ok', (s) => s.textContent)).toContain(told);
    expect(refused()).toHaveLength(1);
  });
});
