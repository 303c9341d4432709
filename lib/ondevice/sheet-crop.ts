// Cutting one invoice out of a photo of several (regions from sheet.ts), in pure TS (Node and
// the offscreen document); the worker does the same with a canvas (lib/ondevice/sheet-browser.ts).
import type { RotatedRect } from './geometry';
import { type RgbaImage, cropRotatedRect, resize } from './image';
import { SHEET_SEARCH_SIDE, findInvoices } from './sheet';

/**
 * A region found at a smaller size, in the px of the full image (`factor` = full ÷ small), grown by
 * a margin of desk (2 % of its long side + 4 px) so no edge of the paper is cut.
 */
export function regionInFull(r: RotatedRect, factor: number): RotatedRect {
  const margin = 0.02 * Math.max(r.w, r.h) * factor + 4;
  return { cx: r.cx * factor, cy: r.cy * factor, w: r.w * factor + 2 * margin, h: r.h * factor + 2 * margin, angle: r.angle };
}

/**
 * A paper shorter than this (px, in the full image, its short side) is no invoice that can be read:
 * a slip's code line is about a twentieth of its short side, so its print would be 6 px tall. A
 * thumbnail of a desk (a 40 × 24 px image was split into two "invoices", each then refused; trial 8)
 * is read whole instead.
 */
export const MIN_SLIP_SIDE = 120;

/**
 * The regions `findInvoices` found at a smaller size, in the full image's px (`factor` = full ÷
 * small), each large enough to be read (MIN_SLIP_SIDE); `[]` when fewer than two are.
 */
export function slipsInFull(found: readonly RotatedRect[], factor: number): RotatedRect[] {
  const slips = found.map((r) => regionInFull(r, factor)).filter((r) => Math.min(r.w, r.h) >= MIN_SLIP_SIDE);
  return slips.length >= 2 ? slips : [];
}

/** The invoices of a photo, searched at SHEET_SEARCH_SIDE px and given in the full image's px; `[]`: one invoice (or no sheet to tell). */
export function findInvoicesInFull(img: RgbaImage): RotatedRect[] {
  const factor = Math.max(1, Math.max(img.width, img.height) / SHEET_SEARCH_SIDE);
  const small = factor > 1 ? resize(img, Math.round(img.width / factor), Math.round(img.height / factor)) : img;
  return slipsInFull(findInvoices(small), factor);
}

/** One region cut out upright (its tilt removed), at the image's own resolution. */
export function cropRegion(img: RgbaImage, r: RotatedRect): RgbaImage {
  return cropRotatedRect(img, r, r.w, r.h);
}
