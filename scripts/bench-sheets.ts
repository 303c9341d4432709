/**
 * `npm run bench:accuracy -- --sheets`: photos of 2–10 quota invoices on a desk (test/synth/sheet.ts);
 * prints the share of invoices found (one region each) and read (all four fields), in reading order,
 * and the values read wrong yet shown settled (test/bench/review.ts reviewReason, as the single bench).
 * Seeds from 100000 (held out: no tuning looked at them) unless `--first-seed N`; `--count N` sheets.
 */
import { measureSheets } from '../test/bench/sheets';
import { median } from '../test/bench/stats';
import { report } from '../test/bench/stats';
import { renderSheets, sheetTruth } from '../test/synth/sheet-render';
import { makeSheetSpec } from '../test/synth/sheet';

export async function benchSheets(opts: { count: number; first: number; threads: number; heldOut: boolean }): Promise<void> {
  const { count, first, threads } = opts;
  console.error(`sheet seeds ${first}–${first + count - 1}: ${opts.heldOut ? 'held out (never used while tuning)' : 'the tuning range'}`);
  const specs = Array.from({ length: count }, (_, i) => makeSheetSpec(first + i));
  const started = performance.now();
  const images = await renderSheets(specs);
  console.error(`rendered ${images.length} sheets in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const result = await measureSheets(specs.map((s, i) => ({ seed: s.seed, image: new Uint8Array(images[i]!), invoices: sheetTruth(s).invoices })), threads);
  for (const miss of result.misses) console.error(`miss ${miss}`);
  for (const miss of result.silentlyWrong) console.error(`miss silently wrong ${miss}`);
  for (const line of result.wrongButReviewed) console.error(`wrong but marked for review ${line}`);
  const pct = (n: number, of: number) => (of ? (100 * n) / of : Number.NaN);
  report('sheets', result.sheets, 'count');
  report('sheet_invoices', result.invoices, 'count');
  report('first_seed', first, 'seed');
  report('held_out', opts.heldOut ? 1 : 0, 'bool');
  report('sheet_invoices_found', pct(result.found, result.invoices), '%');
  report('sheet_invoices_read', pct(result.read, result.invoices), '%');
  report('sheet_values_silently_wrong', result.silentlyWrong.length, 'count');
  report('sheet_values_wrong_marked_for_review', result.wrongButReviewed.length, 'count');
  report('sheet_extra_regions', result.extra, 'count');
  report('sheets_in_reading_order', pct(result.ordered, result.sheets), '%');
  report('sheet_find_median', median(result.findMs), 'ms');
  report('sheet_read_median_per_invoice', median(result.readMsPerInvoice), 'ms');
}
