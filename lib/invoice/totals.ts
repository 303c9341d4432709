import type { Fen } from './amount';
import { needsReview, type CheckResult } from './checks';
import { isInvoice, standing, type StandingInput } from './hand-entry';

/** The figures a bookkeeper reads above a batch and in the export's summary. */
export interface BatchTotals {
  /** Distinct invoices, recognized or entered by hand: a duplicate counts once, a failure never. */
  invoices: number;
  /** Of `invoices`, those a clerk typed in by hand after the reading failed (lib/invoice/hand-entry.ts). */
  entered: number;
  /** Sum of those invoices' amounts, exact fen. */
  fen: Fen;
  /** Invoices left out because another capture of the same invoice is the one counted. */
  duplicates: number;
  duplicatesFen: Fen;
  /** Failed and not (completely) entered by hand. */
  failed: number;
  /** Queued or running: not read yet, so not in the sum. */
  pending: number;
  /** Invoices (recognized or entered) with something to look at (a missing field, a format, low confidence…). */
  toReview: number;
}

export interface TotalsItem extends StandingInput {
  id: string;
  /** ms since the epoch; the earliest capture of an invoice is the one counted. */
  createdAt: number;
}

/**
 * Which captures of a set the total counts: only invoices (recognized, or failed and entered by
 * hand: lib/invoice/hand-entry.ts standing), and of several captures of one invoice (checks.ts
 * duplicateOf), the one whose amount reads, then one with a 12-digit code, then the one missing
 * fewest fields, then the earliest (ties: the smaller id). So a first capture that missed the amount never hides a later one that
 * read it, nor one that missed its code a later one that read all four.
 * The batch's duplicate marks, the popup's and every export name the counted one from this set.
 */
export function countedCaptures(items: TotalsItem[], checks: Map<string, CheckResult>, among: TotalsItem[] = items): Set<string> {
  const done = items.filter(isInvoice);
  // Nothing to settle without duplicates (the usual batch): skip indexing the whole set, which
  // the month-at-a-glance would otherwise do once per group.
  if (!done.some((item) => (checks.get(item.id)?.duplicateOf.length ?? 0) > 0)) return new Set(done.map((i) => i.id));
  // Settled over `among` (the whole set when totalling one group of it), so a duplicate whose
  // better capture sits in another month still counts once overall.
  const hasAmount = (i: TotalsItem) => checks.get(i.id)?.fen != null;
  const missing = (i: TotalsItem) => checks.get(i.id)?.missing.length ?? 0;
  // Without a 12-digit code a capture pairs by number and amount alone, with invoices that need not
  // be each other's: counted ahead of them it would leave them all out (helper-79: one code-less
  // capture before three invoices of three codes without a place counted 1 invoice for 3).
  const codeless = (i: TotalsItem) => {
    const check = checks.get(i.id);
    return check !== undefined && (check.missing.includes('code') || check.flags.includes('code-format'));
  };
  const order = (a: TotalsItem, b: TotalsItem) =>
    Number(hasAmount(b)) - Number(hasAmount(a)) || Number(codeless(a)) - Number(codeless(b)) || missing(a) - missing(b) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  // Best first, each counted unless a twin already is: a capture left out never leaves out another.
  // Pairs by code + number or image are whole groups, where this is "the best of each"; a capture
  // without its code may pair with two invoices that are not each other's (checks.ts
  // sameInvoiceWithoutCode: helper-78's X, C, Y), and must not take the second one out with it.
  const counted = new Set<string>();
  const pool = new Map([...among, ...items].filter(isInvoice).map((i) => [i.id, i]));
  for (const item of [...pool.values()].sort(order)) {
    if (!(checks.get(item.id)?.duplicateOf ?? []).some((other) => counted.has(other))) counted.add(item.id);
  }
  return new Set(done.filter((item) => counted.has(item.id)).map((i) => i.id));
}

/**
 * Totals of a set of captures (the whole batch, or what a filter shows): duplicates are settled
 * within the set, or within `among` (a larger set this one is a group of).
 */
export function batchTotals(items: TotalsItem[], checks: Map<string, CheckResult>, among: TotalsItem[] = items): BatchTotals {
  return tally(items, checks, countedCaptures(items, checks, among));
}

/**
 * The totals of `items` when which captures count is already settled (`counted`, from
 * countedCaptures over a set holding them): the month at a glance settles the whole set once
 * instead of once per month and city.
 */
export function tally(items: TotalsItem[], checks: Map<string, CheckResult>, counted: Set<string>): BatchTotals {
  const totals: BatchTotals = { invoices: 0, entered: 0, fen: 0, duplicates: 0, duplicatesFen: 0, failed: 0, pending: 0, toReview: 0 };
  for (const item of items) {
    const stands = standing(item);
    if (stands === 'failed') totals.failed += 1;
    if (stands === 'queued' || stands === 'running') totals.pending += 1;
    if (stands !== 'done' && stands !== 'entered') continue;
    const check = checks.get(item.id);
    const fen = check?.fen ?? 0;
    if (needsReview(check)) totals.toReview += 1;
    if (!counted.has(item.id)) {
      totals.duplicates += 1;
      totals.duplicatesFen += fen;
    } else {
      totals.invoices += 1;
      totals.fen += fen;
      if (stands === 'entered') totals.entered += 1;
    }
  }
  return totals;
}

/**
 * For a capture left out as a duplicate, the capture counted in its place (the first of its
 * duplicates in `counted`); undefined when the capture is counted itself or no twin is (a chain of
 * duplicates through another capture). What "Duplicate of … — not counted" points at.
 */
export function countedTwin(id: string, checks: Map<string, CheckResult>, counted: Set<string>): string | undefined {
  if (counted.has(id)) return undefined;
  return checks.get(id)?.duplicateOf.find((other) => counted.has(other));
}
