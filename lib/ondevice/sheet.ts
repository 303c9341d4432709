// Several quota invoices in one photo (a clerk lays 4–10 on a desk and takes one picture): where
// each paper lies, in reading order. Pure TS on RGBA pixels, so the worker, the offscreen
// document and Node (benchmarks) run the same code; no model is needed: paper is found by its
// brightness against the desk, not by OCR.
import type { RotatedRect } from './geometry';
import { cutAlongSeam, rectOfPixels } from './sheet-cut';
import { type RgbaImage, halve } from './image';

/** One invoice's paper: a rotated rectangle in the pixels of the image given, text along `w`. */
export type InvoiceRegion = RotatedRect;

/** The side the image is searched at (px): papers are large, and 800 px keeps this under ~50 ms. */
export const SHEET_SEARCH_SIDE = 800;

/**
 * Papers below this share of the largest one are not invoices of the same sheet (glare on the
 * desk, a coin, a scrap): quota invoices of one photo are of like sizes.
 */
const MIN_SHARE_OF_LARGEST = 0.2;
/** A component below this share of the image is noise. */
const MIN_SHARE_OF_IMAGE = 0.006;
/**
 * Long side ÷ short side of one quota invoice: real slips run from about 1.3 (5 × 6.5 cm stubs) to
 * 2.4 (the long 1-yuan strips); a paper region outside this is two or more slips that touch.
 */
const SLIP_ASPECT = { min: 1.15, max: 2.6 };
/** Paper must stand this far (0–255 scale) above the desk, or there is no desk to tell it from (a scan). */
const MIN_CONTRAST = 28;
/**
 * Paper grown from its clearly bright parts takes in pixels this share of the way from the desk to
 * white paper (a tinted or patterned slip on a light desk sits there: its printed frame must not
 * open it to the desk)…
 */
const WEAK_SHARE = 0.25;
/** …and never pixels within this many standard deviations of the desk's own level (its grain). */
const DESK_SPREADS = 3;
/**
 * The light fitted over the desk is taken as at least this share of its mean anywhere: a plane
 * through a dark desk's border can fall towards zero or below inside the image (seed 2000404: a
 * dark desk, plane from 45 to −7 across it), where dividing by it would turn a printed band or the
 * shade of a slip into bright "paper" and one slip into two.
 */
const DARKEST_LIGHT = 0.5;
/** The desk's light (0–255 scale) taken as at least this when levelling: a near-black desk gives no scale to divide by. */
const MIN_DESK_LIGHT = 16;
/**
 * A region kept whole when no cut or erosion splits it is a paper only when it fills at least this
 * share of its rectangle: a slip is a filled rectangle (real slip of seed 2000017: 0.87), while what
 * is left of one slip's light patches (seeds 2000017, 2000404: 0.53, 0.54) or of a margin ring
 * around its print (seeds 2000070, 2000119, 2001389: 0.05–0.07) is not, and would make a second
 * "invoice" out of one.
 */
const KEPT_WHOLE_FILL = 0.8;

/**
 * The invoices in a photo of several, in reading order (rows top to bottom, left to right within a
 * row), as rotated rectangles in the image's px. An image of one invoice, or one whose paper cannot
 * be told from what it lies on (a scan on a white lid), gives `[]`: it is read whole, as before.
 * So it never splits one invoice: fewer than two papers of like size, each on its own, is not a sheet.
 */
export function findInvoices(img: RgbaImage): InvoiceRegion[] {
  if (plainlyOnePaper(img)) return [];
  const paper = paperMask(img);
  if (!paper) return [];
  const areaOf = (r: RotatedRect) => r.w * r.h;
  const found = separate(paper.mask, paper.level, img.width, img.height);
  const largest = Math.max(0, ...found.map(areaOf));
  const papers = found.filter((r) => areaOf(r) >= MIN_SHARE_OF_LARGEST * largest);
  return papers.length >= 2 ? readingOrderOfPapers(papers) : [];
}

/**
 * Rows top to bottom, then left to right: taken by their top edges, a paper that starts above the
 * middle of a row's first paper belongs to that row (slips on a desk are never laid on a ruler, and
 * a tall slip beside wide ones has its middle far below theirs).
 */
