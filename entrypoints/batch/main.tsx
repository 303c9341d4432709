import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { BatchView } from '@/components/BatchView';
import { checksFor } from '@/lib/invoice/capture-checks';
import { zipFileName } from '@/lib/export/naming';
import { exportedNotice, importedNotice } from '@/lib/export/summary';
import { notifyCapturesChanged } from '@/lib/store/changes';
import { t, tDynamic } from '@/lib/i18n';
import { applyUiLanguage, followUiLanguage } from '@/lib/ui/language';
import { followToolbarScheme } from '@/lib/ui/toolbar-icon';
import { sendMessage } from '@/lib/messages';
import type { Capture } from '@/lib/store/capture-schema';
import { createCaptureStore } from '@/lib/store/captures';
import { useCaptureList } from '@/lib/ui/use-captures';
import { allowHostAndRetry } from '@/lib/ui/allow-host';
import { addUndoable, type Undoable } from '@/lib/ui/undo-list';

/** Resolves true when the download is complete, false if it failed or was cancelled. */
async function downloadFinished(id: number): Promise<boolean> {
  for (;;) {
    const [item] = await browser.downloads.search({ id });
    if (!item || item.state === 'interrupted') return false;
    if (item.state === 'complete') return true;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The ZIP writer (exceljs, zip.js) and reader are loaded when the user exports or imports, not
// with the page: they are most of the page's script, and the table's first screen needs none of it.
const zipWriter = () => import('@/lib/export/zip');
const zipReader = () => import('@/lib/export/import');

/** All captures, newest first; a batch is rarely more than a few thousand. */
const ALL = 100_000;

function App() {
  const store = useMemo(() => createCaptureStore(), []);
  const captures = useCaptureList(store, ALL);
  // Once per change of the data (not per render): the checks of 5,000 captures take tens of ms.
  const views = useMemo(() => (captures ?? []).map((capture) => ({ capture })), [captures]);
  const checks = useMemo(() => checksFor(captures ?? []), [captures]);
  // Setting the toolbar icon draws both icon sets in this page (a second's work on a busy
  // machine): once the table's first screen is drawn, when the page is idle, not before it (an
  // idle moment while IndexedDB read the captures used to take it, in the first screen's time).
  const loaded = captures !== null;
  useEffect(() => {
    if (!loaded) return;
    const idle = requestIdleCallback(() => followToolbarScheme(), { timeout: 3000 });
    return () => cancelIdleCallback(idle);
  }, [loaded]);
  /** Which raising the notice shown is: counts on across closed notices, so no two raisings share a number. */
  const raises = useRef(0);
  const [notice, setNoticeState] = useState<{ words: string; raised: number } | null>(null);
  /**
   * What Undo puts back, as of now (a Delete that ends while another runs adds to the other's). Set
   * only with a notice: each raising re-renders the page (its count), so the Undo drawn reads this.
   */
  const undoable = useRef<Undoable<Capture>[] | null>(null);
  const setNotice = (text: string | null, undo: typeof undoable.current = null) => {
    setNoticeState(text === null ? null : { words: text, raised: ++raises.current });
    undoable.current = undo;
  };
  return (
    <BatchView
      views={views}
      checks={checks}
      readImage={(id) => store.image(id)}
      notice={notice}
      onCorrect={async (id, field, value) => {
        const reply = await sendMessage('correctField', { id, field, value });
        return reply.ok ? null : tDynamic(reply.messageKey, reply.detail);
      }}
      onRetry={async (id) => void (await sendMessage('retryCapture', { id }))}
      onAllowHost={async (id, url) => setNotice(await allowHostAndRetry(browser, id, url))}
      onDelete={async (ids) => {
        // Kept in this page until the next action, so Undo can put them back as they were. Deletes
        // one after another add up: Undo puts back every capture its notice counts (it said "deleted: 1"
        // after the third and put back only that one, the first two gone without a word).
        const kept: Undoable<Capture>[] = [];
        for (const id of ids) {
          const capture = await store.get(id);
          if (capture) kept.push({ capture, image: await store.image(id) });
          await sendMessage('deleteCapture', { id });
        }
        const all = addUndoable(undoable.current, kept);
        setNotice(t('batchDeleted', String(all.length)), all);
      }}
      // Closing a delete's notice keeps its captures for the next Delete's Undo: a × pressed by a click
      // meant for a Delete under it threw away the Undo of the deletes before (new-user check of stop 33).
      onDismissNotice={() => setNoticeState(null)}
      onUndo={
        undoable.current
          ? async () => {
              const back = undoable.current ?? [];
              for (const { capture, image } of back) await store.add(capture, image);
              notifyCapturesChanged('undo');
              setNotice(t('batchRestored', String(back.length)));
            }
          : null
      }
      onExport={async (captures, clearAfter) => {
        setNotice(t('batchExporting', String(captures.length)));
        const { exportZip } = await zipWriter();
        const { zip, totals } = await exportZip(captures, (id) => store.image(id), t);
        const url = URL.createObjectURL(zip);
        try {
          const download = await browser.downloads.download({ url, filename: zipFileName(Date.now()), saveAs: false });
          // The ZIP is the safety copy: clear only once it is completely on disk.
          if (clearAfter && (await downloadFinished(download))) {
            for (const c of captures) await sendMessage('deleteCapture', { id: c.id });
            setNotice(exportedNotice(captures.length, totals, true, t));
          } else {
            setNotice(exportedNotice(captures.length, totals, false, t));
          }
        } finally {
          setTimeout(() => URL.revokeObjectURL(url), 60_000);
        }
      }}
      onImport={async (file) => {
        const { importZip } = await zipReader();
        const result = await importZip(file, store);
        notifyCapturesChanged('import');
        const problemWords = { newerVersion: 'batchImportNewer', notExport: 'batchImportNotExport', tooLarge: 'batchImportTooLarge' } as const;
        setNotice(result.ok ? importedNotice(result, t) : t(problemWords[result.problem]));
      }}
    />
  );
}

// Opening the page wakes a stopped worker, which picks up captures left queued or running.
void sendMessage('resumeJobs', undefined).catch(() => undefined);
/** Draws the page (again, once the language changed: state kept, every row's words anew). */
const draw = () => {
  document.title = t('batchTitle');
  render(<App />, document.getElementById('app')!);
};
void applyUiLanguage(document).then(() => {
  draw();
  followUiLanguage(document, draw);
});
