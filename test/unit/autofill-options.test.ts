import { describe, expect, it } from 'vitest';
import { chooseOption, searchTerms, shortPlaceName } from '@/lib/autofill/options';

/** The option texts a portal's dropdown shows, and which one a fill value means (null: none). */
describe('choosing the option a place value means', () => {
  it.each([
    ['exact city', '深圳市', ['北京市', '深圳市', '广州市'], '深圳市'],
    ['city over its province (full name)', '浙江省杭州市', ['浙江省', '杭州市', '宁波市'], '杭州市'],
    ['city over its province, province listed last', '河北省石家庄市', ['石家庄市', '河北省'], '石家庄市'],
    ['short option names', '浙江省杭州市', ['浙江', '杭州', '宁波'], '杭州'],
    ['option without 市, value with it', '深圳市', ['请选择', '深圳', '其他'], '深圳'],
    ['option with 市, value without it', '深圳', ['北京市', '深圳市'], '深圳市'],
    ['only the province listed', '浙江省杭州市', ['北京市', '浙江省'], '浙江省'],
    ['option says more than the value', '深圳市', ['广东省广州市', '广东省深圳市'], '广东省深圳市'],
    ['exact text beats a longer option', '深圳市', ['广东省深圳市', '深圳市'], '深圳市'],
    ['吉林省 is not the city 吉林市', '吉林省', ['吉林市', '长春市'], null],
    ['吉林市 over 吉林省', '吉林省吉林市', ['吉林省', '吉林市'], '吉林市'],
    ['no such city', '深圳市', ['北京市', '上海市', '其他'], null],
    ['placeholders never match', '深圳市', ['请选择', '—'], null],
    ['empty value', '', ['北京市'], null],
    ['spaces in option text', '杭州市', [' 杭 州 市 '], ' 杭 州 市 '],
  ] as const)('%s: %s in %j → %s', (_name, value, options, expected) => {
    const index = chooseOption(value, options);
    expect(index === -1 ? null : options[index]).toBe(expected);
  });
});

describe('what is typed into a searchable dropdown', () => {
  it.each([
    ['浙江省杭州市', ['杭州市', '杭州', '浙江省', '浙江']],
    ['深圳市', ['深圳市', '深圳']],
    ['广西壮族自治区南宁市', ['南宁市', '南宁', '广西壮族自治区', '广西']],
    ['北京', ['北京']],
  ])('%s → %j', (value, terms) => expect(searchTerms(value)).toEqual(terms));

  it.each([['浙江省', '浙江'], ['深圳市', '深圳'], ['沙市', '沙市']])('short name of %s is %s', (name, short) => expect(shortPlaceName(name)).toBe(short));
});