export function readingOrderOfPapers<T extends RotatedRect>(papers: T[]): T[] {
  const halfHeight = (r: RotatedRect) => (Math.abs(r.w * Math.sin(r.angle)) + Math.abs(r.h * Math.cos(r.angle))) / 2;
  const top = (r: RotatedRect) => r.cy - halfHeight(r);
  const rows: T[][] = [];
  for (const p of [...papers].sort((a, b) => top(a) - top(b))) {
    const row = rows.find((rw) => top(p) < rw[0]!.cy);
    if (row) row.push(p);
    else rows.push([p]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.cx - b.cx));
}

/**
 * Paper pixels (1) against the desk (0), holes filled, or null when paper and desk cannot be told
 * apart. Brightness is first divided by the light over the desk (a plane fitted to the image's
 * border, which is desk), so a shadow across the sheet does not turn paper into desk; colour
 * (max − min channel) counts against paper, as wood is coloured and paper is not.
 */
function paperMask(img: RgbaImage): { mask: Uint8Array; level: Float32Array } | null {
  const { width: w, height: h, data } = img;
  const n = w * h;
  const score = new Float32Array(n);
  for (let i = 0, p = 0; p < n; p++, i += 4) {
    const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    score[p] = (r + g + b) / 3 - (max - min);
  }
  const light = borderPlane(score, w, h);
  // One pass gives the levels, their histogram (percentile) and the desk's ring of 3 px.
  const level = new Float32Array(n);
  const bins = new Uint32Array(LEVEL_BINS);
  const ring = new Float64Array(Math.min(n, 6 * (w + h)));
  let ringCount = 0;
  const lightMean = Math.max(MIN_DESK_LIGHT, light.mean);
  const darkest = DARKEST_LIGHT * lightMean;
  for (let y = 0, p = 0; y < h; y++) {
    const ringRow = y < 3 || y >= h - 3;
    const cy = light.c * y;
    for (let x = 0; x < w; x++, p++) {
      // The plane's light here, a + b·x + c·y (c·y taken once a row).
      const desk = Math.max(darkest, light.a + light.b * x + cy);
      level[p] = score[p]! * (lightMean / desk);
      const v = level[p]!;
      bins[levelBin(v)]! += 1;
      if (ringRow || x < 3 || x >= w - 3) ring[ringCount++] = v;
    }
  }
  let sum = 0;
  for (let i = 0; i < ringCount; i++) sum += ring[i]!;
  const deskLevel = sum / ringCount;
  let squares = 0;
  for (let i = 0; i < ringCount; i++) squares += (ring[i]! - deskLevel) ** 2;
  const deskSpread = Math.sqrt(squares / ringCount);
  const paperLevel = percentile(bins, n, 0.9);
  if (paperLevel - deskLevel < MIN_CONTRAST) return null;
  // Hysteresis: paper is what stands clearly above the desk (half-way to white paper), grown
  // through what stands only a little above it (tinted paper, a printed pattern, a shadow on
  // paper) but never through what the desk itself reaches (its grain, DESK_SPREADS of its spread).
  const strong = (deskLevel + paperLevel) / 2;
  const weak = Math.min(strong, Math.max(deskLevel + DESK_SPREADS * deskSpread, deskLevel + WEAK_SHARE * (paperLevel - deskLevel)));
  return { mask: fillHoles(grow(level, strong, weak, w, h), w, h), level };
}

/**
 * Pixels above `weak` 4-connected to a pixel above `strong` (hysteresis thresholding). The flood
 * fills here and below keep their stack in an Int32Array (each pixel is pushed once at most, as it
 * is marked when pushed) and visit the 4-neighbours left, right, up, down.
 */
function grow(level: Float32Array, strong: number, weak: number, w: number, h: number): Uint8Array {
  const n = w * h;
  const mask = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let p = 0; p < n; p++) {
    if (level[p]! > strong) {
      mask[p] = 1;
      stack[top++] = p;
    }
  }
  while (top > 0) {
    const p = stack[--top]!;
    const x = p % w;
    let q = p - 1;
    if (x > 0 && !mask[q] && level[q]! > weak) (mask[q] = 1), (stack[top++] = q);
    q = p + 1;
    if (x < w - 1 && !mask[q] && level[q]! > weak) (mask[q] = 1), (stack[top++] = q);
    q = p - w;
    if (q >= 0 && !mask[q] && level[q]! > weak) (mask[q] = 1), (stack[top++] = q);
    q = p + w;
    if (q < n && !mask[q] && level[q]! > weak) (mask[q] = 1), (stack[top++] = q);
  }
  return mask;
}

