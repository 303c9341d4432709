import { describe, expect, it } from 'vitest';
import { gbt2260 } from '@/lib/invoice/gbt2260';

const places = gbt2260();

describe('GB/T 2260 places', () => {
  it.each([
    ['4403', '深圳市'], ['4401', '广州市'], ['1100', '北京市'], ['1101', '北京市'], ['3100', '上海市'],
    ['5300', '云南省'], ['3301', '杭州市'], ['3702', '青岛市'], ['4200', '湖北省'], ['3300', '浙江省'],
    ['3414', '巢湖市'], ['3712', '莱芜市'], ['9999', null], ['4290', null],
  ])('code prefix %s → %s', (prefix, name) => expect(places.byCodePrefix(prefix)?.name ?? null).toBe(name));

  it.each([
    ['深圳市地方税务局通用定额发票', '深圳市'],
    ['浙江省地方税务局通用定额发票', '浙江省'],
    ['广东省广州市国家税务局定额专用发票', '广州市'],
    ['国家税务总局杭州市税务局通用定额发票', '杭州市'],
    ['北京市国家税务局通用定额发票', '北京市'],
    ['云南省国家税务局通用定额发票', '云南省'],
    ['吉林市地方税务局', '吉林市'],
    ['吉林省地方税务局', '吉林省'],
    ['深川市国家税务局通用定额发票', '深圳市'], // one character misread
    ['发票联', null],
  ])('%s → %s', (title, name) => expect(places.mostSpecificIn(title)?.name ?? null).toBe(name));
});
