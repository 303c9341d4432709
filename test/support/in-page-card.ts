import type { Page } from 'puppeteer';
import { clickRecognize, type LoadedExtension } from './extension';

/** The card's host element (lib/card/page-card.ts CARD_TAG) and a selector into its shadow root. */
export const CARD = 'qic-invoice-card';
export const inCard = (selector: string) => `${CARD} >>> ${selector}`;

export interface ShownCard {
  status: string;
  statusText: string;
  /** field → [shown text, data-value (what Copy copies)] */
  fields: Record<string, [string, string]>;
  notice: string;
  errorCode?: string;
}

/** What the in-page card shows, read through its (open) shadow root; null when there is none. */
export function readCard(page: Page): Promise<ShownCard | null> {
  return page.evaluate((tag) => {
    const root = document.querySelector(tag)?.shadowRoot;
    const card = root?.querySelector('.qic-card');
    if (!root || !card) return null;
    const fields: Record<string, [string, string]> = {};
    for (const f of Array.from(root.querySelectorAll('[data-field]'))) {
      fields[f.getAttribute('data-field')!] = [f.querySelector('.qic-value')?.textContent ?? '', f.getAttribute('data-value') ?? ''];
    }
    return {
      status: card.getAttribute('data-status') ?? '',
      statusText: root.querySelector('.qic-status')?.textContent ?? '',
      fields,
      notice: root.querySelector('.qic-notice')?.textContent ?? '',
      errorCode: root.querySelector('.qic-error')?.getAttribute('data-error-code') ?? undefined,
    };
  }, CARD);
}

/** Waits until the card shows a finished capture (done or failed). */
export async function waitForCardSettled(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForFunction(
    (tag) => ['done', 'failed'].includes(document.querySelector(tag)?.shadowRoot?.querySelector('.qic-card')?.getAttribute('data-status') ?? ''),
    { polling: 100, timeout },
    CARD,
  );
}

/**
 * A right-click on the image (the page and the context-click recorder see it; headless Chromium
 * opens no menu), then "Recognize quota invoice" chosen: the real listeners run with the same
 * OnClickData a user's choice gives.
 */
export async function rightClickRecognize(ext: Pick<LoadedExtension, 'worker'>, page: Page, imageSelector: string): Promise<string> {
  await page.click(imageSelector, { button: 'right' });
  const src = await page.$eval(imageSelector, (img) => (img as HTMLImageElement).currentSrc || (img as HTMLImageElement).src);
  await clickRecognize(ext.worker, page, src);
  return src;
}
