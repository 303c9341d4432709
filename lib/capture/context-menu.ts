import type { Browser, WxtBrowser } from 'wxt/browser';
import type { RecognitionService } from '../recognize/service';

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

/** The click handler: the worker fetches the image itself; the page is never asked. */
export function contextMenuListener(service: RecognitionService) {
  return async (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> => {
    if (info.menuItemId !== RECOGNIZE_MENU_ID || !info.srcUrl) return;
    await service.captureUrl({
      kind: 'context-menu',
      imageUrl: info.srcUrl,
      pageUrl: info.pageUrl ?? tab?.url,
    });
  };
}
