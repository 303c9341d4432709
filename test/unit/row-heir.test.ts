import { describe, expect, it } from 'vitest';
import { heirOf } from '@/lib/ui/row-heir';

const rows = (...ids: string[]) => ids.map((id) => ({ capture: { id } }));

describe('the row that takes deleted rows\' place', () => {
  it('is the next row, the one that slides up into the deleted one\'s place', () => {
    expect(heirOf(rows('a', 'b', 'c'), ['b'])).toBe('c');
    expect(heirOf(rows('a', 'b', 'c'), ['a'])).toBe('b');
  });

  it('is the row before when the last row goes', () => {
    expect(heirOf(rows('a', 'b', 'c'), ['c'])).toBe('b');
  });

  it('skips rows deleted with it, and takes the first deleted row\'s place when several scattered rows go', () => {
    expect(heirOf(rows('a', 'b', 'c', 'd', 'e'), ['b', 'c', 'e'])).toBe('d');
    expect(heirOf(rows('a', 'b', 'c', 'd'), ['c', 'd', 'b'])).toBe('a');
  });

  it('is none when every row shown goes, or none of them is shown', () => {
    expect(heirOf(rows('a', 'b'), ['a', 'b'])).toBeNull();
    expect(heirOf(rows('a', 'b'), ['z'])).toBeNull();
    expect(heirOf([], ['a'])).toBeNull();
  });
});
