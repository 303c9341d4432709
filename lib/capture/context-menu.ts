import type { Browser, WxtBrowser } from 'wxt/browser';
import type { RecognitionService } from '../recognize/service';
import { selectRegionInPage, pickElementInPage } from './overlay-scripts';
import { pageAccess, type PageAccessFor } from './page-access';
import { resolveClickedImage } from './resolve-image';

export const RECOGNIZE_MENU_ID = 'recognize-quota-invoice';
export const PICK_MENU_ID = 'pick-quota-invoice';
export const REGION_MENU_ID = 'region-quota-invoice';

/** Creates the menu items (on install/update; ids survive worker restarts). */
export async function createContextMenu(browser: WxtBrowser): Promise<void> {
  await browser.contextMenus.removeAll();
  type Contexts = Parameters<typeof browser.contextMenus.create>[0]['contexts'];
  const item = (id: string, key: 'menuRecognize' | 'menuPick' | 'menuRegion', contexts: Contexts) =>
    browser.contextMenus.create({ id, title: browser.i18n.getMessage(key), contexts });
  item(RECOGNIZE_MENU_ID, 'menuRecognize', ['image']);
  // Invoices that are not plain <img>s: CSS backgrounds, canvases, PDF viewers, video frames.
  item(PICK_MENU_ID, 'menuPick', ['page', 'frame', 'link', 'selection']);
  item(REGION_MENU_ID, 'menuRegion', ['page', 'frame', 'image', 'link', 'selection']);
}

const fetchFn = (url: string, init?: RequestInit) => fetch(url, init);

async function recognizeImage(service: RecognitionService, info: Browser.contextMenus.OnClickData, tab: Browser.tabs.Tab | undefined, page: PageAccessFor) {
  const srcUrl = info.srcUrl!;
  const access = page(info.frameId ?? 0);
  await service.captureUrl(
    { kind: 'context-menu', imageUrl: srcUrl, pageUrl: info.frameUrl ?? info.pageUrl ?? tab?.url },
    () => resolveClickedImage(srcUrl, fetchFn, access),
  );
}

async function pickOnPage(service: RecognitionService, browser: WxtBrowser, info: Browser.contextMenus.OnClickData, page: PageAccessFor) {
  const access = page(info.frameId ?? 0);
  if (!access) return;
  const picked = await access.run(pickElementInPage, [{ hint: browser.i18n.getMessage('pickHint') }]);
  if (!picked) return; // Escape
  const pageUrl = info.frameUrl ?? info.pageUrl;
  if (picked.url) {
    const url = picked.url;
    await service.captureUrl({ kind: 'picker', imageUrl: url, pageUrl }, () => resolveClickedImage(url, fetchFn, access));
    return;
  }
  const shot = await access.screenshot(picked.rect, picked.devicePixelRatio);
  if (shot) await service.captureBlob({ kind: 'picker', pageUrl }, shot);
}

async function selectRegion(service: RecognitionService, browser: WxtBrowser, info: Browser.contextMenus.OnClickData, page: PageAccessFor) {
  // The overlay covers the whole tab, so it goes into the top frame whatever was clicked.
  const access = page(0);
  if (!access) return;
  const region = await access.run(selectRegionInPage, [{ hint: browser.i18n.getMessage('regionHint') }]);
  if (!region) return;
  const shot = await access.screenshot(region.rect, region.devicePixelRatio);
  if (shot) await service.captureBlob({ kind: 'region', pageUrl: info.pageUrl }, shot);
}

/**
 * The menu's click handler. For an image, the capture is stored at once and its bytes read from
 * the best source the clicked frame offers; the picker and the region overlays are injected into
 * the page only now, on the user's click.
 */
export function contextMenuListener(service: RecognitionService, browser: WxtBrowser) {
  return async (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> => {
    const page: PageAccessFor = (frameId) =>
      tab?.id !== undefined && tab.id >= 0 ? pageAccess(browser, { id: tab.id, windowId: tab.windowId }, frameId) : undefined;
    if (info.menuItemId === RECOGNIZE_MENU_ID && info.srcUrl) await recognizeImage(service, info, tab, page);
    else if (info.menuItemId === PICK_MENU_ID) await pickOnPage(service, browser, info, page);
    else if (info.menuItemId === REGION_MENU_ID) await selectRegion(service, browser, info, page);
  };
}
