import type { WxtBrowser } from 'wxt/browser';
import type { Emulator } from '../emulator/server';
import type { LoadedExtension } from '../support/extension';

declare const chrome: WxtBrowser;

export interface FlowSample {
  /** Per image: from the click to its result stored in IndexedDB. */
  latenciesMs: number[];
  /** Per request: the emulator's own time. */
  emulatorMs: number[];
  wallMs: number;
}

export interface StoredSample {
  /** Per image, in the order of the URLs: from the click to its capture stored as done or failed (ms). */
  latenciesMs: number[];
  /** Per image, in the order of the URLs: the fields stored (undefined when the capture failed). */
  results: (Partial<Record<'code' | 'number' | 'amount' | 'location', string>> | undefined)[];
  failed: number;
  wallMs: number;
}

/**
 * Clicks "Recognize quota invoice" for `urls` at once (the real listeners, in the worker) and
 * waits, inside the worker, until each capture is stored as done or failed; times come from the
 * worker clock. Whichever provider the extension is set to reads them. `pollMs`: how often the
 * store is looked at; latencies come from each record's `updatedAt`, so it changes only how much
 * the looking itself takes from the worker (every 2 ms by default).
 */
export async function clickAndWaitStored(ext: LoadedExtension, pageUrl: string, urls: string[], pollMs = 2): Promise<StoredSample> {
  const result = await ext.worker.evaluate(
    // No named inner functions here: tsx/esbuild would wrap them in a __name() helper that does
    // not exist in the worker, where this callback is serialized and run.
    async (srcUrls, page, every) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('quota-invoice-capture');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const t0 = Date.now();
      for (const srcUrl of srcUrls) {
        (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(
          { menuItemId: 'recognize-quota-invoice', srcUrl, pageUrl: page, editable: false, frameId: 0 },
          { id: -1, url: page, index: 0 },
        );
      }
      type Stored = { createdAt: number; updatedAt: number; status: string; source: { imageUrl?: string }; result?: Record<string, string> };
      for (;;) {
        const records = await new Promise<Stored[]>((resolve) => {
          const req = db.transaction('captures').objectStore('captures').getAll();
          req.onsuccess = () => resolve(req.result);
        });
        const mine = srcUrls.map((u) => records.find((c) => c.createdAt >= t0 && c.source.imageUrl === u));
        if (mine.every((c) => c && (c.status === 'done' || c.status === 'failed'))) {
          db.close();
          const done = mine as Stored[];
          return {
            latencies: done.map((c) => c.updatedAt - t0),
            results: done.map((c) => (c.status === 'done' ? { code: c.result?.code, number: c.result?.number, amount: c.result?.amount, location: c.result?.location } : undefined)),
            wall: Date.now() - t0,
            failed: done.filter((c) => c.status === 'failed').length,
          };
        }
        await new Promise((r) => setTimeout(r, every));
      }
    },
    urls,
    pageUrl,
    pollMs,
  );
  return { latenciesMs: result.latencies, results: result.results, failed: result.failed, wallMs: result.wall };
}

/** The context-menu flow against the emulator: every recognition must succeed. */
export async function runContextMenuFlow(ext: LoadedExtension, emulator: Emulator, pageUrl: string, urls: string[]): Promise<FlowSample> {
  const before = emulator.requests.length;
  const sample = await clickAndWaitStored(ext, pageUrl, urls);
  if (sample.failed > 0) throw new Error(`${sample.failed} recognitions failed during the benchmark`);
  return {
    latenciesMs: sample.latenciesMs,
    emulatorMs: emulator.requests.slice(before).map((r) => r.handlerMs),
    wallMs: sample.wallMs,
  };
}
