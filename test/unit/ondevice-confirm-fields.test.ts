import { describe, expect, it } from 'vitest';
import { codeDigitPossible, printYearPossible } from '@/lib/invoice/code';
import { DIGIT_FLOOR, DIGIT_POSSIBLE, DIGIT_READ_HEIGHT, FIRST_READING_FLOOR, REREAD_HEIGHTS, SPAN_MARGIN, clearlyRead, confirmIdentifiers, digitSpan, fuseDigits, identifierIn, type LineReading, rectOfBox, rereadRects, settleIdentifier } from '@/lib/ondevice/confirm-fields';
import type { DetectedLine, OcrEngine } from '@/lib/ondevice/engine';
import type { RotatedRect } from '@/lib/ondevice/geometry';
import { rectCorners, spanAlong } from '@/lib/ondevice/geometry';
import { REVIEW_THRESHOLD } from '@/lib/invoice/review';

/** A reading whose characters all have probability `p`, except those listed in `weak` (index → probability). */
function reading(text: string, p = 0.99, weak: Record<number, number> = {}): LineReading {
  return { text, confidence: p, charConfidences: Array.from(text, (_, i) => weak[i] ?? p) };
}

/** An engine that reads every rectangle asked as `text` (each character at 0.99) and keeps the rectangles asked. */
function recordingEngine(text: string): { engine: OcrEngine; asked: RotatedRect[] } {
  const asked: RotatedRect[] = [];
  const engine = {
    readLines: async (_img: unknown, rects: RotatedRect[]) => {
      asked.push(...rects);
      return rects.map(() => reading(text, 0.99));
    },
  } as unknown as OcrEngine;
  return { engine, asked };
}

describe('the digits a re-read holds', () => {
  it('finds the identifier past its label, spaces and full-width digits, with its weakest digit', () => {
    const text = '发票代码： １４４０１１４４３ 537';
    // The 5 (index 16 in the raw text, after the label, the colon and the spaces) is the blurred digit.
    const found = identifierIn(reading(text, 0.98, { 16: 0.48, 0: 0.3 }), 12);
    expect(found).toEqual({ value: '144011443537', digits: [...Array(9).fill(0.98), 0.48, 0.98, 0.98], weakest: 0.48 });
  });

  it('says nothing when a digit was lost, and drops the o a lost N leaves before a number', () => {
    expect(identifierIn(reading('发票代码14401144537'), 12)).toBeUndefined();
    expect(identifierIn(reading('o03570280'), 8)?.value).toBe('03570280');
  });
});

