// DB (Differentiable Binarization) text detection with the PP-OCRv4 det model, plus the
// post-processing PaddleOCR does with OpenCV, reimplemented: threshold, connected
// components, min-area rectangles, box scoring, unclip, and a page skew estimate.
import type { Model } from './runtime';
import { type RgbaImage, resize } from './image';
import { DET_NORM, writeChw } from './tensor';
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
  const [rw, rh] = detInputSize(img.width, img.height, opt.limitSideLen);
  const input = new Float32Array(3 * rw * rh);
  writeChw(resize(img, rw, rh), input, 0, rw, DET_NORM);
  const feeds = { [model.session.inputNames[0]!]: new model.Tensor('float32', input, [1, 3, rh, rw]) };
  const out = (await model.session.run(feeds))[model.session.outputNames[0]];
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
 * without keeping every pixel.
 */
function components(prob: Float32Array, w: number, h: number, thresh: number): Component[] {
  const labels = new Int32Array(w * h);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]];
    return a;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a), rb = find(b);
    if (ra === rb) return ra;
    const [lo, hi] = ra < rb ? [ra, rb] : [rb, ra];
    parent[hi] = lo;
    return lo;
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (prob[i] <= thresh) continue;
      // Already-visited neighbours: W, NW, N, NE.
      let l = 0;
      const take = (j: number) => {
        const lj = labels[j];
        if (lj) l = l ? union(l, lj) : lj;
      };
      if (x > 0) take(i - 1);
      if (y > 0) {
        if (x > 0) take(i - w - 1);
        take(i - w);
        if (x < w - 1) take(i - w + 1);
      }
      if (!l) {
        l = parent.length;
        parent.push(l);
      }
      labels[i] = l;
    }
  }

  const byRoot = new Map<number, Component & { row: number; min: number; max: number }>();
  const flush = (c: Component & { row: number; min: number; max: number }) => {
    c.points.push([c.min, c.row], [c.min, c.row + 1], [c.max + 1, c.row], [c.max + 1, c.row + 1]);
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!labels[i]) continue;
      const root = find(labels[i]);
      let c = byRoot.get(root);
      if (!c) {
        c = { points: [], sum: 0, count: 0, row: y, min: x, max: x };
        byRoot.set(root, c);
      } else if (c.row !== y) {
        flush(c);
        c.row = y;
        c.min = c.max = x;
      } else {
        c.max = x; // row-major scan: x only grows within a row
      }
      c.sum += prob[i];
      c.count++;
    }
  }
  const result: Component[] = [];
  for (const c of byRoot.values()) {
    flush(c);
    result.push({ points: c.points, sum: c.sum, count: c.count });
  }
  return result;
}
