import type { WxtBrowser } from 'wxt/browser';
import type { FillReport, FillValues } from './page';
import { INVOICE_FIELDS, type InvoiceField } from './score';

export interface FillSummary {
  filled: FillReport['filled'];
  unmatched: InvoiceField[];
}

type Scope = { __qicFiller?: { fill(v: FillValues): FillReport; undo(): number } };

/**
 * The tab to fill: the active tab of the focused window. When that is one of our own pages (the
 * popup opened as a tab, the options page), the most recently used web page instead.
 */
async function targetTab(browser: WxtBrowser): Promise<number | undefined> {
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active?.id !== undefined && /^(https?|file):/.test(active.url ?? '')) return active.id;
  const pages = (await browser.tabs.query({})).filter((t) => /^(https?|file):/.test(t.url ?? ''));
  pages.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return pages[0]?.id;
}

/** Fills the page's form in every frame (the filler is injected now, on the user's click). */
export function createTabFiller(browser: WxtBrowser) {
  let lastTab: number | undefined;
  return {
    async fill(values: FillValues): Promise<FillSummary | null> {
      const tabId = await targetTab(browser);
      if (tabId === undefined) return null;
      const target = { tabId, allFrames: true };
      await browser.scripting.executeScript({ target, files: ['/autofill.js'] });
      const results = await browser.scripting.executeScript({
        target,
        func: (v: FillValues) => (globalThis as unknown as Scope).__qicFiller?.fill(v) ?? { filled: [], unmatched: [] },
        args: [values],
      });
      lastTab = tabId;
      const filled = results.flatMap((r) => (r.result as FillReport | undefined)?.filled ?? []);
      const unmatched = INVOICE_FIELDS.filter((f) => values[f] !== undefined && !filled.some((x) => x.field === f));
      return { filled, unmatched };
    },
    /** Puts back what the last fill replaced, with the same events. */
    async undo(): Promise<number> {
      if (lastTab === undefined) return 0;
      const results = await browser.scripting.executeScript({
        target: { tabId: lastTab, allFrames: true },
        func: () => (globalThis as unknown as Scope).__qicFiller?.undo() ?? 0,
      });
      return results.reduce((sum, r) => sum + Number(r.result ?? 0), 0);
    },
  };
}
