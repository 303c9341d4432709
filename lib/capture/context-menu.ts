import type { Browser, WxtBrowser } from 'wxt/browser';
import { t } from '../i18n';
import type { RecognitionService } from '../recognize/service';
import { pageAccess, type PageAccessFor } from './page-access';
import { clickedElement } from './sources/clicked-element';
import { clickedImage } from './sources/clicked-image';
import { picker } from './sources/picker';
import { region } from './sources/region';
import type { MenuSource } from './sources/source';

/**
 * The registry of page capture sources, one file each in sources/. (The popup's own inputs —
 * typed URL, picked, pasted and dropped files, PDFs — are in lib/ui/intake.ts.)
 */
export const MENU_SOURCES: readonly MenuSource[] = [clickedImage, clickedElement, picker, region];

export const RECOGNIZE_MENU_ID = clickedImage.id;

/** Creates the menu items (on install/update and when the UI language changes; ids survive worker restarts). */
export async function createContextMenu(browser: WxtBrowser): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const source of MENU_SOURCES) {
    browser.contextMenus.create({ id: source.id, title: t(source.titleKey), contexts: source.contexts });
  }
}

/** The menu's click handler: hands the click to the source whose item it was. */
export function contextMenuListener(service: RecognitionService, browser: WxtBrowser) {
  return async (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> => {
    const source = MENU_SOURCES.find((s) => s.id === info.menuItemId);
    if (!source) return;
    const page: PageAccessFor = (frameId) =>
      tab?.id !== undefined && tab.id >= 0 ? pageAccess(browser, { id: tab.id, windowId: tab.windowId }, frameId) : undefined;
    await source.run({ info, tab, page, service, browser });
  };
}
