import type { Browser, WxtBrowser } from 'wxt/browser';
import type { RecognitionService } from '../recognize/service';
import { pageAccess } from './page-access';
import { resolveClickedImage } from './resolve-image';

export const RECOGNIZE_MENU_ID = 'recognize-quota-invoice';

/** Creates the menu item (on install/update; ids survive worker restarts). */
export async function createContextMenu(browser: WxtBrowser): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: RECOGNIZE_MENU_ID,
    title: browser.i18n.getMessage('menuRecognize'),
    contexts: ['image'],
  });
}

/**
 * The click handler: the capture is stored at once, then its bytes are read from the best source
 * the clicked frame offers (see resolveClickedImage); the worker makes every network call.
 */
export function contextMenuListener(service: RecognitionService, browser: WxtBrowser) {
  return async (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> => {
    if (info.menuItemId !== RECOGNIZE_MENU_ID || !info.srcUrl) return;
    const srcUrl = info.srcUrl;
    const page = tab?.id !== undefined && tab.id >= 0 ? pageAccess(browser, { id: tab.id, windowId: tab.windowId }, info.frameId ?? 0) : undefined;
    await service.captureUrl(
      { kind: 'context-menu', imageUrl: srcUrl, pageUrl: info.frameUrl ?? info.pageUrl ?? tab?.url },
      () => resolveClickedImage(srcUrl, (url, init) => fetch(url, init), page),
    );
  };
}
