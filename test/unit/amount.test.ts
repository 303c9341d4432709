import fc from 'fast-check';
import Nzh from 'nzh';
import { describe, expect, it } from 'vitest';
import amounts from '../fixtures/cases/amounts.json';
import {
  amountFen, fenToYuanText, findCapitalAmount, findFigureAmount, findMendedCapitalAmount, formatAmount, formatApiAmount, isUsualDenomination, parseAmount, parseChineseInteger,
} from '@/lib/invoice/amount';
import { decodeCode, duplicateKey } from '@/lib/invoice/code';
import { digitRuns, toHalfWidth } from '@/lib/invoice/normalize';

/** Yuan as written in a test table → fen, without a float in between. */
const fen = (yuan: number | null) => (yuan === null ? null : Math.round(yuan * 100));

describe('amounts: the shared cases from real use (test/fixtures/cases/amounts.json)', () => {
  it.each(amounts.cases as [string, number | null][])('%j → %j yuan', (text, yuan) => expect(amountFen(text)).toBe(fen(yuan)));
});

describe('amounts: one parser, exact fen', () => {
  it.each([
    // full-width digits and punctuation from a Chinese IME
    ['５０', 5000], ['１００．００', 10000], ['１００。００', 10000], ['￥１，０００．００', 100000], ['ＲＭＢ５０', 5000], ['５０．５元', 5050],
    // thousands separators
    ['1,000.00', 100000], ['¥ 2,000', 200000], ['12,345,678.90', 1234567890], ['1,000元', 100000], ['RMB 1,000.50', 100050],
    // currency words before and after
    ['￥50', 5000], ['¥50.00', 5000], ['Y10.00', 1000], ['RMB20', 2000], ['CNY 20', 2000], ['人民币50元', 5000], ['50圆', 5000], ['50圓整', 5000], ['50元正', 5000],
    // labels
    ['金额：￥50.00', 5000], ['金额(小写):￥50.00', 5000], ['合计 ¥20', 2000], ['Amount: 10', 1000],
    // capitals: jiao and fen only, every unit, 万 and 亿, traditional and lowercase
    ['伍角', 50], ['伍分', 5], ['人民币伍角整', 50], ['零元伍角', 50], ['伍角伍分', 55], ['壹元零伍分', 105], ['壹佰捌拾壹元柒角', 18170],
    ['玖仟陆佰陆拾伍圆壹角捌分', 966518], ['壹拾万元整', 10000000], ['壹万元', 1000000], ['拾万元', 10000000], ['壹拾万零壹拾元', 10001000],
    ['壹亿元', 10000000000], ['壹仟零伍拾元', 105000], ['贰拾圓', 2000], ['貳拾圓', 2000], ['五十元', 5000], ['两百元', 20000], ['伍拾', 5000],
    // 万 after figures
    ['1.5万元', 1500000], ['2万', 2000000], ['0.0001万', 100],
    // spaces as thousands separators
    ['1 000', 100000], ['12 345.60元', 1234560],
  ])('%j → %d fen', (text, expected) => expect(amountFen(text)).toBe(expected));

  it.each([
    ['', 'empty'], ['  ', 'empty'], ['abc', 'notAmount'], ['电话 0755-1234', 'notAmount'], ['发票联', 'notAmount'],
    ['-50', 'negative'], ['50.505', 'tooManyDecimals'], ['1.0000001万', 'tooManyDecimals'], ['99999999999999', 'tooLarge'],
    ['1,0', 'notAmount'], ['1,000,00', 'notAmount'], ['1,0000', 'notAmount'],
    // guesses a clerk could not see: a comma before two digits, a colon, a space between numbers
    ['1,00', 'notAmount'], ['5,00', 'notAmount'], ['5,00元', 'notAmount'], ['50:00', 'notAmount'], ['12:30', 'notAmount'], ['20 30', 'notAmount'], ['电话:0755', 'notAmount'],
    // capitals that hide a unit or repeat one: money is never guessed
    ['壹佰伍元', 'notAmount'], ['壹万伍', 'notAmount'], ['拾拾元', 'notAmount'], ['佰仟元', 'notAmount'], ['壹贰元', 'notAmount'],
  ])('%j is refused: %s', (text, problem) => expect(parseAmount(text)).toEqual({ ok: false, problem }));

  it('reads any amount nzh writes in capitals (property, nzh as the oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), (value) => {
        const text = Nzh.cn.toMoney(value / 100, { outSymbol: false });
        expect(amountFen(text), text).toBe(value);
        expect(amountFen(`人民币${text}`), text).toBe(value);
        expect(amountFen(Nzh.cn.toMoney(value / 100, { complete: true })), text).toBe(value);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('reads back every way it writes an amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (value) => {
        for (const text of [formatAmount(value), formatApiAmount(value), fenToYuanText(value)]) expect(amountFen(text), text).toBe(value);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it.each([['壹仟零伍拾', 1050], ['壹拾万零壹拾', 100010], ['壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖', 123456789], ['零', 0], ['拾', 10], ['壹佰零伍', 105]])('parseChineseInteger(%j) = %d', (text, n) => expect(parseChineseInteger(text)).toBe(n));

  it.each([
    ['金额(小写) ￥50.00', 5000], ['50.00元', 5000], ['5,00元', 500], ['￥5,00', 500], ['1,000元', 100000], ['¥1,000.00', 100000], ['５０元', 5000], ['电话 12366', null], ['发票代码 144031021652', null],
  ])('findFigureAmount(%j) = %j', (line, expected) => expect(findFigureAmount(line)).toBe(expected));

  it.each([
    ['壹拾圆整', 1000], ['人民币伍角整', 50], ['金额：壹佰圆', 10000], ['伍元伍角', 550], ['发票联', null], ['二〇二四年', null],
  ])('findCapitalAmount(%j) = %j', (line, expected) => expect(findCapitalAmount(line)).toBe(expected));

  it.each([
    ['壹仟圆', { fen: 100000, mended: false }], ['壹任圆', { fen: 100000, mended: true }], ['伍伯元整', { fen: 50000, mended: true }],
    ['任务', null], ['阿拉伯', null], ['责任人：张三', null], ['发票联', null],
  ])('findMendedCapitalAmount(%j) = %j', (line, expected) => expect(findMendedCapitalAmount(line)).toEqual(expected));

  it.each([[100000, '￥1,000.00'], [50, '￥0.50'], [5000, '￥50.00'], [123456789, '￥1,234,567.89'], [0, '￥0.00']])('formatAmount(%d) = %s', (value, text) => expect(formatAmount(value)).toBe(text));
  it.each([[100000, '￥1000.00'], [50, '￥0.50']])('formatApiAmount(%d) = %s (as Huawei writes it)', (value, text) => expect(formatApiAmount(value)).toBe(text));
  it.each([[100, true], [5000, true], [100000, true], [3700, false], [30, false], [50, true]])('denomination %d fen usual: %s', (value, usual) => expect(isUsualDenomination(value)).toBe(usual));
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
