// DB (Differentiable Binarization) text detection with the PP-OCRv4 det model, plus the
// post-processing PaddleOCR does with OpenCV, reimplemented: threshold, connected
// components, min-area rectangles, box scoring, unclip, and a page skew estimate.
import type { Model } from './runtime';
import { type RgbaImage, resize } from './image';
import { DET_NORM, writeChw } from './tensor';
import { stageClock } from './stage-clock';
import { type Point, type RotatedRect, minAreaRect, rectAtAngle, unclip, weightedMedian } from './geometry';

export interface DetOptions {
  /** Longest side fed to the model (PaddleOCR default 960). */
  limitSideLen: number;
  /** Pixel threshold on the probability map (PaddleOCR det_db_thresh 0.3). */
  thresh: number;
  /** Minimum mean probability of a component (PaddleOCR det_db_box_thresh 0.6). */
  boxThresh: number;
  /** Growth of the shrunk DB kernel (PaddleOCR det_db_unclip_ratio 1.5). */
  unclipRatio: number;
}

export const DEFAULT_DET: DetOptions = { limitSideLen: 960, thresh: 0.3, boxThresh: 0.5, unclipRatio: 1.5 };

export interface DetBox {
  /** In original image pixel coordinates. */
  rect: RotatedRect;
  score: number;
}

export interface DetResult {
  boxes: DetBox[];
  /** Estimated page skew in radians (baseline direction of the page's text lines). */
  skew: number;
}

/** Model input size: longest side <= limit, both sides multiples of 32 (the net downsamples 32x). */
export function detInputSize(w: number, h: number, limit: number): [number, number] {
  const ratio = Math.max(w, h) > limit ? limit / Math.max(w, h) : 1;
  const round32 = (v: number) => Math.max(32, Math.round((v * ratio) / 32) * 32);
  return [round32(w), round32(h)];
}

export async function detect(model: Model, img: RgbaImage, opt: DetOptions = DEFAULT_DET): Promise<DetResult> {
  const started = performance.now();
  const [rw, rh] = detInputSize(img.width, img.height, opt.limitSideLen);
  const input = new Float32Array(3 * rw * rh);
  writeChw(resize(img, rw, rh), input, 0, rw, DET_NORM);
  const feeds = { [model.session.inputNames[0]!]: new model.Tensor('float32', input, [1, 3, rh, rw]) };
  stageClock.add('det-prep', started);
  const ran = performance.now();
  const out = (await model.session.run(feeds))[model.session.outputNames[0]];
  stageClock.add('det-run', ran);
  const post = performance.now();
  const [, , mh, mw] = out.dims; // [1, 1, H, W], same size as the input
  const prob = out.data as Float32Array;
  const comps = components(prob, mw, mh, opt.thresh);
  out.dispose?.();

  // Each component's own min-area rectangle. Long thin ones tell us the page skew.
  const fitted = comps
    .filter((c) => c.count >= 4)
    .map((c) => ({ c, rect: minAreaRect(c.points) }));
  const angles: number[] = [];
  const weights: number[] = [];
  for (const { rect } of fitted) {
    if (rect.w >= 3 * rect.h && rect.w >= 16) {
      angles.push(rect.angle);
      weights.push(rect.w);
    }
  }
  const skew = angles.length ? weightedMedian(angles, weights) : 0;

  const sx = img.width / mw;
  const sy = img.height / mh;
  const boxes: DetBox[] = [];
  for (const { c, rect: own } of fitted) {
    const score = c.sum / c.count;
    if (score < opt.boxThresh) continue;
    // Short blobs (a single big character like 元) have meaningless own angles: use the page's.
    const rect = own.w >= 3 * own.h ? own : rectAtAngle(c.points, skew);
    if (Math.min(rect.w, rect.h) < 3) continue;
    const grown = unclip(rect, opt.unclipRatio);
    if (Math.min(grown.w, grown.h) < 5) continue;
    boxes.push({ rect: scaleRect(grown, sx, sy), score });
  }
  stageClock.add('det-post', post, boxes.length);
  return { boxes, skew };
}

