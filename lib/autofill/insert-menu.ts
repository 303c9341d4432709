import { fillValues } from './values';
import type { Browser, WxtBrowser } from 'wxt/browser';
import { t } from '../i18n';
import { effectiveFields } from '../store/capture-schema';
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

/** "Insert invoice number/code/amount/location" on editable fields, from the newest recognized capture; and the fill shortcut. */
export function createInsertMenu(browser: WxtBrowser): void {
  browser.contextMenus.create({ id: PARENT, title: t('insertMenu'), contexts: ['editable'] });
  for (const field of INVOICE_FIELDS) {
    browser.contextMenus.create({ id: `${ITEM_PREFIX}${field}`, parentId: PARENT, title: t(TITLE_KEYS[field]), contexts: ['editable'] });
  }
}

/** The newest recognized capture's fields. */
async function newestValues(store: CaptureStore) {
  const newest = (await store.recent(50)).find((c) => c.status === 'done' && c.result);
  return newest ? effectiveFields(newest) : undefined;
}

/** The keyboard shortcut: fill the page the user is on with the newest invoice. */
export function fillCommandListener(store: CaptureStore, filler: ReturnType<typeof createTabFiller>) {
  return async (command: string): Promise<void> => {
    if (command !== 'fill-latest') return;
    const result = await newestValues(store);
    if (result) await filler.fill(fillValues(result));
  };
}

export function insertMenuListener(store: CaptureStore, filler: ReturnType<typeof createTabFiller>) {
  return async (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> => {
    const id = String(info.menuItemId);
    if (!id.startsWith(ITEM_PREFIX) || tab?.id === undefined) return;
    const field = id.slice(ITEM_PREFIX.length) as InvoiceField;
    // The same values Fill writes: an amount that does not read is never inserted.
    const newest = (await store.recent(50)).find((c) => c.status === 'done' && fillValues(effectiveFields(c))[field]);
    const value = newest ? fillValues(effectiveFields(newest))[field] : undefined;
    if (value) await filler.insert(tab.id, info.frameId ?? 0, field, value);
  };
}
