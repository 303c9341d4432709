import { amountFen } from './amount';
import { CODE_PATTERN, NUMBER_PATTERN } from './code';
import type { InvoiceFieldKey } from './checks';

/** A capture's stored job status (lib/store/capture-schema.ts CaptureStatusSchema). */
export type StoredStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * Where a capture stands for the books: its stored status, except that a failed capture whose
 * invoice the clerk typed in by hand is `entered` (counted, like a recognized one).
 */
export type Standing = StoredStatus | 'entered';

export interface StandingInput {
  status: StoredStatus;
  /** The fields the clerk typed (Capture.corrections): checked and normalized on the way in (lib/invoice/correction.ts). */
  corrections?: Partial<Record<InvoiceFieldKey, string>>;
}

/**
 * What a hand entry needs before the invoice counts: the duplicate key (code + number) and the
 * money. The place is not needed: it names no money and no identity, the code's digits already
 * give the region (the month at a glance falls back to it), and many quota invoices print none
 * legibly; a hand entry without it counts and is listed as missing it, as a recognized one is.
 */
export const HAND_ENTRY_FIELDS = ['code', 'number', 'amount'] as const satisfies readonly InvoiceFieldKey[];

/** Whether a typed value of `field` is one the books can use: a 12-digit code, an 8-digit number, an amount above zero. */
function usable(field: (typeof HAND_ENTRY_FIELDS)[number], value: string | undefined): boolean {
  if (!value) return false;
  if (field === 'code') return CODE_PATTERN.test(value);
  if (field === 'number') return NUMBER_PATTERN.test(value);
  return (amountFen(value) ?? 0) > 0;
}

/** The HAND_ENTRY_FIELDS that `corrections` lacks (absent, or not a valid code, number or amount). */
function gapsIn(corrections: StandingInput['corrections']): InvoiceFieldKey[] {
  return HAND_ENTRY_FIELDS.filter((field) => !usable(field, corrections?.[field]));
}

/**
 * The fields a failed capture still needs typed by hand (absent, or not a valid code, number or
 * amount) before it counts, in HAND_ENTRY_FIELDS order; [] for any capture that is not failed.
 * Only what the clerk typed counts: an old reading left on a capture whose re-read failed is not
 * a hand entry.
 */
export function handEntryGaps(item: StandingInput): InvoiceFieldKey[] {
  if (item.status !== 'failed') return [];
  return gapsIn(item.corrections);
}

/**
 * What the batch row and the popup card say is still to enter ("Not counted yet — still to
 * enter: …"): handEntryGaps of a failed capture the clerk has started typing in; [] when nothing
 * is typed yet (the failure's own words say what to do then) or the capture is not failed.
 */
export function stillToEnter(item: StandingInput): InvoiceFieldKey[] {
  const typed = item.corrections !== undefined && Object.keys(item.corrections).length > 0;
  return typed ? handEntryGaps(item) : [];
}

/**
 * The one rule for whether a capture stands as an invoice (totals, duplicates, the month at a
 * glance, the review counts, the popup, every export): `entered` when a failed capture has a
 * complete hand entry (code, number and amount typed and valid), else its stored status. Derived,
 * not stored, so records written before this rule read the same, the failure's reason stays in
 * the record, and a later "Read again" (which queues the same capture) can never count it twice.
 * A capture with a complete hand entry that is queued or being read again (Retry) stays `entered`
 * meanwhile: its typed values keep counting until the read ends, then it is `done` (read; the
 * typed values still win, as every correction does) or `failed` and entered again — so a Retry
 * never takes an invoice out of the totals for the length of a read.
 */
export function standing(item: StandingInput): Standing {
  const rereadOrFailed = item.status === 'failed' || item.status === 'queued' || item.status === 'running';
  return rereadOrFailed && gapsIn(item.corrections).length === 0 ? 'entered' : item.status;
}

/** Whether a capture's fields stand for an invoice: recognized, or entered by hand. */
export function isInvoice(item: StandingInput): boolean {
  const s = standing(item);
  return s === 'done' || s === 'entered';
}
