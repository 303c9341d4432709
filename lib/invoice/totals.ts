import type { Fen } from './amount';
import { needsReview, type CheckResult } from './checks';

/** The figures a bookkeeper reads above a batch and in the export's summary. */
export interface BatchTotals {
  /** Distinct recognized invoices: a duplicate counts once, a failure never. */
  invoices: number;
  /** Sum of those invoices' amounts, exact fen. */
  fen: Fen;
  /** Recognized captures left out because an earlier capture is the same invoice. */
  duplicates: number;
  duplicatesFen: Fen;
  failed: number;
  /** Queued or running: not read yet, so not in the sum. */
  pending: number;
  /** Recognized captures with something to look at (a missing field, a format, low confidence…). */
  toReview: number;
}

export interface TotalsItem {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** ms since the epoch; the earliest capture of an invoice is the one counted. */
  createdAt: number;
}

/**
 * Which captures of a set the total counts: of several captures of one invoice (same code +
 * number, or the same image), the one whose amount reads, and of those the earliest (ties: the
 * smaller id). So a first capture that missed the amount never hides a later one that read it.
 */
export function countedCaptures(items: TotalsItem[], checks: Map<string, CheckResult>, among: TotalsItem[] = items): Set<string> {
  const done = items.filter((i) => i.status === 'done');
  // Nothing to settle without duplicates (the usual batch): skip indexing the whole set, which
  // the month-at-a-glance would otherwise do once per group.
  if (!done.some((item) => (checks.get(item.id)?.duplicateOf.length ?? 0) > 0)) return new Set(done.map((i) => i.id));
  // Twins are looked up among `among` (the whole set when totalling one group of it), so a
  // duplicate whose better capture sits in another month still counts once overall.
  const doneAt = new Map(among.filter((i) => i.status === 'done').map((i) => [i.id, i]));
  const hasAmount = (i: TotalsItem) => checks.get(i.id)?.fen != null;
  const better = (a: TotalsItem, b: TotalsItem) =>
    hasAmount(a) !== hasAmount(b) ? hasAmount(a) : a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
  return new Set(
    done
      .filter((item) => !(checks.get(item.id)?.duplicateOf ?? []).some((other) => {
        const twin = doneAt.get(other);
        return twin !== undefined && better(twin, item);
      }))
      .map((i) => i.id),
  );
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
  const done = items.filter((i) => i.status === 'done');
  const totals: BatchTotals = { invoices: 0, fen: 0, duplicates: 0, duplicatesFen: 0, failed: 0, pending: 0, toReview: 0 };
  for (const item of items) {
    if (item.status === 'failed') totals.failed += 1;
    if (item.status === 'queued' || item.status === 'running') totals.pending += 1;
  }
  for (const item of done) {
    const check = checks.get(item.id);
    const fen = check?.fen ?? 0;
    if (needsReview(check)) totals.toReview += 1;
    if (!counted.has(item.id)) {
      totals.duplicates += 1;
      totals.duplicatesFen += fen;
    } else {
      totals.invoices += 1;
      totals.fen += fen;
    }
  }
  return totals;
}
