// Which detected lines to read first. Reading stops as soon as the four fields are settled (see
// read-invoice.ts), so every line read before that moment is time spent: lines whose print cannot
// hold a field are moved behind those that can. Nothing is skipped here, only reordered.
import type { RotatedRect } from './geometry';
import type { RgbaImage } from './image';
import { cropLine } from './rec';
import { type RedRemoval, inkShare, redShare, removeRed } from './seal';

/** A line crop with at least this share of seal-red pixels is read a second time without them. */
export const SEAL_RED_SHARE = 0.04;

/** Below this share of dark pixels, a crop without its red holds no print worth reading again. */
const INKLESS_SHARE = 0.004;

/** Lines under this share of the median line height are small print (seal legends, sub-labels). */
const SMALL_PRINT = 0.6;

/** One detected line cut out of the page, with what its print looks like. */
export interface LineCrop {
  rect: RotatedRect;
  crop: RgbaImage;
  /** The crop with seal red turned white, when it has enough red to be worth a second reading. */
  withoutRed?: RgbaImage;
  /**
   * Its only print is red (a red-printed number, a seal's own words): `withoutRed` is blank. Only
   * measured when asked (`measureInk`); otherwise false.
   */
  redOnly: boolean;
  /** Its share (0–1) of seal-red pixels (seal.ts `redShare`); unknown counts as none. */
  red?: number;
}

/**
 * Cuts a line out of the page (upright, native resolution) and measures its red; `measureInk`
 * says whether to find out if it is red-only, `how` how the red is removed for the second reading.
 * `cut`: `cropLine(img, rect)` when it was already cut (it is not changed here).
 */
export function cutLine(img: RgbaImage, rect: RotatedRect, measureInk: boolean, how?: RedRemoval, cut?: RgbaImage): LineCrop {
  const crop = cut ?? cropLine(img, rect);
  const red = redShare(crop);
  if (red < SEAL_RED_SHARE) return { rect, crop, redOnly: false, red };
  const cleaned = removeRed(crop, how);
  return { rect, crop, withoutRed: cleaned, redOnly: measureInk && inkShare(cleaned) < INKLESS_SHARE, red };
}

/**
 * A line at least this many times as long as it is tall (its box, small detection) has room for a
 * field's print: a 12-digit code or an 8-digit number with or without its label, or a title.
 * Shorter ones of ordinary height are stamps and seal fragments (发票联, a place name, the seal's
 * ring across a word) or the amount in figures; the amount in capitals is printed large (below).
 */
export const LONG_LINE = 3.5;

/** A line this many times the median height or taller is large print: the amount in capitals, a title. */
const LARGE_PRINT = 1.8;

/**
 * A line whose crop is at least this share seal red is most likely seal words (the seal's ring or its
 * centre words across a title's or label's print): held-out and training photos put the seal's
 * words at 0.14–0.27 and dark code and number lines under 0.12. A code or number crossed by the seal
 * or printed red can be as red (0.14–0.22), so such lines are only read after the other field-shaped
 * lines above the footer, never skipped.
 */
export const RED_HEAVY = 0.13;

/**
 * Where the footer begins, as a share of the page's print from its top line (0) to its bottom line
 * (1) across the text direction. The quota invoice's fields sit above it (title, code, number, the
 * amount, at most about 0.75 down); the issue date, the printer's line, the validity note and the
 * scratch panel are below. Long footer lines are read after the short print above it (a title's
 * second line 定额发票, shorter than LONG_LINE).
 */
export const FOOTER_FROM = 0.8;

/**
 * Lines in reading order (top to bottom, left to right), regrouped in tiers, each kept in reading
 * order. Above the footer (FOOTER_FROM): first dark print of ordinary height that is long or large
 * (the title, the code and number with their labels, the amount in capitals: every field of a quota
 * invoice is printed so), with red-only lines long enough to be a red-printed number (LONG_LINE);
 * then such lines that are heavily red (RED_HEAVY: seal words across print, or an identifier under
 * the seal); then short dark print of ordinary height (a title's second line, stamps like 发票联,
 * the amount in figures). Then the footer's lines in the same order; then the other red-only print
 * (the seal's words); last small print (under 0.6 × the median height: seal legends, English
 * sub-labels, the printer's line). On a quota invoice the fields are then settled after fewer
 * lines. Measured (issue 10, Node, training seeds 1–30, small pass): lines read to settle a typical
 * invoice 9 → 8 (median; 6 of 30 invoices went from 8–10 to 5–6), recognizer input width 2232 →
 * 1904 px; the same four fields read. The heavy-red and footer tiers (seeds 200000–200039, upright
 * and turned, small pass, simulated over every line read once): lines read 6.7 → 6.2, summed
 * recognizer input width 1741 → 1599 px (mean), the same fields read.
 */
export function fieldsFirst<T extends LineCrop>(lines: readonly T[]): T[] {
  const heights = lines.map((l) => l.rect.h).sort((a, b) => a - b);
  const median = heights[heights.length >> 1] ?? 0;
  const long = (l: T) => l.rect.w >= LONG_LINE * l.rect.h;
  // Down the page: across the lines' median text direction.
  const angles = lines.map((l) => Math.atan2(Math.sin(l.rect.angle), Math.cos(l.rect.angle))).sort((a, b) => a - b);
  const angle = angles[angles.length >> 1] ?? 0;
  const down = lines.map((l) => -Math.sin(angle) * l.rect.cx + Math.cos(angle) * l.rect.cy);
  const top = Math.min(...down);
  const span = Math.max(...down) - top;
  const footer = (i: number) => span > 0 && (down[i]! - top) / span >= FOOTER_FROM;
  const tier = (l: T, i: number) => {
    if (l.rect.h < SMALL_PRINT * median) return 6;
    if (l.redOnly && !long(l)) return 5;
    const shaped = l.redOnly || long(l) || l.rect.h >= LARGE_PRINT * median;
    if (footer(i)) return shaped ? 3 : 4;
    if (!shaped) return 2;
    return !l.redOnly && (l.red ?? 0) >= RED_HEAVY ? 1 : 0;
  };
  const tiers = lines.map(tier);
  return [0, 1, 2, 3, 4, 5, 6].flatMap((t) => lines.filter((_, i) => tiers[i] === t));
}
