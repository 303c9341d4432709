/**
 * The in-page card where it has no room, and when Huawei refused the keys (issue 13): on a mail of
 * many invoices in a narrow window no side of the clicked picture is free, so the card collapses
 * to a chip that covers no picture and opens on Enter; with refused keys the card stops on the
 * refusal in words with a Settings button (it span for ever on "waiting: check your keys").
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { describe, expect, it } from 'vitest';
import { CARD, inCard, rightClickRecognize, waitForCardSettled } from '../support/in-page-card';
import { useExtensionWithEmulator } from '../support/suite';
import { configureThroughOptions } from '../support/ui';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'invoices', 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;
const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

/** The pictures of the page the card's host lies over (ids). */
const coveredImages = (p: Page) =>
  p.evaluate((tag) => {
    const card = document.querySelector(tag)!.getBoundingClientRect();
    return Array.from(document.images)
      .filter((img) => {
        const r = img.getBoundingClientRect();
        return card.left < r.right && card.right > r.left && card.top < r.bottom && card.bottom > r.top;
      })
      .map((img) => img.id);
  }, CARD);

/** axe-core over the card's shadow root: serious and critical findings. */
async function cardViolations(p: Page): Promise<string[]> {
  await p.evaluate(AXE);
  return p.evaluate(async (tag) => {
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return (await axe.run({ include: [[tag]] })).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, CARD);
}

describe('the in-page card without room, and with refused keys', () => {
  const ak = `AK${randomBytes(6).toString('hex').toUpperCase()}`;
  const sk = randomBytes(24).toString('base64');
  const suite = useExtensionWithEmulator({ emulator: { ak, sk }, folder: FIXTURES, configure: false });

  it('collapses to a chip covering no picture when every side of the picture holds a neighbour, and opens on Enter', { timeout: 360_000 }, async () => {
    const { site, ext } = suite;
    const mail = await ext.browser.newPage();
    // The demo's window (demo-output/en/card.png): three columns of invoices, none free beside the second.
    await mail.setViewport({ width: 1000, height: 640 });
    await mail.goto(`${site.url}/pages/invoices.html`);
    await mail.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0), { polling: 100 });
    await rightClickRecognize(ext, mail, '#invoice-2');
    // While it reads, the small working card finds room above the pictures; read, the card is too
    // tall for any free place: a chip. The fields wait in it, hidden, for tools. (Trial 6 thought
    // the full card fitted here; it was the narrow one opened from the chip. Measured at 1000×640:
    // the grid ends at x 783, leaving 217 px on the right where the full card needs 320 + 2×8;
    // 162 px above the first row where it is 230–288 px tall; below lies the second row.)
    await mail.waitForFunction((tag, value) => document.querySelector(tag)?.shadowRoot?.querySelector('[data-field="number"]')?.getAttribute('data-value') === value, { polling: 100, timeout: 240_000 }, CARD, truth['invoice-2.png']!.number);
    expect(await mail.$(inCard('.qic-chip'))).not.toBeNull();
    expect(await coveredImages(mail)).toEqual([]);
    expect(await mail.$eval(inCard('.qic-chip'), (c) => c.textContent)).toContain('1,000.00');
    expect(await mail.$eval(inCard('.qic-chip'), (c) => c.getAttribute('title'))).toBe(en.cardExpand!.message);
    expect(await cardViolations(mail)).toEqual([]);
    const chip = await mail.$eval(CARD, (h) => h.getBoundingClientRect().width);
    expect(chip).toBeLessThan(320);

    await mail.focus(inCard('.qic-chip'));
    await mail.keyboard.press('Enter');
    await mail.waitForSelector(inCard('.qic-card[role="dialog"] .qic-fields'));
    // Opened by the clerk: a card with the focus in it; no place fits the full card, the narrow
    // one (labels above values) fits beside the last column, over no picture.
    expect(await mail.$(inCard('.qic-chip'))).toBeNull();
    expect(await coveredImages(mail)).toEqual([]);
    expect(await mail.$eval(CARD, (h) => h.getAttribute('data-size'))).toBe('narrow');
    expect(await mail.$eval(inCard('[data-field="code"] .qic-value'), (v) => v.textContent)).toBe(truth['invoice-2.png']!.code);
    expect(await mail.evaluate((tag) => document.querySelector(tag)!.shadowRoot!.activeElement?.classList.contains('qic-card'), CARD)).toBe(true);
    await mail.keyboard.press('Escape');
    await mail.waitForFunction((tag) => document.querySelector(tag) === null, { polling: 100 }, CARD);

    // A wide window has a free side: the card as before, no chip.
    await mail.setViewport({ width: 1400, height: 900 });
    await rightClickRecognize(ext, mail, '#invoice-3');
    await mail.waitForSelector(inCard('.qic-card[role="dialog"]'));
    expect(await mail.$(inCard('.qic-chip'))).toBeNull();
    expect(await coveredImages(mail)).toEqual([]);
    await mail.close();
  });

  it('outlines the clicked picture while the card is open, following scroll, letting clicks through, gone with the card', { timeout: 180_000 }, async () => {
    const { emulator, site, ext } = suite;
    // A new user's trial at 1400 px (issue 13): the card for invoice-5 lay in the free space right
    // of the grid, beside invoice-6, and nothing said which picture it spoke of. The emulator's
    // keys (right ones: a refusal here would be remembered and change the refused-keys tests below).
    await (await configureThroughOptions(ext, { endpoint: emulator.url, ak, sk })).close();
    const page = await ext.browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(`${site.url}/pages/invoices.html`);
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0), { polling: 100 });
    await rightClickRecognize(ext, page, '#invoice-5');
    await waitForCardSettled(page, 60_000);
    expect(await page.$eval(inCard('.qic-card'), (c) => c.getAttribute('data-status'))).toBe('done');
    /** The outline's box and the pictures' boxes, CSS px of the viewport, read in one go. */
    const boxes = () =>
      page.evaluate((tag) => {
        const outline = document.querySelector(tag)?.shadowRoot?.querySelector('.qic-source');
        const box = (e: Element) => e.getBoundingClientRect().toJSON() as DOMRect;
        return {
          outline: outline && getComputedStyle(outline).display !== 'none' ? box(outline) : null,
          pictures: Object.fromEntries(Array.from(document.images).map((i) => [i.id, box(i)])),
        };
      }, CARD);
    /** The outline lies round `id` (within its 3 px ring) and over no other picture. */
    const expectRound = async (id: string) => {
      const { outline, pictures } = await boxes();
      const picture = pictures[id]!;
      expect(outline).not.toBeNull();
      const gaps = [picture.left - outline!.left, picture.top - outline!.top, outline!.right - picture.right, outline!.bottom - picture.bottom];
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(0);
      for (const gap of gaps) expect(gap).toBeLessThanOrEqual(4);
      const over = Object.entries(pictures)
        .filter(([other, r]) => other !== id && outline!.left < r.right && outline!.right > r.left && outline!.top < r.bottom && outline!.bottom > r.top)
        .map(([other]) => other);
      expect(over).toEqual([]);
    };
    await expectRound('invoice-5');
    // The card still covers no picture, and the outline takes no click: the picture is under the pointer.
    expect(await coveredImages(page)).toEqual([]);
    const hit = await page.$eval('#invoice-5', (i) => {
      const r = i.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id;
    });
    expect(hit).toBe('invoice-5');
    expect(await cardViolations(page)).toEqual([]);

    // Scrolled (the test lengthens the page), the outline follows its picture.
    const before = (await boxes()).pictures['invoice-5']!.top;
    await page.evaluate(() => {
      document.body.style.paddingBottom = '2000px';
      window.scrollBy(0, 150);
    });
    await page.waitForFunction((tag, top) => {
      const outline = document.querySelector(tag)?.shadowRoot?.querySelector('.qic-source');
      return outline !== null && outline !== undefined && Math.abs(outline.getBoundingClientRect().top - (top - 150 - 3)) < 1;
    }, { polling: 100, timeout: 10_000 }, CARD, before);
    await expectRound('invoice-5');
    // A narrower window (two columns) moves the picture: the outline follows on resize.
    const wide = (await boxes()).pictures['invoice-5']!;
    await page.setViewport({ width: 700, height: 700 });
    await page.waitForFunction((tag) => {
      const outline = document.querySelector(tag)?.shadowRoot?.querySelector('.qic-source')?.getBoundingClientRect();
      const picture = document.getElementById('invoice-5')!.getBoundingClientRect();
      return outline !== undefined && Math.abs(outline.left - (picture.left - 3)) < 1 && Math.abs(outline.top - (picture.top - 3)) < 1;
    }, { polling: 100, timeout: 10_000 }, CARD);
    const narrow = (await boxes()).pictures['invoice-5']!;
    expect([narrow.left, narrow.top]).not.toEqual([wide.left, wide.top]);
    await expectRound('invoice-5');

    await page.keyboard.press('Escape');
    await page.waitForFunction((tag) => document.querySelector(tag) === null, { polling: 100 }, CARD);
    await page.close();
  });

  it('with keys Huawei refused, stops on the refusal in words with a button that opens Settings (no endless spinner)', { timeout: 180_000 }, async () => {
    const { emulator, site, ext } = suite;
    const options = await configureThroughOptions(ext, { endpoint: emulator.url, ak, sk: `${sk}x` });
    await options.close();
    const page = await ext.browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(`${site.url}/pages/invoices.html`);
    await rightClickRecognize(ext, page, '#invoice-1');
    await page.waitForFunction((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('.qic-card')?.getAttribute('data-status') === 'keys', { polling: 100, timeout: 60_000 }, CARD);
    const shown = await page.evaluate((tag) => {
      const root = document.querySelector(tag)!.shadowRoot!;
      return {
        status: root.querySelector('.qic-status')?.textContent,
        spinner: root.querySelector('.qic-spinner') !== null,
        code: root.querySelector('.qic-error')?.getAttribute('data-error-code'),
        words: root.querySelector('.qic-error')?.firstChild?.textContent?.trim(),
        button: root.querySelector('.qic-settings')?.textContent,
      };
    }, CARD);
    expect(shown).toEqual({ status: en.cardKeysRefused!.message, spinner: false, code: 'APIG.0301', words: en.error_APIG_0301!.message, button: en.cardOpenSettings!.message });
    expect(await cardViolations(page)).toEqual([]);
    const opened = ext.browser.waitForTarget((t) => t.url().startsWith(`${ext.origin}/options.html`), { timeout: 15_000 });
    await page.click(inCard('.qic-settings'));
    expect((await opened).url()).toContain('/options.html');
    await page.close();
  });

  it('with refused keys in a window too narrow for the card: a chip saying so, opened beside the pictures, over none', { timeout: 180_000 }, async () => {
    const { emulator, site, ext } = suite;
    // Wrong keys (as the test above), in a new user's trial's window: the chip opened over the
    // next invoice (issue 13), and its words sounded unfinished ("Waiting: …").
    await (await configureThroughOptions(ext, { endpoint: emulator.url, ak, sk: `${sk}x` })).close();
    const page = await ext.browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(`${site.url}/pages/invoices.html`);
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0), { polling: 100 });
    await rightClickRecognize(ext, page, '#invoice-2');
    await page.waitForFunction((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('.qic-card')?.getAttribute('data-status') === 'keys', { polling: 100, timeout: 60_000 }, CARD);
    expect(await page.$eval(inCard('.qic-chip-state'), (c) => c.textContent)).toBe('Keys refused — open Settings');
    expect(en.cardKeysRefused!.message).toBe('Keys refused — open Settings');
    expect(await coveredImages(page)).toEqual([]);

    await page.focus(inCard('.qic-chip'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(inCard('.qic-card[role="dialog"] .qic-settings'));
    // Opened: beside the pictures (narrow, in the strip right of the last column), over none of them.
    const card = await page.$eval(CARD, (h) => h.getBoundingClientRect().toJSON() as DOMRect);
    const neighbour = await page.$eval('#invoice-3', (i) => i.getBoundingClientRect().toJSON() as DOMRect);
    const intersects = card.left < neighbour.right && card.right > neighbour.left && card.top < neighbour.bottom && card.bottom > neighbour.top;
    expect({ card, intersects }).toMatchObject({ intersects: false });
    expect(await coveredImages(page)).toEqual([]);
    expect(card.right).toBeLessThanOrEqual(1000);
    expect(card.bottom).toBeLessThanOrEqual(700);
    expect(await page.$eval(inCard('.qic-status'), (s) => s.textContent)).toBe(en.cardKeysRefused!.message);
    expect(await cardViolations(page)).toEqual([]);
    // Still dismissable: Escape closes it.
    await page.keyboard.press('Escape');
    await page.waitForFunction((tag) => document.querySelector(tag) === null, { polling: 100 }, CARD);
    await page.close();
  });
});
