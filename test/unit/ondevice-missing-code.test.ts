// A page whose every reading lost the code (发票代码) but holds a line with one digit too few or too
// many: readMissingCode reads that line again (confirm-fields.ts). The fixture is seed 200114's code
// line (upright photo, test/synth) with the seal's red taken away as the engine does (seal.ts
// removeRed, red-channel), cut out at the same pixels: its seal-free reading was 发票代码23502165140k.
// Fresh seeds 600034 (发代码110a1456090: a 1 lost from 111, a 0 read a) and 600069 (turned 180°:
// 发票代码钙1011674014, the 15 fused into one glyph) and 600012 turned 90° (03301182375: the box
// ended under the seal before the last digit) are cut the same way, and fresh seed 1400025
// (发章代码宁133#21296679: the seal's 波 over the 0 left a #). Held-out seed 2100006 turned 90°
// (发票代码2320012946方院务局: the seal's words over the last two digits, the box ending before them).
// Fresh seed 2700059 turned 270° (the seal's words across the middle of the code: its seal-free
// reading gave two lines, 161011 and 1238964, for 161011238964). Fresh seed 3300004 (seal-free
// reading 发票代码D1001872124: the seal's words took a 1 of 011001872124 from every re-read too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_THRESHOLD } from '@/lib/invoice/review';
import { gbt2260 } from '@/lib/invoice/gbt2260';
import { placesAgree } from '@/lib/invoice/places';
import { NEAR_MISS_HEIGHTS, NEAR_MISS_STRETCH, NEAR_MISS_WIDEN, codeOfShortReading, pooledReading, readMissingCode } from '@/lib/ondevice/confirm-fields';
import type { DetectedLine, OcrEngine } from '@/lib/ondevice/engine';
import { decodeImage, nodeEngine } from '../support/ondevice-node';

const fixture = (seed: number | string) => {
  const name = String(seed).startsWith('split-') ? `code-${seed}.png` : `code-line-${seed}.png`;
  return decodeImage(new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'code-near-miss', name))))!;
};
const codeLine = fixture(200114);
const places = gbt2260();
/** Whether a code's region digits name `title`'s place, as read-invoice.ts asks. */
const titledBy = (title: string) => (code: string) => {
  const region = places.byCodePrefix(code.slice(1, 5));
  return region !== null && placesAgree(region, places.mostSpecificIn(title)!);
};
/** The box the engine found the line in, in the fixture's pixels. */
const box: DetectedLine['box'] = [[31, 26], [316, 62], [312, 95], [26, 59]];
const line = (text: string, b = box): DetectedLine => ({ text, confidence: 0.92, charConfidences: Array.from(text, () => 0.92), box: b });

