import { describe, expect, it } from 'vitest';
import { sealFreeReadingNeeded } from '@/lib/ondevice/engine';
import { SEAL_FREE_BELOW } from '@/lib/ondevice/read-invoice';
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

  it('always when the first reading is blank', () => {
    expect(needed({ text: ' ', confidence: 1, charConfidences: [1] })).toBe(true);
  });

  it('as before issue 10 when both rules are off: every red line is read both ways', () => {
    expect(sealFreeReadingNeeded(reading('发票号码22733305', 1), Infinity, Infinity)).toBe(true);
    expect(sealFreeReadingNeeded(reading('发票专用章', 1), Infinity, Infinity)).toBe(true);
  });
});
