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

/** The invoices of a photo, searched at SHEET_SEARCH_SIDE px and given in the full image's px; `[]`: one invoice (or no sheet to tell). */
export function findInvoicesInFull(img: RgbaImage): RotatedRect[] {
  const factor = Math.max(1, Math.max(img.width, img.height) / SHEET_SEARCH_SIDE);
  const small = factor > 1 ? resize(img, Math.round(img.width / factor), Math.round(img.height / factor)) : img;
  return findInvoices(small).map((r) => regionInFull(r, factor));
}

/** One region cut out upright (its tilt removed), at the image's own resolution. */
export function cropRegion(img: RgbaImage, r: RotatedRect): RgbaImage {
  return cropRotatedRect(img, r, r.w, r.h);
}