/** Least-squares plane a + b·x + c·y through the image's outer ring of pixels (the desk); `mean`: its value at the middle. */
function borderPlane(v: Float32Array, w: number, h: number): { a: number; b: number; c: number; mean: number } {
  // Normal equations of [1 x y] for the ring's samples, summed row by row.
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, sv = 0, sxv = 0, syv = 0;
  const ring = Math.max(2, Math.round(Math.min(w, h) * 0.01));
  for (let y = 0; y < h; y++) {
    // Rows within the ring are desk all along; the others only at their two ends.
    const inner = y >= ring && y < h - ring;
    for (let x = 0; x < w; x++) {
      if (inner && x >= ring && x < w - ring) {
        x = w - ring - 1;
        continue;
      }
      const value = v[y * w + x]!;
      n += 1, sx += x, sy += y;
      sxx += x * x, sxy += x * y, syy += y * y;
      sv += value, sxv += x * value, syv += y * value;
    }
  }
  const [a, b, c] = solve3([n, sx, sy, sx, sxx, sxy, sy, sxy, syy], [sv, sxv, syv]);
  return { a, b, c, mean: a + b * (w / 2) + c * (h / 2) };
}

/** Cramer's rule for a 3×3 system (row-major `m`); a singular one gives the flat mean. */
function solve3(m: number[], r: number[]): [number, number, number] {
  const det = (k: number[]) => k[0]! * (k[4]! * k[8]! - k[5]! * k[7]!) - k[1]! * (k[3]! * k[8]! - k[5]! * k[6]!) + k[2]! * (k[3]! * k[7]! - k[4]! * k[6]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return [r[0]! / Math.max(1, m[0]!), 0, 0];
  const col = (i: number) => m.map((v, k) => (k % 3 === i ? r[Math.floor(k / 3)]! : v));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}

/** Bins of the levels' histogram: a histogram is enough for a percentile, the levels being on a 0–255-ish scale. */
const LEVEL_BINS = 512;

/**
 * A level's bin: rounded, clamped to the histogram. Rounded as floor(v + 0.5), which equals
 * Math.round for every float32 level (all 2³² were checked) and runs faster in V8.
 */
function levelBin(v: number): number {
  return Math.min(LEVEL_BINS - 1, Math.max(0, Math.floor(v + 0.5)));
}

/** The level (bin) at or below which share `q` of the `count` levels binned in `bins` lie. */
function percentile(bins: Uint32Array, count: number, q: number): number {
  let acc = 0;
  for (let i = 0; i < bins.length; i++) {
    acc += bins[i]!;
    if (acc >= q * count) return i;
  }
  return LEVEL_BINS - 1;
}

/** Everything the desk (0 pixels reached from the border) does not reach is paper: text and seals inside a slip are holes. */
function fillHoles(mask: Uint8Array, w: number, h: number): Uint8Array {
  const n = w * h;
  const outside = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  const border = (p: number) => {
    if (!mask[p] && !outside[p]) (outside[p] = 1), (stack[top++] = p);
  };
  for (let x = 0; x < w; x++) border(x), border((h - 1) * w + x);
  for (let y = 0; y < h; y++) border(y * w), border(y * w + w - 1);
  while (top > 0) {
    const p = stack[--top]!;
    const x = p % w;
    let q = p - 1;
    if (x > 0 && !mask[q] && !outside[q]) (outside[q] = 1), (stack[top++] = q);
    q = p + 1;
    if (x < w - 1 && !mask[q] && !outside[q]) (outside[q] = 1), (stack[top++] = q);
    q = p - w;
    if (q >= 0 && !mask[q] && !outside[q]) (outside[q] = 1), (stack[top++] = q);
    q = p + w;
    if (q < n && !mask[q] && !outside[q]) (outside[q] = 1), (stack[top++] = q);
  }
  // Paper is what the desk did not reach.
  for (let p = 0; p < n; p++) outside[p] = 1 - outside[p]!;
  return outside;
}

/**
 * The papers of a mask. A component that is not one slip's shape (slips that touch at an edge or
 * a corner) is eroded step by step until it falls apart into slip-shaped parts, each grown back
 * through its own paper (splitByErosion); one that never does (slips laid edge to edge) is cut
 * along a straight seam when each side is as large as a slip, or else kept whole (better one
 * capture too few than a slip cut).
 */
function separate(mask: Uint8Array, level: Float32Array, w: number, h: number): RotatedRect[] {
  const minArea = MIN_SHARE_OF_IMAGE * w * h;
  const out: RotatedRect[] = [];
  const comps = components(mask, w, h, minArea);
  // The size of one slip here: the median of the regions that are one slip's shape (slips of one
  // photo are of like sizes), or, with none, the larger side of a cut itself.
  const single = comps.filter(isSlipShaped).map((c) => c.rect.w * c.rect.h).sort((a, b) => a - b);
  const slipArea = single.length ? single[Math.floor(single.length / 2)]! : undefined;
  const likeSize = (p: Component, other: Component) => p.rect.w * p.rect.h >= LIKE_SIZE * (slipArea ?? Math.max(p.rect.w * p.rect.h, other.rect.w * other.rect.h));
  const split = (comp: Component, depth: number): void => {
    if (isSlipShaped(comp)) {
      out.push(comp.rect);
      return;
    }
    // Slips that touch at a corner or along part of an edge have a neck: erosion finds it, and
    // the gap beside it, which no straight cut follows (training sheet 22: two slips turned
    // towards each other, touching at their bottom corners, were cut 100 px inside one of them).
    const parts = splitByErosion(comp, w, h, minArea);
    if (parts) {
      out.push(...parts);
      return;
    }
    // Slips laid edge to edge (no neck): a straight seam (sheet-cut.ts) into halves each as large
    // as a slip at least, so one slip is never cut; each half may still hold more.
    const big = slipArea === undefined || comp.count >= 2 * LIKE_SIZE * slipArea;
    const halves = big && depth < MAX_SEAMS ? cutAlongSeam(comp, level, w, isSlipShapedOrJoined, (a, b) => likeSize(a, b) && likeSize(b, a)) : null;
    if (halves) for (const half of halves) split(half, depth + 1);
    else if (fills(comp, KEPT_WHOLE_FILL)) out.push(comp.rect);
  };
  for (const comp of comps) split(comp, 0);
  return out;
}

/** Each side of a seam cut is at least this share of one slip's area (slips of one photo are of like sizes). */
const LIKE_SIZE = 0.7;

/** Slips in a row of touching ones, at most (each seam is one cut). */
const MAX_SEAMS = 4;

/** A slip, or a block of touching slips in a row (long side up to MAX_SEAMS + 1 slips). */
function isSlipShapedOrJoined(c: Component): boolean {
  return fills(c, SLIP_FILL) && aspectOf(c) <= SLIP_ASPECT.max * (MAX_SEAMS + 1);
}

interface Component {
  rect: RotatedRect;
  /** Pixels in the component (holes already filled). */
  count: number;
  pixels: Int32Array;
}

/** A slip's shape: its aspect, and a filled rectangle (SLIP_FILL). */
function isSlipShaped(c: Component): boolean {
  return isSlipAspect(c) && fills(c, SLIP_FILL);
}

/** A slip on its own or a block of slips fills at least this share of its rectangle (its corners may be torn or shaded). */
const SLIP_FILL = 0.9;

/** Whether `c` covers at least `share` (0–1) of its rotated rectangle's area. */
function fills(c: Component, share: number): boolean {
  return c.count >= share * c.rect.w * c.rect.h;
}

/** Long side over short side of `c`'s rectangle (≥ 1). */
function aspectOf(c: Component): number {
  const { w, h } = c.rect;
  return Math.max(w, h) / Math.max(1, Math.min(w, h));
}

/** `c`'s rectangle has a slip's aspect (SLIP_ASPECT). */
function isSlipAspect(c: Component): boolean {
  const aspect = aspectOf(c);
  return aspect >= SLIP_ASPECT.min && aspect <= SLIP_ASPECT.max;
}

/**
 * The slips of `comp` once erosion wears away what joins them, or null when it never falls apart
 * into slip-shaped parts within 15 % of its short side. Each part is grown back inside `comp` by
 * the steps taken, parts competing for the pixels between them (each pixel to the nearest part), so
 * a slip gets back its own paper and not the neck it was joined by: the eroded part's rectangle
 * grown by the steps taken (as before) was up to 20 % too large where slips touched along part of
 * an edge (held-out sheet 100009 slips 2 and 3: 546 × 867 px for a 447 × 820 px slip).
 */
function splitByErosion(comp: Component, w: number, h: number, minArea: number): RotatedRect[] | null {
  let mask: Uint8Array = new Uint8Array(w * h);
  let first = w * h, last = 0;
  for (const p of comp.pixels) {
    mask[p] = 1;
    if (p < first) first = p;
    if (p > last) last = p;
  }
  const maxSteps = Math.round(Math.min(comp.rect.w, comp.rect.h) * 0.15);
  for (let k = 1; k <= maxSteps; k++) {
    // Erosion only wears `comp` away, so its pixels' span is all there is to look at.
    mask = erode(mask, w, h, first, last + 1);
    const parts = components(mask, w, h, minArea / 2, first, last + 1);
    if (parts.length >= 2 && parts.every(isSlipShapedLoose)) return growBack(parts, comp, k + REGROW_SLACK, w);
    // One slip left once a thin attachment wore away (the paper rim of a neighbour whose printed
    // frame cut it off from its middle, a streak of glare): the slip alone.
    if (parts.length === 1 && isSlipShapedLoose(parts[0]!)) {
      const [slip] = growBack(parts, comp, k, w);
      if (slip!.w * slip!.h < THIN_REST * comp.rect.w * comp.rect.h) return [slip!];
    }
    if (parts.length === 0) break;
  }
  return null;
}

/** Steps grown back beyond those eroded: 4-neighbour erosion also rounds a turned slip's corners. */
const REGROW_SLACK = 2;

/**
 * `parts` (eroded pieces of `comp`) grown back up to `steps` px (4-neighbour) through `comp`'s own
 * pixels, all at once, a pixel going to the part that reaches it first; each part's rectangle.
 */
function growBack(parts: Component[], comp: Component, steps: number, w: number): RotatedRect[] {
  // -2: not paper of `comp`; -1: paper not yet reached; i ≥ 0: reached by parts[i]. One row more
  // than `comp` spans, so the pixel below any of its pixels can be looked at.
  let last = 0;
  for (const p of comp.pixels) if (p > last) last = p;
  const owner = new Int32Array(last + w + 1).fill(-2);
  for (const p of comp.pixels) owner[p] = -1;
  // The front of each step, in the order reached (a pixel two parts reach in the same step goes
  // to the one whose front pixel comes first); no pixel is in a front twice.
  let front = new Int32Array(comp.pixels.length), next = new Int32Array(comp.pixels.length);
  let size = 0;
  parts.forEach((part, i) => {
    for (const p of part.pixels) {
      owner[p] = i;
      front[size++] = p;
    }
  });
  for (let step = 0; step < steps && size > 0; step++) {
    let reached = 0;
    for (let k = 0; k < size; k++) {
      const p = front[k]!, x = p % w, o = owner[p]!;
      let q = p - 1;
      if (x > 0 && owner[q] === -1) (owner[q] = o), (next[reached++] = q);
      q = p + 1;
      if (x < w - 1 && owner[q] === -1) (owner[q] = o), (next[reached++] = q);
      q = p - w;
      if (q >= 0 && owner[q] === -1) (owner[q] = o), (next[reached++] = q);
      q = p + w;
      if (owner[q] === -1) (owner[q] = o), (next[reached++] = q);
    }
    [front, next] = [next, front];
    size = reached;
  }
  const pixels: number[][] = parts.map(() => []);
  for (const p of comp.pixels) if (owner[p]! >= 0) pixels[owner[p]!]!.push(p);
  return pixels.map((px) => rectOfPixels(px, w));
}

/**
 * A component that erodes down to one slip covering less than this share of the component's
 * rectangle was that slip with thin things attached (they spanned the rest).
 */
const THIN_REST = 0.85;

/** After erosion corners round off: the shape test with a lower fill (ERODED_SLIP_FILL). */
function isSlipShapedLoose(c: Component): boolean {
  return isSlipAspect(c) && fills(c, ERODED_SLIP_FILL);
}

/** An eroded slip, its corners rounded off, fills at least this share of its rectangle. */
const ERODED_SLIP_FILL = 0.8;

/** 4-neighbour erosion by one pixel. */
function erode(mask: Uint8Array, w: number, h: number, from = 0, to = w * h): Uint8Array {
  const out = new Uint8Array(w * h);
  // Only the rows from `from` to `to` (exclusive) can hold 1s: the mask has none elsewhere.
  const yEnd = Math.min(h - 1, Math.floor((to - 1) / w) + 1);
  for (let y = Math.max(1, Math.floor(from / w)); y < yEnd; y++) {
    for (let x = 1, p = y * w + 1; x < w - 1; x++, p++) {
      out[p] = mask[p]! & mask[p - 1]! & mask[p + 1]! & mask[p - w]! & mask[p + w]!;
    }
  }
  return out;
}

/**
 * 4-connected components of at least `minArea` pixels, each with its minimum-area rectangle. Only
 * pixels `from` to `to` (exclusive) are looked at: the caller knows the mask has no 1s elsewhere.
 * A component's pixels are listed in the order its depth-first fill takes them (growBack and
 * sheet-cut.ts follow that order).
 */
function components(mask: Uint8Array, w: number, h: number, minArea: number, from = 0, to = w * h): Component[] {
  const n = w * h;
  const seen = new Uint8Array(n);
  const out: Component[] = [];
  const stack = new Int32Array(to - from);
  const pixels = new Int32Array(to - from);
  // Each row's leftmost and rightmost pixel in the component being filled: all its rectangle
  // needs (rectOfPixels keeps no more of a row), reset after each component.
  const rowMin = new Int32Array(h).fill(w);
  const rowMax = new Int32Array(h).fill(-1);
  for (let start = from; start < to; start++) {
    if (!mask[start] || seen[start]) continue;
    let top = 0, count = 0, yMin = h, yMax = -1;
    seen[start] = 1;
    stack[top++] = start;
    while (top > 0) {
      const p = stack[--top]!;
      pixels[count++] = p;
      const y = (p / w) | 0;
      const x = p - y * w;
      if (x < rowMin[y]!) rowMin[y] = x;
      if (x > rowMax[y]!) rowMax[y] = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
      let q = p - 1;
      if (x > 0 && mask[q] && !seen[q]) (seen[q] = 1), (stack[top++] = q);
      q = p + 1;
      if (x < w - 1 && mask[q] && !seen[q]) (seen[q] = 1), (stack[top++] = q);
      q = p - w;
      if (q >= 0 && mask[q] && !seen[q]) (seen[q] = 1), (stack[top++] = q);
      q = p + w;
      if (q < n && mask[q] && !seen[q]) (seen[q] = 1), (stack[top++] = q);
    }
    if (count >= minArea) {
      const rowEnds: number[] = [];
      for (let y = yMin; y <= yMax; y++) if (rowMax[y]! >= 0) rowEnds.push(y * w + rowMin[y]!, y * w + rowMax[y]!);
      out.push({ rect: rectOfPixels(rowEnds, w), count, pixels: pixels.slice(0, count) });
    }
    rowMin.fill(w, yMin, yMax + 1);
    rowMax.fill(-1, yMin, yMax + 1);
  }
  return out;
}

/** Below this side (px) the image is not halved for the first look: too few pixels to tell. */
const FIRST_LOOK_MIN_SIDE = 200;

/**
 * Whether the image, halved (a quarter of the pixels), plainly holds one paper: paper and desk
 * cannot be told apart (a scan, a screenshot), or there is one paper region of at least
 * MIN_SHARE_OF_IMAGE and it has a slip's shape (findInvoices keeps such a region whole at full
 * size too). Most images are one invoice, and this look costs about a quarter of the full search
 * on the critical path of every capture (Node, generator photos: median 17 → 4.4 ms; 120 sheets
 * of 2–10 slips, seeds 100000–100079 and 300000–300039, decided as by the full search every one).
 * Anything else (two regions, a block of touching slips, an odd shape) is searched at full size.
 */
export function plainlyOnePaper(img: RgbaImage): boolean {
  if (img.width < FIRST_LOOK_MIN_SIDE || img.height < FIRST_LOOK_MIN_SIDE) return false;
  const half = halve(img);
  const paper = paperMask(half);
  if (!paper) return true;
  const comps = components(paper.mask, half.width, half.height, MIN_SHARE_OF_IMAGE * half.width * half.height);
  return comps.length === 1 && isSlipShaped(comps[0]!);
}
