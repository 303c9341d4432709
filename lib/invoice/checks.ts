import { amountFen, isUsualDenomination, type Fen } from './amount';
import { CODE_PATTERN, decodeCode, duplicateKey, NUMBER_PATTERN, printYearPossible } from './code';
import { standing } from './hand-entry';
import { resolvePlace, type ResolvedPlace } from './location';
import { placesAgree, type Place, type PlaceIndex } from './places';

export interface InvoiceFields {
  code?: string;
  number?: string;
  amount?: string;
  location?: string;
}

export const INVOICE_FIELD_NAMES = ['code', 'number', 'amount', 'location'] as const;
export type InvoiceFieldKey = (typeof INVOICE_FIELD_NAMES)[number];

export type CheckId =
  | 'duplicate'
  | 'missing-fields'
  | 'code-format'
  | 'code-authority'
  | 'code-year'
  | 'code-region'
  | 'other-paper'
  | 'number-format'
  | 'amount-unreadable'
  | 'region-mismatch'
  | 'unusual-amount'
  | 'needs-review'
  | 'duplicate-amount-differs';

/** What a bookkeeper should look at before a batch leaves, per capture. */
export interface CheckResult {
  flags: CheckId[];
  /** The region the code's digits name (e.g. 深圳市), for the CSV. */
  codeRegion?: string;
  /** The city taken from the code when the invoice prints only its province (shown as derived). */
  derivedCity?: string;
  /**
   * Other captures of the same invoice: the same code + number, the same image, or, where one of
   * the two lacks its code, the same number and amount (sameInvoiceWithoutCode).
   */
  duplicateOf: string[];
  /** The amount in exact fen, or null when there is none or it does not parse. */
  fen: Fen | null;
  /** Fields a recognized (or hand-entered) capture lacks: it is to review, never silently complete. */
  missing: InvoiceFieldKey[];
}

export interface CheckInput {
  id: string;
  /** Only invoices (recognized or entered by hand) are checked for missing fields; a failure is nobody's duplicate. */
  status?: 'queued' | 'running' | 'done' | 'failed';
  /** What the clerk typed: a failed capture with a complete hand entry stands as an invoice (lib/invoice/hand-entry.ts). */
  corrections?: InvoiceFields;
  fields: InvoiceFields;
  imageSha256?: string;
  /** Lowest per-field confidence of the recognized (not corrected) fields. */
  minConfidence?: number;
  /**
   * The engine refused the paper as another kind (AIS.0104 naming it: lib/invoice/capture-checks.ts
   * refusedAsOtherPaper). Typed in by hand it stands as an invoice, counted (the engine may refuse
   * a real quota invoice), but stays to review as `other-paper` until the clerk has looked.
   */
  refusedAsOtherPaper?: boolean;
}

/**
 * resolvePlace, remembered per (code's region digits, location): it searches every GB/T 2260 name
 * in the location text, and a batch of 5,000 holds a few dozen places at most (profiled: the
 * checks of 5,000 captures went from ~1.7 s to tens of ms). Same answers as resolvePlace.
 */
function resolvePlaceOnce(places: PlaceIndex): (code: string | undefined, location: string | undefined) => ResolvedPlace {
  const seen = new Map<string, ResolvedPlace>();
  return (code, location) => {
    const key = `${code ? decodeCode(code)?.regionPrefix ?? '' : ''}\u0000${location ?? ''}`;
    let place = seen.get(key);
    if (!place) {
      place = resolvePlace({ code, location }, places);
      seen.set(key, place);
    }
    return place;
  };
}

/**
 * amountFen, remembered per amount text: a batch of 5,000 holds a handful of distinct amounts
 * ("￥50.00", "壹拾圆整"), and parsing each capture's again was the largest single cost of the
 * checks (profiled in Node, scripts/profile-checks.ts). Same answers as amountFen.
 */
function amountFenOnce(): (text: string | undefined) => Fen | null {
  const seen = new Map<string, Fen | null>();
  return (text) => {
    if (text === undefined) return amountFen(text);
    let fen = seen.get(text);
    if (fen === undefined) {
      fen = amountFen(text);
      seen.set(text, fen);
    }
    return fen;
  };
}

