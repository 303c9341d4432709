import type { WxtBrowser } from 'wxt/browser';
import type { PageAccess } from './resolve-image';
import { cropScreenshot } from './screenshot';

/** Page access for a frame of the clicked tab; undefined when there is no real tab (a test dispatch). */
export type PageAccessFor = (frameId: number) => PageAccess | undefined;

/**
 * The file that finds what was right-clicked (entrypoints/context-click.ts): no longer a content
 * script on every page (issue 11), so it goes into the clicked frame before the first page script.
 */
export const CONTEXT_CLICK_FILE = '/context-click.js';

/**
 * Runs page scripts in the frame the user clicked in, and screenshots the visible tab. The menu
 * click grants activeTab for that tab's page; another frame's origin, or a tab without the grant,
 * needs that site's optional host permission, else nothing runs (run() gives undefined).
 */
export function pageAccess(browser: WxtBrowser, tab: { id: number; windowId?: number }, frameId: number): PageAccess {
  let recorder: Promise<unknown> | undefined;
  return {
    async run(func, args) {
      try {
        // Once per click, before any page script: a second injection would find it there anyway.
        recorder ??= browser.scripting.executeScript({ target: { tabId: tab.id, frameIds: [frameId] }, files: [CONTEXT_CLICK_FILE] });
        await recorder;
        const [injection] = await browser.scripting.executeScript({ target: { tabId: tab.id, frameIds: [frameId] }, func, args });
        return injection?.result as never;
      } catch {
        return undefined; // a page we may not script (the Web Store, a PDF viewer): other sources remain
      }
    },
    async screenshot(rect, devicePixelRatio) {
      // Element boxes are relative to their own frame; only the top frame's match the screenshot.
      if (frameId !== 0 || tab.windowId === undefined) return null;
      try {
        const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
        return await cropScreenshot(await (await fetch(dataUrl)).blob(), rect, devicePixelRatio);
      } catch {
        return null;
      }
    },
  };
}
