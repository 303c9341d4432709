import { describe, expect, it } from 'vitest';
import { clockSkewWords, learnOffset, memoryClockOffset, offsetFromDate, significantOffset } from '@/lib/huawei/clock';

const MIN = 60_000;

describe('the gateway clock offset, from Date headers', () => {
  it.each([
    ['a Date 20 minutes ahead', 'Thu, 01 Jan 2026 12:20:00 GMT', 20 * MIN],
    ['a Date 20 minutes behind', 'Thu, 01 Jan 2026 11:40:00 GMT', -20 * MIN],
    ['the same second', 'Thu, 01 Jan 2026 12:00:00 GMT', 0],
    ['no header', null, null],
    ['garbage', 'yesterday-ish', null],
  ])('%s', (_name, header, expected) => {
    expect(offsetFromDate(header, Date.UTC(2026, 0, 1, 12, 0, 0))).toBe(expected);
  });

  it.each([
    [0, 0],
    [4 * MIN + 59_000, 0],
    [-4 * MIN, 0],
    [5 * MIN, 5 * MIN],
    [-20 * MIN, -20 * MIN],
  ])('offset %i ms signs with %i ms', (measured, signed) => expect(significantOffset(measured)).toBe(signed));

  it.each([
    ['learns a 20-minute skew', 0, 20 * MIN + 400, 20 * MIN + 400, true],
    ['does not flicker by milliseconds', 20 * MIN, 20 * MIN + 900, 20 * MIN, false],
    ['forgets it once the clock is fixed', 20 * MIN, 300, 0, true],
    ['ignores noise', 0, 2 * MIN, 0, false],
  ])('%s', async (_name, stored, measured, after, moved) => {
    const store = memoryClockOffset(stored);
    expect(await learnOffset(store, measured)).toBe(moved);
    expect(await store.get()).toBe(after);
  });

  it.each([
    [20 * MIN + 20_000, 'clockBehind', '20'],
    [-20 * MIN, 'clockAhead', '20'],
    [5 * MIN + 40_000, 'clockBehind', '6'],
  ])('offset %i ms is told as %s by %s minutes', (offset, key, minutes) => {
    expect(clockSkewWords(offset)).toEqual({ key, minutes });
  });
});
