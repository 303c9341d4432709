// What real photos of quota invoices show and the first generator lacked: a figure printed by a
// dot-matrix head (its decimal point faint or gone), the red supervision seal over the code line,
// the seller's own seal with its tax number (a decoy digit run), English sub-labels, folds.
// Drawn from their own mulberry32 stream, so every earlier draw (and truth) of a seed stays put.
import { mulberry32, type Rng } from './rng.js';

export interface QuotaVariants {
  /** The figure amount in dot-matrix dots; `lostPoint`: its decimal point too faint to read. */
  dotMatrix: { lostPoint: boolean } | null;
  /**
   * The supervision seal sits on the code line instead of beside the title: its top-left corner
   * relative to the code/number rows (px); from its ring crossing the digits to its words on them.
   */
  sealOverCode: { left: number; top: number } | null;
  /** The seller's 发票专用章: company name and tax number (15, 18 or 20 characters). */
  sellerSeal: { company: string; taxNumber: string; dx: number; dy: number; rotate: number } | null;
  /** "Invoice Code" / "Invoice No." under the Chinese labels. */
  englishLabels: boolean;
  /** Fold lines across the slip: position (0–1 of the height or width), darkness, direction. */
  creases: { at: number; shade: number; vertical: boolean }[];
}

const COMPANIES = ['深圳市鹏程餐饮管理有限公司', '杭州西溪酒店有限公司', '北京华联停车管理有限公司', '成都蜀香餐饮有限公司', '上海申通物业管理有限公司', '广州市白云汽车服务有限公司'];
const USCC_LETTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A taxpayer number as seals print them: 15 digits (old), 18-character USCC, or 20 digits. */
function taxNumber(r: Rng, regionPrefix: string): string {
  const digit = () => String(Math.floor(r() * 10));
  const roll = r();
  if (roll < 0.3) return regionPrefix + '01' + Array.from({ length: 9 }, digit).join('');
  if (roll < 0.8) {
    const tail = Array.from({ length: 10 }, () => USCC_LETTERS[Math.floor(r() * USCC_LETTERS.length)]).join('');
    return `91${regionPrefix}00${tail}`;
  }
  return regionPrefix + '02' + Array.from({ length: 14 }, digit).join('');
}

/** The variants of one seed; `all` forces every one on (for tests that must see them). */
export function makeQuotaVariants(seed: number, regionPrefix: string, all = false): QuotaVariants {
  const r = mulberry32(seed * 2654435761 + 0xdec0);
  const on = (p: number) => r() < p || all;
  const dot = on(0.25);
  const lostPoint = on(0.6);
  const sealOver = on(0.2);
  const sealAt = { left: Math.round(r() * 160), top: Math.round(-100 + r() * 70) };
  const seller = on(0.3);
  const company = COMPANIES[Math.floor(r() * COMPANIES.length)]!;
  const tax = taxNumber(r, regionPrefix);
  const [dx, dy, rotate] = [Math.round(r() * 60 - 30), Math.round(r() * 30 - 15), Math.round(r() * 30 - 15)];
  const englishLabels = on(0.3);
  const creaseCount = on(0.3) ? 1 + Math.floor(r() * 2) : 0;
  const creases = Array.from({ length: creaseCount }, () => ({ at: 0.25 + r() * 0.5, shade: 0.08 + r() * 0.12, vertical: r() < 0.4 }));
  return {
    dotMatrix: dot ? { lostPoint } : null,
    sealOverCode: sealOver ? sealAt : null,
    sellerSeal: seller ? { company, taxNumber: tax, dx, dy, rotate } : null,
    englishLabels,
    creases,
  };
}

/**
 * Where the seal's words land on the code digits: its top 45–95 px above the code row puts the
 * bureau's name (drawn 75–130 px down the 160 px seal) across the digits, and its left 60–150 px
 * puts the seal's middle over the digits rather than the label. The held-out misses of issue 10
 * (seeds 100034, 100039) were such seals: detection split the code around the words.
 */
export const SEAL_WORDS_ON_CODE = { left: [60, 150], top: [-95, -45] } as const;

/**
 * `variants` with the supervision seal moved onto the code line, its words across the digits, at a
 * place drawn from the seed's own stream (another offset): every other draw of the seed stays put.
 */
export function sealWordsOnCode(variants: QuotaVariants, seed: number): QuotaVariants {
  const r = mulberry32(seed * 2654435761 + 0x5ea1);
  const within = ([lo, hi]: readonly [number, number]) => Math.round(lo + r() * (hi - lo));
  return { ...variants, sealOverCode: { left: within(SEAL_WORDS_ON_CODE.left), top: within(SEAL_WORDS_ON_CODE.top) } };
}
