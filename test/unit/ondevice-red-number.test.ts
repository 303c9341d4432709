// A red-printed number under the red supervision seal (red-number.ts, seal.ts darkRedKept). The
// fixtures are line crops cut by the engine's own detection out of held-out sheet 100006, slip 8
// (test/synth/sheet.ts, renderSheets): the number 65545253 with the seal's 广东省税务局 across it,
// and the seal's legend 全国统一发票监制 alone. Before red-number.ts that invoice's number came out missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_THRESHOLD } from '@/lib/invoice/review';
import type { DetectedLine, OcrEngine } from '@/lib/ondevice/engine';
import type { RgbaImage } from '@/lib/ondevice/image';
import { WASHED_OUT_CUTS, agreedNumber, numberInDarkRed, readRedNumber } from '@/lib/ondevice/red-number';
import { DARK_RED_CUTS, darkRedKept, printBand, redShare } from '@/lib/ondevice/seal';
import { decodeImage, nodeEngine } from '../support/ondevice-node';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'red-number');
const load = (name: string) => decodeImage(new Uint8Array(readFileSync(join(DIR, name))))!;
const numberLine = load('number-under-seal.png');
const sealLegend = load('seal-legend.png');
// Seed 200098's number line (upright photo): 03886833 in red with the seal's 国家税务局 over its end.
// The seal-free reading kept a ghost of it, 85683177 at 0.58, which was shown (for review) as the number.
const ghostLine = load('number-ghost-200098.png');
// Seed 200083 turned 180° (photo crop x40 y800 540×180): the red number 84827016 under the seal's
// words, which detection gave no box at all; only the label 发票号码 beside it was found.
const besideLabel = load('number-beside-label-200083.png');
// Fresh seed 600054 (photo crop x260 y360 560×140): the red 34758582 with the seal's 地方税务局 stamped
// as dark across it; the full pass read the line 发票号码3475税务局.
const sealWordsAcross = load('number-beside-label-600054.png');
// Fresh seed 1400025 (photo crop x80 y380 340×150): a washed-out photo's pale red 50512328 under the
// seal's 国家税务局, gone at every dark-red cut; the page's reading found no 发票号码 label, the
// seal-free reading did.
const paleBesideLabel = load('number-beside-label-1400025.png');
// Fresh seed 2300023 (photo crop x140 y520 420×170): a warm, washed-out photo's red 97075657 with the
// seal's 地方税务局 across its end; the whole red ink measured 0.25–0.45 max(G, B) / R, so every cut up to
// 0.35 dropped the number with the seal, and every plain reading but one lost its last two digits.
const washedOut = load('number-washed-out-2300023.png');

// Held-out seed 6300034 (photo crop x200 y260 420×150): the red 52129895 with the seal's 国家税务局 over its
// last three digits; the page's reading found the label as 发票号码5, no other box held the digits, and no
// plain or dark-red reading beside the label gave the same 8 digits twice.
const sealOverDigits = load('number-beside-label-6300034.png');
// Held-out seed 6300084 (photo crop x140 y260 420×150): the red 82496952 under the seal's 大连市; only the
// seal-free reading held the label (发票号码8249695), and one plain reading of nine gave the 8 digits.
const sealOverLastDigit = load('number-beside-label-6300084.png');

/** Share (0–1) of an image's pixels that are dark (the print darkRedKept leaves). */
function darkShare(img: RgbaImage): number {
  let dark = 0;
  for (let i = 0; i < img.data.length; i += 4) if (img.data[i]! < 128) dark++;
  return dark / (img.width * img.height);
}

/** A detected line covering the whole of `img`, read as `text`. */
function wholeLine(img: RgbaImage, text: string): DetectedLine {
  const { width: w, height: h } = img;
  return { text, confidence: 0.79, charConfidences: Array.from(text, () => 0.79), box: [[0, 0], [w, 0], [w, h], [0, h]] };
}

