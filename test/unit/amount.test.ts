import { describe, expect, it } from 'vitest';
import { amountToYuan, formatAmount, isUsualDenomination, parseCapitalAmount, parseFigureAmount } from '@/lib/invoice/amount';
import { decodeCode, duplicateKey } from '@/lib/invoice/code';
import { digitRuns, toHalfWidth } from '@/lib/invoice/normalize';

describe('amounts', () => {
  it.each([
    ['壹元', 1], ['贰元整', 2], ['伍元', 5], ['壹拾元', 10], ['拾元', 10], ['贰拾元整', 20], ['伍拾圆', 50],
    ['壹佰元', 100], ['贰佰元', 200], ['伍佰圆整', 500], ['壹仟元', 1000], ['壹仟零伍拾元', 1050],
    ['壹万元', 10000], ['伍角', null], ['伍元伍角', 5.5], ['人民币伍拾元整', 50], ['金额：壹佰圆', 100],
    ['发票联', null], ['', null],
  ])('capitals %j → %j', (text, yuan) => expect(parseCapitalAmount(text)).toBe(yuan));

  it.each([
    ['¥50', 50], ['￥50.00', 50], ['￥ 1000.00', 1000], ['50.00元', 50], ['Y10.00', 10], ['RMB 20', 20],
    ['5,00元', 5], ['发票代码 144031021652', null], ['电话 12366', null],
  ])('figures %j → %j', (text, yuan) => expect(parseFigureAmount(text)).toBe(yuan));

  it.each([['￥50.00', 50], ['伍拾元', 50], ['50', 50], ['abc', null]])('amountToYuan(%j) = %j', (text, yuan) => expect(amountToYuan(text)).toBe(yuan));

  it('formats like Huawei', () => {
    expect(formatAmount(50)).toBe('￥50.00');
    expect(formatAmount(0.5)).toBe('￥0.50');
  });

  it.each([[1, true], [50, true], [1000, true], [37, false], [0.3, false]])('denomination %d usual: %s', (yuan, usual) => expect(isUsualDenomination(yuan)).toBe(usual));
});

describe('codes and numbers', () => {
  it.each([
    ['144031500101', { authority: 'national-tax', regionPrefix: '4403', printYear: 2015, industry: '0' }],
    ['253001990731', { authority: 'local-tax', regionPrefix: '5300', printYear: 2019, industry: '9' }],
    ['011009988888', { authority: 'general', regionPrefix: '1100', printYear: 1999, industry: '8' }],
    ['944031500101', { authority: null }],
  ])('decodeCode(%s)', (code, expected) => expect(decodeCode(code)).toMatchObject(expected));

  it.each(['14403150010', '1440315001011', '14403150010a', ''])('rejects %j', (code) => expect(decodeCode(code)).toBeNull());

  it('the duplicate key needs a well-formed code and number', () => {
    expect(duplicateKey('144031500101', '01234567')).toBe('144031500101-01234567');
    expect(duplicateKey('144031500101', '0123456')).toBeNull();
    expect(duplicateKey(undefined, '01234567')).toBeNull();
  });
});

describe('normalization', () => {
  it('folds full-width digits and letters', () => expect(toHalfWidth('ＮＯ．０１２３')).toBe('NO.0123'));
  it.each([
    ['No O2290604', ['02290604']],
    ['发票号码08501638', ['08501638']],
    ['144O3l021652', ['144031021652']],
    ['电话0755-20655535', ['20655535']],
    ['Shenzhen', []],
    ['ABCDEFG12345678', ['12345678']],
  ])('digitRuns(%j)', (text, expected) => expect(digitRuns(text, 8).map((r) => r.digits)).toEqual(expected));
});
