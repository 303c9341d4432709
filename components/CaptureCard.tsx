import { displayCode } from '@/lib/recognize/errors';
import { errorMessageKey } from '@/lib/ui/error-words';
import { amountFen, displayAmount, fenToYuanText } from '@/lib/invoice/amount';
import { gbt2260 } from '@/lib/invoice/gbt2260';
import { resolvePlace } from '@/lib/invoice/location';
import { QUOTA_INVOICE_FIELDS } from '@/lib/recognize/contract';
import { t, tDynamic, type MessageKey } from '@/lib/i18n';
import { effectiveFields, type Capture, type CaptureStatus, type ProviderId, type WaitReason } from '@/lib/store/capture-schema';
import { ClockNotice } from './ClockNotice';
import { errorText } from './error-text';
import { FIELD_LABEL } from './field-labels';
import { FieldRow } from './FieldRow';

const STATUS_LABEL: Record<CaptureStatus, MessageKey> = {
  queued: 'statusQueued',
  running: 'statusRunning',
  done: 'statusDone',
  failed: 'statusFailed',
};

/** A queued capture that waits says why, and that it resumes by itself (or what to do). */
const WAIT_LABEL: Record<WaitReason, MessageKey> = {
  network: 'statusWaitNetwork',
  throttled: 'statusWaitThrottled',
  server: 'statusWaitServer',
  credentials: 'statusWaitCredentials',
};

const PROVIDER_LABEL: Record<ProviderId, MessageKey> = { huawei: 'providerHuawei', ondevice: 'providerOndevice' };
const OTHER: Record<ProviderId, ProviderId> = { huawei: 'ondevice', ondevice: 'huawei' };

export interface CaptureActions {
  onCopy: (value: string) => void;
  onRetry: (id: string) => void;
  onReread: (id: string, provider: ProviderId) => void;
  onFill: (id: string) => void;
  onDelete: (id: string) => void;
}

function progressLabel(capture: Capture): string | null {
  if (capture.status !== 'running' || !capture.progress) return null;
  return capture.progress.stage === 'loading-models'
    ? t('progressLoadingModels', String(Math.round((capture.progress.fraction ?? 0) * 100)))
    : t('progressRecognizing');
}

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
  if (capture.status !== 'done') return [];
  const fields = effectiveFields(capture);
  return QUOTA_INVOICE_FIELDS.filter((f) => !fields[f]);
}

function statusLabel(capture: Capture, missing: string[]): string {
  if (missing.length > 0) return t('statusPartial', String(QUOTA_INVOICE_FIELDS.length - missing.length));
  const wait = capture.status === 'queued' ? capture.job?.wait : undefined;
  if (wait) return t(WAIT_LABEL[wait]);
  return progressLabel(capture) ?? t(STATUS_LABEL[capture.status]);
}

export function CaptureCard({ capture, thumbnail, ...actions }: { capture: Capture; thumbnail?: string } & CaptureActions) {
  const { result, error } = capture;
  const missing = missingFields(capture);
  const fields = effectiveFields(capture);
  const place = capture.status === 'done' ? resolvePlace(fields, gbt2260()) : null;
  const wait = capture.status === 'queued' ? capture.job?.wait : undefined;
  return (
    <article
      class={`capture ${capture.status}`}
      data-capture-id={capture.id}
      data-status={capture.status}
      data-wait={wait}
      data-review={missing.length > 0 ? 'missing' : undefined}
    >
      <div class="capture-head">
        {thumbnail ? <img class="thumb" src={thumbnail} alt="" title={imageTitle(capture)} /> : <div class="thumb empty" title={imageTitle(capture)} />}
        <div class="capture-meta">
          <span class={missing.length > 0 ? 'status partial' : 'status'}>{statusLabel(capture, missing)}</span>
          <span class="provider" data-provider={capture.provider}>{t('readBy', t(PROVIDER_LABEL[capture.provider]))}</span>
          <span class="source" title={sourceLabel(capture)}>{sourceLabel(capture)}</span>
        </div>
        <button type="button" class="delete" aria-label={t('delete')} onClick={() => actions.onDelete(capture.id)}>×</button>
      </div>
      {capture.status === 'done' && result && (
        <button type="button" class="fill" onClick={() => actions.onFill(capture.id)}>{t('fillPage')}</button>
      )}
      {capture.status === 'done' && result && (
        <div class="fields">
          {QUOTA_INVOICE_FIELDS.map((field) => (
            <FieldRow
              key={field}
              field={field}
              label={t(FIELD_LABEL[field])}
              value={field === 'amount' ? displayAmount(fields.amount) || undefined : fields[field]}
              copyValue={field === 'amount' ? amountForCopy(fields.amount) : fields[field]}
              rawValue={fields[field]}
              derived={field === 'location' && place?.derivedCity ? t('derivedFromCode', place.derivedCity.name) : undefined}
              original={capture.corrections?.[field] !== undefined ? (result[field] ?? '') : undefined}
              confidence={result.confidence?.[field]}
              onCopy={actions.onCopy}
            />
          ))}
        </div>
      )}
      {capture.status === 'failed' && error && (
        <div class="error" role="alert" data-error-code={error.code} data-document-kind={error.documentKind}>
          <p class="error-text">{errorText(error)}</p>
          <p class="error-detail">
            {/* The code as the gateway spelled it (APIGW.0301); the words above are the canonical code's. */}
            <code>{displayCode(error)}</code>
            {/* A server's own words (Huawei answers in English) are shown as such; our own details are in the words above. */}
            {error.status !== undefined && error.message && <span class="server-said"> {t('serverSaid', error.message)}</span>}
            {error.requestId && ` · ${t('requestId')} ${error.requestId}`}
          </p>
          <button type="button" class="retry" onClick={() => actions.onRetry(capture.id)}>{t('retry')}</button>
        </div>
      )}
      {wait && error && (
        <div class="wait" role="status" data-error-code={error.code}>
          {wait === 'credentials' && <p class="error-text">{tDynamic(errorMessageKey(error.code))}</p>}
          <p class="error-detail">
            <code>{displayCode(error)}</code>
            {/* A server's own words (Huawei answers in English) are shown as such; our own details are in the words above. */}
            {error.status !== undefined && error.message && <span class="server-said"> {t('serverSaid', error.message)}</span>}
          </p>
        </div>
      )}
            {capture.clockOffsetMs !== undefined && capture.clockOffsetMs !== 0 && capture.provider === 'huawei' && (
        <ClockNotice offsetMs={capture.clockOffsetMs} />
      )}
      {(capture.status === 'done' || capture.status === 'failed') && capture.hasImage && (
        <button type="button" class="reread link" onClick={() => actions.onReread(capture.id, OTHER[capture.provider])}>
          {t('rereadWith', t(PROVIDER_LABEL[OTHER[capture.provider]]))}
        </button>
      )}
    </article>
  );
}
