// A photo turned 270° (held-out seed 2100011, test/fixtures/kinds/quota-turned-270.jpg from
// test/synth/kind-fixtures.ts): the small first pass read its title and three fields lying on their
// side, but its code only in part, so the page was read again at full size, where detection found no
// sideways lines, took a 42° skew, read two lines of nothing and refused the invoice as no invoice.
// The full-size pass now takes the turn the title proved (read-invoice.ts provenTurn).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OcrEngine, OcrResult } from '@/lib/ondevice/engine';
import { FAST_DET_SIDE, READING, provenTurn, readQuotaInvoice } from '@/lib/ondevice/read-invoice';
import { decodeImage, nodeEngine } from '../support/ondevice-node';

const KINDS = join(import.meta.dirname, '..', 'fixtures', 'kinds');
const truth = JSON.parse(readFileSync(join(KINDS, 'truth.json'), 'utf8')) as Record<string, { fields: Record<string, string> }>;
const photo = decodeImage(new Uint8Array(readFileSync(join(KINDS, 'quota-turned-270.jpg'))))!;

describe('a turn the quota title proved is kept by the later passes', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await nodeEngine();
  });

  it('premise: the small pass reads the title turned 270°; the full size, deciding alone, does not', async () => {
    const small = await engine.recognize(photo, { ...READING.fast, detSide: FAST_DET_SIDE });
    expect(provenTurn(small)).toBe(270);
    const alone = await engine.recognize(photo, READING.fast);
    expect(alone.turnDeg).not.toBe(270);
    expect(provenTurn(alone)).toBeUndefined();
  });

  it('reads all four fields right, where it was refused as no invoice', async () => {
    const outcome = await readQuotaInvoice(engine, photo);
    expect(outcome.ok).toBe(true);
    const { code, number, amount, location } = outcome.ok ? outcome.result : {};
    expect({ code, number, amount, location }).toEqual(truth['quota-turned-270.jpg']!.fields);
  });

  it('provenTurn needs a quota title: fields alone prove no turn', () => {
    const page = (texts: string[]): OcrResult => ({ lines: texts.map((text) => ({ text, confidence: 0.99, charConfidences: [], box: [[0, 0], [1, 0], [1, 1], [0, 1]] })), skewDeg: 0, turnDeg: 90, skipped: 0, ms: { det: 0, cls: 0, rec: 0, total: 0 } });
    expect(provenTurn(page(['宁波市地方税务局定额专用发票', 'No 04843274']))).toBe(90);
    expect(provenTurn(page(['发票代码 233021169204', 'No 04843274', '壹元']))).toBeUndefined();
    expect(provenTurn(undefined)).toBeUndefined();
  });
});
