import type { MessageKey, Translate } from '../i18n';
import { fenToYuanText } from '../invoice/amount';
import type { CheckId, CheckResult } from '../invoice/checks';
import { placeFromCode } from '../invoice/groups';
import { standing, type Standing } from '../invoice/hand-entry';
import { displayCode } from '../recognize/errors';
import { effectiveFields, type Capture } from '../store/capture-schema';
import { errorMessageKey } from '../ui/error-words';
import { notQuotaText, unreadBecauseText, wordsFor } from '../ui/error-text';

/** One capture as exported: the same facts in the CSV row, the XLSX row and the JSON record. */
export interface ExportRecord {
  capture: Capture;
  check: CheckResult;
  imageFile: string | null;
  /** Whether the total counts this capture (a duplicate's other capture, or a failure, is not). */
  counted: boolean;
  /** For a duplicate left out: the id of the capture counted in its place (lib/invoice/totals.ts countedTwin). */
  countedInstead: string | null;
  /**
   * That capture as a clerk finds it: its image file in the ZIP ("images/2026-11-30_…png"), or
   * its capture time (local, to the second) when it has no image (trial 6: the column held an id).
   */
  countedInsteadName: string | null;
}

/** The UI's words (lib/i18n's `t`), passed in so the export follows the UI language and tests can give their own. */
export type { Translate } from '../i18n';

/**
 * How a column is written: `id` (invoice code/number: text in every export, never a number),
 * `text`, `yuan` (exact amount: fen written as yuan with two decimals), `ratio` (0–1), `date`.
 */
export type ColumnKind = 'id' | 'text' | 'yuan' | 'ratio' | 'date';
export type CellValue = string | number | Date | null | undefined;

export interface Column {
  key: string;
  header: MessageKey;
  kind: ColumnKind;
  value(record: ExportRecord, words: Translate): CellValue;
}

const CHECK_WORD: Record<CheckId, MessageKey> = {
  duplicate: 'check_duplicate',
  'missing-fields': 'check_missing_fields',
  'code-format': 'check_code_format',
  'code-authority': 'check_code_authority',
  'code-year': 'check_code_year',
  'code-region': 'check_code_region',
  'other-paper': 'check_other_paper',
  'number-format': 'check_number_format',
  'amount-unreadable': 'check_amount_unreadable',
  'region-mismatch': 'check_region_mismatch',
  'unusual-amount': 'check_unusual_amount',
  'needs-review': 'check_needs_review',
  'duplicate-amount-differs': 'check_duplicate_amount_differs',
};
/** A capture's standing in words: a failed capture typed in by hand is "Entered by hand" (lib/invoice/hand-entry.ts). */
const STANDING_WORD: Record<Standing, MessageKey> = {
  queued: 'statusQueued',
  running: 'statusRunning',
  done: 'statusDone',
  failed: 'statusFailed',
  entered: 'statusEntered',
};

export function checkWord(flag: CheckId, words: Translate): string {
  return words(CHECK_WORD[flag]);
}

const PROVIDER_WORD: Record<Capture['provider'], MessageKey> = { huawei: 'providerHuawei', ondevice: 'providerOndevice' };

const fields = (r: ExportRecord) => effectiveFields(r.capture);
const confidence = (field: 'code' | 'number' | 'amount' | 'location') => (r: ExportRecord) => r.capture.result?.confidence?.[field];