/** Flags that put a recognized capture on the to-review list (a duplicate is counted, not reviewed). */
export function needsReview(check: CheckResult | undefined): boolean {
  return check?.flags.some((f) => f !== 'duplicate') ?? false;
}

/** A capture's number and amount, and its place, for sameInvoiceWithoutCode. */
interface NumberAndAmount {
  id: string;
  /** It has a 12-digit code. */
  coded: boolean;
  /** The place its printed location (else its code) names, when any. */
  place: Place | null;
  /** Its location as printed or typed, when any: one that names no known place (深川市, a misread) is still a place. */
  location?: string;
}

/**
 * Whether two captures with the same 8-digit number and the same amount (fen) are one invoice
 * though one of them lacks its code: a re-capture of an invoice whose code the seal hid this time
 * (helper-77: one ￥2.00 invoice captured four times, its code read once, counted as four invoices
 * and ￥8.00). Only when at least one of the two lacks a code (two codes decide for themselves,
 * duplicateKey) and their places agree (placesAgree; where one names no known place, the same words;
 * where either has none, nothing to disagree). Not the other way
 * round: a code and an amount are shared by a whole pad of invoices, so a capture without its
 * number is matched by nothing but its image. The capture without a code is to review anyway
 * (missing-fields), so a clerk sees the pairing.
 */
function sameInvoiceWithoutCode(a: NumberAndAmount, b: NumberAndAmount): boolean {
  if (a.id === b.id || (a.coded && b.coded)) return false;
  if (a.place !== null && b.place !== null) return placesAgree(a.place, b.place);
  // One says nothing of its place: the number and amount decide.
  const placeless = (x: NumberAndAmount) => x.place === null && !x.location;
  if (placeless(a) || placeless(b)) return true;
  // A location naming no known place (helper-78: 深川市 for 深圳市 paired a 深圳 invoice with a 南京
  // one) is compared as written: only the same words agree.
  return a.location !== undefined && a.location === b.location;
}

/**
 * Checks every capture of a batch: missing fields, formats, the code's region vs the location,
 * the amount (parsed to fen), denominations, duplicates (same code + number, or the same image,
 * or the same number and amount where one lacks its code: sameInvoiceWithoutCode; duplicates that
 * disagree on the amount are all flagged `duplicate-amount-differs`, to review; failed captures are
 * never anyone's duplicate, but one entered by hand is an invoice like any other:
 * lib/invoice/hand-entry.ts standing).
 */
