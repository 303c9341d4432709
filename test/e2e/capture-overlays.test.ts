/**
 * Invoices that are not plain <img>s: picked with the overlay (CSS background, canvas, tainted
 * canvas) or selected as a region, at 150% zoom; real mouse input drives the overlays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { beforeAll, describe, expect, it } from 'vitest';
import { useExtensionWithEmulator } from '../support/suite';
import type { WxtBrowser } from 'wxt/browser';
import { clickMenuItem } from '../support/extension';
import { cardCount, waitForSettled, type ShownCapture } from '../support/ui';

declare const chrome: WxtBrowser;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'invoices');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;

const suite = useExtensionWithEmulator();
beforeAll(() => suite.tab.setViewport({ width: 1600, height: 1200 }));

async function open(page: string): Promise<void> {
  await suite.tab.bringToFront();
  await suite.tab.goto(`${suite.sites.main}/pages/${page}`);
  await suite.tab.waitForSelector('body[data-ready]');
}

/** The popup's new capture once settled, and the image the emulator received since `calls`. */
async function settled(before: number, calls: number): Promise<{ shown: ShownCapture; sent?: Buffer }> {
  const [shown] = await waitForSettled(suite.popup, 1, 60_000, before + 1);
  return { shown: shown!, sent: suite.emulator.requests.slice(calls).find((r) => r.image)?.image };
}

async function pick(selector: string): Promise<void> {
  await clickMenuItem(suite.ext.worker, suite.tab, 'pick-quota-invoice');
  await suite.tab.waitForSelector('[data-qic-overlay="tip"]');
  const box = (await (await suite.tab.$(selector))!.boundingBox())!;
  await suite.tab.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await suite.tab.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

describe('pick an invoice on the page', () => {
  it.each([
    ['a CSS background image', 'background.html', 'invoice-5.png'],
    ['a canvas', 'canvas.html', 'invoice-6.png'],
    ['a canvas tainted by a cross-origin image (screenshot of its box)', 'tainted.html', 'invoice-3.png'],
  ])('%s', async (_name, page, file) => {
    await open(page);
    const [before, calls] = [await cardCount(suite.popup), suite.emulator.requests.length];
    await pick('#target');
    const { shown } = await settled(before, calls);
    expect(shown).toMatchObject({ status: 'done', fields: truth[file] });
  });

  it('Escape cancels and captures nothing', async () => {
    await open('background.html');
    const before = await cardCount(suite.popup);
    await clickMenuItem(suite.ext.worker, suite.tab, 'pick-quota-invoice');
    await suite.tab.waitForSelector('[data-qic-overlay="tip"]');
    await suite.tab.keyboard.press('Escape');
    await suite.tab.waitForFunction(() => !document.querySelector('[data-qic-overlay]'), { polling: 100 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await cardCount(suite.popup)).toBe(before);
  });
});

describe('select a region', () => {
  it('at 150% zoom, the emulator receives the selected pixels at device resolution', async () => {
    await open('canvas.html');
    await suite.ext.worker.evaluate(async (url) => {
      const t = (await chrome.tabs.query({ url }))[0]!;
      await chrome.tabs.setZoom(t.id!, 1.5);
    }, suite.tab.url());
    await suite.tab.waitForFunction(() => window.devicePixelRatio === 1.5, { polling: 100 });
    const [before, calls] = [await cardCount(suite.popup), suite.emulator.requests.length];
    await clickMenuItem(suite.ext.worker, suite.tab, 'region-quota-invoice');
    await suite.tab.waitForSelector('[data-qic-overlay="region"]');
    const box = (await (await suite.tab.$('#target'))!.boundingBox())!;
    await suite.tab.mouse.move(box.x - 4, box.y - 4);
    await suite.tab.mouse.down();
    await suite.tab.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    await suite.tab.mouse.move(box.x + box.width + 4, box.y + box.height + 4, { steps: 4 });
    await suite.tab.mouse.up();
    const { shown, sent } = await settled(before, calls);
    expect(shown).toMatchObject({ status: 'done', fields: truth['invoice-6.png'] });
    const size = imageSize(sent!);
    expect(Math.abs(size.width - Math.round((box.width + 8) * 1.5))).toBeLessThanOrEqual(2);
    expect(Math.abs(size.height - Math.round((box.height + 8) * 1.5))).toBeLessThanOrEqual(2);
  });
});