/** The columns of invoices.csv and invoices.xlsx, in order. Headers follow the UI language. */
export const COLUMNS: Column[] = [
  { key: 'code', header: 'fieldCode', kind: 'id', value: (r) => fields(r).code },
  { key: 'number', header: 'fieldNumber', kind: 'id', value: (r) => fields(r).number },
  { key: 'amount_yuan', header: 'colAmountYuan', kind: 'yuan', value: (r) => r.check.fen },
  { key: 'amount', header: 'colAmountText', kind: 'text', value: (r) => fields(r).amount },
  { key: 'amount_recognized', header: 'colAmountRecognized', kind: 'text', value: (r) => r.capture.result?.amount },
  { key: 'counted', header: 'colCounted', kind: 'text', value: (r, w) => w(r.counted ? 'yes' : 'no') },
  { key: 'location', header: 'fieldLocation', kind: 'text', value: (r) => fields(r).location },
  // What the batch row shows as "(from the invoice code)" (placeFromCode): the city of a province-only
  // location, or the code's region when no location is printed or typed (a hand entry), so the
  // CSV says what the row says (trial 5: a hand row's city was empty here).
  { key: 'derived_city', header: 'colDerivedCity', kind: 'text', value: (r) => placeFromCode(fields(r), r.check) },
  { key: 'code_region', header: 'colCodeRegion', kind: 'text', value: (r) => r.check.codeRegion },
  { key: 'status', header: 'colStatus', kind: 'text', value: (r, w) => w(STANDING_WORD[standing(r.capture)]) },
  { key: 'entered_by_hand', header: 'colEnteredByHand', kind: 'text', value: (r, w) => w(standing(r.capture) === 'entered' ? 'yes' : 'no') },
  { key: 'duplicate_of', header: 'colDuplicateOf', kind: 'text', value: (r) => r.countedInsteadName },
  { key: 'checks', header: 'colChecks', kind: 'text', value: (r, w) => r.check.flags.map((f) => checkWord(f, w)).join('; ') },
  { key: 'missing', header: 'colMissing', kind: 'text', value: (r, w) => r.check.missing.map((f) => w(FIELD_WORD[f])).join('; ') },
  {
    key: 'error',
    header: 'colError',
    kind: 'text',
    value: (r, w) => (r.capture.error ? `${displayCode(r.capture.error)} ${unreadBecauseText(r.capture.error, w) ?? notQuotaText(r.capture.error, w) ?? wordsFor(w, errorMessageKey(r.capture.error.code))}` : undefined),
  },
  { key: 'edited_fields', header: 'colEdited', kind: 'text', value: (r, w) => Object.keys(r.capture.corrections ?? {}).map((f) => w(FIELD_WORD[f as keyof typeof FIELD_WORD])).join('; ') },
  { key: 'confidence_code', header: 'colConfidenceCode', kind: 'ratio', value: confidence('code') },
  { key: 'confidence_number', header: 'colConfidenceNumber', kind: 'ratio', value: confidence('number') },
  { key: 'confidence_amount', header: 'colConfidenceAmount', kind: 'ratio', value: confidence('amount') },
  { key: 'confidence_location', header: 'colConfidenceLocation', kind: 'ratio', value: confidence('location') },
  { key: 'provider', header: 'colProvider', kind: 'text', value: (r, w) => w(PROVIDER_WORD[r.capture.provider]) },
  { key: 'source', header: 'colSource', kind: 'text', value: (r) => r.capture.source.pageUrl ?? r.capture.source.fileName ?? r.capture.source.imageUrl },
  { key: 'captured_at', header: 'colCapturedAt', kind: 'date', value: (r) => new Date(r.capture.createdAt) },
  { key: 'image_file', header: 'colImageFile', kind: 'text', value: (r) => r.imageFile },
  { key: 'capture_id', header: 'colCaptureId', kind: 'text', value: (r) => r.capture.id },
];

/** "UTC+08:00", "UTC-03:30": the offset from UTC of `date`'s local time on this computer. */
export function utcOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `UTC${minutes < 0 ? '-' : '+'}${pad(Math.abs(minutes) / 60)}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * A column's header in the UI language, the same in the CSV and the XLSX. A date column's says
 * its times are this computer's local time and the offset(s) from UTC they carry ("Captured at
 * (local time, UTC+08:00)"; two offsets when the rows span a daylight-saving change): both files
 * write the clerk's wall clock, and a reader that takes an XLSX date for UTC (issue 13's trial)
 * is told otherwise. No rows: the offset of `now`.
 */
export function columnHeader(column: Column, records: ExportRecord[], words: Translate, now = new Date()): string {
  const title = words(column.header);
  if (column.kind !== 'date') return title;
  const dates = records.map((r) => column.value(r, words)).filter((v): v is Date => v instanceof Date);
  const offsets = [...new Set((dates.length > 0 ? dates : [now]).map(utcOffset))].sort();
  return words('colLocalTime', [title, offsets.join(' / ')]);
}

const FIELD_WORD = { code: 'fieldCode', number: 'fieldNumber', amount: 'fieldAmount', location: 'fieldLocation' } as const satisfies Record<string, MessageKey>;

/** The exact amount as yuan text ("1000.00"), for the CSV and the JSON; null stays empty. */
export function yuanCell(fen: CellValue): string | undefined {
  return typeof fen === 'number' ? fenToYuanText(fen) : undefined;
}