describe('darkRedKept: the number red kept, the seal red dropped', () => {
  it('keeps next to nothing of the seal legend and most of the number (both crops are mostly red)', () => {
    expect(redShare(sealLegend)).toBeGreaterThan(0.15);
    expect(redShare(numberLine)).toBeGreaterThan(0.3);
    // First cut: the legend blank; the second, looser one keeps specks of it (1.3 %), far less than the number's 9 %.
    expect(darkShare(darkRedKept(sealLegend, DARK_RED_CUTS[0]))).toBeLessThan(0.001);
    for (const cut of DARK_RED_CUTS) expect(darkShare(darkRedKept(sealLegend, cut))).toBeLessThan(darkShare(darkRedKept(numberLine, cut)) / 4);
    expect(darkShare(darkRedKept(numberLine, DARK_RED_CUTS[0]))).toBeGreaterThan(0.05);
  });
});

describe('printBand: the row of print a box spanning two rows is read in', () => {
  /** 100 × 60 px white, with black rectangles [x0, y0, x1, y1) (px). */
  function page(...blocks: [number, number, number, number][]): RgbaImage {
    const data = new Uint8ClampedArray(100 * 60 * 4).fill(255);
    for (const [x0, y0, x1, y1] of blocks) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.fill(0, (y * 100 + x) * 4, (y * 100 + x) * 4 + 3);
    return { width: 100, height: 60, data };
  }

  it('keeps the densest band of rows with half its height round it, columns trimmed to the print', () => {
    // A sparse row above (a seal's ring, 4 px of ink a row) and the number's row below (60 px a row).
    const band = printBand(page([10, 5, 14, 15], [20, 40, 80, 50]));
    expect([band.width, band.height]).toEqual([60 + 2 * 5, 10 + 2 * 5]);
    expect(darkShare(band)).toBeCloseTo((60 * 10) / (70 * 20), 5);
  });

  it('gives a blank image back as it is', () => {
    const blank = page();
    expect(printBand(blank)).toBe(blank);
  });
});

