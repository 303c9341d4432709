/**
 * Capture from where invoices really are: web mail behind a login, blob:/data: URLs, srcset,
 * iframes, every image format; each ends in a correct request at the emulator or a clear error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import type { Page } from 'puppeteer';
import { describe, expect, it } from 'vitest';
import { useExtensionWithEmulator } from '../support/suite';
import { clickRecognize, openExtensionPage } from '../support/extension';
import { cardCount, waitForSettled, type ShownCapture } from '../support/ui';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'invoices');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;
const invoice = (name: string) => readFileSync(join(FIXTURES, name));
const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

const suite = useExtensionWithEmulator();

/** Opens a page, right-clicks the image, and returns what the popup shows and what the emulator got. */
async function capture(pageUrl: string, srcUrl: (page: Page) => Promise<string>, frameUrl?: string): Promise<{ shown: ShownCapture; sent?: Buffer }> {
  await suite.tab.bringToFront();
  if (suite.tab.url() !== pageUrl) await suite.tab.goto(pageUrl);
  await suite.tab.waitForSelector('body[data-ready]');
  const before = await cardCount(suite.popup);
  const calls = suite.emulator.requests.length;
  await clickRecognize(suite.ext.worker, suite.tab, await srcUrl(suite.tab), frameUrl);
  const [shown] = await waitForSettled(suite.popup, 1, 60_000, before + 1);
  return { shown: shown!, sent: suite.emulator.requests.slice(calls).find((r) => r.image)?.image };
}

const src = (selector: string) => (page: Page) => page.$eval(selector, (img) => (img as HTMLImageElement).currentSrc);

describe('web mail behind a login', () => {
  it('logged in: the full attachment behind the thumbnail is read, not the 240 px thumbnail', async () => {
    await suite.tab.goto(`${suite.sites.main}/mail/login`);
    await Promise.all([suite.tab.waitForNavigation(), suite.tab.click('#submit')]);
    const { shown, sent } = await capture(`${suite.sites.main}/mail/inbox`, src('#target'));
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-1.png'] });
    expect(sent?.equals(invoice('invoice-1.png'))).toBe(true);
  });

  it('the same message inside a same-origin iframe', async () => {
    const { shown } = await capture(`${suite.sites.main}/mail/inbox-iframe`, async (page) => page.frames()[1]!.$eval('#target', (i) => (i as HTMLImageElement).currentSrc), `${suite.sites.main}/mail/message/1`);
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-1.png'] });
  });

  it('logged out: the link answers a login page, and the popup says to log in', async () => {
    await suite.tab.goto(`${suite.sites.main}/mail/inbox`);
    await suite.tab.waitForSelector('body[data-ready]');
    const thumb = await src('#target')(suite.tab);
    const client = await suite.tab.createCDPSession();
    await client.send('Network.clearBrowserCookies');
    const before = await cardCount(suite.popup);
    await clickRecognize(suite.ext.worker, suite.tab, thumb);
    const [shown] = await waitForSettled(suite.popup, 1, 60_000, before + 1);
    expect(shown).toMatchObject({ status: 'failed', errorCode: 'LOCAL.NOT_IMAGE', errorText: en.error_LOCAL_NOT_IMAGE!.message });
  });
});

describe('images the worker cannot simply fetch', () => {
  it.each([
    ['a blob: URL', 'blob.html', 'invoice-2.png'],
    ['a data: URL', 'data.html', 'invoice-3.png'],
  ])('%s', async (_name, page, file) => {
    const { shown, sent } = await capture(`${suite.sites.main}/pages/${page}`, src('#target'));
    expect(shown).toMatchObject({ status: 'done', fields: truth[file] });
    expect(sent?.equals(invoice(file))).toBe(true);
  });

  it('srcset: the largest candidate, not the displayed thumbnail', async () => {
    const { shown, sent } = await capture(`${suite.sites.main}/pages/srcset.html`, src('#target'));
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-1.png'] });
    expect(sent?.equals(invoice('invoice-1.png'))).toBe(true);
  });

  it.each([
    ['same-origin', 'iframe-same.html', () => `${suite.sites.main}/pages/frame.html`],
    ['cross-origin', 'iframe-cross.html', () => `${suite.sites.other}/pages/frame.html`],
  ])('an image inside a %s iframe', async (_name, page, frame) => {
    const { shown } = await capture(`${suite.sites.main}/pages/${page}`, async (p) => p.frames()[1]!.$eval('#target', (i) => (i as HTMLImageElement).currentSrc), frame());
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-5.png'] });
  });
});

describe('every format fitted to the API', () => {
  it.each(['#webp', '#gif', '#svg'])('%s is converted and recognized', async (selector) => {
    const { shown, sent } = await capture(`${suite.sites.main}/pages/formats.html`, src(selector));
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-4.png'] });
    expect(['jpg', 'png']).toContain(imageSize(sent!).type);
  });

  it('an 8000×6000 photo is downscaled to 4096 px and stays under the base64 budget', async () => {
    const { shown, sent } = await capture(`${suite.sites.main}/pages/formats.html`, src('#big'));
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-4.png'] });
    const size = imageSize(sent!);
    expect(Math.max(size.width, size.height)).toBe(4096);
    expect(Math.ceil(sent!.length / 3) * 4).toBeLessThanOrEqual(10 * 1024 * 1024);
  });

  it.each([
    ['a 10×10 PNG', '#tiny', 'LOCAL.IMAGE_TOO_SMALL'],
    ['a 404', '#missing', 'LOCAL.IMAGE_FETCH'],
    ['a URL that answers HTML', '#login', 'LOCAL.NOT_IMAGE'],
  ])('%s fails in words', async (_name, selector, code) => {
    const page = selector === '#tiny' ? 'formats.html' : 'errors.html';
    const calls = suite.emulator.requests.length;
    const { shown } = await capture(`${suite.sites.main}/pages/${page}`, (p) => p.$eval(selector, (i) => (i as HTMLImageElement).src));
    expect(shown).toMatchObject({ status: 'failed', errorCode: code });
    expect(shown.errorText).toBe(en[`error_${code.replace(/\W/g, '_')}`]!.message);
    expect(suite.emulator.requests.length).toBe(calls); // nothing unusable is sent
  });
});

describe('sending public image links instead of bytes (a setting, off by default)', () => {
  it('sends the URL when chosen, and the bytes for what the endpoint could not fetch', async () => {
    const options = await openExtensionPage(suite.ext, 'options.html');
    await options.waitForSelector('input[name="sendImageUrl"]');
    await options.click('input[name="sendImageUrl"]');
    await options.click('button[type="submit"]');
    await options.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('saved'), { polling: 100 });
    try {
      const framed = await capture(`${suite.sites.main}/pages/iframe-cross.html`, async (p) => p.frames()[1]!.$eval('#target', (i) => (i as HTMLImageElement).currentSrc), `${suite.sites.other}/pages/frame.html`);
      expect(framed.shown).toMatchObject({ status: 'done', fields: truth['invoice-5.png'] });
      expect(suite.emulator.requests.at(-1)).toMatchObject({ url: `${suite.sites.other}/invoices/invoice-5.png`, status: 200 });
      const blob = await capture(`${suite.sites.main}/pages/blob.html`, src('#target'));
      expect(blob.sent?.equals(invoice('invoice-2.png'))).toBe(true);
    } finally {
      await options.bringToFront();
      await options.click('input[name="sendImageUrl"]');
      await options.click('button[type="submit"]');
      await options.close();
    }
  });
});
