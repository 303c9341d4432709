import type { Page } from 'puppeteer';
import type { LoadedExtension } from './extension';
import { openExtensionPage } from './extension';

export type UiAuth = { ak: string; sk: string } | { iamUser: string; iamPassword: string; iamDomain: string };
export type UiSettings = { endpoint: string; projectId?: string } & UiAuth;

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

/** Opens a folded section of the settings unless it is open already. */
export async function openDetails(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(`${selector} summary`);
  if (!(await page.$eval(selector, (d) => (d as HTMLDetailsElement).open))) await page.click(`${selector} summary`);
}

/** Fills the options page the way a person does: clicks, types, presses Save (any browser when `page` is given). */
export async function configureThroughOptions(ext: Pick<LoadedExtension, 'browser' | 'origin'>, s: UiSettings, page?: Page): Promise<Page> {
  const options = page ?? (await openExtensionPage(ext, 'options.html'));
  await fillOptions(options, s);
  await options.click('button[type="submit"]');
  await options.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('saved'), { polling: 100, timeout: 10_000 });
  return options;
}

/** Fills the options page as configureThroughOptions does, without pressing Save. */
export async function fillOptions(options: Page, s: UiSettings): Promise<void> {
  await options.bringToFront(); // background tabs get no animation frames: clicks would stall
  // The endpoint and the project id are folded away (details.endpoint-more, details.advanced): open them as a person would.
  await openDetails(options, 'details.endpoint-more');
  await options.click('input[name="endpointMode"][value="custom"]');
  await options.waitForSelector('#customEndpoint');
  await typeInto(options, '#customEndpoint', s.endpoint);
  await openDetails(options, 'details.advanced');
  await typeInto(options, '#projectId', s.projectId ?? '');
  if ('ak' in s) {
    await options.click('input[name="authMode"][value="aksk"]');
    await typeInto(options, '#ak', s.ak);
    await typeInto(options, '#sk', s.sk);
  } else {
    await options.click('input[name="authMode"][value="iam"]');
    await typeInto(options, '#iamUser', s.iamUser);
    await typeInto(options, '#iamPassword', s.iamPassword);
    await typeInto(options, '#iamDomain', s.iamDomain);
  }
}

export interface ShownCapture {
  status: string;
  /** The image URL (or file name) the card says it came from. */
  image: string;
  fields: Record<string, string>;
  errorCode?: string;
  errorText?: string;
}

/** What the popup shows for its newest captures. */
export function readPopup(popup: Page): Promise<ShownCapture[]> {
  return popup.$$eval('article.capture', (cards) =>
    cards.map((card) => ({
      status: card.getAttribute('data-status') ?? '',
      image: card.querySelector('.thumb')?.getAttribute('title') ?? '',
      fields: Object.fromEntries(
        // data-value: the field as stored (the text shows amounts as ￥1,000.00)
        Array.from(card.querySelectorAll('[data-field]')).map((f) => [f.getAttribute('data-field'), f.getAttribute('data-value') ?? f.querySelector('.field-value')?.textContent ?? '']),
      ),
      errorCode: card.querySelector('.error')?.getAttribute('data-error-code') ?? undefined,
      errorText: card.querySelector('.error-text')?.textContent ?? undefined,
    })),
  );
}

/**
 * Waits until the popup lists at least `total` captures and its newest `count` have left
 * queued/running. Pass `total` when the popup already listed captures before the action, or an
 * older settled card would be taken for the new one.
 */
export async function waitForSettled(popup: Page, count = 1, timeout = 60_000, total = count): Promise<ShownCapture[]> {
  await popup.waitForFunction(
    (n, all) => {
      const cards = Array.from(document.querySelectorAll('article.capture'));
      const newest = cards.slice(0, n);
      return cards.length >= all && newest.length === n && newest.every((c) => ['done', 'failed'].includes(c.getAttribute('data-status') ?? ''));
    },
    { timeout, polling: 100 },
    count,
    total,
  );
  return readPopup(popup);
}

/** The data-capture-id of every capture the popup lists now, newest first. */
export function captureIds(popup: Page): Promise<string[]> {
  return popup.$$eval('article.capture', (cards) => cards.map((c) => c.getAttribute('data-capture-id') ?? ''));
}

/**
 * Waits until the newest capture is one not in `known` and has left queued/running, and returns
 * it. Unlike counting cards, this holds once the popup's list is full (it shows the 20 newest).
 */
export async function waitForNewSettled(popup: Page, known: readonly string[], timeout = 60_000): Promise<ShownCapture> {
  await popup.waitForFunction(
    (ids) => {
      const newest = document.querySelector('article.capture');
      return !!newest && !ids.includes(newest.getAttribute('data-capture-id') ?? '') && ['done', 'failed'].includes(newest.getAttribute('data-status') ?? '');
    },
    { timeout, polling: 100 },
    known,
  );
  return (await readPopup(popup))[0]!;
}

/** How many captures the popup lists now. */
export function cardCount(popup: Page): Promise<number> {
  return popup.$$eval('article.capture', (cards) => cards.length);
}

/** Sets "Recognitions at the same time" in the options page's Advanced part, as a person does. */
export async function setConcurrencyThroughOptions(ext: Pick<LoadedExtension, 'browser' | 'origin'>, n: number): Promise<void> {
  const options = await openExtensionPage(ext, 'options.html');
  await options.bringToFront();
  await options.waitForSelector('details.advanced summary');
  await options.click('details.advanced summary');
  await options.click('#concurrency', { count: 3 });
  await options.type('#concurrency', String(n));
  await options.click('button[type="submit"]');
  await options.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('saved'), { polling: 100, timeout: 10_000 });
  await options.close();
}

/**
 * How many times capture `id` was run (its stored `attempts`), read from the extension's
 * IndexedDB through one of its pages: 1 for a capture read once, more if it was sent again.
 */
export function storedAttempts(page: Page, id: string): Promise<number> {
  return page.evaluate(
    (captureId) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('quota-invoice-capture');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('captures').objectStore('captures').get(captureId);
          get.onsuccess = () => resolve((get.result as { attempts: number }).attempts);
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );
}

/**
 * Whether a text box's placeholder fits inside it: its width drawn in the box's own font (canvas
 * measureText, px) against the room inside the box (clientWidth less its padding, px). A cut
 * placeholder ("Paste an image UR") is not in scrollWidth, so it is measured.
 */
export function placeholderFits(page: Page, selector: string): Promise<{ text: string; width: number; room: number; fits: boolean }> {
  return page.$eval(selector, (box) => {
    const input = box as HTMLInputElement;
    const style = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const width = ctx.measureText(input.placeholder).width;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: input.placeholder, width, room, fits: width <= room };
  });
}
