import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QuotaInvoiceResult } from '../../lib/huawei/schemas';

export const INVOICE_DIR = join(import.meta.dirname, '..', 'fixtures', 'invoices');

export type Truth = Required<Omit<QuotaInvoiceResult, 'confidence'>>;

export function fixtureTruth(): Record<string, Truth> {
  return JSON.parse(readFileSync(join(INVOICE_DIR, 'truth.json'), 'utf8')) as Record<string, Truth>;
}

/**
 * Until the on-device engine exists (issue 3), the emulator "recognizes" only the fixture
 * invoices, by the SHA-256 of their bytes; any other image answers AIS.0104.
 */
export function loadTruthTable(): Map<string, Truth> {
  const table = new Map<string, Truth>();
  for (const [file, truth] of Object.entries(fixtureTruth())) {
    const hash = createHash('sha256').update(readFileSync(join(INVOICE_DIR, file))).digest('hex');
    table.set(hash, truth);
  }
  return table;
}

export function recognizeByHash(table: Map<string, Truth>, bytes: Uint8Array): QuotaInvoiceResult | null {
  const truth = table.get(createHash('sha256').update(bytes).digest('hex'));
  if (!truth) return null;
  return { ...truth, confidence: { number: 0.99, code: 0.99, location: 0.98, amount: 0.97 } };
}
