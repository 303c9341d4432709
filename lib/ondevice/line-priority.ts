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
}

/**
 * Cuts a line out of the page (upright, native resolution) and measures its red; `measureInk`
 * says whether to find out if it is red-only, `how` how the red is removed for the second reading.
 */
export function cutLine(img: RgbaImage, rect: RotatedRect, measureInk: boolean, how?: RedRemoval): LineCrop {
  const crop = cropLine(img, rect);
  if (redShare(crop) < SEAL_RED_SHARE) return { rect, crop, redOnly: false };
  const cleaned = removeRed(crop, how);
  return { rect, crop, withoutRed: cleaned, redOnly: measureInk && inkShare(cleaned) < INKLESS_SHARE };
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
 * Lines in reading order (top to bottom, left to right), regrouped in tiers, each kept in reading
 * order: first dark print of ordinary height that is long or large (the title, the code and number
 * with their labels, the amount in capitals: every field of a quota invoice is printed so), with
 * red-only lines long enough to be a red-printed number (LONG_LINE); then short dark print of
 * ordinary height (stamps like 发票联, seal fragments, the amount in figures); then the other red-only
 * print (the seal's words); last small print (under 0.6 × the median height: seal legends, English
 * sub-labels, the printer's line). On a quota invoice the fields are then settled after fewer
 * lines. Measured (issue 10, Node, training seeds 1–30, small pass): lines read to settle a typical
 * invoice 9 → 8 (median; 6 of 30 invoices went from 8–10 to 5–6), recognizer input width 2232 →
 * 1904 px; the same four fields read.
 */
export function fieldsFirst<T extends LineCrop>(lines: readonly T[]): T[] {
  const heights = lines.map((l) => l.rect.h).sort((a, b) => a - b);
  const median = heights[heights.length >> 1] ?? 0;
  const long = (l: T) => l.rect.w >= LONG_LINE * l.rect.h;
  const tier = (l: T) => {
    if (l.rect.h < SMALL_PRINT * median) return 3;
    if (l.redOnly) return long(l) ? 0 : 2;
    return long(l) || l.rect.h >= LARGE_PRINT * median ? 0 : 1;
  };
  return [0, 1, 2, 3].flatMap((t) => lines.filter((l) => tier(l) === t));
}
