import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { CaptureView } from '@/lib/ui/use-captures';
import { CaptureCard, type CaptureActions } from './CaptureCard';
import { CaptureInput } from './CaptureInput';

/** Said once above the cards when captures wait because Huawei refused the keys. */
function KeysRefused({ views, onOpenSettings }: { views: CaptureView[] | null; onOpenSettings: () => void }) {
  const waiting = views?.filter((v) => v.capture.status === 'queued' && v.capture.job?.wait === 'credentials').length ?? 0;
  if (waiting === 0) return null;
  return (
    <p class="keys-refused" role="alert">
      {t('popupKeysRefused', String(waiting))}{' '}
      <button type="button" class="link" onClick={onOpenSettings}>{t('popupSettings')}</button>
    </p>
  );
}

interface Props extends CaptureActions {
  views: CaptureView[] | null;
  notice: string | null;
  noticeId: number;
  /** Shown after a fill: Undo puts the page's previous values back. */
  onUndo: (() => void) | null;
  onUrl: (url: string) => void;
  onFiles: (files: File[]) => void;
  /** Files, or else the text (a link), dropped on the popup. */
  onDrop: (files: File[], text: string) => void;
  onOpenSettings: () => void;
  onTeach: () => void;
  onOpenBatch: () => void;
}

export function Popup({ views, notice, noticeId, onUndo, onUrl, onFiles, onDrop, onOpenSettings, onTeach, onOpenBatch, ...actions }: Props) {
  const [dragging, setDragging] = useState(false);
  return (
    <main
      class={dragging ? 'popup dragging' : 'popup'}
      onDragOver={(e) => {
        e.preventDefault(); // without this the browser opens the dropped file instead
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        onDrop(Array.from(e.dataTransfer?.files ?? []), e.dataTransfer?.getData('text/uri-list') || e.dataTransfer?.getData('text/plain') || '');
      }}
    >
      <header>
        <h1>{t('popupTitle')}</h1>
        <span class="header-actions">
          <button type="button" class="link batch-link" onClick={onOpenBatch}>{t('batchOpen')}</button>
          <button type="button" class="link teach" onClick={onTeach}>{t('teachForm')}</button>
          <button type="button" class="link" onClick={onOpenSettings}>{t('popupSettings')}</button>
        </span>
      </header>
      <CaptureInput onUrl={onUrl} onFiles={onFiles} />
      <p class="hint">{t('popupDropHint')}</p>
      {notice && (
        <p class="notice" role="status" key={noticeId}>
          <span class="notice-text">{notice}</span>
          {onUndo && <button type="button" class="undo" onClick={onUndo}>{t('undo')}</button>}
        </p>
      )}
      {views && views.length === 0 && <p class="empty">{t('popupEmpty')}</p>}
      <KeysRefused views={views} onOpenSettings={onOpenSettings} />
      <section class="captures">
        {views?.map((view) => <CaptureCard key={view.capture.id} capture={view.capture} thumbnail={view.thumbnail} {...actions} />)}
      </section>
    </main>
  );
}
