// The sheets benchmark: photos of 2–10 quota invoices (test/synth/sheet.ts); each must be found
// (one region per slip, in reading order) and read (all four fields), as the product does it.
import type { RotatedRect } from '../../lib/ondevice/geometry';
import { readQuotaInvoice } from '../../lib/ondevice/read-invoice';
import { cropRegion, findInvoicesInFull } from '../../lib/ondevice/sheet-crop';
import { decodeImage, nodeEngine } from '../support/ondevice-node';
import type { Truth } from '../synth/spec';
import { FIELDS } from './accuracy';
import { reviewReason } from './review';

export interface SheetSample {
  seed: number;
  image: Uint8Array;
  /** In reading order, with where each slip lies (photo px, degrees clockwise). */
  invoices: (Truth & { cx: number; cy: number; w: number; h: number; rotate: number })[];
}

export interface SheetsReport {
  sheets: number;
  invoices: number;
  /** Slips with exactly one region on them. */
  found: number;
  /** Found slips whose four fields all read right. */
  read: number;
  /** Regions on no slip (a split slip's second half, a scrap). */
  extra: number;
  /** Sheets whose found slips came in reading order. */
  ordered: number;
  findMs: number[];
  readMsPerInvoice: number[];
  misses: string[];
  /** Values read wrong (any of the four fields) that the product would show settled (reviewReason null): wanted 0. */
  silentlyWrong: string[];
  /** Values read wrong that the product puts to review, with why. */
  wrongButReviewed: string[];
}

/** Is the point inside the slip (its rotated rectangle)? */
function inside(slip: SheetSample['invoices'][number], x: number, y: number): boolean {
  const a = (-slip.rotate * Math.PI) / 180;
  const dx = x - slip.cx, dy = y - slip.cy;
  const u = dx * Math.cos(a) - dy * Math.sin(a);
  const v = dx * Math.sin(a) + dy * Math.cos(a);
  return Math.abs(u) <= slip.w / 2 && Math.abs(v) <= slip.h / 2;
}

/** Finds and reads every sheet with the Node engine; a slip counts as found once one region (and only one) lies on it. */
export async function measureSheets(samples: SheetSample[], threads: number): Promise<SheetsReport> {
  const engine = await nodeEngine(threads);
  const report: SheetsReport = { sheets: samples.length, invoices: 0, found: 0, read: 0, extra: 0, ordered: 0, findMs: [], readMsPerInvoice: [], misses: [], silentlyWrong: [], wrongButReviewed: [] };
  for (const sample of samples) {
    report.invoices += sample.invoices.length;
    const img = decodeImage(sample.image);
    if (!img) throw new Error(`sheet ${sample.seed}: undecodable`);
    const t0 = performance.now();
    const regions: RotatedRect[] = findInvoicesInFull(img);
    report.findMs.push(performance.now() - t0);
    const hits = sample.invoices.map((slip) => regions.filter((r) => inside(slip, r.cx, r.cy)));
    const order: number[] = [];
    for (const [i, r] of regions.entries()) {
      const slip = sample.invoices.findIndex((s) => inside(s, r.cx, r.cy));
      if (slip < 0) report.extra += 1;
      else order.push(slip);
    }
    if (order.every((s, i) => i === 0 || s > order[i - 1]!)) report.ordered += 1;
    for (const [i, slip] of sample.invoices.entries()) {
      if (hits[i]!.length !== 1) {
        report.misses.push(`sheet ${sample.seed} slip ${i + 1}/${sample.invoices.length}: ${hits[i]!.length} regions`);
        continue;
      }
      report.found += 1;
      const t1 = performance.now();
      const outcome = await readQuotaInvoice(engine, cropRegion(img, hits[i]![0]!));
      report.readMsPerInvoice.push(performance.now() - t1);
      const result = outcome.ok ? outcome.result : {};
      const wrong = FIELDS.filter((f) => result[f] !== slip[f]);
      if (wrong.length === 0) report.read += 1;
      else report.misses.push(`sheet ${sample.seed} slip ${i + 1}: ${outcome.ok ? wrong.map((f) => `${f} ${result[f] ?? '(nothing)'} ≠ ${slip[f]}`).join(', ') : `refused ${outcome.error.code} ${outcome.error.documentKind ?? ''}`}`);
      for (const f of wrong) {
        if (result[f] === undefined) continue; // nothing read: a missing field, never settled
        const why = reviewReason(result, f);
        const line = `sheet ${sample.seed} slip ${i + 1} ${f}: read ${result[f]}, truth ${slip[f]}`;
        if (why === null) report.silentlyWrong.push(line);
        else report.wrongButReviewed.push(`${line} (review: ${why})`);
      }
    }
  }
  return report;
}
