import { errorText } from '../ui/error-text';
import { FIELD_LABEL } from '../ui/field-labels';
import { formatDateTimeSeconds, t, tDynamic, type MessageKey } from '../i18n';
import { errorMessageKey } from '../ui/error-words';
import { amountFen, displayAmount, fenToYuanText } from '../invoice/amount';
import { gbt2260 } from '../invoice/gbt2260';
import { isInvoice } from '../invoice/hand-entry';
import { resolvePlace } from '../invoice/location';
import { displayCode } from '../recognize/errors';
import { effectiveFields, type Capture, type WaitReason } from '../store/capture-schema';
import { statusWords } from '../ui/capture-status';
import { reviewReasons, type CaptureMarks } from '../ui/capture-marks';
import { duplicateWords, type DuplicateMark } from '../ui/duplicate-words';
import { copyAllRow } from './copy-all';
import type { CardField, CardView } from './schema';

/** As invoices are filed, and as the popup, the batch, the export and Fill list them. */
const ORDER = ['code', 'number', 'amount', 'location'] as const;

/**
 * The in-page card's view of a capture, in the UI language: status words, then (when read) code,
 * number, amount ("￥1,000.00", copied as "1000.00") and place, each with what Copy puts on the
 * clipboard, and the Copy all row (lib/card/copy-all.ts); or the failure's words and code.
 * Only the four fields, progress and error words leave the worker: no setting, no secret, no URL.
 * `marks` (lib/ui/capture-marks.ts captureMarks over every stored capture) add what the batch says
 * of a read invoice: another capture of it ("Already captured at … — not counted twice") and the
 * checks that put it on the to-review list; without them the card says neither.
 */
export function cardView(capture: Capture, marks?: CaptureMarks): CardView {
  // A failed capture typed in by hand in the batch is an invoice like a recognized one (lib/invoice/hand-entry.ts).
  const done = isInvoice(capture);
  const values = done ? effectiveFields(capture) : {};
  const place = done ? resolvePlace(values, gbt2260()) : null;
  const fields: CardField[] = done
    ? ORDER.map((field) => {
        const raw = values[field] || undefined;
        const fen = field === 'amount' ? amountFen(raw) : null;
        const copy = field === 'amount' && fen !== null ? fenToYuanText(fen) : raw;
        const note = field === 'location' && place?.derivedCity ? t('derivedFromCode', place.derivedCity.name) : undefined;
        return { field, label: t(FIELD_LABEL[field]), value: raw === undefined ? undefined : field === 'amount' ? displayAmount(raw) : raw, copy, note };
      })
    : [];
  const found = fields.filter((f) => f.value !== undefined).length;
  // Held back after a refusal of the keys: a state of its own, with the refusal's words and
  // code, not "working" (the card span on "waiting: check your keys" for ever; issue 13).
  const keys = capture.status === 'queued' && capture.job?.wait === 'credentials';
  const error =
    ((!done && capture.status === 'failed') || keys) && capture.error
      ? { words: keys ? tDynamic(errorMessageKey(capture.error.code)) : errorText(capture.error), code: displayCode(capture.error) }
      : undefined;
  const duplicate = done ? marks?.duplicates.get(capture.id) : undefined;
  const reasons = done ? reviewReasons(marks?.checks.get(capture.id)) : [];
  return {
    captureId: capture.id,
    updatedAt: capture.updatedAt,
    state: done ? 'done' : capture.status === 'failed' ? 'failed' : keys ? 'keys' : 'working',
    // Refused keys are final until they are changed: said as what happened, not "Waiting: …" (issue 13).
    statusText: keys ? t('cardKeysRefused') : statusWords(capture, found, ORDER.length),
    fields,
    copyAll: done && found > 0 ? copyAllRow(values) : undefined,
    error,
    duplicate: duplicate && { words: cardDuplicateWords(duplicate), counted: duplicate.counted },
    review: reasons.length > 0 ? t('popupReviewWhy', reasons.join(' · ')) : undefined,
    photo: capture.photo && { of: capture.photo.id, words: t('photoPart', [String(capture.photo.index + 1), String(capture.photo.count)]) },
  };
}

/** A capture left out: when the counted one was captured; a counted one: the batch's words. */
function cardDuplicateWords(mark: DuplicateMark): string {
  return !mark.counted && mark.twin ? t('cardAlreadyCaptured', formatDateTimeSeconds(mark.twin.createdAt)) : duplicateWords(mark);
}
