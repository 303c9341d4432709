import type { Browser, WxtBrowser } from 'wxt/browser';
import type { RecognitionService } from '../../recognize/service';
import type { PageAccessFor } from '../page-access';

export type MenuContexts = NonNullable<Parameters<WxtBrowser['contextMenus']['create']>[0]['contexts']>;

/** What a context-menu capture source gets when its item is clicked. */
export interface MenuClick {
  info: Browser.contextMenus.OnClickData;
  tab?: Browser.tabs.Tab;
  /** Page scripts and screenshots in a frame of the clicked tab (undefined without a real tab). */
  page: PageAccessFor;
  service: RecognitionService;
  browser: WxtBrowser;
}

/** One way to capture an invoice from a page: a menu item and what it does. */
export interface MenuSource {
  id: string;
  titleKey: 'menuRecognize' | 'menuPick' | 'menuRegion';
  contexts: MenuContexts;
  run(click: MenuClick): Promise<void>;
}

export const fetchFromWorker = (url: string, init?: RequestInit) => fetch(url, init);
