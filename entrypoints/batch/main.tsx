import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { BatchView } from '@/components/BatchView';
import { exportZip, checksFor } from '@/lib/export/zip';
import { zipFileName } from '@/lib/export/naming';
import { t, tDynamic } from '@/lib/i18n';
import { sendMessage } from '@/lib/messages';
import { createCaptureStore } from '@/lib/store/captures';
import { useCaptures } from '@/lib/ui/use-captures';

/** All captures, newest first; a batch is rarely more than a few thousand. */
const ALL = 100_000;

function App() {
  const store = useMemo(() => createCaptureStore(), []);
  const views = useCaptures(store, ALL) ?? [];
  const checks = useMemo(() => checksFor(views.map((v) => v.capture)), [views]);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <BatchView
      views={views}
      checks={checks}
      notice={notice}
      onCorrect={async (id, field, value) => {
        const reply = await sendMessage('correctField', { id, field, value });
        if (!reply.ok) setNotice(tDynamic(reply.messageKey));
      }}
      onDelete={async (ids) => {
        for (const id of ids) await sendMessage('deleteCapture', { id });
      }}
      onExport={async (captures) => {
        setNotice(t('batchExporting', String(captures.length)));
        const zip = await exportZip(captures, (id) => store.image(id));
        const url = URL.createObjectURL(zip);
        await browser.downloads.download({ url, filename: zipFileName(Date.now()), saveAs: false });
        setNotice(t('batchExported', String(captures.length)));
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }}
    />
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('batchTitle');
render(<App />, document.getElementById('app')!);
