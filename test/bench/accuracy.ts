import { readQuotaInvoice } from '../../lib/ondevice/read-invoice';
import { decodeImage, nodeEngine } from '../support/ondevice-node';
import type { Truth } from '../synth/spec';
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
  failures: { seed: number; field: string; expected: string; got: string | undefined }[];
}

/** Reads each image with the Node engine and compares the four fields with the truth. */
export async function measureAccuracy(samples: { seed: number; image: Uint8Array; truth: Truth }[], threads: number): Promise<AccuracyReport> {
  const engine = await nodeEngine(threads);
  const report: AccuracyReport = {
    count: samples.length,
    correct: { code: 0, number: 0, amount: 0, location: 0, all: 0 },
    latenciesMs: [],
    decodeMs: [],
    peakRssMb: 0,
    failures: [],
  };
  for (const { seed, image, truth } of samples) {
    const started = performance.now();
    const decoded = decodeImage(image);
    const read = performance.now();
    const outcome = decoded ? await readQuotaInvoice(engine, decoded) : null;
    report.decodeMs.push(read - started);
    report.latenciesMs.push(performance.now() - read);
    const result = outcome?.ok ? outcome.result : {};
    let all = true;
    for (const field of FIELDS) {
      if (result[field] === truth[field]) report.correct[field] += 1;
      else {
        all = false;
        report.failures.push({ seed, field, expected: truth[field], got: result[field] });
      }
    }
    if (all) report.correct.all += 1;
  }
  report.peakRssMb = process.resourceUsage().maxRSS / 1024;
  return report;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export { median };
