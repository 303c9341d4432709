import { describe, expect, it } from 'vitest';
import { cutInPlaceBox, monospaceEm } from '../../lib/ui/place-box';

describe('whether the review table’s place box cuts a place (lib/ui/place-box.ts)', () => {
  it.each([
    ['深圳市', 3, false],
    ['乌鲁木齐市', 5, false],
    ['石家庄市长安区', 7, false],
    ['西藏自治区拉萨市', 8, true],
    ['宁夏回族自治区银川市', 10, true],
    ['新疆维吾尔自治区乌鲁木齐市', 13, true],
    ['Shenzhen', 4.8, false],
    ['Urumqi, Xinjiang', 9.6, true],
  ] as const)('%s: %f em, cut %s', (place, em, cut) => {
    expect(monospaceEm(place)).toBeCloseTo(em, 5);
    expect(cutInPlaceBox(place)).toBe(cut);
  });

  it('counts full-width forms as wide and says nothing of an empty place', () => {
    expect(monospaceEm('ＡＢ１２')).toBe(4);
    expect(cutInPlaceBox(undefined)).toBe(false);
    expect(cutInPlaceBox('')).toBe(false);
  });
});
