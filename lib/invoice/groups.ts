import type { Translate } from '../i18n';
import type { CheckResult, InvoiceFields } from './checks';
import { countedCaptures, tally, type BatchTotals, type TotalsItem } from './totals';

/** One line of "the month at a glance": a month or a city, and its totals. */
export interface GroupTotals {
  /** "2026-11", a city's name, or '' when the place is unknown. */
  key: string;
  totals: BatchTotals;
}

export interface GroupItem extends TotalsItem {
  fields: InvoiceFields;
}

/** The capture's month (local time, as the clerk's calendar), "yyyy-mm". */
export function monthKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * The place a capture's code gives where the location does not: the city, when the invoice
 * prints only its province (河北省 + 1301… → 石家庄市), or the region of the code's digits 2–5
 * (GB/T 2260) when no location is printed or typed (a hand entry often has none); undefined
 * when the location says it all or the code names no known place. Shown as "(from the invoice
 * code)" in the batch row, and what the month at a glance files the capture under.
 */
export function placeFromCode(fields: InvoiceFields, check: CheckResult | undefined): string | undefined {
  return check?.derivedCity ?? (fields.location?.trim() ? undefined : check?.codeRegion);
}

/**
 * The capture's city: placeFromCode, else the printed (or typed) location; '' when none is known.
 */
export function cityKey(fields: InvoiceFields, check: CheckResult | undefined): string {
  return placeFromCode(fields, check) ?? fields.location?.trim() ?? '';
}

/**
 * Totals per group (batchTotals each, duplicates settled across the whole set, so a duplicate
 * counts once overall and a failure never): the sums of the groups add up to the whole.
 */
export function groupTotals(items: GroupItem[], checks: Map<string, CheckResult>, keyOf: (item: GroupItem) => string): GroupTotals[] {
  const groups = new Map<string, GroupItem[]>();
  for (const item of items) {
    const key = keyOf(item);
    const members = groups.get(key);
    if (members) members.push(item);
    else groups.set(key, [item]);
  }
  // Settled once over the whole set: a capture counts in its group exactly when it counts overall.
  const counted = countedCaptures(items, checks);
  return [...groups].map(([key, members]) => ({ key, totals: tally(members, checks, counted) }));
}

/** By month (oldest first) and by city (largest amount first, unknown last). */
export function glance(items: GroupItem[], checks: Map<string, CheckResult>): { byMonth: GroupTotals[]; byCity: GroupTotals[] } {
  const byMonth = groupTotals(items, checks, (i) => monthKey(i.createdAt)).sort((a, b) => a.key.localeCompare(b.key));
  const byCity = groupTotals(items, checks, (i) => cityKey(i.fields, checks.get(i.id)))
    .sort((a, b) => Number(a.key === '') - Number(b.key === '') || b.totals.fen - a.totals.fen || a.key.localeCompare(b.key, 'zh-CN'));
  return { byMonth, byCity };
}

/**
 * A group's name in `words`' language, as the batch's month at a glance and summary.txt both say
 * it: the month or place itself; for the captures of no known place, "Place unknown", or "No place
 * (failed)" when none of them is an invoice (all failed: "Place unknown 0 · ￥0.00 · Failed 5" read
 * like a place of that name; helper-76 saw summary.txt and the batch name that row apart).
 */
export function groupName(g: GroupTotals, words: Translate): string {
  if (g.key) return g.key;
  return g.totals.invoices === 0 && g.totals.failed > 0 ? words('glanceFailedNoPlace') : words('glanceUnknownCity');
}
