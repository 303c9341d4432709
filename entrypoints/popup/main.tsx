import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/Popup';
import { t, tDynamic } from '@/lib/i18n';
import { sendMessage, type Reply } from '@/lib/messages';
import { createCaptureStore } from '@/lib/store/captures';
import { useCaptures } from '@/lib/ui/use-captures';
import { readFileAsDataUrl } from '@/lib/util/read-file';

const RECENT = 20;

function App() {
  const store = useMemo(() => createCaptureStore(), []);
  const views = useCaptures(store, RECENT);
  const [notice, setNotice] = useState<string | null>(null);
  const report = (reply: Reply) => setNotice(reply.ok ? null : `${tDynamic(reply.messageKey)}${reply.detail ? ` (${reply.detail})` : ''}`);
  return (
    <Popup
      views={views}
      notice={notice}
      onUrl={async (url) => report(await sendMessage('recognizeUrl', { url }))}
      onFiles={async (files) => {
        for (const file of files) {
          report(await sendMessage('recognizeFile', { name: file.name, dataUrl: await readFileAsDataUrl(file) }));
        }
      }}
      onCopy={async (value) => {
        try {
          await navigator.clipboard.writeText(value);
          setNotice(t('copied'));
        } catch (error) {
          setNotice(t('copyFailed', error instanceof Error ? error.message : String(error)));
        }
      }}
      onRetry={async (id) => report(await sendMessage('retryCapture', { id }))}
      onReread={async (id, provider) => report(await sendMessage('rereadCapture', { id, provider }))}
      onDelete={async (id) => report(await sendMessage('deleteCapture', { id }))}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<App />, document.getElementById('app')!);
