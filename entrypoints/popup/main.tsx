import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/Popup';
import { t, tDynamic } from '@/lib/i18n';
import { applyUiLanguage } from '@/lib/ui/language';
import { followToolbarScheme } from '@/lib/ui/toolbar-icon';
import { sendMessage, type Reply } from '@/lib/messages';
import { createCaptureStore } from '@/lib/store/captures';
import { notifyCapturesChanged } from '@/lib/store/changes';
import { useCaptureCount, useCaptureMarks, useCaptures } from '@/lib/ui/use-captures';
import type { ProviderId } from '@/lib/store/capture-schema';
import { fillNotice, undoNotice } from '@/lib/ui/fill-notice';
import { dataUrlProblemText, fileFromDataUrl, intakeFiles, intakeProblemText, linkFromText } from '@/lib/ui/intake';
import { readFileAsDataUrl } from '@/lib/util/read-file';
import { huaweiConfigured } from '@/lib/ui/huawei-ready';
import { hostPattern, requestHostAccess } from '@/lib/platform';
import { allowHostAndRetry } from '@/lib/ui/allow-host';
import { replyText } from '@/lib/ui/error-text';

const RECENT = 20;

function App() {
  const store = useMemo(() => createCaptureStore(), []);
  const views = useCaptures(store, RECENT);
  const total = useCaptureCount(store);
  // Duplicates and checks over the whole store, as the batch decides them (not among the 20 listed).
  const marks = useCaptureMarks(store);
  // Huawei Cloud is offered for a second read only when it can run (keys saved or it is the engine).
  const [huaweiReady, setHuaweiReady] = useState(false);
  useEffect(() => {
    void sendMessage('getSettings', undefined)
      .then((s) => setHuaweiReady(huaweiConfigured(s)))
      .catch(() => undefined);
  }, []);
  const [notice, setNoticeText] = useState<string | null>(null);
  /** What the notice's Undo button does: put back a fill, or a deleted capture. */
  const [undo, setUndo] = useState<(() => Promise<void>) | null>(null);
  const [noticeId, setNoticeId] = useState(0);
  const setNotice = (text: string | null, onUndo: (() => Promise<void>) | null = null) => {
    setNoticeText(text);
    setUndo(() => onUndo);
    setNoticeId((n) => n + 1); // a new notice element each time, so screen readers announce it again
  };
  const report = (reply: Reply) => setNotice(replyText(reply));
  // A typed or pasted URL is read by the worker: its host is asked for at once, on the user's
  // gesture (no prompt when granted; permissions.request runs before any await, as Firefox wants).
  // The capture is handed over first, in the same tick: the prompt can close the toolbar popup
  // (Firefox closes it as its doorhanger opens), and nothing after the request would run. The
  // worker stores it waiting for the answer: a grant reads it (lib/background/retry-on-grant.ts),
  // the answer told here (yes or no) starts it, and unanswered it goes after HOST_ANSWER_WAIT_MS
  // (lib/recognize/host-answer.ts), as LOCAL.HOST_ACCESS with "Allow reading images from <host>"
  // in its row when not granted. No gesture to ask on (a dropped link): refused at once, the same.
  // A data: URL is no link to read but the image itself: decoded here and taken as a file is.
  // Resolves whether it was taken (the URL box keeps what was typed when it was not).
  const submitUrl = async (url: string, kind: 'paste' | 'drop' = 'paste'): Promise<boolean> => {
    if (/^data:/i.test(url.trim())) return submitDataUrl(url, kind);
    const asking = hostPattern(url) !== undefined;
    const sent = sendMessage('recognizeUrl', { url, askingHost: asking });
    const answered = asking ? requestHostAccess(browser, url) : undefined;
    const reply = await sent;
    report(reply);
    if (reply.ok && answered) void answered.then(() => sendMessage('hostAnswered', { id: reply.id }));
    return reply.ok;
  };
  // A data: URL (trial 5: a 144 KB invoice pasted as one was refused with zod's words, the box
  // emptied): its bytes as a file, through the same intake and checks as a picked file.
  async function submitDataUrl(url: string, kind: 'paste' | 'drop'): Promise<boolean> {
    const file = fileFromDataUrl(url, t('dataUrlFileName'));
    if (!file) {
      setNotice(t('dataUrlBroken'));
      return false;
    }
    return submitFiles([file], kind, dataUrlProblemText);
  }
  // One file to the worker: what to say when it was not taken. A message that fails (too large for
  // the browser, the worker gone) is said for that file, and the files after it still go.
  async function sendFile(item: { name: string; blob: Blob; fromPdf: boolean }, kind: 'file' | 'paste' | 'drop'): Promise<string | null> {
    try {
      return replyText(await sendMessage('recognizeFile', { name: item.name, kind: item.fromPdf ? 'pdf' : kind, dataUrl: await readFileAsDataUrl(item.blob) }));
    } catch (error) {
      return t('fileNotTaken', [item.name, error instanceof Error ? error.message : String(error)]);
    }
  }
  // Every file refused among several is named, in one notice kept to the end: a later file taken
  // must not clear an earlier one's refusal (a new user's trial picked 8 and saw 6 rows, no word why).
  // Resolves whether every file was taken.
  async function submitFiles(files: File[], kind: 'file' | 'paste' | 'drop', problemText = intakeProblemText): Promise<boolean> {
    const refused: string[] = [];
    for await (const item of intakeFiles(files)) {
      const words = 'problem' in item ? problemText(item) : await sendFile(item, kind);
      if (words) refused.push(words);
    }
    setNotice(refused.length > 0 ? refused.join(' ') : null);
    return refused.length === 0;
  }
  // Ctrl/Cmd+V anywhere in the popup (outside the URL field): images and PDFs, or an image link.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if ((event.target as HTMLElement | null)?.id === 'image-url') return;
      const files = Array.from(event.clipboardData?.files ?? []);
      const link = linkFromText(event.clipboardData?.getData('text/plain') ?? '');
      if (files.length === 0 && !link) return;
      event.preventDefault();
      if (files.length > 0) void submitFiles(files, 'paste');
      else if (link) void submitUrl(link);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);
  return (
    <Popup
      views={views}
      marks={marks}
      total={total}
      canReread={(provider: ProviderId) => provider !== 'huawei' || huaweiReady}
      onCopyAll={async (text) => {
        try {
          await navigator.clipboard.writeText(text);
          setNotice(t('copiedAll'));
        } catch (error) {
          setNotice(t('copyFailed', error instanceof Error ? error.message : String(error)));
        }
      }}
      notice={notice}
      noticeId={noticeId}
      onUrl={submitUrl}
      onDrop={(files, text) => {
        const link = linkFromText(text);
        if (files.length > 0) void submitFiles(files, 'drop');
        else if (link) void submitUrl(link, 'drop');
      }}
      onFiles={(files) => submitFiles(files, 'file')}
      onCopy={async (value) => {
        try {
          await navigator.clipboard.writeText(value);
          setNotice(t('copied'));
        } catch (error) {
          setNotice(t('copyFailed', error instanceof Error ? error.message : String(error)));
        }
      }}
      onRetry={async (id) => report(await sendMessage('retryCapture', { id }))}
      onAllowHost={async (id, url) => setNotice(await allowHostAndRetry(browser, id, url))}
      onReread={async (id, provider) => report(await sendMessage('rereadCapture', { id, provider }))}
      onFill={async (id) => {
        const reply = await sendMessage('fillPage', { id });
        if (!reply.ok) return report(reply);
        const text = fillNotice(reply);
        if (!text) return setNotice(t('fillNothing'));
        if (reply.filled.length === 0) return setNotice(text); // only lists without the option: nothing to undo
        setNotice(text, async () => {
          const undone = await sendMessage('undoFill', undefined);
          setNotice(
            !undone.ok
              ? tDynamic(undone.messageKey)
              : undoNotice(undone),
          );
        });
      }}
      onUndo={undo}
      onDelete={async (id) => {
        // Kept here until the next action, so Undo can put the capture and its image back.
        const capture = await store.get(id);
        const image = await store.image(id);
        const reply = await sendMessage('deleteCapture', { id });
        if (!reply.ok || !capture) return report(reply);
        setNotice(t('batchDeleted', '1'), async () => {
          await store.add(capture, image);
          notifyCapturesChanged(id);
          setNotice(t('batchRestored', '1'));
        });
      }}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
      onOpenBatch={() => void browser.tabs.create({ url: browser.runtime.getURL('/batch.html') })}
      onTeach={async () => {
        // The popup may close while the user clicks in the page; the worker saves the mapping anyway.
        const reply = await sendMessage('teachForm', undefined);
        if (!reply.ok) return report(reply);
        setNotice(t(reply.fields.length ? 'teachSaved' : 'teachCleared', `${reply.origin}${reply.path}`));
      }}
    />
  );
}

// Opening the popup wakes a stopped worker, which picks up captures left queued or running.
void sendMessage('resumeJobs', undefined).catch(() => undefined);
void applyUiLanguage(document).then(() => {
  document.title = t('popupTitle'); // the <title> is __MSG_extName__ for the toolbar's tooltip (WXT copies it)
  render(<App />, document.getElementById('app')!);
});

followToolbarScheme();