describe('readRedNumber with the real recognizer', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await nodeEngine();
  });

  it('the ordinary readings of the line hold no 8-digit number (the fault)', async () => {
    const box = wholeLine(numberLine, '').box;
    const [reading] = await engine.readLines(numberLine, [{ cx: box[2][0] / 2, cy: box[2][1] / 2, w: box[2][0], h: box[2][1], angle: 0 }]);
    expect(reading!.text.replace(/\D/gu, '').length).toBeLessThan(8);
  });

  it('reads 65545253 from the line with only its dark red kept, and tells whether it was confirmed', async () => {
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const sources: Record<string, number> = {};
    const taken = await readRedNumber(engine, numberLine, [wholeLine(numberLine, '广东多局')], sources, result);
    expect(result.number).toBe('65545253');
    expect(sources.number).toBe(0);
    // Confirmed or not, never settled without both cuts agreeing at DIGIT_FLOOR.
    if (taken!.confirmed) expect(result.confidence!.number).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
    else expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('replaces the ghost the seal-free reading kept of a red number (seed 200098), marked for review', async () => {
    const result = { number: '85683177', confidence: { number: 0.575 } };
    const sources: Record<string, number> = {};
    await readRedNumber(engine, ghostLine, [wholeLine(ghostLine, '发票号码038868国家税务局')], sources, result, true);
    expect(result.number).toBe('03886833');
    expect(result.confidence.number).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('reads the number beside its label when detection lost it under the seal (seed 200083 turned 180°), marked for review', async () => {
    // The label's box as the full pass found it, upside down (its first corner at the text's start).
    const label: DetectedLine = { text: '发票号码', confidence: 0.9, charConfidences: [0.9, 0.9, 0.9, 0.9], box: [[495, 104], [349, 107], [348, 66], [494, 63]] };
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const sources: Record<string, number> = {};
    const taken = await readRedNumber(engine, besideLabel, [label], sources, result);
    expect(result.number).toBe('84827016');
    expect(taken).toMatchObject({ from: 0, confirmed: false });
    expect(sources.number).toBe(0);
    expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('reads a number the seal’s words, stamped as dark, lie across, with only the reddest red kept (seed 600054)', async () => {
    const line: DetectedLine = { ...wholeLine(sealWordsAcross, '发票号码3475税务局'), box: [[29, 46], [513, 27], [516, 88], [32, 107]] };
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const taken = await readRedNumber(engine, sealWordsAcross, [line], {}, result);
    expect(result.number).toBe('34758582');
    expect(taken).toMatchObject({ from: 0, confirmed: false });
    expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('reads a pale red number beside a label only the seal-free reading found, plainly, marked for review (seed 1400025)', async () => {
    const label: DetectedLine = { text: '发票号码', confidence: 0.9, charConfidences: [0.9, 0.9, 0.9, 0.9], box: [[46, 67], [126, 79], [123, 102], [43, 90]] };
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const sources: Record<string, number> = { number: 3 };
    const taken = await readRedNumber(engine, paleBesideLabel, [], sources, result, false, [label]);
    expect(result.number).toBe('50512328');
    expect(taken).toMatchObject({ confirmed: false });
    expect(taken!.from).toBeUndefined();
    // Not a line of the page's reading: no region to show for it.
    expect(sources.number).toBeUndefined();
    expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('reads a washed-out photo’s number beside its label at the higher cuts, by vote, marked for review (seed 2300023)', async () => {
    const line: DetectedLine = { ...wholeLine(washedOut, '发票号码970756方税务局'), box: [[43, 82], [350, 50], [355, 96], [48, 129]] };
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const taken = await readRedNumber(engine, washedOut, [line], {}, result);
    expect(result.number).toBe('97075657');
    expect(taken).toMatchObject({ from: 0, confirmed: false });
    expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('reads a number the seal’s words lie across beside its label with the digits-only reader in the vote, marked for review (seeds 6300034, 6300084)', async () => {
    const labelLine = (text: string, box: DetectedLine['box']): DetectedLine => ({ text, confidence: 0.9, charConfidences: Array.from(text, () => 0.9), box });
    // The label's box as the engine found it (the page's reading, or only the seal-free one's).
    const cases = [
      { img: sealOverDigits, line: labelLine('发票号码5', [[57, 81], [153, 68], [156, 92], [61, 105]]), number: '52129895', onPage: true },
      { img: sealOverLastDigit, line: labelLine('发票号码8249695', [[41, 40], [221, 63], [217, 91], [38, 68]]), number: '82496952', onPage: false },
    ];
    for (const { img, line, number, onPage } of cases) {
      const read = (reader: OcrEngine) => {
        const result: { number?: string; confidence?: Record<string, number> } = {};
        return readRedNumber(reader, img, onPage ? [line] : [], {}, result, false, onPage ? [] : [line]).then((taken) => ({ taken, result }));
      };
      // PP-OCR alone (the engine without the digits reader) does not get it: the fault.
      const without = await read({ ...engine, readDigits: undefined });
      expect(without.result.number).not.toBe(number);
      const { taken, result } = await read(engine);
      expect(result.number).toBe(number);
      expect(taken).toMatchObject({ confirmed: false });
      expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
    }
  });

  it('leaves a number already read alone and reads nothing for it', async () => {
    const result = { number: '12345678' };
    expect(await readRedNumber(engine, numberLine, [wholeLine(numberLine, '')], {}, result)).toBeUndefined();
    expect(result.number).toBe('12345678');
  });
});

describe('readRedNumber settling (recognizer readings given)', () => {
  const img: RgbaImage = numberLine;
  /** An engine that only reads lines, as `readLines` says. */
  const linesEngine = (readLines: OcrEngine['readLines']): OcrEngine => ({ recognize: () => Promise.reject(new Error('not used')), release: () => Promise.resolve(), readLines });
  /** An engine whose dark-red readings are given per cut, one per line asked. */
  function engineReading(byCut: Record<number, string[]>, p: number): OcrEngine {
    return linesEngine((_img, rects, cut) => Promise.resolve(rects.map((_, i) => {
      const text = byCut[cut!.below]![i]!;
      return { text, confidence: p, charConfidences: Array.from(text, () => p) };
    })));
  }

  it('confirms a number both cuts read alike with every digit clear', async () => {
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const taken = await readRedNumber(engineReading({ [DARK_RED_CUTS[0]]: ['65545253'], [DARK_RED_CUTS[1]]: ['65545253'] }, 0.97), img, [wholeLine(img, '广东多局')], {}, result);
    expect(taken).toMatchObject({ value: '65545253', confirmed: true });
    expect(result.confidence!.number).toBe(0.97);
  });

  it('marks for review when the cuts disagree on a digit, or read it weakly', async () => {
    const disagree: { number?: string; confidence?: Record<string, number> } = {};
    await readRedNumber(engineReading({ [DARK_RED_CUTS[0]]: ['33616590'], [DARK_RED_CUTS[1]]: ['33616598'] }, 0.97), img, [wholeLine(img, '')], {}, disagree);
    expect(disagree.number).toBe('33616590');
    expect(disagree.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
    const weak: { number?: string; confidence?: Record<string, number> } = {};
    await readRedNumber(engineReading({ [DARK_RED_CUTS[0]]: ['33616590'], [DARK_RED_CUTS[1]]: ['33616590'] }, 0.8), img, [wholeLine(img, '')], {}, weak);
    expect(weak.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('when no red line gave 8 digits, reads them at the washed-out cuts and takes a number two or more readings agree on, marked (seed 2300023 turned)', async () => {
    /** Per cut, what each of the two red lines reads: dots below 0.4, the number from there on at `from` cuts. */
    const washed = (agreeing: number) => {
      const cuts: number[] = [];
      const engine = linesEngine((_img, rects, darkRed) => {
        cuts.push(darkRed!.below);
        const line = rects[0]!.cy < img.height ? 0 : 1;
        const above = cuts.filter((c) => c >= 0.4).length;
        const text = line === 1 && darkRed!.below >= 0.4 && above <= 4 + agreeing ? '97075657' : '··.、';
        return Promise.resolve([{ text, confidence: 0.96, charConfidences: Array.from(text, () => 0.96) }]);
      });
      return { engine, cuts };
    };
    const lower = (line: DetectedLine): DetectedLine => {
      const [a, b, c, d] = line.box.map(([x, y]): [number, number] => [x, y + img.height]);
      return { ...line, box: [a!, b!, c!, d!] };
    };
    const lines = [wholeLine(img, '广东多局'), lower(wholeLine(img, '税务局'))];
    const agreed = washed(2);
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const sources: Record<string, number> = {};
    const taken = await readRedNumber(agreed.engine, img, lines, sources, result);
    expect(taken).toMatchObject({ value: '97075657', from: 1, confirmed: false });
    expect(sources.number).toBe(1);
    expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
    expect(agreed.cuts.slice(0, 2)).toEqual([DARK_RED_CUTS[0], DARK_RED_CUTS[0]]);
    expect(agreed.cuts.slice(2, 10).every((c) => c >= 0.4)).toBe(true);
    // One washed-out reading alone is no number.
    const alone: { number?: string } = {};
    await readRedNumber(washed(1).engine, img, lines, {}, alone);
    expect(alone.number).toBeUndefined();
  });

  it('reads a line longer when it gave 6 or 7 digits and no line gave 8 (a digit cut off at its end)', async () => {
    const asked: number[] = [];
    const engine = linesEngine((_img, rects) => {
      asked.push(rects[0]!.w);
      const text = rects[0]!.w > img.width ? '68737362' : '6873736';
      return Promise.resolve([{ text, confidence: 0.95, charConfidences: Array.from(text, () => 0.95) }]);
    });
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const taken = await readRedNumber(engine, img, [wholeLine(img, '学务局')], {}, result);
    expect(taken).toMatchObject({ value: '68737362', confirmed: true });
    // Once as found, at the four washed-out cuts (no number agreed), then twice longer by 0.75 × its height at each end.
    expect(asked).toEqual([...Array(5).fill(img.width), img.width + 1.5 * img.height, img.width + 1.5 * img.height]);
  });

  it('drops a speck read as a ninth digit at either end, never a clear digit', () => {
    const read = (text: string, probs: number[]) => numberInDarkRed({ text, confidence: 0.9, charConfidences: probs });
    const clear = Array(8).fill(0.99);
    expect(read('803886833', [0.48, ...clear])?.value).toBe('03886833');
    expect(read('038868338', [...clear, 0.5])?.value).toBe('03886833');
    expect(read('803886833', [0.95, ...clear])).toBeUndefined();
    expect(read('803886833', [0.48, ...clear.slice(1), 0.7])).toBeUndefined();
    expect(read('03886833', clear)?.value).toBe('03886833');
  });

  it('reads beside a number label only (a misread 发票 too), never beside 电话号码 or a line already holding 8 digits', async () => {
    const white: RgbaImage = { width: 200, height: 60, data: new Uint8ClampedArray(200 * 60 * 4).fill(255) };
    const at = (text: string, y: number): DetectedLine => ({ text, confidence: 0.9, charConfidences: Array.from(text, () => 0.9), box: [[0, y], [80, y], [80, y + 10], [0, y + 10]] });
    const asked: number[] = [];
    const engine = linesEngine((_img, rects) => {
      asked.push(rects[0]!.cy);
      return Promise.resolve([{ text: '84827016', confidence: 0.99, charConfidences: Array(8).fill(0.99) }]);
    });
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const taken = await readRedNumber(engine, white, [at('查询电话号码', 0), at('电话号码12', 12), at('发票号码12345678', 24), at('发禁号码0', 36)], {}, result);
    // Only the last line is read, at both cuts, from its start (label 4 × 10 px + 0.2 × 10 + 7 × 10 long).
    expect(asked).toEqual([41, 41]);
    expect(taken).toMatchObject({ value: '84827016', from: 3, confirmed: false });
    expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('beside the label, reads with only the reddest red kept when neither cut gave 8 digits, and only then', async () => {
    const white: RgbaImage = { width: 200, height: 60, data: new Uint8ClampedArray(200 * 60 * 4).fill(255) };
    const cuts: number[] = [];
    const engine = linesEngine((_img, _rects, darkRed) => {
      cuts.push(darkRed!.below);
      const text = darkRed!.below < DARK_RED_CUTS[0] ? '84827016' : '8482税务局';
      return Promise.resolve([{ text, confidence: 0.95, charConfidences: Array.from(text, () => 0.95) }]);
    });
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const label: DetectedLine = { text: '发票号码8482税务局', confidence: 0.9, charConfidences: Array(12).fill(0.9), box: [[0, 0], [80, 0], [80, 10], [0, 10]] };
    const taken = await readRedNumber(engine, white, [label], {}, result);
    expect(cuts).toEqual([...DARK_RED_CUTS, 0.2]);
    expect(taken).toMatchObject({ value: '84827016', from: 0, confirmed: false });
    expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('beside the label, reads plainly when no cut gave 8 digits, and takes only a number more readings agree on than on any other', async () => {
    const white: RgbaImage = { width: 200, height: 60, data: new Uint8ClampedArray(200 * 60 * 4).fill(255) };
    const label: DetectedLine = { text: '发票号码', confidence: 0.9, charConfidences: Array(4).fill(0.9), box: [[0, 0], [40, 0], [40, 10], [0, 10]] };
    const read = (text: string, p = 0.9) => ({ text, confidence: p, charConfidences: Array.from(text, () => p) });
    /** Dark-red cuts read nothing; the plain boxes read `plain` in turn (9 boxes: 3 heights × 3 drops). */
    const plainly = (plain: string[]) => {
      const asked: number[] = [];
      const engine = linesEngine((_img, rects, darkRed) => {
        if (darkRed) return Promise.resolve([read('国家税务局')]);
        asked.push(rects.length);
        return Promise.resolve(rects.map((_, i) => read(plain[i] ?? '', 0.7 + i / 100)));
      });
      return { engine, asked };
    };
    const agreed = plainly(['发票号码50517328', '', '发票号码50512328', '', '50512328', '号码5051232', '', '', '']);
    const result: { number?: string; confidence?: Record<string, number> } = {};
    const taken = await readRedNumber(agreed.engine, white, [label], {}, result);
    expect(agreed.asked).toEqual([9]);
    expect(taken).toMatchObject({ value: '50512328', from: 0, confirmed: false, confidence: result.confidence!.number });
    expect(result.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
    // One reading alone, or two numbers two digits apart read as often as each other: nothing taken.
    for (const plain of [['87453612', '', '', '1745361'], ['50512328', '50517378', '50512328', '50517378']]) {
      const none: { number?: string } = {};
      expect(await readRedNumber(plainly(plain).engine, white, [label], {}, none)).toBeUndefined();
      expect(none.number).toBeUndefined();
    }
    // One digit apart, they are pooled by their digits' probabilities (agreedNumber), still for review.
    const near: { number?: string; confidence?: Record<string, number> } = {};
    await readRedNumber(plainly(['50512328', '50517328', '50512328', '50517328']).engine, white, [label], {}, near);
    expect(near.number).toMatch(/^5051[27]328$/u);
    expect(near.confidence!.number).toBeLessThan(REVIEW_THRESHOLD);
    // Beside a label only the seal-free reading found, a cut's one reading of 8 digits is a vote, not a
    // number; and that reading's box of a label the page's reading found is not read again.
    const cutReadings = ['18611813', '1861183', ''];
    const votes = linesEngine((_img, rects, cut) => Promise.resolve(cut ? [read(cutReadings.shift() ?? '')] : rects.map(() => read(''))));
    const secondChance: { number?: string } = {};
    expect(await readRedNumber(votes, white, [], {}, secondChance, false, [label])).toBeUndefined();
    expect(secondChance.number).toBeUndefined();
    const onPage: { number?: string } = {};
    const nearBox: DetectedLine = { ...label, box: [[2, 1], [42, 1], [42, 11], [2, 11]] };
    expect(await readRedNumber(plainly([]).engine, white, [label], {}, onPage, false, [nearBox])).toBeUndefined();
    const counted = plainly([]);
    await readRedNumber(counted.engine, white, [label], {}, {}, false, [nearBox]);
    expect(counted.asked).toEqual([9]);
    // Digits of the code are the code's, however many readings give them.
    const codeOnly: { number?: string; code?: string } = { code: '133021296679' };
    expect(await readRedNumber(plainly(['13302129', '13302129', '13302129']).engine, white, [label], {}, codeOnly)).toBeUndefined();
  });

  it('takes no part of the code for the number', async () => {
    const result: { number?: string; code?: string } = { code: '044002059145' };
    // At every cut, the washed-out ones too (by vote), the line gives the code's first 8 digits.
    const cuts = Object.fromEntries([DARK_RED_CUTS[0], ...WASHED_OUT_CUTS].map((c) => [c, ['04400205']]));
    const taken = await readRedNumber(engineReading(cuts, 0.99), img, [wholeLine(img, '')], {}, result);
    expect(taken).toBeUndefined();
    expect(result.number).toBeUndefined();
  });
});

describe('agreedNumber: the vote beside the label and at the washed-out cuts', () => {
  /** A reading whose characters are each at `p`, but those at `weak` (index: probability). */
  const reading = (text: string, p: number, weak: Record<number, number> = {}) => ({ text, confidence: p, charConfidences: Array.from(text, (_, i) => weak[i] ?? p) });

  it('takes a number two readings give exactly, more than give any other', () => {
    expect(agreedNumber([reading('85016155', 0.9), reading('85016155', 0.8), reading('国多58', 0.6)], undefined)).toEqual({ value: '85016155', confidence: 0.9 });
    // One reading alone is no evidence (fresh seed 900074: the seal's ring read as a digit once).
    expect(agreedNumber([reading('87453612', 0.9), reading('国多', 0.6)], undefined)).toBeUndefined();
  });

  it('pools readings that each differ from every other in one digit at most, by their digits’ probabilities (fresh seed 3700032)', () => {
    // Beside the label: 85016155 at cut 0.3 (every digit 1.00), 国85016158 at 0.35 with its last digit weak.
    const found = agreedNumber([reading('85016155', 1), reading('国85016158', 0.88, { 8: 0.5 }), reading('国时的多6158', 0.68)], undefined);
    expect(found).toEqual({ value: '85016155', confidence: 1 });
  });

  it('pools nothing when two readings lie further apart, or a number lies inside the code', () => {
    expect(agreedNumber([reading('85016155', 1), reading('85016158', 0.9), reading('35016188', 0.9)], undefined)).toBeUndefined();
    expect(agreedNumber([reading('85016155', 1), reading('85016158', 0.9)], '132085016155')).toBeUndefined();
  });
});
