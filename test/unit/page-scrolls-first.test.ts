import { describe, expect, it } from 'vitest';
import { pageScrollFirst } from '@/lib/ui/use-page-scrolls-first';

describe('the page scrolls before a box inside it', () => {
  it('scrolls the page by the wheel while the box\'s top is below the window\'s top', () => {
    // The table's box 390 px down the window, a wheel of 100 px, 2000 px of page left below.
    expect(pageScrollFirst(100, 390, 2000)).toBe(100);
  });

  it('stops the page where the box\'s top reaches the window\'s top, or at the page\'s end', () => {
    expect(pageScrollFirst(100, 40, 2000)).toBe(40);
    expect(pageScrollFirst(100, 390, 30)).toBe(30);
  });

  it('leaves the wheel to the box once it is at the top, at the page\'s end, or turned up', () => {
    expect(pageScrollFirst(100, 0, 2000)).toBe(0);
    expect(pageScrollFirst(100, -300, 2000)).toBe(0);
    expect(pageScrollFirst(100, 390, 0)).toBe(0);
    expect(pageScrollFirst(-100, 390, 2000)).toBe(0);
  });
});
