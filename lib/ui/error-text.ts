import type { DocumentKind, RecognitionError } from '@/lib/recognize/contract';
import { errorMessageKey } from './error-words';
import { fitInside, MAX_SIDE, MIN_SIDE } from '@/lib/image/limits';
import { displayCode, LocalCode } from '@/lib/recognize/errors';
import { t, tDynamic, type MessageKey, type Translate } from '@/lib/i18n';
import type { Reply } from '@/lib/messages';
import { HOLDS } from './intake';

/** How each recognized other kind is named inside "This looks like …, not a quota invoice". */
const KIND_LABEL: Record<Exclude<DocumentKind, 'unknown'>, MessageKey> = {
  'taxi-receipt': 'kind_taxi_receipt',
  'train-ticket': 'kind_train_ticket',
  'air-itinerary': 'kind_air_itinerary',
  'vat-special': 'kind_vat_special',
  'vat-ordinary': 'kind_vat_ordinary',
  'e-invoice': 'kind_e_invoice',
  'machine-printed': 'kind_machine_printed',
  'vehicle-sales': 'kind_vehicle_sales',
  'toll-parking': 'kind_toll_parking',
};

/**
 * Each kind in a few words, said first on a refusal's one line ("Taxi receipt, not a quota
 * invoice"): the popup's collapsed row cuts what does not fit, and helper-75 saw the English line
 * cut before the kind ("Not a quota invoice: a machine-printed gene…").
 */
const KIND_SHORT: Record<Exclude<DocumentKind, 'unknown'>, MessageKey> = {
  'taxi-receipt': 'kindShort_taxi_receipt',
  'train-ticket': 'kindShort_train_ticket',
  'air-itinerary': 'kindShort_air_itinerary',
  'vat-special': 'kindShort_vat_special',
  'vat-ordinary': 'kindShort_vat_ordinary',
  'e-invoice': 'kindShort_e_invoice',
  'machine-printed': 'kindShort_machine_printed',
  'vehicle-sales': 'kindShort_vehicle_sales',
  'toll-parking': 'kindShort_toll_parking',
};

/**
 * The words for an image refused for its size (lib/image/plan.ts), naming its size and the limits
 * it missed (lib/image/limits.ts); undefined for any other error, or one without the size.
 */
function sizeText({ code, imageSize }: Pick<RecognitionError, 'code' | 'imageSize'>): string | undefined {
  if (!imageSize) return undefined;
  const { width, height } = imageSize;
  const size = `${width}×${height}`;
  if (code === LocalCode.imageTooSmall) return t('imageTooSmallSized', [size, String(MIN_SIDE)]);
  if (code !== LocalCode.imageTooNarrow) return undefined;
  const fitted = fitInside(width, height);
  return t('imageTooNarrowSized', [size, String(MAX_SIDE), String(Math.min(fitted.width, fitted.height)), String(MIN_SIDE)]);
}

/**
 * For a capture imported unread (LOCAL.IMPORTED_UNREAD) that kept why it was not read where it
 * came from (`unreadBecause`, lib/export/import.ts): "Not read on the machine it came from: Site
 * not allowed yet (LOCAL.HOST_ACCESS). Press Retry to read it now." — that reason's short words
 * and code. Undefined for any other error, or one imported before the reason was kept.
 */
export function unreadBecauseText(error: Pick<RecognitionError, 'code' | 'unreadBecause'>, words: Translate = t): string | undefined {
  const before = error.unreadBecause;
  if (error.code !== LocalCode.importedUnread || !before) return undefined;
  return words('importedUnreadBecause', [wordsFor(words, shortMessageKey(before.code)), displayCode(before)]);
}

/** A computed key's words (`error_<code>`, `errorShort_<code>`), or the generic words when that key has none. */
export function wordsFor(words: Translate, key: string): string {
  try {
    return words(key as MessageKey) || words('error_unknown');
  } catch {
    return words('error_unknown');
  }
}

/**
 * What a LOCAL.NOT_IMAGE holds instead of an image ("plain text"), in the UI language, or null.
 * A web page is what a logged-out mail link gives, and the code's own words say so ("are you
 * logged in?"); anything else (a text file named .png) is said as what it is (trial 6).
 */