describe('readMissingCode with the real recognizer', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await nodeEngine();
  });

  it('reads seed 200114’s code from the line that held 11 digits and a k, marked for review', async () => {
    const found = await readMissingCode(engine, codeLine, [line('发票代码23502165140k')]);
    expect(found?.value).toBe('235021651408');
    expect(found!.confidence).toBeLessThan(REVIEW_THRESHOLD);
    expect(found!.from).toBe(0);
  });

  it('reads a code whose reading lost a digit of a row of like ones and had a letter for another (seed 600034)', async () => {
    const box600034: DetectedLine['box'] = [[20, 27], [262, 17], [263, 53], [22, 62]];
    const found = await readMissingCode(engine, fixture(600034), [line('发代码110a1456090', box600034)]);
    expect(found?.value).toBe('111001456090');
    expect(found!.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('reads a code whose reading had a # for a digit the seal’s words lay over (seed 1400025)', async () => {
    const box1400025: DetectedLine['box'] = [[33, 33], [242, 71], [237, 98], [28, 60]];
    const found = await readMissingCode(engine, fixture(1400025), [line('发章代码宁133#21296679', box1400025)]);
    expect(found?.value).toBe('133021296679');
    expect(found!.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('does not take a phone number, its digits split by a dash, for a code', async () => {
    expect(await readMissingCode(engine, fixture(1400025), [line('0574-21296679', [[33, 33], [242, 71], [237, 98], [28, 60]])])).toBeUndefined();
  });

  it('reads a code whose box the seal ended before its last digit, the line turned 90° (seed 600012)', async () => {
    const box600012: DetectedLine['box'] = [[48, 41], [56, 157], [37, 158], [29, 43]];
    const found = await readMissingCode(engine, fixture('600012-turned-90'), [line('03301182375', box600012)]);
    expect(found?.value).toBe('033011823757');
    expect(found!.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('reads a code whose last two digits lay under the seal’s words, outside the box, the line turned 90° (seed 2100006)', async () => {
    const box2100006: DetectedLine['box'] = [[119.82, 86.71], [113.01, 335.34], [85.68, 334.59], [92.49, 85.96]];
    const found = await readMissingCode(engine, fixture('2100006-turned-90'), [line('发票代码2320012946方院务局', box2100006)]);
    expect(found?.value).toBe('232001294694');
    expect(found!.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('puts back a region digit every re-read lost when only one digit names the title’s place (seed 3300004)', async () => {
    const box3300004: DetectedLine['box'] = [[30, 36], [186, 24], [188, 43], [31, 55]];
    const lines = [line('发票代码D1001872124', box3300004)];
    // Without the title's place the 11 digits give no code.
    expect(await readMissingCode(engine, fixture(3300004), lines)).toBeUndefined();
    const found = await readMissingCode(engine, fixture(3300004), lines, [], titledBy('北京市'));
    expect(found?.value).toBe('011001872124');
    expect(found!.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('reads a code the seal’s words split into two lines as one, the line turned 270° (seed 2700059)', async () => {
    const pieces = [line('1238964', [[54, 129], [42, 62], [60, 59], [72, 126]]), line('161011', [[63, 188], [52, 127], [72, 123], [84, 184]]), line('代码', [[66, 235], [66, 191], [86, 191], [86, 235]])];
    const found = await readMissingCode(engine, fixture('split-2700059-turned-270'), pieces);
    expect(found?.value).toBe('161011238964');
    // From the piece the code starts with.
    expect(found!.from).toBe(1);
    expect(found!.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('reads a code whose first two digits were read as one glyph, upside down (seed 600069)', async () => {
    const box600069: DetectedLine['box'] = [[210, 41], [22, 53], [20, 28], [208, 16]];
    const found = await readMissingCode(engine, fixture(600069), [line('发票代码钙1011674014', box600069)]);
    expect(found?.value).toBe('151011674014');
    expect(found!.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });
});

describe('readMissingCode: which lines it reads again', () => {
  /** An engine that reads every rectangle as `text` and counts the rectangles asked. */
  function engineReading(text: string) {
    const asked: number[] = [];
    const engine: OcrEngine = {
      recognize: () => Promise.reject(new Error('not used')),
      release: () => Promise.resolve(),
      readLines: (_img, rects) => {
        asked.push(rects.length);
        return Promise.resolve(rects.map(() => ({ text, confidence: 0.95, charConfidences: Array.from(text, () => 0.95) })));
      },
    };
    return { engine, asked };
  }

  it('only lines a digit or so off 12 (a label’s line may have lost two), never a skipped one', async () => {
    const { engine, asked } = engineReading('235021651408');
    const lines = [line('发票号码09631565'), line('服务电话0592-12366'), line('2350216514'), line('开票日期2014年06月12日'), line('发票代码2350216514'), line('23502165140')];
    const found = await readMissingCode(engine, codeLine, lines, [5]);
    // Line 2 (10 digits, no label) is no near miss, nor a date; line 4 (10 digits after the label) is.
    expect(found).toMatchObject({ value: '235021651408', from: 4 });
    // Each height as cut and longer at both ends by each widening (one call), then once per height stretched (a call each).
    expect(asked).toEqual([(1 + NEAR_MISS_WIDEN.length) * NEAR_MISS_HEIGHTS.length, ...NEAR_MISS_HEIGHTS.map(() => 1)]);
    expect(NEAR_MISS_STRETCH).toBe(1.5);
  });

  it('a run with one stray letter inside is a near miss; two strays or a phone number are not', async () => {
    const { engine } = engineReading('111001456090');
    expect(await readMissingCode(engine, codeLine, [line('发代码110a1456090')])).toMatchObject({ from: 0 });
    expect(await readMissingCode(engine, codeLine, [line('1100a1456090')])).toMatchObject({ from: 0 });
    expect(await readMissingCode(engine, codeLine, [line('发代码1a0a1456090'), line('电话0592-1234567'), line('0592/12345678')])).toBeUndefined();
  });

  it('joins two pieces of one row whose digits come within one of 12, never pieces of two rows or too few digits', async () => {
    const { engine, asked } = engineReading('161011238964');
    /** A piece 10 px tall from x0 to x1 at row y. */
    const piece = (text: string, x0: number, x1: number, y: number) => line(text, [[x0, y], [x1, y], [x1, y + 10], [x0, y + 10]]);
    // The second piece first among the lines: the joined box starts at the row's first piece.
    expect(await readMissingCode(engine, codeLine, [piece('1238964', 70, 130, 0), piece('161011', 0, 50, 0)])).toMatchObject({ value: '161011238964', from: 1 });
    expect(asked.length).toBeGreaterThan(0);
    // One row under the other; a gap wider than the seal's words; 6 + 4 digits: none joined.
    expect(await readMissingCode(engine, codeLine, [piece('161011', 0, 50, 0), piece('1238964', 60, 120, 12)])).toBeUndefined();
    expect(await readMissingCode(engine, codeLine, [piece('161011', 0, 50, 0), piece('1238964', 80, 140, 0)])).toBeUndefined();
    expect(await readMissingCode(engine, codeLine, [piece('161011', 0, 50, 0), piece('8964', 60, 100, 0)])).toBeUndefined();
  });

  it('nothing when no reading of the line holds 12 digits', async () => {
    const { engine } = engineReading('发票代码23502165140');
    expect(await readMissingCode(engine, codeLine, [line('发票代码23502165140')])).toBeUndefined();
  });
});

describe('pooledReading: an identifier earlier passes read, for a page whose later readings lost it', () => {
  const reading = (value: string, p: number) => ({ value, digits: Array.from(value, () => p) });

  it('the surest reading, pooled digit by digit with those that differ from it in one or two places', () => {
    // Two agree on a 3 where the surest read 2: outvoted; a reading of another run of digits is left out.
    const pooled = pooledReading([reading('142001231681', 0.7), reading('142001221681', 0.8), reading('142001231681', 0.6), reading('987654321098', 0.99)]);
    expect(pooled).toEqual({ value: '987654321098', confidence: 0.99 });
    const same = pooledReading([reading('142001231681', 0.7), reading('142001221681', 0.8), reading('142001231681', 0.6)]);
    expect(same).toEqual({ value: '142001231681', confidence: 0.8 });
  });

  it('nothing when no pass read it', () => {
    expect(pooledReading([])).toBeUndefined();
  });
});

describe('codeOfShortReading', () => {
  it('puts back the one digit that makes the region the title’s place', () => {
    expect(codeOfShortReading('01001872124', titledBy('北京市'))).toBe('011001872124');
    expect(codeOfShortReading('24431509110', titledBy('深圳市'))).toBe('244031509110');
  });

  it('gives nothing when the digit was lost after the region (any would fit), or no place is named', () => {
    expect(codeOfShortReading('24403097056', titledBy('深圳市'))).toBeUndefined();
    expect(codeOfShortReading('01001872124', () => false)).toBeUndefined();
    // A code that only a year still to come would make is no code (2071).
    expect(codeOfShortReading('24437151266', titledBy('深圳市'))).toBeUndefined();
    expect(codeOfShortReading('24432151266', titledBy('深圳市'))).toBe('244032151266');
  });
});
