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
 * Lines in reading order (top to bottom, left to right), regrouped in three tiers, each kept in
 * reading order: first dark print of ordinary height (the title, the code and number with their
 * labels, the amount in capitals: every field of a quota invoice is printed so); then red-only
 * print (a red-printed number still needs reading, but so would the seal's words, so they wait
 * behind the black lines); last small print (under 0.6 × the median height: seal legends, English
 * sub-labels, the printer's line). On a quota invoice the fields are then settled after fewer lines.
 */
export function fieldsFirst<T extends LineCrop>(lines: readonly T[]): T[] {
  const heights = lines.map((l) => l.rect.h).sort((a, b) => a - b);
  const median = heights[heights.length >> 1] ?? 0;
  const tier = (l: T) => (l.rect.h < SMALL_PRINT * median ? 2 : l.redOnly ? 1 : 0);
  return [0, 1, 2].flatMap((t) => lines.filter((l) => tier(l) === t));
}
