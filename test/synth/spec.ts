// Seeded, dependency-free description of one synthetic quota invoice (定额发票).
// Everything random is decided here so the template stays a pure function of the spec.

import { type QuotaVariants, makeQuotaVariants, sealWordsOnCode } from './variants.js';
import { mulberry32, type Rng } from './rng.js';

export { mulberry32, type Rng };

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
  photo: PhotoConditions | null; // null: the clean, axis-aligned invoice (the original fixtures)
  /** What real photos add (dot-matrix figure, seals, English labels, folds); null: none. */
  variants: QuotaVariants | null;
}

/** How the slip was captured: a flatbed scan, a careful phone photo, or a hasty one. */
export type PhotoTier = 'scan' | 'moderate' | 'hard';

export interface PhotoConditions {
  tier: PhotoTier;
  width: number;              // final photo in px; longest side 900–2000
  height: number;
  rotate: number;             // in-plane rotation of the slip on the desk, degrees; 180±4 = upside-down
  tiltX: number;              // camera tilt (CSS rotateX/rotateY of the desk plane), degrees; 0 for scans
  tiltY: number;
  focal: number;              // CSS perspective distance as a multiple of the longest side
  fill: number;               // share of the frame the slip's bounding box spans in its tight direction
  shiftX: number;             // where the slip sits in the leftover margin, -1 (left/top) .. 1
  shiftY: number;
  blur: number;               // px, at output resolution
  noise: number;              // sensor-grain strength (alpha of the grain layer ≈ 1.6×); 0 = none
  light: { angle: number; shadow: number; glare: number; glareX: number; glareY: number; tint: string };
  desk: readonly [string, string]; // surface base colour and grain colour
  quality: number;            // JPEG quality
}

export type PhotoInvoiceSpec = InvoiceSpec & { photo: PhotoConditions };
/**
 * `photo`: add the seed's capture conditions. `variants`: the seed's own draw of what real
 * photos add (default), none (the original look of the fixtures), all of them at once, or the
 * seed's draw with the supervision seal's words stamped across the code digits (`seal-over-code`:
 * the case that used to lose the code).
 */
export interface SpecOptions { photo?: boolean; variants?: 'drawn' | 'none' | 'all' | 'seal-over-code' }

// [base, grain]: oak, walnut, pine, dark wood, grey laminate, beige office desk.
export const DESKS: readonly (readonly [string, string])[] = [
  ['#b98a5a', '#a3743f'], ['#7d5232', '#69432a'], ['#cfae82', '#bb9665'],
  ['#55372a', '#472d22'], ['#8f9396', '#83878a'], ['#d6d0c2', '#c9c1b0'],
];
// Scanner lids are flat white/grey; the "grain" colour equals the base so no texture shows.
const SCAN_BEDS: readonly (readonly [string, string])[] = [
  ['#f6f6f4', '#f6f6f4'], ['#ebecee', '#ebecee'], ['#fdfdfd', '#fdfdfd'],
];
export const TINTS = ['#ffffff', '#fff4e0', '#fbecd6', '#eef2ff'] as const; // white balance casts
const fix = (x: number) => Math.round(x * 100) / 100; // keeps specs/JSON readable

/**
 * Capture conditions for one seed. They use their own mulberry32 stream (same seed, other
 * offset), so the invoice's draws, and therefore every existing seed's truth, never shift.
 */