export function checkBatch(items: CheckInput[], places: PlaceIndex, reviewThreshold: number): Map<string, CheckResult> {
  const byKey = new Map<string, string[]>();
  // Appended in place: copying the list on each add made a key shared by k captures cost k².
  const add = (key: string | null | undefined, id: string) => {
    if (!key) return;
    const ids = byKey.get(key);
    if (ids) ids.push(id);
    else byKey.set(key, [id]);
  };
  const keysOf = (item: CheckInput) => [duplicateKey(item.fields.code, item.fields.number), item.imageSha256 && `image:${item.imageSha256}`];
  // Each capture's standing once (an item without a status is checked as an invoice).
  const stands = items.map((item) => (item.status === undefined ? null : standing({ status: item.status, corrections: item.corrections })));
  const placeOf = resolvePlaceOnce(places);
  const fenOf = amountFenOnce();
  // Captures by number and amount (fen), for sameInvoiceWithoutCode.
  const byNumberAndAmount = new Map<string, NumberAndAmount[]>();
  const numberAndAmountKey = (item: CheckInput) => {
    const fen = fenOf(item.fields.amount);
    return item.fields.number && NUMBER_PATTERN.test(item.fields.number) && fen !== null ? `${item.fields.number}\u0000${fen}` : null;
  };
  items.forEach((item, i) => {
    if (stands[i] === 'failed') return;
    for (const key of keysOf(item)) add(key, item.id);
    const key = numberAndAmountKey(item);
    if (!key) return;
    const { code, location } = item.fields;
    const place = placeOf(code, location);
    const entry = { id: item.id, coded: code !== undefined && CODE_PATTERN.test(code), place: place.named ?? place.codePlace, location: location?.trim() || undefined };
    const list = byNumberAndAmount.get(key);
    if (list) list.push(entry);
    else byNumberAndAmount.set(key, [entry]);
  });
  const out = new Map<string, CheckResult>();
  const indexOf = new Map(items.map((item, i) => [item.id, i]));
  items.forEach((item, i) => {
    const { code, number, amount, location } = item.fields;
    const stand = stands[i] ?? null;
    const flags: CheckId[] = [];
    const same = new Set(stand === 'failed' ? [] : keysOf(item).flatMap((key) => (key ? byKey.get(key) ?? [] : [])));
    const numberAndAmount = stand === 'failed' ? null : numberAndAmountKey(item);
    const peers = numberAndAmount ? byNumberAndAmount.get(numberAndAmount)! : [];
    const self = peers.find((p) => p.id === item.id);
    if (self) for (const peer of peers) if (sameInvoiceWithoutCode(self, peer)) same.add(peer.id);
    same.delete(item.id);
    if (same.size > 0) flags.push('duplicate');
    const place = placeOf(code, location);
    // Typed in by hand, the place is optional where the code's region digits name one (README, "entered
    // by hand"): the row shows that place from the code. Helper-75 saw such an entry marked "Field missing".
    const optional = (f: InvoiceFieldKey) => f === 'location' && stand === 'entered' && place.codePlace !== null;
    const missing = stand === null || stand === 'done' || stand === 'entered' ? INVOICE_FIELD_NAMES.filter((f) => !item.fields[f] && !optional(f)) : [];
    if (missing.length > 0) flags.push('missing-fields');
    if (stand === 'entered' && item.refusedAsOtherPaper) flags.push('other-paper');
    if (code && !CODE_PATTERN.test(code)) flags.push('code-format');
    // 12 digits, but the first names no issuing authority (DESIGN.md, "Code": 0, 1 or 2): a digit
    // misread (seed 2001971 read 733011038787 for 233011038187), or a hand entry mistyped.
    else if (code && decodeCode(code)?.authority === null) flags.push('code-authority');
    // Its 6th–7th digits are the printing year (DESIGN.md, "Code"): one still to come is a digit
    // misread (fresh seed 2900074 read 044037151266, "2071", for 044032151266) or mistyped.
    if (code && CODE_PATTERN.test(code) && !printYearPossible(code.slice(5, 7))) flags.push('code-year');
    // Its 2nd–5th digits are a GB/T 2260 prefix (DESIGN.md, "Code"): 4281 is none, a digit misread
    // (new-user check of stop 36: 042812222083 for 武汉's 042012222083 went to review as
    // "low confidence" only; the region could not disagree with the place, it named none).
    if (code && CODE_PATTERN.test(code) && !places.knowsPrefix(code.slice(1, 5))) flags.push('code-region');
    if (number && !NUMBER_PATTERN.test(number)) flags.push('number-format');
    const fen = fenOf(amount);
    if (amount && fen === null) flags.push('amount-unreadable');
    if (place.mismatch) flags.push('region-mismatch');
    if (fen !== null && !isUsualDenomination(fen)) flags.push('unusual-amount');
    if (item.minConfidence !== undefined && item.minConfidence < reviewThreshold) flags.push('needs-review');
    // Two captures of one invoice (same code + number, or the same image) that disagree on the
    // amount: only one is counted, so the total would silently take whichever counts. Both go to
    // review (a misread amount, or a hand entry mistyped) until the clerk makes them agree.
    if (fen !== null && [...same].some((other) => {
      const twin = items[indexOf.get(other) ?? -1];
      const twinFen = twin ? fenOf(twin.fields.amount) : null;
      return twinFen !== null && twinFen !== fen;
    })) flags.push('duplicate-amount-differs');
    out.set(item.id, {
      flags,
      codeRegion: place.codePlace?.name,
      derivedCity: place.derivedCity?.name,
      duplicateOf: [...same],
      fen,
      missing,
    });
  });
  return out;
}
