import type { WxtBrowser } from 'wxt/browser';
import { deleteMapping, mappingFor, saveMapping } from '../store/field-mappings';
import type { Filler } from './filler';
import type { FillValues } from './page';
import { mergeReports, mergeUndoReports, type FillReport, type UndoReport } from './report';
import { INVOICE_FIELDS, type InvoiceField } from './score';
import { pagePattern } from './selector-path';
import type { FieldMapping } from './teach';

export type FillSummary = FillReport;

type Scope = { __qicFiller?: Filler };

/**
 * The tab to fill: the active tab of the focused window. When that is one of our own pages (the
 * popup opened as a tab, the options page), the most recently used web page instead.
 */
async function targetTab(browser: WxtBrowser): Promise<{ id: number; url: string } | undefined> {
  const isWeb = (url?: string) => /^(https?|file):/.test(url ?? '');
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active?.id !== undefined && isWeb(active.url)) return { id: active.id, url: active.url! };
  const pages = (await browser.tabs.query({})).filter((t) => t.id !== undefined && isWeb(t.url));
  pages.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return pages[0] ? { id: pages[0].id!, url: pages[0].url! } : undefined;
}

/** Fills, teaches and inserts into the page's forms; the filler is injected now, on the user's click. */
export function createTabFiller(browser: WxtBrowser) {
  let lastTab: number | undefined;
  const inject = (tabId: number, frameIds?: number[]) =>
    browser.scripting.executeScript({ target: frameIds ? { tabId, frameIds } : { tabId, allFrames: true }, files: ['/autofill.js'] });
  return {
    /**
     * Fills the page's forms in every frame of `into` (the in-page card's tab), else of the tab
     * the user is on (the popup, the shortcut); null when there is no web page to fill.
     */
    async fill(values: FillValues, into?: { id: number; url: string }): Promise<FillSummary | null> {
      const tab = into ?? (await targetTab(browser));
      if (!tab) return null;
      await inject(tab.id);
      const { origin, path } = pagePattern(tab.url);
      const mapping = (await mappingFor(origin, path))?.fields ?? {};
      const results = await browser.scripting.executeScript({
        target: { tabId: tab.id, allFrames: true },
        // executeScript waits for the returned promise (dropdowns take a moment to open).
        func: async (v: FillValues, m: FieldMapping) => (await (globalThis as unknown as Scope).__qicFiller?.fill(v, m)) ?? { filled: [], noOption: [], unmatched: [] },
        args: [values, mapping],
      });
      lastTab = tab.id;
      // Per frame, a field may be unmatched; over the whole page, only if no frame took it.
      return mergeReports(values, results.map((r) => r.result));
    },
    /** Puts back what the last fill replaced, with the same events, in every frame. */
    async undo(): Promise<UndoReport> {
      if (lastTab === undefined) return { restored: 0, kept: [] };
      const results = await browser.scripting.executeScript({
        target: { tabId: lastTab, allFrames: true },
        func: async () => (await (globalThis as unknown as Scope).__qicFiller?.undo()) ?? { restored: 0, kept: [] },
      });
      return mergeUndoReports(results.map((r) => r.result));
    },
    /** "Teach this form" in the page's top frame; the mapping is saved for its origin + path. */
    async teach(prompts: Record<InvoiceField, string>): Promise<{ origin: string; path: string; fields: InvoiceField[] } | null> {
      const tab = await targetTab(browser);
      if (!tab) return null;
      await inject(tab.id, [0]);
      const [result] = await browser.scripting.executeScript({
        target: { tabId: tab.id, frameIds: [0] },
        func: (p: Record<InvoiceField, string>) => (globalThis as unknown as Scope).__qicFiller!.teach(p),
        args: [prompts],
      });
      const fields = (result?.result ?? {}) as FieldMapping;
      const { origin, path } = pagePattern(tab.url);
      const taught = INVOICE_FIELDS.filter((f) => fields[f]);
      if (taught.length === 0) await deleteMapping(origin, path);
      else await saveMapping({ origin, path, fields, savedAt: Date.now() });
      return { origin, path, fields: taught };
    },
    /** "Insert invoice …" into the focused field of the clicked frame. */
    async insert(tabId: number, frameId: number, field: InvoiceField, value: string): Promise<boolean> {
      await inject(tabId, [frameId]);
      const [result] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [frameId] },
        func: (f: InvoiceField, v: string) => (globalThis as unknown as Scope).__qicFiller?.insert(f, v) ?? false,
        args: [field, value],
      });
      lastTab = tabId;
      return result?.result === true;
    },
  };
}
