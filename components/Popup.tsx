import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { standing } from '@/lib/invoice/hand-entry';
import { refusedAsOtherPaper } from '@/lib/invoice/capture-checks';
import { unreadableBytes } from '@/lib/ui/capture-status';
import type { CaptureMarks } from '@/lib/ui/capture-marks';
import type { CaptureView } from '@/lib/ui/use-captures';
import type { ProviderId } from '@/lib/store/capture-schema';
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

/** Up/Down move between invoices, Home/End to the first and last (Enter or Space opens one). */
function moveFocus(event: KeyboardEvent) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  const from = (event.target as HTMLElement).closest?.('button.expand');
  if (!keys.includes(event.key) || !from) return;
  const all = Array.from((event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button.expand'));
  const at = all.indexOf(from as HTMLButtonElement);
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key]!;
  if (all[next]) {
    event.preventDefault();
    all[next].focus();
  }
}

/** The tallest popup Chrome draws (800 × 600 CSS px at most), the budget: what a clerk sees without scrolling. */
const POPUP_HEIGHT = 600;
/** Whole invoices the popup shows without scrolling (issue 13: at least 6 in 600 px). */
const AT_A_GLANCE = 6;

/**
 * Whether the newest capture opens by itself: only when, open, it still leaves the first six rows
 * (or all, when fewer) whole within the popup. A clerk at the popup mostly scans the day's list and
 * copies from whichever row, and the capture just made by a right-click already shows its fields
 * where the click was (the in-page card); so the newest's details are worth a row of the list only
 * when they cost none. Measured once per newest capture, before the first paint (a layout effect),
 * from the rows as drawn: a duplicate, a failure, a hand entry or a long place make rows taller,
 * and a new user's trial saw 5 invoices with the newest open (issue 13). A newest failure opens
 * for what it offers (Allow reading images from <host>, Retry), but paper refused as another kind
 * stays closed: its one line says it all, and open it showed only its long words and Delete (the
 * new-user check of stop 36: a toll receipt picked last).
 */
/**
 * A failure whose row offers nothing but its words and Delete: paper named as another kind, or
 * bytes no engine can read (a 10×10 px picture, a text file: unreadableBytes).
 */
function nothingToDo(capture: CaptureView['capture']): boolean {
  return standing(capture) === 'failed' && (refusedAsOtherPaper(capture) || unreadableBytes(capture));
}

function useOpenNewest(list: { current: HTMLElement | null }, views: CaptureView[] | null): boolean {
  const first = views?.[0]?.capture;
  const newest = first?.id ?? null;
  const [closedFor, setClosedFor] = useState<string | null>(null);
  const open = first !== undefined && !nothingToDo(first) && closedFor !== newest;
  useLayoutEffect(() => {
    const rows = list.current?.querySelectorAll('article.capture');
    if (!open || !rows?.length) return;
    const last = rows[Math.min(rows.length, AT_A_GLANCE) - 1]!;
    const top = last.ownerDocument.documentElement.getBoundingClientRect().top; // the page's own scroll
    if (last.getBoundingClientRect().bottom - top > POPUP_HEIGHT) setClosedFor(newest);
  }, [views, open, newest]);
  return open;
}

interface Props extends CaptureActions {
  views: CaptureView[] | null;
  /**
   * The batch's checks and duplicate marks over every stored capture (lib/ui/capture-marks.ts),
   * null while they are being read: a row is then neither ✓ nor marked.
   */
  marks: CaptureMarks | null;
  /** How many captures there are in all (the batch page lists them); null while unknown. */
  total: number | null;
  /** "Read again with …" is offered only for an engine that can run (Huawei Cloud needs its keys). */
  canReread: (provider: ProviderId) => boolean;
  notice: string | null;
  noticeId: number;
  /** Shown after a fill: Undo puts the page's previous values back. */
  onUndo: (() => void) | null;
  /** Resolves whether the URL was taken: the box keeps what was typed when it was refused. */
  onUrl: (url: string) => Promise<boolean>;
  onFiles: (files: File[]) => void;
  /** Files, or else the text (a link), dropped on the popup. */
  onDrop: (files: File[], text: string) => void;
  onOpenSettings: () => void;
  onTeach: () => void;
  onOpenBatch: () => void;
}

export function Popup({ views, marks, total, canReread, notice, noticeId, onUndo, onUrl, onFiles, onDrop, onOpenSettings, onTeach, onOpenBatch, ...actions }: Props) {
  const [dragging, setDragging] = useState(false);
  const list = useRef<HTMLElement>(null);
  const openNewest = useOpenNewest(list, views);
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
      <section class="captures" ref={list} aria-label={t('popupListLabel')} onKeyDown={moveFocus}>
        {views?.map((view, i) => (
          <CaptureCard key={view.capture.id} capture={view.capture} thumbnail={view.thumbnail} defaultOpen={i === 0 && openNewest} canReread={canReread} checked={marks !== null} check={marks?.checks.get(view.capture.id)} duplicate={marks?.duplicates.get(view.capture.id)} {...actions} />
        ))}
      </section>
      {views && total !== null && total > views.length && (
        <button type="button" class="link more" onClick={onOpenBatch}>{t('popupMore', String(total - views.length))}</button>
      )}
    </main>
  );
}
