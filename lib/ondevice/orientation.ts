// Is the page turned a quarter (90° or 270°)? Decided from the detection boxes' shapes alone, so
// an upright page costs nothing more: its text lines are wide boxes. A page lying on its side
// (a scan or a screenshot without EXIF) shows the same lines as tall boxes.
import type { RotatedRect } from './geometry';

/** A box counts as a line (wide or tall) when its long side is at least this many times its short. */
const ELONGATED = 2;
/** Sideways when the tall lines' total length exceeds the wide ones' by this factor. */
const DOMINANCE = 1.5;

export interface LineShapes {
  /** Summed length (px) of the boxes lying along the x axis, and of those standing along y. */
  wide: number;
  tall: number;
}

/**
 * Sums the long sides of elongated boxes by direction. Boxes come from `detect`, whose angles are
 * normalised to (-45°, 45°]: `w` is the horizontal-ish side, so a standing line has h ≫ w.
 * Square blobs (single characters, seals) say nothing and are ignored.
 */
export function lineShapes(rects: readonly RotatedRect[]): LineShapes {
  let wide = 0;
  let tall = 0;
  for (const r of rects) {
    if (r.w >= ELONGATED * r.h) wide += r.w;
    else if (r.h >= ELONGATED * r.w) tall += r.h;
  }
  return { wide, tall };
}

/** The text stands on its side: clearly more (and at least two boxes' worth of) tall lines. */
export function looksSideways(rects: readonly RotatedRect[]): boolean {
  const tallBoxes = rects.filter((r) => r.h >= ELONGATED * r.w).length;
  const { wide, tall } = lineShapes(rects);
  return tallBoxes >= 2 && tall > DOMINANCE * wide;
}

/**
 * A rectangle found in the image turned 90° counter-clockwise (`rotate90(img, false)`), expressed
 * in the original image of width `width`: that turn maps (x, y) to (y, width − x), so the way
 * back is x = width − Y, y = X, and every direction turns by +90°.
 */
export function fromTurnedCcw(r: RotatedRect, width: number): RotatedRect {
  return { cx: width - r.cy, cy: r.cx, w: r.w, h: r.h, angle: r.angle + Math.PI / 2 };
}
