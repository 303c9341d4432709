// A page whose every reading lost the code (发票代码) but holds a line with one digit too few or too
// many: readMissingCode reads that line again (confirm-fields.ts). The fixture is seed 200114's code
// line (upright photo, test/synth) with the seal's red taken away as the engine does (seal.ts
// removeRed, red-channel), cut out at the same pixels: its seal-free reading was 发票代码23502165140k.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_THRESHOLD } from '@/lib/invoice/review';
import { NEAR_MISS_HEIGHTS, readMissingCode } from '@/lib/ondevice/confirm-fields';
import type { DetectedLine, OcrEngine } from '@/lib/ondevice/engine';
import { decodeImage, nodeEngine } from '../support/ondevice-node';

const codeLine = decodeImage(new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'code-near-miss', 'code-line-200114.png'))))!;
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
    const lines = [line('发票号码09631565'), line('服务电话0592-12366'), line('2350216514'), line('发票代码2350216514'), line('23502165140')];
    const found = await readMissingCode(engine, codeLine, lines, [4]);
    // Line 2 (10 digits, no label) is no near miss; line 3 (10 digits after the label) is.
    expect(found).toMatchObject({ value: '235021651408', from: 3 });
    expect(asked).toEqual([NEAR_MISS_HEIGHTS.length]);
  });

  it('nothing when no reading of the line holds 12 digits', async () => {
    const { engine } = engineReading('发票代码23502165140');
    expect(await readMissingCode(engine, codeLine, [line('发票代码23502165140')])).toBeUndefined();
  });
});
