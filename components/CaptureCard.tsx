import { useState } from 'preact/hooks';
import { displayCode } from '@/lib/recognize/errors';
import { errorMessageKey } from '@/lib/ui/error-words';
import { amountFen, displayAmount, fenToYuanText } from '@/lib/invoice/amount';
import { placeFromCode } from '@/lib/invoice/groups';
import { QUOTA_INVOICE_FIELDS } from '@/lib/recognize/contract';
import { t, tDynamic, type MessageKey } from '@/lib/i18n';
import { effectiveFields, type Capture, type CaptureStatus, type ProviderId, type WaitReason } from '@/lib/store/capture-schema';
import { isRereadingEntry, providerHasRead, retryFutile, statusWords, unreadableBytes } from '@/lib/ui/capture-status';
import { duplicateShortWords, duplicateWords, type DuplicateMark } from '@/lib/ui/duplicate-words';
import { reviewFlags, reviewReasons } from '@/lib/ui/capture-marks';
import type { CheckResult } from '@/lib/invoice/checks';
import { standing, stillToEnter } from '@/lib/invoice/hand-entry';
import { AllowHostButton } from './AllowHostButton';
import { ClockNotice } from './ClockNotice';
import { errorShortText, errorText, serverSaidText } from '@/lib/ui/error-text';
import { FIELD_LABEL } from '@/lib/ui/field-labels';
import { toEnterWords } from '@/lib/ui/hand-entry-words';
import { FieldRow } from './FieldRow';
import { PhotoPart } from './PhotoPart';

/** As invoices are filed, and as the batch, the export and Fill list them: code, number, amount, place. */
const SHOWN_ORDER = ['code', 'number', 'amount', 'location'] as const satisfies readonly (typeof QUOTA_INVOICE_FIELDS)[number][];

const PROVIDER_LABEL: Record<ProviderId, MessageKey> = { huawei: 'providerHuawei', ondevice: 'providerOndevice' };
const OTHER: Record<ProviderId, ProviderId> = { huawei: 'ondevice', ondevice: 'huawei' };

export interface CaptureActions {
  onCopy: (value: string) => void;
  /** Copy all: the four fields as tab-separated lines (label, value), pasted into a sheet as two columns. */
  onCopyAll: (text: string) => void;
  onRetry: (id: string) => void;
  /**
   * Asks for access to the host of `url` and retries the capture (LOCAL.HOST_ACCESS: the image's
   * site is not granted, issue 11; lib/ui/allow-host.ts). Absent where the page cannot ask.
   */
  onAllowHost?: (id: string, url: string) => void;
  onReread: (id: string, provider: ProviderId) => void;
  onFill: (id: string) => void;
  onDelete: (id: string) => void;
}

/** Below this a field is worth a second look (the batch and the export use the same figure). */
export const REVIEW_BELOW = 0.9;

function sourceLabel(capture: Capture): string {
  const { source } = capture;
  if (source.fileName) return t('sourceFile', source.fileName);
  const url = source.pageUrl ?? source.imageUrl ?? '';
  return url.startsWith('data:') ? 'data:' : url;
}

