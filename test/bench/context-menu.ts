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

/**
 * Clicks "Recognize quota invoice" for `urls` at once (the real listeners, in the worker) and
 * waits, inside the worker, until each capture is stored as done; times come from the worker clock.
 */
export async function runContextMenuFlow(ext: LoadedExtension, emulator: Emulator, pageUrl: string, urls: string[]): Promise<FlowSample> {
  const before = emulator.requests.length;
  const result = await ext.worker.evaluate(
    // No named inner functions here: tsx/esbuild would wrap them in a __name() helper that does
    // not exist in the worker, where this callback is serialized and run.
    async (srcUrls, page) => {
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
      for (;;) {
        const records = await new Promise<{ createdAt: number; updatedAt: number; status: string; source: { imageUrl?: string } }[]>((resolve) => {
          const req = db.transaction('captures').objectStore('captures').getAll();
          req.onsuccess = () => resolve(req.result);
        });
        const mine = records.filter((c) => c.createdAt >= t0 && srcUrls.includes(c.source.imageUrl ?? ''));
        if (mine.length === srcUrls.length && mine.every((c) => c.status === 'done' || c.status === 'failed')) {
          db.close();
          const failed = mine.filter((c) => c.status === 'failed').length;
          return { latencies: mine.map((c) => c.updatedAt - t0), wall: Date.now() - t0, failed };
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    urls,
    pageUrl,
  );
  if (result.failed > 0) throw new Error(`${result.failed} recognitions failed during the benchmark`);
  return {
    latenciesMs: result.latencies,
    emulatorMs: emulator.requests.slice(before).map((r) => r.handlerMs),
    wallMs: result.wall,
  };
}
