import type { Browser, WxtBrowser } from 'wxt/browser';
import { t } from '../i18n';
import type { RecognitionService } from '../recognize/service';
import type { Cards } from '../card/cards';
import { serviceShowingCard } from '../card/menu-service';
import { menuContexts } from '../platform';
import { pageAccess, type PageAccessFor } from './page-access';
import { clickedElement } from './sources/clicked-element';
import { clickedImage } from './sources/clicked-image';
import { picker } from './sources/picker';
import { region } from './sources/region';
import type { MenuSource } from './sources/source';

/**
 * The registry of page capture sources, one file each in sources/. (The popup's own inputs —
 * typed URL, picked, pasted and dropped files, PDFs — are in lib/ui/intake.ts.)
 *
 * Menu placement: Chrome and Firefox fold an extension's items into a submenu named after the
 * extension as soon as more than one of them matches a right-click. So each page context gets ONE
 * item: "Recognize quota invoice" on images (an image inside a link or an iframe too) and on the
 * page (canvas, CSS background, or — on an empty spot — the picker); "Insert from the latest
 * invoice" on text fields. The picker and "Select an area" live on the toolbar button's own menu
 * (right-click the toolbar icon), where items are listed flat.
 */
export const MENU_SOURCES: readonly MenuSource[] = [clickedImage, clickedElement, picker, region];

export const RECOGNIZE_MENU_ID = clickedImage.id;

/** Creates the menu items (on install/update and when the UI language changes; ids survive worker restarts). */
export async function createContextMenu(browser: WxtBrowser): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const source of MENU_SOURCES) {
    browser.contextMenus.create({ id: source.id, title: t(source.titleKey), contexts: menuContexts(browser, source.contexts) });
  }
}

/**
 * The menu's click handler: hands the click to the source whose item it was. A "Recognize quota
 * invoice" click also opens the in-page card in that tab and frame (lib/card), when `cards` is given.
 */
export function contextMenuListener(service: RecognitionService, browser: WxtBrowser, cards?: Pick<Cards, 'open'>) {
  return async (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> => {
    const source = MENU_SOURCES.find((s) => s.id === info.menuItemId);
    if (!source) return;
    const page: PageAccessFor = (frameId) =>
      tab?.id !== undefined && tab.id >= 0 ? pageAccess(browser, { id: tab.id, windowId: tab.windowId }, frameId) : undefined;
    const tabId = tab?.id;
    const showsCard = cards && source.titleKey === 'menuRecognize' && tabId !== undefined && tabId >= 0;
    const target = { tabId: tabId!, frameId: info.frameId ?? 0, srcUrl: info.srcUrl };
    await source.run({ info, tab, page, service: showsCard ? serviceShowingCard(service, (id) => cards.open(id, target)) : service, browser });
  };
}