/** Hovering the thumbnail tells where the image came from (data: URLs shortened). */
function imageTitle(capture: Capture): string {
  const url = capture.source.imageUrl ?? capture.source.fileName ?? '';
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

/** Copy gives the amount as a form or a spreadsheet takes it ("1000.00"); unreadable text as it is. */
function amountForCopy(text: string | undefined): string | undefined {
  const fen = amountFen(text);
  return fen === null ? text : fenToYuanText(fen);
}

/** Fields a recognized capture lacks: it reads "Read 3 of 4 fields", not "Recognized". */
function missingFields(capture: Capture): string[] {
  if (standing(capture) !== 'done') return [];
  const fields = effectiveFields(capture);
  return QUOTA_INVOICE_FIELDS.filter((f) => !fields[f]);
}

function statusLabel(capture: Capture, missing: string[]): string {
  return statusWords(capture, QUOTA_INVOICE_FIELDS.length - missing.length, QUOTA_INVOICE_FIELDS.length);
}

type Icon = 'done' | 'review' | 'duplicate' | 'checking' | 'failed' | 'queued' | 'running';
/** `checking`: an invoice whose checks over the whole store are not read yet: no ✓ before they are. */
const ICON: Record<Exclude<Icon, 'duplicate'>, string> = { done: '✓', review: '!', checking: '', failed: '✕', queued: '…', running: '◌' };
/**
 * Two overlapping sheets, drawn: the character it was (⧉, U+29C9) is in no font of many systems and
 * showed as an empty box (trial 8, Debian with Noto CJK and DejaVu).
 */
const DUPLICATE_ICON = (
  <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="1.6" focusable="false">
    <rect x="1.5" y="4.5" width="9" height="9" rx="1.5" />
    <rect x="5.5" y="1.5" width="9" height="9" rx="1.5" />
  </svg>
);

/** Low-confidence fields: only those are worth showing a figure for. */
function lowConfidence(capture: Capture): string[] {
  const conf = capture.result?.confidence ?? {};
  return QUOTA_INVOICE_FIELDS.filter((f) => capture.corrections?.[f] === undefined && conf[f] !== undefined && conf[f]! < REVIEW_BELOW);
}

interface CardProps extends CaptureActions {
  capture: Capture;
  thumbnail?: string;
  /**
   * Open at first (the newest capture, when that costs no invoice of the first six and it is no
   * refusal of other paper: Popup.tsx). Any other failed one is closed like the others (open, it
   * took a third of a 600 px popup) and says why in one line; its full words and buttons are on expand.
   */
  defaultOpen?: boolean;
  /** "Read again with Huawei Cloud" only when Huawei Cloud is set up. */
  canReread?: (provider: ProviderId) => boolean;
  /** Set on a duplicate: whether it is the one counted, and if not which one is (lib/ui/duplicate-words.ts). */
  duplicate?: DuplicateMark;
  /**
   * The batch's checks of this capture, settled over every stored capture (lib/ui/capture-marks.ts):
   * any flag but `duplicate` (unusual amount, region ≠ location, low confidence, a missing field…)
   * shows "To review", with the reasons in the details.
   */
  check?: CheckResult;
  /** Whether `check` and `duplicate` are known (false while the whole store is being read). */
  checked?: boolean;
}

/**
 * One invoice as a compact row (amount, code · number · place, a status icon) with its details
 * (fields with Copy, Copy all, Fill, Retry / Read again, source) on expand. The automation contract
 * (data-capture-id, data-status, data-field with data-value, .status, .error…) is kept; collapsed
 * details stay in the DOM, hidden, so tools still read every field.
 */
export function CaptureCard({ capture, thumbnail, defaultOpen = false, canReread = () => true, duplicate, check, checked = true, ...actions }: CardProps) {
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  // Bytes the browser cannot draw (a damaged image, kept as captured) show the empty box, not a broken-image icon (helper-77).
  const [thumbBroken, setThumbBroken] = useState(false);
  // A failed capture typed in by hand in the batch stands as an invoice (lib/invoice/hand-entry.ts).
  const stands = standing(capture);
  const invoice = stands === 'done' || stands === 'entered';
  const open = userOpen ?? defaultOpen;
  const toEnter = stillToEnter(capture);
  const { result, error } = capture;
  const serverSaid = error && serverSaidText(error, capture.source.imageUrl);
  const missing = missingFields(capture);
  const fields = effectiveFields(capture);
  const wait = capture.status === 'queued' ? capture.job?.wait : undefined;
  const low = capture.status === 'done' ? lowConfidence(capture) : [];
  // The batch's own checks (one rule: lib/invoice/checks.ts), not a popup's copy of some of them.
  const flags = invoice ? reviewFlags(check) : [];
  const needsReview = flags.length > 0;
  const notCounted = duplicate !== undefined && !duplicate.counted;
  // A hand entry being read again shows the read's own icon (queued, running), as its words say.
  const icon: Icon = isRereadingEntry(capture)
    ? (capture.status as 'queued' | 'running')
    : invoice ? (!checked ? 'checking' : notCounted ? 'duplicate' : needsReview ? 'review' : 'done') : capture.status;
  const amount = invoice ? displayAmount(fields.amount) : '';
  // The place the code gives where the location does not (the batch's rule: lib/invoice/groups.ts).
  const fromCode = invoice ? placeFromCode(fields, check) : undefined;
  const placeName = fields.location || fromCode;
  // No place printed or typed: the code's, said as such ("深圳市 (from the invoice code)").
  const placeOnlyFromCode = fields.location ? undefined : fromCode;
  // Fields to fill into a page or copy: recognized, or typed in by hand (it counts like a recognized one).
  const hasFields = invoice && (result !== undefined || stands === 'entered');
  const ids = [fields.code, fields.number].filter(Boolean).join(' · ');
  const summary = [ids, placeName].filter(Boolean).join(' · ');
  const detailsId = `details-${capture.id}`;
  const other = OTHER[capture.provider];
  const label = (f: (typeof QUOTA_INVOICE_FIELDS)[number]) => t(FIELD_LABEL[f]);
  const copyAll = () =>
    actions.onCopyAll(
      SHOWN_ORDER.filter((f) => fields[f])
        .map((f) => `${label(f)}\t${f === 'amount' ? amountForCopy(fields.amount) : fields[f]}`)
        .join('\n'),
    );
  const toggle = () => setUserOpen(!open);
  const doneStatus = capture.status === 'done' && missing.length === 0;
  return (
    <article
      class={`capture ${stands}${open ? ' open' : ''}`}
      data-capture-id={capture.id}
      data-status={stands}
      data-duplicate={duplicate ? (duplicate.counted ? 'counted' : 'not-counted') : undefined}
      data-wait={wait}
      data-review={!needsReview ? undefined : missing.length > 0 ? 'missing' : low.length > 0 ? 'confidence' : 'checks'}
      data-flags={flags.join(' ') || undefined}
    >
      <div class="capture-row" onClick={(e) => (e.target as HTMLElement).closest('button') === null && toggle()}>
        {thumbnail && !thumbBroken ? <img class="thumb" src={thumbnail} alt="" title={imageTitle(capture)} onError={() => setThumbBroken(true)} /> : <div class="thumb empty" title={imageTitle(capture)} />}
        <div class="capture-main">
          <div class="capture-line1">
            {amount && <span class="amount">{amount}</span>}
            {/* The words stay for screen readers and tools; a plain "Recognized" is said by the icon. */}
            <span class={`${missing.length > 0 ? 'status partial' : 'status'}${doneStatus && amount ? ' sr-only' : ''}`}>{statusLabel(capture, missing)}</span>
            {needsReview && <span class="review-badge" title={reviewReasons(check).join(' · ')}>{t('needsReview')}</span>}
            {/* Short, on one line; which capture counts instead is the title, and opens with the row. */}
            {duplicate && <span class="duplicate-badge" data-duplicate-of={duplicate.twin?.id} title={duplicateWords(duplicate)}>{duplicateShortWords(duplicate)}</span>}
            <PhotoPart part={capture.photo} />
          </div>
          <div class="capture-line2">
            {stands === 'failed' && error ? (
              <span class="failure-reason" data-error-code={error.code}>{errorShortText(error)}</span>
            ) : summary ? (
              // Code and number kept whole on one line; a long place goes to the next line whole rather than cut.
              <>
                {ids && <span class="ids">{ids}</span>}
                {ids && placeName && ' · '}
                {placeName && <span class="place" title={placeName}>{placeName}</span>}
              </>
            ) : (
              <span class="source">{sourceLabel(capture)}</span>
            )}
          </div>
        </div>
        <div class="capture-side">
          <span class={`status-icon ${icon}`} aria-hidden="true">{icon === 'duplicate' ? DUPLICATE_ICON : ICON[icon]}</span>
          <button type="button" class="expand" aria-expanded={open} aria-controls={detailsId} aria-label={t('showDetails', amount || summary || statusLabel(capture, missing))} onClick={toggle}>
            <span class="chevron" aria-hidden="true">›</span>
          </button>
        </div>
      </div>
      <div class="capture-details" id={detailsId} hidden={!open}>
        {invoice && (result || stands === 'entered') && (
          <div class="fields">
            {SHOWN_ORDER.map((field) => (
              <FieldRow
                key={field}
                field={field}
                label={label(field)}
                value={field === 'amount' ? displayAmount(fields.amount) || undefined : field === 'location' && placeOnlyFromCode ? t('derivedFromCode', placeOnlyFromCode) : fields[field]}
                copyValue={field === 'amount' ? amountForCopy(fields.amount) : field === 'location' ? placeName : fields[field]}
                rawValue={field === 'location' && placeOnlyFromCode ? '' : fields[field]}
                derived={field === 'location' && fields.location && fromCode ? t('derivedFromCode', fromCode) : undefined}
                original={capture.corrections?.[field] !== undefined && result ? (result[field] ?? '') : undefined}
                confidence={low.includes(field) ? result?.confidence?.[field] : undefined}
                onCopy={actions.onCopy}
              />
            ))}
          </div>
        )}
        {duplicate && <p class="duplicate-note">{duplicateWords(duplicate)}</p>}
        {needsReview && (
          <p class="review-note" data-flags={flags.join(' ')}>
            {t('popupReviewWhy', reviewReasons(check).join(' · '))}
          </p>
        )}
        {stands === 'entered' && error && (
          <p class="entered-note" data-error-code={error.code}>
            {t('enteredAfterFailure', errorText(error))} <code>{displayCode(error)}</code>
          </p>
        )}
        {stands === 'failed' && error && (
          <div class="error" role="alert" data-error-code={error.code} data-document-kind={error.documentKind}>
            <p class="error-text">{errorText(error)}</p>
            {/* Typed in part in the batch: what it still needs before it counts. */}
            {toEnter.length > 0 && <p class="to-enter" data-to-enter={toEnter.join(' ')}>{toEnterWords(toEnter)}</p>}
            <p class="error-detail">
              {/* The code as the gateway spelled it (APIGW.0301); the words above are the canonical code's. */}
              <code>{displayCode(error)}</code>
              {/* A server's own words (Huawei answers in English) are shown as such; an image host's answer in ours. */}
              {serverSaid && <span class="server-said"> {serverSaid}</span>}
              {error.requestId && ` · ${t('requestId')} ${error.requestId}`}
            </p>
          </div>
        )}
        {wait && error && (
          <div class="wait" role="status" data-error-code={error.code}>
            {wait === 'credentials' && <p class="error-text">{tDynamic(errorMessageKey(error.code))}</p>}
            <p class="error-detail">
              <code>{displayCode(error)}</code>
              {serverSaid && <span class="server-said"> {serverSaid}</span>}
            </p>
          </div>
        )}
        {capture.clockOffsetMs !== undefined && capture.clockOffsetMs !== 0 && capture.provider === 'huawei' && <ClockNotice offsetMs={capture.clockOffsetMs} />}
        <div class="detail-actions">
          {hasFields && (
            <button type="button" class={notCounted ? 'fill' : 'fill primary'} onClick={() => actions.onFill(capture.id)}>{t('fillPage')}</button>
          )}
          {hasFields && (
            <button type="button" class="copy-all" onClick={copyAll}>{t('copyAll')}</button>
          )}
          {actions.onAllowHost && <AllowHostButton capture={capture} onAllowHost={actions.onAllowHost} look="primary" />}
          {stands === 'failed' && error && !retryFutile(capture) && (
            <button type="button" class="retry" onClick={() => actions.onRetry(capture.id)}>{t('retry')}</button>
          )}
          {(capture.status === 'done' || capture.status === 'failed') && capture.hasImage && !unreadableBytes(capture) && canReread(other) && (
            <button type="button" class="reread link" onClick={() => actions.onReread(capture.id, other)}>
              {t('rereadWith', t(PROVIDER_LABEL[other]))}
            </button>
          )}
          <button type="button" class="delete" onClick={() => actions.onDelete(capture.id)}>{t('delete')}</button>
        </div>
        <p class="meta-line">
          {providerHasRead(capture) && (
            <>
              <span class="provider" data-provider={capture.provider}>{t('readBy', t(PROVIDER_LABEL[capture.provider]))}</span>
              {' · '}
            </>
          )}
          <span class="source" title={sourceLabel(capture)}>{sourceLabel(capture)}</span>
        </p>
      </div>
    </article>
  );
}
