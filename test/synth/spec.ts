// Seeded, dependency-free description of one synthetic quota invoice (定额发票).
// Everything random is decided here so the template stays a pure function of the spec.

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test fixtures; same seed => same invoice. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rng, p: number) => r() < p;
const digits = (r: Rng, n: number) => Array.from({ length: n }, () => int(r, 0, 9)).join('');
const pad2 = (n: number) => String(n).padStart(2, '0');

// [place named in title, GB/T 2260 prefix, phone area code, province shown before a city (optional)]
const REGIONS: readonly (readonly [string, string, string, string?])[] = [
  ['北京市', '1100', '010'], ['天津市', '1200', '022'], ['上海市', '3100', '021'],
  ['重庆市', '5000', '023'], ['云南省', '5300', '0871'], ['广东省', '4400', '020'],
  ['浙江省', '3300', '0571'], ['江苏省', '3200', '025'], ['四川省', '5100', '028'],
  ['湖北省', '4200', '027'], ['深圳市', '4403', '0755'], ['厦门市', '3502', '0592'],
  ['宁波市', '3302', '0574'], ['青岛市', '3702', '0532'], ['大连市', '2102', '0411'],
  ['广州市', '4401', '020', '广东省'], ['杭州市', '3301', '0571', '浙江省'],
  ['成都市', '5101', '028', '四川省'], ['武汉市', '4201', '027', '湖北省'],
  ['南京市', '3201', '025', '江苏省'], ['西安市', '6101', '029', '陕西省'],
];

// Face values actually issued as quota invoices, with their Chinese-capital spelling.
const AMOUNTS: readonly (readonly [number, string])[] = [
  [1, '壹'], [2, '贰'], [5, '伍'], [10, '壹拾'], [20, '贰拾'], [50, '伍拾'],
  [100, '壹佰'], [500, '伍佰'], [1000, '壹仟'],
];

export interface Truth { number: string; code: string; location: string; amount: string }

export interface Decorations {
  stamp: { rotate: number; dx: number; dy: number; opacity: number; line1: string; line2: string };
  guilloche: { color: string; waves: number; amp: number } | null;
  barcode: number[] | null;   // bar/space widths in px, alternating, starting with a bar
  scratch: boolean;           // "刮奖区" lottery panel
  issueDate: string | null;   // "开票日期" distractor
  phone: string | null;       // e.g. "服务电话 0755-83878888" – an 8-digit distractor
  validUntil: string | null;  // "限于…前使用" – another date distractor
  printer: string;
  paper: string;              // background tint
  yenGlyph: '￥' | '¥';       // glyph printed; truth is always normalised to ￥
  numberRed: boolean;
  numberTopRight: boolean;    // number printed in the corner instead of under the code
}

export interface InvoiceSpec {
  seed: number;
  title: string;
  bureau: string;             // issuing bureau, e.g. 深圳市地方税务局
  kind: string;               // 通用定额发票 | 定额专用发票 | 定额发票
  location: string;
  code: string;
  number: string;
  amountCapitals: string;
  amountFigure: string | null; // like "￥10.00", null when the slip prints no figure
  amountYuan: number;
  authority: 0 | 1 | 2;       // code digit 1: 0 merged 国家税务总局 era, 1 国税, 2 地税
  regionPrefix: string;
  printYear: number;          // 4-digit year; its last two digits are code digits 6–7
  layout: 'vertical' | 'horizontal';
  width: number;
  height: number;
  decorations: Decorations;
  truth: Truth;
}

export function makeInvoiceSpec(seed: number): InvoiceSpec {
  const r = mulberry32(seed * 2654435761 + 1); // spread small consecutive seeds apart
  const [location, regionPrefix, areaCode, province] = pick(r, REGIONS);
  const authority = pick(r, [0, 1, 1, 2, 2] as const);
  // Pre-2018 slips were issued by 国税/地税; after the merger by "国家税务总局X税务局".
  const printYear = authority === 0 ? int(r, 2018, 2022) : int(r, 2009, 2017);
  const titlePlace = province && chance(r, 0.6) ? province + location : location;
  const bureau = authority === 0 ? `国家税务总局${titlePlace}税务局`
    : `${titlePlace}${authority === 1 ? '国家' : '地方'}税务局`;
  const kind = pick(r, ['通用定额发票', '通用定额发票', '定额专用发票', '定额发票']);
  const code = `${authority}${regionPrefix}${pad2(printYear % 100)}${int(r, 1, 9)}${digits(r, 4)}`;
  // Leading zeros are common on real slips and catch number-parsing bugs.
  const number = chance(r, 0.4) ? '0' + digits(r, 7) : digits(r, 8);
  const [amountYuan, cap] = pick(r, AMOUNTS);
  const amountCapitals = cap + pick(r, ['元', '元', '圆']) + (chance(r, 0.2) ? '整' : '');
  const normalised = `￥${amountYuan}.00`;
  const amountFigure = chance(r, 0.7) ? normalised : null;
  const layout = chance(r, 0.5) ? 'vertical' : 'horizontal';
  const [width, height] = layout === 'vertical' ? [600, 1100] : [1000, 520];
  const useYear = printYear + int(r, 0, 2);

  const decorations: Decorations = {
    stamp: {
      rotate: int(r, -12, 12), dx: int(r, -40, 40), dy: int(r, -15, 15), opacity: 0.7 + r() * 0.2,
      line1: authority === 0 ? '国家税务总局' : titlePlace.replace(/^.+省(?=.+市$)/, ''),
      line2: authority === 0 ? `${location}税务局` : `${authority === 1 ? '国家' : '地方'}税务局`,
    },
    guilloche: chance(r, 0.75)
      ? { color: pick(r, ['#7fb89a', '#8fa8d8', '#d8a0b8', '#c8b070']), waves: int(r, 4, 8), amp: int(r, 10, 30) }
      : null,
    barcode: chance(r, 0.5) ? Array.from({ length: 60 }, () => int(r, 1, 4)) : null,
    scratch: chance(r, 0.4),
    issueDate: chance(r, 0.5)
      ? pick(r, [
          (y: number, m: number, d: number) => `${y}年${pad2(m)}月${pad2(d)}日`,
          (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`,
          (y: number, m: number, d: number) => `${y}年${m}月${d}日`,
        ])(useYear, int(r, 1, 12), int(r, 1, 28))
      : null,
    phone: chance(r, 0.6)
      ? pick(r, ['服务电话', '纳税服务热线', '举报电话', '查询电话']) + ' ' +
        (chance(r, 0.4) ? '12366' : `${areaCode}-${int(r, 2, 8)}${digits(r, 7)}`)
      : null,
    validUntil: chance(r, 0.4) ? `本发票限于${useYear + 1}年12月31日前使用有效` : null,
    printer: `${location}${pick(r, ['印务', '彩印', '票据印刷', '证券印刷'])}有限公司印制`,
    paper: pick(r, ['#fbfaf4', '#f7f9f2', '#fdf6f4', '#f4f7fb']),
    yenGlyph: chance(r, 0.5) ? '￥' : '¥',
    numberRed: chance(r, 0.85),
    numberTopRight: chance(r, 0.35),
  };

  return {
    seed, title: bureau + kind, bureau, kind, location, code, number, amountCapitals,
    amountFigure, amountYuan, authority, regionPrefix, printYear, layout, width, height,
    decorations,
    truth: { number, code, location, amount: normalised },
  };
}
