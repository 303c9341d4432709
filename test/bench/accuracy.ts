import type { RecognizeOutcome } from '../../lib/huawei/client';
import { DocumentKindSchema } from '../../lib/recognize/contract';
import type { OtherKind } from '../../lib/invoice/kind';
import type { OcrEngine } from '../../lib/ondevice/engine';
import type { Pipeline } from '../../lib/ondevice/pipeline';
import { readQuotaInvoice } from '../../lib/ondevice/read-invoice';
import { decodeImage, nodeEngine } from '../support/ondevice-node';
import type { Truth } from '../synth/spec';
import { reviewReason } from './review';
import { median } from './stats';

export const FIELDS = ['code', 'number', 'amount', 'location'] as const;

export interface AccuracyReport {
  count: number;
  /** Exact matches per field, and of all four at once. */
  correct: Record<(typeof FIELDS)[number] | 'all', number>;
  /** OCR + field extraction per invoice: what the extension's WASM engine does. */
  latenciesMs: number[];
  /** Decoding the JPEG in Node (pure JS); the browser decodes natively, outside the engine. */
  decodeMs: number[];
  peakRssMb: number;
  /** `settled`: the wrong value was shown without a mark for review. */
  failures: { seed: number; field: string; expected: string; got: string | undefined; settled: boolean }[];
  /** Quota invoices refused as another kind of paper: seed → the kind named (or `unknown`). */
  refusedAs: { seed: number; kind: string }[];
  /** Code, number and amount fields the product would put to review (test/bench/review.ts reviewReason). */
  markedForReview: number;
  /** Code, number and amount fields read wrong and shown settled (reviewReason null): the worst outcome, wanted 0. */
  silentlyWrong: number;
  /** Locations read wrong and shown settled (not money, but the invoice is filed under the wrong place): wanted 0. */
  locationSilentlyWrong: number;
}

/** What an outcome says the paper is: `quota` when read, else the kind AIS.0104 named. */
export function outcomeKind(outcome: RecognizeOutcome | null): string {
  if (!outcome) return 'undecodable';
  if (outcome.ok) return 'quota';
  return outcome.error.code === 'AIS.0104' ? (outcome.error.documentKind ?? 'unknown') : outcome.error.code;
}

/** Reads each image with the Node engine (`pipeline`, default fast) and compares the four fields with the truth. */
export async function measureAccuracy(samples: { seed: number; image: Uint8Array; truth: Truth }[], threads: number, pipeline?: Pipeline): Promise<AccuracyReport> {
  const engine = await nodeEngine(threads);
  const report: AccuracyReport = {
    count: samples.length,
    correct: { code: 0, number: 0, amount: 0, location: 0, all: 0 },
    latenciesMs: [],
    decodeMs: [],
    peakRssMb: 0,
    failures: [],
    refusedAs: [],
    markedForReview: 0,
    silentlyWrong: 0,
    locationSilentlyWrong: 0,
  };
  for (const { seed, image, truth } of samples) {
    const started = performance.now();
    const decoded = decodeImage(image);
    const read = performance.now();
    const outcome = decoded ? await readQuotaInvoice(engine, decoded, { pipeline }) : null;
    report.decodeMs.push(read - started);
    report.latenciesMs.push(performance.now() - read);
    const result = outcome?.ok ? outcome.result : {};
    if (!outcome?.ok) report.refusedAs.push({ seed, kind: outcomeKind(outcome) });
    let all = true;
    for (const field of FIELDS) {
      if (result[field] === truth[field]) report.correct[field] += 1;
      else {
        all = false;
        report.failures.push({ seed, field, expected: truth[field], got: result[field], settled: result[field] !== undefined && reviewReason(result, field) === null });
      }
    }
    if (all) report.correct.all += 1;
    // The money fields: an identifier or an amount shown settled and wrong is the worst bug.
    for (const field of ['code', 'number', 'amount'] as const) {
      if (result[field] === undefined) continue;
      const marked = reviewReason(result, field) !== null;
      if (marked) report.markedForReview += 1;
      else if (result[field] !== truth[field]) report.silentlyWrong += 1;
    }
    if (result.location !== undefined && result.location !== truth.location && reviewReason(result, 'location') === null) report.locationSilentlyWrong += 1;
  }
  report.peakRssMb = process.resourceUsage().maxRSS / 1024;
  return report;
}

export interface NegativesReport {
  count: number;
  /** Refused with AIS.0104, whatever kind was named. */
  refused: number;
  /** Refused naming the kind the paper really is. */
  namedRight: number;
  /** Every miss: the paper's kind, and what the engine made of it (`quota` = accepted). */
  misses: { seed: number; kind: OtherKind; got: string }[];
}

/** Reads other kinds of paper: each must be refused with AIS.0104, ideally naming its kind. */
export async function measureNegatives(samples: { seed: number; kind: OtherKind; image: Uint8Array }[], engine: OcrEngine, pipeline?: Pipeline): Promise<NegativesReport> {
  const report: NegativesReport = { count: samples.length, refused: 0, namedRight: 0, misses: [] };
  for (const { seed, kind, image } of samples) {
    const decoded = decodeImage(image);
    const got = outcomeKind(decoded ? await readQuotaInvoice(engine, decoded, { pipeline }) : null);
    if (DocumentKindSchema.safeParse(got).success) report.refused += 1;
    if (got === kind) report.namedRight += 1;
    else report.misses.push({ seed, kind, got });
  }
  return report;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export { median };
