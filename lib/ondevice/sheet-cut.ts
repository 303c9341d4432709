// Slips that touch along a whole edge (laid edge to edge on the desk) make one paper region with
// no neck for erosion to find: the seam is a straight line, a little darker than paper (the upper
// slip's edge and its shadow). Cutting along the darkest straight lines and keeping the cut that
// leaves two slip-shaped rectangles separates them. Pure TS on the finder's mask and levels.
import { type Point, type RotatedRect, minAreaRect } from './geometry';

/** A region of paper pixels (indices into a w-wide image) and its minimum-area rectangle. */
export interface PaperPart {
  rect: RotatedRect;
  count: number;
  pixels: Int32Array;
}

/** Turns tried around the region's own axes (degrees): slips beside each other lie a few degrees apart. */
const CUT_TURNS = [-6, -4.5, -3, -1.5, 0, 1.5, 3, 4.5, 6];
/** The darkest lines tried per region (each checked by the shapes it leaves). */
const CANDIDATES = 40;
/** Each side of a cut holds at least this share of the region. */
const MIN_SIDE = 0.2;
/** Both sides must fill at least this share of their rectangles: two slips cut at their seam do (~0.97). */
const MIN_FILL = 0.92;

/**
 * Two slip-shaped halves of `part` (`isSlip` says what a slip's shape is), cut along a straight
 * dark line, or null when no such cut exists. `level`: the finder's paper brightness per pixel
 * (desk-light corrected, higher is whiter); `w`: the image width (px).
 */
export function cutAlongSeam(
  part: PaperPart,
  level: Float32Array,
  w: number,
  isSlip: (p: PaperPart) => boolean,
  likeSizes: (a: PaperPart, b: PaperPart) => boolean,
): [PaperPart, PaperPart] | null {
  const candidates: { nx: number; ny: number; at: number; dark: number }[] = [];
  for (const axis of [0, Math.PI / 2]) {
    for (const turn of CUT_TURNS) {
      const a = part.rect.angle + axis + (turn * Math.PI) / 180;
      const nx = Math.cos(a), ny = Math.sin(a);
      let lo = Infinity, hi = -Infinity;
      const ts = new Float32Array(part.pixels.length);
      part.pixels.forEach((p, i) => {
        const t = (p % w) * nx + Math.floor(p / w) * ny;
        ts[i] = t;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      });
      const bins = Math.floor(hi - lo) + 1;
      const sum = new Float64Array(bins), n = new Uint32Array(bins);
      part.pixels.forEach((p, i) => {
        const b = Math.floor(ts[i]! - lo);
        sum[b]! += level[p]!;
        n[b]! += 1;
      });
      const mean = (b: number) => (n[b]! >= 8 ? sum[b]! / n[b]! : Infinity);
      let before = 0;
      for (let b = 0; b < bins; b++) {
        before += n[b]!;
        if (before < MIN_SIDE * part.count || before > (1 - MIN_SIDE) * part.count) continue;
        // A line darker than the lines around it (within 3 px): one candidate per dark line.
        const dark = mean(b);
        let lowest = true;
        for (let d = -3; d <= 3 && lowest; d++) if (d && b + d >= 0 && b + d < bins && mean(b + d) < dark) lowest = false;
        if (lowest && dark < Infinity) candidates.push({ nx, ny, at: lo + b + 1, dark });
      }
    }
  }
  // A seam is dark all along (an edge and its shadow); a row of text has bright gaps between its
  // characters: rank lines by their brightest stretch.
  for (const c of candidates) c.dark = brightestStretch(part, level, w, c);
  candidates.sort((x, y) => x.dark - y.dark);
  let best: { parts: [PaperPart, PaperPart]; fill: number } | null = null;
  for (const c of candidates.slice(0, CANDIDATES)) {
    const sides: [number[], number[]] = [[], []];
    for (const p of part.pixels) sides[(p % w) * c.nx + Math.floor(p / w) * c.ny < c.at ? 0 : 1].push(p);
    const parts = sides.map((px) => partOf(px, w)) as [PaperPart, PaperPart];
    if (!parts.every(isSlip) || !likeSizes(parts[0], parts[1])) continue;
    const fill = Math.min(...parts.map((p) => p.count / (p.rect.w * p.rect.h)));
    if (fill >= MIN_FILL && (!best || fill > best.fill)) best = { parts, fill };
  }
  return best?.parts ?? null;
}

/** A pixel set as a part: its count and minimum-area rectangle. */
function partOf(pixels: number[], w: number): PaperPart {
  return { rect: rectOfPixels(pixels, w), count: pixels.length, pixels: Int32Array.from(pixels) };
}

/** Minimum-area rectangle of a pixel set (indices into a w-wide image), from each row's outermost pixel corners. */
export function rectOfPixels(pixels: ArrayLike<number>, w: number): RotatedRect {
  const rows = new Map<number, [number, number]>();
  for (let i = 0; i < pixels.length; i++) {
    const p = pixels[i]!;
    const y = Math.floor(p / w);
    const x = p - y * w;
    const r = rows.get(y);
    if (!r) rows.set(y, [x, x]);
    else {
      if (x < r[0]) r[0] = x;
      if (x > r[1]) r[1] = x;
    }
  }
  const points: Point[] = [];
  for (const [y, [a, b]] of rows) points.push([a, y], [a, y + 1], [b + 1, y], [b + 1, y + 1]);
  return minAreaRect(points);
}

/** Along the line at `at` (±1 px), the mean level of its brightest STRETCH-px stretch. */
function brightestStretch(part: PaperPart, level: Float32Array, w: number, c: { nx: number; ny: number; at: number }): number {
  const sum = new Map<number, [number, number]>();
  for (const p of part.pixels) {
    const x = p % w, y = Math.floor(p / w);
    if (Math.abs(x * c.nx + y * c.ny - c.at) > 1.5) continue;
    const s = Math.floor((-x * c.ny + y * c.nx) / STRETCH);
    const v = sum.get(s) ?? [0, 0];
    v[0] += level[p]!;
    v[1] += 1;
    sum.set(s, v);
  }
  let brightest = -Infinity;
  for (const [total, n] of sum.values()) if (n >= STRETCH) brightest = Math.max(brightest, total / n);
  return brightest === -Infinity ? Infinity : brightest;
}

/** Length (px) of the stretches a candidate seam is judged by. */
const STRETCH = 8;