function heldInstead(error: Pick<RecognitionError, 'code' | 'holds'>): string | null {
  return error.code === LocalCode.notImage && error.holds && error.holds !== 'html' ? t(HOLDS[error.holds]) : null;
}

/**
 * "This looks like a taxi receipt, not a quota invoice" in `words`' language, when the recognizer
 * named the kind (AIS.0104 with `documentKind`); undefined otherwise. The export's reason column
 * says it too (trial 8: its CSV and XLSX gave only AIS.0104's generic words).
 */
export function notQuotaText(error: Pick<RecognitionError, 'documentKind'>, words: Translate = t): string | undefined {
  const kind = error.documentKind;
  return kind && kind !== 'unknown' ? words('notQuotaInvoice', words(KIND_LABEL[kind])) : undefined;
}

/**
 * The words explaining a failed capture: the kind of paper it looks like when the recognizer told
 * one (AIS.0104 with `documentKind`), the image's size against the limits when that was the
 * reason, why an imported capture was not read where it came from, else the code's own message.
 */
export function errorText(error: Pick<RecognitionError, 'code' | 'documentKind' | 'imageSize' | 'unreadBecause' | 'holds'>): string {
  const kind = notQuotaText(error);
  if (kind) return kind;
  const holds = heldInstead(error);
  if (holds) return t('notImageHolds', holds);
  return sizeText(error) ?? unreadBecauseText(error) ?? tDynamic(errorMessageKey(error.code));
}

/**
 * The same in a few words, for one line (a collapsed row of the popup says why it failed):
 * "Taxi receipt, not a quota invoice", "Image deleted or moved". The full words (errorText)
 * stay in the row's details. Every known code has its own (`errorShort_<code>`).
 */
export function errorShortText(error: Pick<RecognitionError, 'code' | 'documentKind' | 'unreadBecause' | 'holds'>): string {
  const kind = error.documentKind;
  if (kind && kind !== 'unknown') return t('notQuotaInvoiceShort', t(KIND_SHORT[kind]));
  const holds = heldInstead(error);
  if (holds) return t('notImageHoldsShort', holds);
  if (error.code === LocalCode.importedUnread && error.unreadBecause) return t('importedUnreadBecauseShort', wordsFor(t, shortMessageKey(error.unreadBecause.code)));
  return tDynamic(shortMessageKey(error.code));
}

/** `errorShort_AIS_0104` beside `error_AIS_0104` (`errorShort_unknown` for an unknown code). */
export function shortMessageKey(code: string): string {
  return errorMessageKey(code).replace(/^error_/, 'errorShort_');
}

/**
 * The words for a worker's reply where a page shows it as a notice (popup, "Allow reading images
 * from <host>"): null when it went through, else its message with the detail in brackets.
 */
export function replyText(reply: Reply): string | null {
  return reply.ok ? null : `${tDynamic(reply.messageKey)}${reply.detail ? ` (${reply.detail})` : ''}`;
}

/**
 * "Server said: …" under a failure, or undefined when there was no HTTP answer. A gateway's own
 * message (Huawei answers in English) is quoted as it came; an image host's answer is in the UI's
 * words with the host and status (the worker's message, "127.0.0.1:8721 answered HTTP 404", showed
 * its English inside the Chinese card). `imageUrl`: where the capture's image was fetched from.
 */
export function serverSaidText(error: Pick<RecognitionError, 'code' | 'status' | 'message'>, imageUrl?: string): string | undefined {
  if (error.status === undefined || !error.message) return undefined;
  if (error.code === LocalCode.imageFetch || error.code === LocalCode.imageGone) {
    const host = httpHost(imageUrl);
    return t('serverSaid', host ? t('imageHostAnswered', [host, String(error.status)]) : `HTTP ${error.status}`);
  }
  return t('serverSaid', error.message);
}

/** The host of an http(s) URL ("127.0.0.1:8721"), or undefined for any other text or scheme. */
export function httpHost(url: string | undefined): string | undefined {
  try {
    const parsed = new URL(url ?? '');
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}
