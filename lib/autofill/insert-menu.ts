import type { Browser, WxtBrowser } from 'wxt/browser';
import type { CaptureStore } from '../store/captures';
import { INVOICE_FIELDS, type InvoiceField } from './score';
import type { createTabFiller } from './fill-tab';

const PARENT = 'insert-invoice';
const ITEM_PREFIX = 'insert-invoice-';
const TITLE_KEYS: Record<InvoiceField, 'insertCode' | 'insertNumber' | 'insertAmount' | 'insertLocation'> = {
  code: 'insertCode',
  number: 'insertNumber',
  amount: 'insertAmount',
  location: 'insertLocation',
};

/** "Insert invoice number/code/amount/location" on editable fields, from the newest recognized capture. */
export function createInsertMenu(browser: WxtBrowser): void {
  browser.contextMenus.create({ id: PARENT, title: browser.i18n.getMessage('insertMenu'), contexts: ['editable'] });
  for (const field of INVOICE_FIELDS) {
    browser.contextMenus.create({ id: `${ITEM_PREFIX}${field}`, parentId: PARENT, title: browser.i18n.getMessage(TITLE_KEYS[field]), contexts: ['editable'] });
  }
}

export function insertMenuListener(store: CaptureStore, filler: ReturnType<typeof createTabFiller>) {
  return async (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> => {
    const id = String(info.menuItemId);
    if (!id.startsWith(ITEM_PREFIX) || tab?.id === undefined) return;
    const field = id.slice(ITEM_PREFIX.length) as InvoiceField;
    const newest = (await store.recent(50)).find((c) => c.status === 'done' && c.result?.[field]);
    const value = newest?.result?.[field];
    if (value) await filler.insert(tab.id, info.frameId ?? 0, field, value);
  };
}