export function makePhotoConditions(seed: number, slip: { width: number; height: number }): PhotoConditions {
  const r = mulberry32(seed * 2654435761 + 0x5eed);
  const span = (lo: number, hi: number) => fix(lo + r() * (hi - lo));
  const sym = (m: number) => fix((r() * 2 - 1) * m);
  const roll = r();
  const tier: PhotoTier = roll < 0.3 ? 'scan' : roll < 0.8 ? 'moderate' : 'hard';
  const scan = tier === 'scan';
  const hard = tier === 'hard';
  // Every field makes the same draws whatever the tier (pick3's arguments are all evaluated), so
  // retuning one tier's range never reshuffles another field.
  const pick3 = <T>(s: T, m: T, h: T) => (scan ? s : hard ? h : m);

  const upsideDown = chance(r, 0.08);
  const [upright, flipped] = [sym(pick3(1.5, 6, 10)), fix(180 + sym(scan ? 1.5 : 4))];
  const rotate = upsideDown ? flipped : upright;
  const tilt = pick3(0, 7, 12);
  const long = pick3(int(r, 1200, 2000), int(r, 900, 2000), int(r, 1050, 1600));
  // Scans are cropped to the slip's own shape; phones shoot 4:3, usually in the slip's orientation.
  // Turned frames waste half the pixels, so only moderate photos get them: hard + turned left the
  // code unreadably small (~13 px glyphs under blur and noise).
  const turned = chance(r, 0.1) && !scan && !hard;
  const portrait = (slip.height > slip.width) !== turned;
  const ratio = scan ? Math.min(slip.width, slip.height) / Math.max(slip.width, slip.height) : 0.75;
  const short = Math.round(long * ratio);
  const tint = pick(r, TINTS);

  return {
    tier, rotate,
    width: portrait ? short : long,
    height: portrait ? long : short,
    tiltX: sym(tilt), tiltY: sym(tilt),
    focal: span(1, 1.8),
    fill: pick3(span(0.86, 0.94), span(0.65, 0.85), span(0.65, 0.8)),
    shiftX: sym(1), shiftY: sym(1),
    blur: pick3(span(0, 0.3), span(0.2, 0.7), span(0.6, 1.2)),
    noise: pick3(0, span(0.1, 0.25), span(0.2, 0.4)),
    light: {
      angle: int(r, 0, 359),
      shadow: pick3(span(0, 0.05), span(0.1, 0.3), span(0.3, 0.5)),
      glare: pick3(0, span(0, 0.15), span(0.1, 0.3)),
      glareX: int(r, 0, 100), glareY: int(r, 0, 100),
      tint: scan ? '#ffffff' : tint,  // scanners light evenly with a calibrated white
    },
    desk: pick(r, scan ? SCAN_BEDS : DESKS),
    quality: pick3(int(r, 80, 92), int(r, 65, 88), int(r, 55, 70)),
  };
}

/** `spec` with its capture conditions, deriving the seed's own when it was made clean. */
export const withPhoto = (spec: InvoiceSpec): PhotoInvoiceSpec =>
  ({ ...spec, photo: spec.photo ?? makePhotoConditions(spec.seed, spec) });

/**
 * The same photo with the slip turned a further quarter, half or three quarters on the desk (a
 * scan or a screenshot lying on its side, without EXIF): the frame turns with it, so the slip
 * fills it as before.
 */
export function turnPhoto<T extends { photo: PhotoConditions }>(spec: T, degrees: 90 | 180 | 270): T {
  const p = spec.photo;
  const sideways = degrees !== 180;
  return { ...spec, photo: { ...p, rotate: fix(p.rotate + degrees), width: sideways ? p.height : p.width, height: sideways ? p.width : p.height } };
}

/** The clean invoice by default; `{ photo: true }` adds the seed's capture conditions. */
export function makeInvoiceSpec(seed: number, opts: SpecOptions & { photo: true }): PhotoInvoiceSpec;
export function makeInvoiceSpec(seed: number, opts?: SpecOptions): InvoiceSpec;
export function makeInvoiceSpec(seed: number, opts: SpecOptions = {}): InvoiceSpec {
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
    photo: opts.photo ? makePhotoConditions(seed, { width, height }) : null,
    variants: opts.variants === 'none' ? null
      : opts.variants === 'seal-over-code' ? sealWordsOnCode(makeQuotaVariants(seed, regionPrefix), seed)
      : makeQuotaVariants(seed, regionPrefix, opts.variants === 'all'),
  };
}
