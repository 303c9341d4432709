// Small 2-D geometry for text boxes: convex hull, minimum-area rectangle, rectangles at a
// fixed angle, DB "unclip", and reading-order sorting. Replaces the few OpenCV/pyclipper
// calls PaddleOCR's post-processing relies on, in plain TS.

export type Point = readonly [number, number];

/**
 * An oriented rectangle. `angle` (radians) is the direction of the text baseline in image
 * coordinates (y down); `w` is the extent along it, `h` across it.
 */
export interface RotatedRect {
  cx: number;
  cy: number;
  w: number;
  h: number;
  angle: number;
}

/** Andrew's monotone chain. Returns the hull counter-clockwise, without collinear points. */
export function convexHull(points: Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** Tightest rectangle around `points` whose sides run along `angle` and across it. */
export function rectAtAngle(points: Point[], angle: number): RotatedRect {
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  let uMin = Infinity, uMax = -Infinity, vMin = Infinity, vMax = -Infinity;
  for (const [x, y] of points) {
    const u = x * ux + y * uy;
    const v = -x * uy + y * ux;
    if (u < uMin) uMin = u;
    if (u > uMax) uMax = u;
    if (v < vMin) vMin = v;
    if (v > vMax) vMax = v;
  }
  const uc = (uMin + uMax) / 2;
  const vc = (vMin + vMax) / 2;
  return { cx: uc * ux - vc * uy, cy: uc * uy + vc * ux, w: uMax - uMin, h: vMax - vMin, angle };
}

/**
 * Minimum-area enclosing rectangle by rotating calipers over the hull edges (one of the
 * rectangle's sides is always collinear with a hull edge). The angle is normalised to
 * (-45°, 45°], so `w` is the horizontal-ish side; text lines then have w > h.
 */
export function minAreaRect(points: Point[]): RotatedRect {
  const hull = convexHull(points);
  let best = rectAtAngle(hull, 0);
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i];
    const b = hull[(i + 1) % hull.length];
    const r = rectAtAngle(hull, Math.atan2(b[1] - a[1], b[0] - a[0]));
    if (r.w * r.h < best.w * best.h - 1e-9) best = r;
  }
  return normalizeRect(best);
}

/** Same rectangle, re-expressed with its angle in (-45°, 45°]. */
export function normalizeRect(r: RotatedRect): RotatedRect {
  let { w, h, angle } = r;
  angle = angle - Math.PI * Math.round(angle / Math.PI); // (-90°, 90°]
  if (angle > Math.PI / 4) {
    angle -= Math.PI / 2;
    [w, h] = [h, w];
  } else if (angle <= -Math.PI / 4) {
    angle += Math.PI / 2;
    [w, h] = [h, w];
  }
  return { cx: r.cx, cy: r.cy, w, h, angle };
}

/**
 * PaddleOCR's unclip: DB predicts a shrunk text kernel, which is grown back by
 * d = area * ratio / perimeter. For a rectangle, offsetting by d and taking the min-area
 * rectangle of the rounded result adds 2d to each side.
 */
export function unclip(r: RotatedRect, ratio: number): RotatedRect {
  const d = (r.w * r.h * ratio) / (2 * (r.w + r.h));
  return { ...r, w: r.w + 2 * d, h: r.h + 2 * d };
}

/**
 * The part of `r` between offsets `u0` and `u1` (px, u0 < u1) along its baseline, measured from its
 * centre (−w/2 is its start, +w/2 its end), `h` px across (its own height unless given). Offsets
 * beyond its ends extend it the same way (a rectangle read past a line's end).
 */
export function spanAlong(r: RotatedRect, u0: number, u1: number, h = r.h): RotatedRect {
  const mid = (u0 + u1) / 2;
  return { cx: r.cx + mid * Math.cos(r.angle), cy: r.cy + mid * Math.sin(r.angle), w: u1 - u0, h, angle: r.angle };
}

/** `r` longer by `k` × its height at each end along its baseline (a line read past where its box ended). */
export function lengthened(r: RotatedRect, k: number): RotatedRect {
  return { ...r, w: r.w + 2 * k * r.h };
}

/**
 * `r` moved `v` px across its baseline: positive v toward the bottom of its text (as rectCorners
 * takes it), whatever way the page is turned.
 */
export function shiftedAcross(r: RotatedRect, v: number): RotatedRect {
  return { ...r, cx: r.cx - v * Math.sin(r.angle), cy: r.cy + v * Math.cos(r.angle) };
}

/** Corners in reading order: top-left, top-right, bottom-right, bottom-left (w.r.t. `angle`). */
export function rectCorners(r: RotatedRect): [Point, Point, Point, Point] {
  const ux = Math.cos(r.angle), uy = Math.sin(r.angle);
  const hw = r.w / 2, hh = r.h / 2;
  const at = (u: number, v: number): Point => [r.cx + u * ux - v * uy, r.cy + u * uy + v * ux];
  return [at(-hw, -hh), at(hw, -hh), at(hw, hh), at(-hw, hh)];
}

/** Weighted median; robust against a few boxes (stamp text, wavy lines) at odd angles. */
export function weightedMedian(values: number[], weights: number[]): number {
  const idx = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  for (const i of idx) {
    acc += weights[i];
    if (acc >= total / 2) return values[i];
  }
  return 0;
}

/**
 * Sort boxes top-to-bottom, then left-to-right, in the frame of the page rotated by
 * `pageAngle` (the deskew angle, plus π when the page is upside down). Boxes whose centres
 * are within half a typical line height vertically count as the same line.
 */
export function readingOrder<T extends { rect: RotatedRect }>(items: T[], pageAngle: number): T[] {
  const ux = Math.cos(pageAngle), uy = Math.sin(pageAngle);
  const keyed = items.map((it) => ({
    it,
    u: it.rect.cx * ux + it.rect.cy * uy,
    v: -it.rect.cx * uy + it.rect.cy * ux,
    h: it.rect.h,
  }));
  keyed.sort((a, b) => a.v - b.v);
  const heights = keyed.map((k) => k.h).sort((a, b) => a - b);
  const tol = heights.length ? heights[heights.length >> 1] / 2 : 0;
  // Greedy line grouping on the vertical coordinate, then left-to-right within a line.
  const lines: (typeof keyed)[] = [];
  for (const k of keyed) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(k.v - line[0].v) <= tol) line.push(k);
    else lines.push([k]);
  }
  return lines.flatMap((line) => line.sort((a, b) => a.u - b.u).map((k) => k.it));
}