describe('confirming a code or number by re-reading its line', () => {
  const first = { value: '144011443637', confidence: 0.95 };

  it('keeps the reading and its confidence when every re-read agrees, each digit clearly read', () => {
    const settled = settleIdentifier('code', first, [reading('发票代码144011443637'), reading('144011443637', 0.97)]);
    expect(settled).toEqual({ value: '144011443637', confidence: 0.95, confirmed: true });
  });

  it('marks the field for review when a re-read reads another digit (the better-supported value kept)', () => {
    const settled = settleIdentifier('code', first, [reading('发票代码144011443537'), reading('发票代码144011443537')]);
    expect(settled.confirmed).toBe(false);
    expect(settled.value).toBe('144011443537');
    expect(settled.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('one against one: the digit read more surely is kept, marked', () => {
    // The first reading's 6 at 0.62, the re-read's 5 at 0.97.
    const weakSix = { ...first, digits: [...Array(9).fill(0.99), 0.62, 0.99, 0.99] };
    const settled = settleIdentifier('code', weakSix, [reading('144011443537', 0.97), reading('144011443')]);
    expect(settled.value).toBe('144011443537');
    expect(settled.confidence).toBeLessThan(REVIEW_THRESHOLD);
    // The other way round, the first reading's 6 stands; an even tie keeps the first reading too.
    expect(settleIdentifier('code', { ...first, digits: Array(12).fill(0.99) }, [reading('144011443537', 0.7)]).value).toBe('144011443637');
    expect(settleIdentifier('code', { ...first, confidence: 0.97 }, [reading('144011443537', 0.97)]).value).toBe('144011443637');
  });

  it('the other reader’s readings vote where PP-OCR’s are in doubt, and never confirm', () => {
    // PP-OCR one against one (first 6 at 0.95, re-read 5 at 0.97); the digits-only reader reads 6 twice.
    const split = settleIdentifier('code', first, [reading('144011443537', 0.97)], [], [reading('144011443637', 0.9), reading('144011443637', 0.9)]);
    expect(split).toMatchObject({ value: '144011443637', confirmed: false });
    expect(split.confidence).toBeLessThan(REVIEW_THRESHOLD);
    expect(settleIdentifier('code', first, [reading('144011443537', 0.97)]).value).toBe('144011443537');
    // No PP-OCR re-read held the code: the other reader agreeing is no confirmation.
    const alone = settleIdentifier('code', first, [reading('1440114')], [], [reading('144011443637')]);
    expect(alone.confirmed).toBe(false);
    expect(alone.confidence).toBeLessThan(REVIEW_THRESHOLD);
    // Confirmed by PP-OCR's re-reads: the other reader is not asked.
    expect(settleIdentifier('code', first, [reading('144011443637')], [], [reading('144011443537')])).toEqual({ value: '144011443637', confidence: 0.95, confirmed: true });
  });

  it('asks the digits-only reader only for the identifiers PP-OCR’s re-reads left in doubt, where PP-OCR re-read them and at DIGIT_READ_HEIGHT', async () => {
    const box = (cy: number): DetectedLine['box'] => [[10, cy - 10], [210, cy - 10], [210, cy + 10], [10, cy + 10]];
    const lines: DetectedLine[] = [
      { ...reading('发票代码144011443637', 0.97, { 6: 0.7 }), box: box(50) },
      { ...reading('发票号码03570280', 0.97, { 6: 0.7 }), box: box(100) },
    ];
    const digitsAsked: RotatedRect[] = [];
    const engine = {
      // PP-OCR re-reads the code as read, the number with its 2 as 3.
      readLines: async (_img: unknown, rects: RotatedRect[]) => rects.map((r) => reading(r.cy < 75 ? '发票代码144011443637' : '发票号码03570380', 0.97)),
      readDigits: async (_img: unknown, rects: RotatedRect[]) => {
        digitsAsked.push(...rects);
        return rects.map(() => reading('03570280', 0.99));
      },
    } as unknown as OcrEngine;
    const result = { code: '144011443637', number: '03570280', confidence: { code: 0.95, number: 0.95 } };
    const doubtful = await confirmIdentifiers(engine, { width: 300, height: 200, data: new Uint8ClampedArray(300 * 200 * 4) }, lines, { code: 0, number: 1 }, result);
    expect(doubtful).toEqual(['number']);
    expect(digitsAsked.map((r) => [Math.round(r.cy), r.h])).toEqual([...REREAD_HEIGHTS, DIGIT_READ_HEIGHT].map((k) => [100, 20 * k]));
    // Two PP-OCR readings against each other and the digits-only reader's two: its 2 stands, marked.
    expect(result.number).toBe('03570280');
    expect(result.confidence.number).toBeLessThan(REVIEW_THRESHOLD);
    expect(result.code).toBe('144011443637');
  });

  it('gives no vote to a re-read far from every other reading; two such re-reads that agree still outvote the first (fresh seed 2900015 turned 270°)', () => {
    // The first reading's 0 at the fourth place at 0.8; the re-read, five places off, read a 6 there at 0.95.
    const code = { value: '244000982209', confidence: 0.95, digits: [0.99, 0.99, 0.99, 0.8, ...Array(8).fill(0.99)] };
    const far = reading('174600683209', 0.95);
    const settled = settleIdentifier('code', code, [far]);
    expect(settled).toMatchObject({ value: '244000982209', confirmed: false });
    expect(settled.confidence).toBeLessThan(REVIEW_THRESHOLD);
    // Two re-reads that agree with each other are a reading of their own: they outvote the first.
    expect(settleIdentifier('code', code, [far, far]).value).toBe('174600683209');
  });

  it('a far re-read surer than the first keeps its vote (held-out sheet 100013 slip 4: 54371164 read weakly, 54377084 surely)', () => {
    const weak = { value: '54371164', confidence: 0.85, digits: [0.97, 0.97, 0.53, 0.92, 0.79, 0.87, 0.51, 0.88] };
    const settled = settleIdentifier('number', weak, [reading('54377084', 1, { 0: 0.89, 5: 0.97, 7: 0.78 })]);
    expect(settled).toMatchObject({ value: '54377084', confirmed: false });
    expect(settled.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('pools an earlier pass’s reading of the same digits, never another run of digits, and never confirms by it', () => {
    const weakSix = { ...first, digits: [...Array(9).fill(0.99), 0.62, 0.99, 0.99] };
    const small = { value: '144011443537', digits: Array(12).fill(0.99) };
    const settled = settleIdentifier('code', weakSix, [reading('144011443')], [small]);
    expect(settled).toMatchObject({ value: '144011443537', confirmed: false });
    expect(settled.confidence).toBeLessThan(REVIEW_THRESHOLD);
    // The seal's tax number read by a poorer pass differs in most places: not pooled.
    const decoy = { value: '914403007261', digits: Array(12).fill(0.99) };
    expect(settleIdentifier('code', weakSix, [reading('144011443')], [decoy]).value).toBe('144011443637');
  });

  it('pools the readings digit by digit: two misreads in different places are both outvoted', () => {
    // Seed 200135's kind: each reading has one digit wrong, each weakly; together they read it right.
    const readings = [
      { value: '03391796', digits: [0.96, 0.85, 0.92, 0.96, 0.61, 0.97, 0.93, 0.97] },
      { value: '05391796', digits: [0.99, 0.97, 0.99, 0.99, 0.98, 0.99, 0.99, 0.99] },
      { value: '05397796', digits: [0.99, 0.95, 0.99, 0.99, 0.4, 0.99, 0.99, 0.99] },
    ];
    expect(fuseDigits(readings)).toBe('05391796');
    expect(fuseDigits([readings[0]!, { value: '0539179', digits: Array(7).fill(1) }])).toBe('03391796');
  });

  it('keeps a code’s first digit to one an authority issues (0, 1 or 2) where any reading has one (held-out seed 2300007)', () => {
    // The page's reading 2 at 0.48; both re-reads 7 (0.77, 0.65): the sum chose 744011373082, a code no authority issues.
    const readings = [
      { value: '244011373082', digits: [0.48, ...Array(11).fill(0.95)] },
      { value: '744011373082', digits: [0.77, ...Array(11).fill(0.95)] },
      { value: '744011373082', digits: [0.65, ...Array(11).fill(0.95)] },
    ];
    expect(fuseDigits(readings)).toBe('744011373082');
    expect(fuseDigits(readings, DIGIT_POSSIBLE.code)).toBe('244011373082');
    expect(settleIdentifier('code', { value: '244011373082', confidence: 0.84, digits: readings[0]!.digits }, [reading('发票代码744011373082', 0.77), reading('发票代码744011373082', 0.65)]).value).toBe('244011373082');
    // No reading offers a possible first digit: the likeliest stands (the check flags it); a number has no such rule.
    expect(fuseDigits(readings.slice(1), DIGIT_POSSIBLE.code)).toBe('744011373082');
    expect(fuseDigits([{ value: '74401137', digits: Array(8).fill(0.9) }, { value: '24401137', digits: Array(8).fill(0.5) }], DIGIT_POSSIBLE.number)).toBe('74401137');
  });

  it('keeps a code’s printing year (digits 6–7) to one past where any reading has one (fresh seed 2900074)', () => {
    // The page's reading had 7 for the 2 of 2021 at 0.9, its re-read 2 at 0.6: "2071" outvoted it.
    const readings = [
      { value: '044037151266', digits: [...Array(5).fill(0.99), 0.9, ...Array(6).fill(0.99)] },
      { value: '044032151266', digits: [...Array(5).fill(0.99), 0.6, ...Array(6).fill(0.99)] },
    ];
    expect(fuseDigits(readings)).toBe('044037151266');
    expect(fuseDigits(readings, DIGIT_POSSIBLE.code)).toBe('044032151266');
    // The year's second digit is held to the first as fused (in 2026, 2027 is still to come, 2022 past).
    expect(codeDigitPossible('7', 6, '037022', 2026)).toBe(false);
    expect(codeDigitPossible('6', 6, '037022', 2026)).toBe(true);
    expect(codeDigitPossible('7', 6, '037022', 2027)).toBe(true);
    expect(codeDigitPossible('7', 6, '03702', 2026)).toBe(true); // the first year digit not yet known
    expect([printYearPossible('26', 2026), printYearPossible('27', 2026), printYearPossible('95', 2026), printYearPossible('2', 2026)]).toEqual([true, false, true, false]);
    // 199x is a year past; a number has no such rule.
    expect(fuseDigits([{ value: '044093151266', digits: Array(12).fill(0.9) }, { value: '044033151266', digits: Array(12).fill(0.5) }], DIGIT_POSSIBLE.code)).toBe('044093151266');
    expect(fuseDigits([{ value: '04403715', digits: Array(8).fill(0.9) }, { value: '04403215', digits: Array(8).fill(0.5) }], DIGIT_POSSIBLE.number)).toBe('04403715');
  });

  it('marks an agreed value when a re-read read one digit weakly (seed 100035: 6 read as 5 inside a confident line)', () => {
    const weak = reading('发票代码144011443537', 0.97, { 13: DIGIT_FLOOR - 0.07 });
    const settled = settleIdentifier('code', { value: '144011443537', confidence: 0.936 }, [reading('发票代码144011443537'), weak]);
    expect(settled).toEqual({ value: '144011443537', confidence: REVIEW_THRESHOLD - 0.01, confirmed: false });
  });

  it('marks a field no re-read could read in full', () => {
    const settled = settleIdentifier('number', { value: '03570280', confidence: 0.99 }, [reading('0357028'), reading('')]);
    expect(settled.confirmed).toBe(false);
    expect(settled.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });
});

describe('where a line is re-read', () => {
  it('turns an engine box back into its rectangle, turned pages too', () => {
    for (const rect of [{ cx: 478, cy: 299, w: 236, h: 42, angle: -1.52 }, { cx: 345, cy: 715, w: 235, h: 45, angle: 3.08 }]) {
      const back = rectOfBox(rectCorners(rect));
      for (const key of ['cx', 'cy', 'w', 'h', 'angle'] as const) expect(back[key]).toBeCloseTo(rect[key], 6);
    }
  });

  it('re-reads tighter across the line around the same centre, its whole length kept (a last digit at the box’s end: seed 3500055)', () => {
    const rect = { cx: 100, cy: 50, w: 200, h: 40, angle: 0.5 };
    const [tight, ...more] = rereadRects(rect);
    expect(more).toEqual([]);
    expect(tight).toMatchObject({ cx: 100, cy: 50, angle: 0.5, w: 200 });
    expect(tight!.h).toBeCloseTo(rect.h * 0.7, 6);
  });
});

describe('a span along a line', () => {
  it('starts and ends where asked along the baseline, upside-down lines too', () => {
    const upright = { cx: 100, cy: 50, w: 200, h: 40, angle: 0 };
    // From the line's start to 300 px beyond it, twice as tall: [0, 300] along x.
    expect(spanAlong(upright, -100, 200, 80)).toMatchObject({ cx: 150, cy: 50, w: 300, h: 80, angle: 0 });
    // Turned 180°: the line's start is its right end, so the same span runs leftwards from x = 200.
    const turned = spanAlong({ ...upright, angle: Math.PI }, -100, 200);
    const [start, end] = rectCorners(turned);
    expect(start[0]).toBeCloseTo(200, 6);
    expect(end[0]).toBeCloseTo(-100, 6);
    expect(turned.h).toBe(40);
  });
});

describe('re-reading only the identifier\'s digits', () => {
  // '发票代码' then 12 digits: the digits' centres from 0.4 to 0.95 of the line.
  const text = '发票代码144011443637';
  const positions = [0.05, 0.15, 0.25, 0.35, ...Array.from({ length: 12 }, (_, i) => 0.4 + (i * 0.55) / 11)];
  const line = { ...reading(text), charPositions: positions };

  it('finds where the identifier stands along its line', () => {
    const span = digitSpan(line, 12, '144011443637');
    expect(span?.from).toBeCloseTo(0.4, 6);
    expect(span?.to).toBeCloseTo(0.95, 6);
    expect(digitSpan(reading(text), 12, '144011443637')).toBeUndefined(); // no positions: the whole line
    expect(digitSpan(line, 12, '144011443638')).toBeUndefined(); // not the value read
  });

  it('cuts the re-read to the digits and SPAN_MARGIN pitches either side, within the whole-line re-read', () => {
    const rect = { cx: 300, cy: 50, w: 400, h: 40, angle: 0 };
    const [cut] = rereadRects(rect, digitSpan(line, 12, '144011443637'), 12);
    const [whole] = rereadRects(rect);
    const pitch = (0.55 * 400) / 11;
    const left = 100 + 0.4 * 400 - SPAN_MARGIN * pitch;
    const right = Math.min(100 + 0.95 * 400 + SPAN_MARGIN * pitch, 300 + whole!.w / 2);
    expect(cut!.h).toBeCloseTo(whole!.h, 6);
    expect(cut!.cx - cut!.w / 2).toBeCloseTo(left, 6);
    expect(cut!.cx + cut!.w / 2).toBeCloseTo(right, 6);
    expect(cut!.w).toBeLessThan(0.7 * whole!.w);
  });

  it('follows the line\'s angle, and ignores a span whose pitch is no digit\'s', () => {
    const rect = { cx: 0, cy: 0, w: 400, h: 40, angle: Math.PI / 2 };
    const [cut] = rereadRects(rect, { from: 0.5, to: 0.9 }, 12);
    expect(cut!.cx).toBeCloseTo(0, 6);
    expect(cut!.cy).toBeGreaterThan(0);
    const [whole] = rereadRects(rect);
    expect(rereadRects(rect, { from: 0.5, to: 0.51 }, 12)).toEqual([whole]);
  });

  it('the small pass re-reads the digits only, the full-size pass the whole line', async () => {
    const box: DetectedLine['box'] = [[0, 40], [400, 40], [400, 60], [0, 60]];
    const lines: DetectedLine[] = [{ ...reading(text, 0.97, { 6: 0.7 }), charPositions: positions, box }];
    const { engine, asked } = recordingEngine('144011443637');
    const img = { width: 500, height: 100, data: new Uint8ClampedArray(500 * 100 * 4) };
    const result = () => ({ code: '144011443637', confidence: { code: 0.95 } });
    expect(await confirmIdentifiers(engine, img, lines, { code: 0 }, result(), { digitsOnly: true })).toEqual([]);
    expect(await confirmIdentifiers(engine, img, lines, { code: 0 }, result())).toEqual([]);
    expect(asked[0]!.w).toBeLessThan(0.7 * asked[1]!.w);
  });
});

describe('a first reading clear enough to need no re-read', () => {
  it('takes an identifier whose every digit is at the floor, not one with a single weaker digit inside a confident line', () => {
    expect(clearlyRead(reading('发票代码144011443637', FIRST_READING_FLOOR), 'code', '144011443637')).toBe(true);
    // Seed 100035 turned 90°: one blurred digit (the 6 read as 5) at 0.83 inside a line at 0.936.
    const blurred = reading('发票代码144011443537', 0.999, { 14: 0.83 });
    expect(blurred.charConfidences.reduce((a, b) => a + b) / blurred.charConfidences.length).toBeGreaterThan(0.98);
    expect(clearlyRead(blurred, 'code', '144011443537')).toBe(false);
    expect(clearlyRead(reading('发票代码144011443637', FIRST_READING_FLOOR - 0.001), 'code', '144011443637')).toBe(false);
  });

  it('does not take a value the line does not hold, nor a run of the wrong length', () => {
    expect(clearlyRead(reading('发票代码144011443637'), 'code', '144011443638')).toBe(false);
    expect(clearlyRead(reading('No 0357028'), 'number', '0357028')).toBe(false);
  });

  it('re-reads only the identifiers whose first reading is not clear, and keeps the clear one as read', async () => {
    const box = (cy: number): DetectedLine['box'] => [[10, cy - 10], [210, cy - 10], [210, cy + 10], [10, cy + 10]];
    const lines: DetectedLine[] = [
      { ...reading('发票代码144011443637', 0.999), box: box(50) },
      { ...reading('发票号码03570280', 0.97, { 6: 0.7 }), box: box(100) },
    ];
    const { engine, asked } = recordingEngine('发票号码03570280');
    const result = { code: '144011443637', number: '03570280', confidence: { code: 0.999, number: 0.95 } };
    const doubtful = await confirmIdentifiers(engine, { width: 300, height: 200, data: new Uint8ClampedArray(300 * 200 * 4) }, lines, { code: 0, number: 1 }, result);
    expect(doubtful).toEqual([]);
    // One re-read, of the number's line (centre y 100): the code's first reading was clear.
    expect(asked.map((r) => Math.round(r.cy))).toEqual([100]);
    expect(result).toEqual({ code: '144011443637', number: '03570280', confidence: { code: 0.999, number: 0.95 } });
  });
});
