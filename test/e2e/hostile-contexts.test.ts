/**
 * Nothing leaks to a page: from a content-script context (the isolated world every injected script
 * runs in), storage.local does not give the SK, and privileged messages are refused. One broken
 * image record costs only its thumbnail.
 */
import type { WxtBrowser } from 'wxt/browser';
import { beforeAll, describe, expect, it } from 'vitest';
import { openExtensionPage } from '../support/extension';
import { useExtensionWithEmulator } from '../support/suite';

/** The extension worker's global, inside worker.evaluate() callbacks. */
declare const chrome: WxtBrowser;

const suite = useExtensionWithEmulator();

/** The tab's id, on a web page of the capture sites. */
async function webTab(): Promise<string> {
  await suite.tab.goto(`${suite.sites.main}/`);
  return suite.tab.url();
}

/** What a content script (the extension's isolated world in the page) sees in storage.local. */
async function storageSeenByContentScript(): Promise<string> {
  return suite.ext.worker.evaluate(async (pageUrl) => {
    const tab = (await chrome.tabs.query({ url: pageUrl }))[0]!;
    const [result] = await chrome.scripting.executeScript({
      target: { tabId: tab.id! },
      world: 'ISOLATED',
      func: async () => {
        try {
          return JSON.stringify(await chrome.storage.local.get(null));
        } catch (error) {
          return `refused: ${(error as Error).message}`;
        }
      },
    });
    return String(result?.result);
  }, await webTab());
}

/** A privileged message as @webext-core/messaging writes it, sent from a content script. */
async function sentByContentScript(type: string): Promise<string> {
  return suite.ext.worker.evaluate(
    async (pageUrl, messageType) => {
      const tab = (await chrome.tabs.query({ url: pageUrl }))[0]!;
      const [result] = await chrome.scripting.executeScript({
        target: { tabId: tab.id! },
        world: 'ISOLATED',
        args: [messageType],
        func: async (t: string) => {
          try {
            const data = { id: 'x', url: 'https://example.com/a.png', provider: 'huawei' };
            return JSON.stringify(await chrome.runtime.sendMessage({ id: 1, type: t, data, timestamp: Date.now() }));
          } catch (error) {
            return `refused: ${(error as Error).message}`;
          }
        },
      });
      return String(result?.result);
    },
    await webTab(),
    type,
  );
}

beforeAll(async () => {
  // A settings page is open: secrets are in storage.local now.
  await (await openExtensionPage(suite.ext, 'options.html')).close();
});

describe('a content-script context', () => {
  it('cannot read the SK (or any setting) from storage.local', async () => {
    const seen = await storageSeenByContentScript();
    expect(seen).not.toContain(suite.emulator.options.sk);
    expect(seen).toMatch(/^refused: |^\{\}$/);
    // The worker itself still reads them.
    const own = await suite.ext.worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
    expect(own).toContain(suite.emulator.options.sk);
  });

  it.each(['getSettings', 'saveSettings', 'recognizeUrl', 'fillPage', 'testConnection', 'deleteCapture'])('is refused %s', async (type) => {
    const answer = await sentByContentScript(type);
    expect(answer).toMatch(/error_forbidden_sender|refused/);
    expect(answer).not.toContain(suite.emulator.options.sk);
  });
});

describe('a broken record', () => {
  it('costs only its own thumbnail: the popup still lists every capture', async () => {
    const popup = suite.popup;
    await (await popup.$('input[type="file"]'))!.uploadFile(new URL('../fixtures/invoices/invoice-1.png', import.meta.url).pathname);
    await popup.waitForSelector('article.capture[data-status="done"]', { timeout: 60_000 });
    const before = await popup.$$eval('article.capture', (cards) => cards.length);
    await popup.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('quota-invoice-capture');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const id = document.querySelector('article.capture')!.getAttribute('data-capture-id')!;
      await new Promise((resolve, reject) => {
        const put = db.transaction('images', 'readwrite').objectStore('images').put({ id, blob: 'not a blob' });
        put.onsuccess = resolve;
        put.onerror = () => reject(put.error);
      });
    });
    await popup.reload();
    await popup.waitForSelector('article.capture');
    expect(await popup.$$eval('article.capture', (cards) => cards.length)).toBe(before);
    const batch = await openExtensionPage(suite.ext, 'batch.html');
    await batch.waitForSelector('tr[data-capture-id]');
    expect(await batch.$$eval('tr[data-capture-id]', (rows) => rows.length)).toBe(before);
    await batch.close();
  });
});
