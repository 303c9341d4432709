import type { WxtBrowser } from 'wxt/browser';
import type { PageAccess } from './resolve-image';
import { cropScreenshot } from './screenshot';

/** Page access for a frame of the clicked tab; undefined when there is no real tab (a test dispatch). */
export type PageAccessFor = (frameId: number) => PageAccess | undefined;

/** Runs page scripts in the frame the user clicked in, and screenshots the visible tab. */
export function pageAccess(browser: WxtBrowser, tab: { id: number; windowId?: number }, frameId: number): PageAccess {
  return {
    async run(func, args) {
      try {
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