/** Map a rectangle from model-map coordinates to image coordinates (sx ≈ sy, both ~ 1-2). */
function scaleRect(r: RotatedRect, sx: number, sy: number): RotatedRect {
  const ux = Math.cos(r.angle), uy = Math.sin(r.angle);
  const angle = Math.atan2(uy * sy, ux * sx);
  return {
    cx: r.cx * sx,
    cy: r.cy * sy,
    w: r.w * Math.hypot(ux * sx, uy * sy),
    h: r.h * Math.hypot(uy * sx, ux * sy),
    angle,
  };
}

interface Component {
  /** Hull candidates: the outer corners of the leftmost/rightmost pixel of each row. */
  points: Point[];
  sum: number;
  count: number;
}

/**
 * 8-connected component labelling of prob > thresh (two-pass with union-find), collecting
 * per component the probability sum and the row-extreme corners — enough for a convex hull,
 * without keeping every pixel. Components come in the order of their first pixel (row-major).
 * Typed arrays and no per-pixel closures or map look-ups: this runs on every detection map
 * (up to 960 × 960 px).
 */
export function components(prob: Float32Array, w: number, h: number, thresh: number): Component[] {
  const labels = new Int32Array(w * h);
  let parent = new Int32Array(256);
  let next = 1;
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]!]!;
    return a;
  };
  // Joins the sets of labels a and b (both non-zero); the smaller root leads, as before.
  const union = (a: number, b: number): number => {
    const ra = find(a), rb = find(b);
    if (ra === rb) return ra;
    if (ra < rb) {
      parent[rb] = ra;
      return ra;
    }
    parent[ra] = rb;
    return rb;
  };
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const i = row + x;
      if (prob[i]! <= thresh) continue;
      // Already-visited neighbours: W, NW, N, NE.
      let l = x > 0 ? labels[i - 1]! : 0;
      if (y > 0) {
        const up = i - w;
        if (x > 0) {
          const lj = labels[up - 1]!;
          if (lj) l = l ? union(l, lj) : lj;
        }
        const ln = labels[up]!;
        if (ln) l = l ? union(l, ln) : ln;
        if (x < w - 1) {
          const lj = labels[up + 1]!;
          if (lj) l = l ? union(l, lj) : lj;
        }
      }
      if (!l) {
        if (next === parent.length) {
          const grown = new Int32Array(parent.length * 2);
          grown.set(parent);
          parent = grown;
        }
        l = next++;
        parent[l] = l;
      }
      labels[i] = l;
    }
  }

  // Per root, the index of its component (+1; 0 = not seen yet), and per component its open row.
  const slot = new Int32Array(next);
  const result: Component[] = [];
  const rowOf: number[] = [];
  const minOf: number[] = [];
  const maxOf: number[] = [];
  const flush = (k: number) => {
    const r = rowOf[k]!, lo = minOf[k]!, hi = maxOf[k]! + 1;
    result[k]!.points.push([lo, r], [lo, r + 1], [hi, r], [hi, r + 1]);
  };
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const i = row + x;
      const label = labels[i]!;
      if (!label) continue;
      const root = find(label);
      let k = slot[root]! - 1;
      if (k < 0) {
        k = result.length;
        slot[root] = k + 1;
        result.push({ points: [], sum: 0, count: 0 });
        rowOf.push(y);
        minOf.push(x);
        maxOf.push(x);
      } else if (rowOf[k] !== y) {
        flush(k);
        rowOf[k] = y;
        minOf[k] = maxOf[k] = x;
      } else {
        maxOf[k] = x; // row-major scan: x only grows within a row
      }
      const c = result[k]!;
      c.sum += prob[i]!;
      c.count++;
    }
  }
  for (let k = 0; k < result.length; k++) flush(k);
  return result;
}
