// Fresh seed 2900041 (upright photo, test/synth; the whole photo as rendered): its red number
// 05097853 under the seal. The small first pass read 发票号05097853 but not the code, so it was not
// settled and its readings were dropped; the full-size pass read 5097853, the seal-free one 0502785,
// and only the red number's vote was left, which gave 05091853 for review. The small pass's
// readings now go into the pool (read-invoice.ts poolFirstReadings), and a number every later
// reading lost is taken from there, for review.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_THRESHOLD } from '@/lib/invoice/review';
import type { OcrEngine } from '@/lib/ondevice/engine';
import { FAST_DET_SIDE, READING, readQuotaInvoice } from '@/lib/ondevice/read-invoice';
import { decodeImage, nodeEngine } from '../support/ondevice-node';

const photo = decodeImage(new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'red-number', 'photo-2900041.jpg'))))!;

describe('a number only the unsettled small pass read', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await nodeEngine();
  });

  it('premise: the small pass reads the number whole, the full-size pass does not', async () => {
    const small = await engine.recognize(photo, { ...READING.fast, detSide: FAST_DET_SIDE });
    expect(small.lines.some((l) => l.text.includes('05097853'))).toBe(true);
    const full = await engine.recognize(photo, READING.fast);
    expect(full.lines.some((l) => l.text.includes('05097853'))).toBe(false);
  });

  it('is taken from the small pass, marked for review, with the other three fields', async () => {
    const outcome = await readQuotaInvoice(engine, photo);
    expect(outcome.ok).toBe(true);
    const result = outcome.ok ? outcome.result : undefined;
    expect(result).toMatchObject({ number: '05097853', code: '051002170779', amount: '￥1.00', location: '四川省' });
    expect(result!.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
  });
});
