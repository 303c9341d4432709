// A code in doubt whose region digits name another place than the page's title (read-invoice.ts
// codeOfTitledRegion). Fresh seed 2100059 turned 270°: the seal-free reading gave 131011136131
// (3101, 上海市) under the title 四川省成都市国家税务局通用定额发票; its re-read, pooled, had
// 151011136131 (5101, 成都市) at 0.91, and the fused code came out with the 3.
import { describe, expect, it } from 'vitest';
import { gbt2260 } from '@/lib/invoice/gbt2260';
import { REVIEW_THRESHOLD } from '@/lib/invoice/review';
import { authorityDigitOf } from '@/lib/invoice/code';
import { codeOfTitledAuthority, codeOfTitledRegion } from '@/lib/ondevice/read-invoice';

const places = gbt2260();
const reading = (value: string, p: number) => ({ value, digits: Array.from(value, () => p) });

describe('codeOfTitledRegion', () => {
  it('takes the pool’s reading whose region the title names, still for review (seed 2100059 turned 270°)', () => {
    const result = { code: '131011136131', location: '成都市', confidence: { code: 0.89, location: 0.93 } };
    codeOfTitledRegion(result, { code: [reading('1510111313', 0.83), reading('151011136131', 0.91), reading('131011136131', 0.85)] }, places);
    expect(result.code).toBe('151011136131');
    expect(result.confidence.code).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('a province title names every city of it', () => {
    const result = { code: '131011136131', location: '四川省', confidence: { code: 0.89 } };
    codeOfTitledRegion(result, { code: [reading('151011136131', 0.91)] }, places);
    expect(result.code).toBe('151011136131');
  });

  it('leaves the code alone when it is settled, its region agrees, or no reading near it names the title’s place', () => {
    const pool = { code: [reading('151011136131', 0.99)] };
    const settled = { code: '131011136131', location: '成都市', confidence: { code: 0.95 } };
    codeOfTitledRegion(settled, pool, places);
    expect(settled.code).toBe('131011136131');
    const agreeing = { code: '151011136132', location: '成都市', confidence: { code: 0.89 } };
    codeOfTitledRegion(agreeing, pool, places);
    expect(agreeing.code).toBe('151011136132');
    // Three places off: another run of digits, not this code misread.
    const far = { code: '131011136131', location: '成都市', confidence: { code: 0.89 } };
    codeOfTitledRegion(far, { code: [reading('151011999131', 0.99)] }, places);
    expect(far.code).toBe('131011136131');
  });
});

// A code whose first digit names no authority under a title that names the bureau (read-invoice.ts
// codeOfTitledAuthority). Fresh seed 3700052 turned 270°: every reading had 931002056354 under
// 国家税务总局上海市税务局.
describe('codeOfTitledAuthority', () => {
  it('names the first digit from the bureau: merged 0, national 1, local 2; nothing when none or two are named', () => {
    expect(authorityDigitOf(['国家税务总局上海市税务局', '定额发票'])).toBe('0');
    expect(authorityDigitOf(['北京市国家税务局通用定额发票'])).toBe('1');
    expect(authorityDigitOf(['深圳市地方税务局定额发票', '地方税务局'])).toBe('2');
    expect(authorityDigitOf(['定额发票'])).toBeUndefined();
    expect(authorityDigitOf(['北京市国家税务局', '北京市地方税务局'])).toBeUndefined();
  });

  it('takes the bureau’s digit for one no authority issues, for review (seed 3700052 turned 270°)', () => {
    const result = { code: '931002056354', location: '上海市', confidence: { code: 0.89 } };
    codeOfTitledAuthority(result, ['国家税务总局上海市税务局', '发票代码：931002056354']);
    expect(result.code).toBe('031002056354');
    expect(result.confidence.code).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('leaves a possible first digit alone, even one another bureau issues, and a code under a title naming none', () => {
    const result = { code: '131002056354', confidence: { code: 0.99 } };
    codeOfTitledAuthority(result, ['国家税务总局上海市税务局']);
    expect(result).toEqual({ code: '131002056354', confidence: { code: 0.99 } });
    const unnamed = { code: '931002056354', confidence: { code: 0.89 } };
    codeOfTitledAuthority(unnamed, ['上海市定额发票']);
    expect(unnamed.code).toBe('931002056354');
  });
});
