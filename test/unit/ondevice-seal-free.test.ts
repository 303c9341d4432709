import { describe, expect, it } from 'vitest';
import { sealFreeReadingNeeded } from '@/lib/ondevice/engine';
import { SEAL_FREE_BELOW, setAsideWeakCode, takeMissingFields } from '@/lib/ondevice/read-invoice';
import { REVIEW_THRESHOLD } from '@/lib/invoice/review';
import { FIRST_READING_FLOOR } from '@/lib/ondevice/confirm-fields';

/** A reading whose characters all have probability `p`, except those listed in `weak` (index → probability). */
function reading(text: string, p: number, weak: Record<number, number> = {}) {
  const charConfidences = Array.from(text, (_, i) => weak[i] ?? p);
  return { text, confidence: charConfidences.reduce((s, c) => s + c, 0) / charConfidences.length, charConfidences };
}

describe('when a seal-red line is read a second time without its red (the fast pipeline)', () => {
  const needed = (r: ReturnType<typeof reading>) => sealFreeReadingNeeded(r, SEAL_FREE_BELOW, FIRST_READING_FLOOR);

  it('not when every character of the first reading, digits too, is at the floor', () => {
    expect(needed(reading('发票号码22733305', FIRST_READING_FLOOR))).toBe(false);
  });

  it('when one digit is under the floor inside a confident line (a seal stroke across it)', () => {
    expect(needed(reading('发票号码22733305', 0.999, { 9: FIRST_READING_FLOOR - 0.005 }))).toBe(true);
  });

  it('not for confident seal words without digits, but for digits at the same confidence', () => {
    expect(needed(reading('发票专用章', 0.96))).toBe(false);
    expect(needed(reading('No 44205159', 0.96))).toBe(true);
  });

  it('not when a code\'s or number\'s every digit is at the floor and only its label is troubled', () => {
    expect(needed(reading('发票号码22733305', 0.999, { 2: 0.6 }))).toBe(false);
    expect(needed(reading('No 144011443637', 0.999, { 0: 0.5 }))).toBe(false);
    // a digit under the floor, a run of another length, or a second run with a weak digit: read again
    expect(needed(reading('发票号码22733305', 0.999, { 2: 0.6, 10: 0.95 }))).toBe(true);
    expect(needed(reading('发票号码2273330', 0.999, { 2: 0.6 }))).toBe(true);
    expect(needed(reading('22733305 12', 0.999, { 9: 0.5 }))).toBe(true);
  });

  it('always when the first reading is blank', () => {
    expect(needed({ text: ' ', confidence: 1, charConfidences: [1] })).toBe(true);
  });

  it('as before issue 10 when both rules are off: every red line is read both ways', () => {
    expect(sealFreeReadingNeeded(reading('发票号码22733305', 1), Infinity, Infinity)).toBe(true);
    expect(sealFreeReadingNeeded(reading('发票专用章', 1), Infinity, Infinity)).toBe(true);
  });
});

describe('a code or number taken from the seal-free reading (never confirmed by a re-read of it)', () => {
  const box: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [100, 0], [100, 20], [0, 20]];
  const line = (r: ReturnType<typeof reading>) => ({ ...r, box });
  const second = (code: string, r: ReturnType<typeof reading>) => ({
    result: { code, amount: '￥5.00', confidence: { code: r.confidence, amount: 0.95 } },
    conclusive: true,
    sources: { code: 0 },
  });

  it('goes to review when a digit of it is under the floor (held-out sheet 100028 slip 9: 0 read as 9, line at 0.97)', () => {
    const r = reading('发票代码251011975921', 0.99, { 8: 0.87, 15: 0.86 });
    const result: Parameters<typeof takeMissingFields>[0] = { number: '56878014', confidence: { number: 0.997 } };
    takeMissingFields(result, second('251011975921', r), [line(r)]);
    expect(result.code).toBe('251011975921');
    expect(result.confidence?.code).toBeLessThan(REVIEW_THRESHOLD);
    expect(result.confidence?.amount).toBe(0.95);
  });

  it('keeps its confidence when every digit is at the floor, and never replaces a field already read', () => {
    const r = reading('发票代码251011075921', FIRST_READING_FLOOR);
    const result: Parameters<typeof takeMissingFields>[0] = { amount: '￥10.00', confidence: { amount: 0.99 } };
    takeMissingFields(result, second('251011075921', r), [line(r)]);
    expect(result.confidence?.code).toBe(r.confidence);
    expect(result.confidence?.code).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
    expect(result.amount).toBe('￥10.00');
  });

  it('takes the location too when the first reading has none (held-out sheet 100022 slip 9: 海市国家税务局…, no code)', () => {
    const r = reading('发票代码131000995084', 0.99, { 6: 0.89 });
    const result: Parameters<typeof takeMissingFields>[0] = { number: '24373733', amount: '￥1.00', confidence: { number: 0.998, amount: 0.949 } };
    const withPlace = second('131000995084', r);
    takeMissingFields(result, { ...withPlace, result: { ...withPlace.result, location: '上海市', confidence: { ...withPlace.result.confidence, location: 0.998 } } }, [line(r)]);
    expect(result.location).toBe('上海市');
    expect(result.confidence?.location).toBe(0.998);
    expect(result.code).toBe('131000995084');
    expect(result.confidence?.code).toBeLessThan(REVIEW_THRESHOLD);
    // A location already read is kept.
    const kept: Parameters<typeof takeMissingFields>[0] = { location: '深圳市', confidence: { location: 0.97 } };
    takeMissingFields(kept, { ...withPlace, result: { ...withPlace.result, location: '上海市' } }, [line(r)]);
    expect(kept.location).toBe('深圳市');
  });

  it('drops a number that lies inside the code it brings: the first reading took the code’s digits for it (held-out seed 200032)', () => {
    const r = reading('发票代码221021745132', FIRST_READING_FLOOR);
    const result: Parameters<typeof takeMissingFields>[0] = { number: '22102174', confidence: { number: 0.89 } };
    takeMissingFields(result, second('221021745132', r), [line(r)]);
    expect(result.code).toBe('221021745132');
    expect(result.number).toBeUndefined();
    expect(result.confidence?.number).toBeUndefined();
  });
});

describe('a code in doubt that no label vouches for (fresh seed 500006)', () => {
  it('is set aside, with its line, while the seal-free reading looks for the labelled one', () => {
    // The full-size reading took 120011921547 from a line of small print; the code line was under the seal.
    const result = { code: '120011921547', amount: '￥10.00', confidence: { code: 0.604, amount: 0.995 } };
    const sources: Record<string, number> = { code: 7, amount: 2 };
    expect(setAsideWeakCode(result, sources, { code: false, amount: true })).toEqual({ value: '120011921547', confidence: 0.604, from: 7 });
    expect(result).toEqual({ amount: '￥10.00', confidence: { amount: 0.995 } });
    expect(sources).toEqual({ amount: 2 });
  });

  it('stays when its label vouches for it, when it is not in doubt, or when nothing is known of its evidence', () => {
    for (const [strong, confidence] of [[{ code: true }, 0.6], [{ code: false }, REVIEW_THRESHOLD], [undefined, 0.6]] as const) {
      const result = { code: '120011921547', confidence: { code: confidence } };
      expect(setAsideWeakCode(result, { code: 0 }, strong)).toBeUndefined();
      expect(result.code).toBe('120011921547');
    }
  });
});
