/** axe-core on the extension's pages with real content: no serious or critical violations. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { beforeAll, describe, expect, it } from 'vitest';
import { openExtensionPage } from '../support/extension';
import { useExtensionWithEmulator } from '../support/suite';
import { waitForSettled } from '../support/ui';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'invoices');

const suite = useExtensionWithEmulator();

beforeAll(async () => {
  // One recognized invoice and one failure (a web page instead of an image), so every state renders.
  await (await suite.popup.$('input[type="file"]'))!.uploadFile(join(FIXTURES, 'invoice-3.png'));
  await waitForSettled(suite.popup);
  await suite.popup.type('#image-url', `${suite.sites.main}/img/login.png`);
  await suite.popup.keyboard.press('Enter');
  await waitForSettled(suite.popup, 1, 30_000, 2);
});

/** Evaluated over CDP (the pages' CSP forbids injected script tags, not the debugger). */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('accessibility', () => {
  // Both themes: the pages follow the system's light or dark choice (prefers-color-scheme).
  const pages = ['popup.html', 'options.html', 'batch.html'];
  it.each(['light', 'dark'].flatMap((scheme) => pages.map((path) => [path, scheme] as const)))('%s (%s)', async (path, scheme) => {
    const page = path === 'popup.html' ? suite.popup : await openExtensionPage(suite.ext, path);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.bringToFront();
    await page.waitForFunction(() => document.querySelector('main, form') !== null, { polling: 100 });
    if (path === 'batch.html') await page.waitForFunction(() => document.querySelectorAll('tr[data-capture-id]').length === 2, { polling: 100 });
    expect(await violations(page)).toEqual([]);
  });
});
