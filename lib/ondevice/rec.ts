// Text-line recognition with the PP-OCRv4 SVTR/CRNN rec model: upright line crops from the
// original image, height-48 resize, batched inference, CTC greedy decoding.
import type { Model } from './runtime';
import { type RgbaImage, cropRotatedRect, resize } from './image';
import { REC_NORM, writeChw } from './tensor';
import type { RotatedRect } from './geometry';
import { stageClock } from './stage-clock';

export interface RecOptions {
  /** Crops per inference call (PaddleOCR rec_batch_num 6). */
  batchSize: number;
  /** Narrowest tensor width: PaddleOCR pads every batch to >= 320, the training width. */
  minWidth: number;
  /** Widest tensor; longer lines are squeezed horizontally rather than cut. */
  maxWidth: number;
}

/**
 * One line per inference. Batches of 4 and 8 lines padded to one width were measured (issue 10,
 * Node's onnxruntime-web WASM, 2 threads, held-out seeds 100001 and 100003): no faster (8: slower
 * every time) and the padding changes readings (a seal-crossed 国家税 read 国家税票联 at 0.68).
 */
export const DEFAULT_REC: RecOptions = { batchSize: 1, minWidth: 8, maxWidth: 1280 };
export const REC_HEIGHT = 48;

export interface RecResult {
  text: string;
  confidence: number;
  /** Each character's probability (0–1), aligned with `text` (one per UTF-16 unit of it). */
  charConfidences: number[];
}

/**
 * Dictionary -> CTC class labels. The model's classes are: 0 = CTC blank, 1..N = the N lines
 * of ppocr_keys_v1.txt in order, N+1 = ' ' (PaddleOCR's use_space_char=True appends it).
 * For PP-OCRv4 that is 1 + 6623 + 1 = 6625, which must equal the output's last dimension.
 */
export function parseDict(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // trailing newline is not a character
  return ['', ...lines, ' '];
}

/**
 * Sample a detected box out of the original image as an upright crop at native resolution.
 * Tall boxes (height >= 1.5 x width) are taken as vertical text and turned 90° counter-
 * clockwise, like PaddleOCR's get_rotate_crop_image.
 */
export function cropLine(img: RgbaImage, rect: RotatedRect): RgbaImage {
  const r = rect.h >= 1.5 * rect.w ? { ...rect, w: rect.h, h: rect.w, angle: rect.angle + Math.PI / 2 } : rect;
  return cropRotatedRect(img, r, Math.max(1, Math.round(r.w)), Math.max(1, Math.round(r.h)));
}

/** Width after scaling to height 48 with the aspect ratio kept, rounded up to a multiple of 8. */
function scaledWidth(img: RgbaImage, opt: RecOptions): number {
  const w = Math.ceil((REC_HEIGHT * img.width) / Math.max(1, img.height) / 8) * 8;
  return Math.min(opt.maxWidth, Math.max(8, w));
}

export async function recognizeLines(
  model: Model,
  crops: RgbaImage[],
  dict: string[],
  opt: RecOptions = DEFAULT_REC,
): Promise<RecResult[]> {
  const results: RecResult[] = new Array(crops.length);
  // Similar aspect ratios share a batch, so little compute is wasted on padding.
  const order = crops.map((_, i) => i).sort((a, b) => scaledWidth(crops[a], opt) - scaledWidth(crops[b], opt));
  for (let start = 0; start < order.length; start += opt.batchSize) {
    const prep = performance.now();
    const ids = order.slice(start, start + opt.batchSize);
    const widths = ids.map((i) => scaledWidth(crops[i], opt));
    const tw = Math.max(opt.minWidth, ...widths);
    const plane = REC_HEIGHT * tw;
    const input = new Float32Array(ids.length * 3 * plane); // zeros = PaddleOCR's padding
    ids.forEach((id, b) => writeChw(resize(crops[id], widths[b], REC_HEIGHT), input, b * 3 * plane, tw, REC_NORM));
    const feeds = { [model.session.inputNames[0]!]: new model.Tensor('float32', input, [ids.length, 3, REC_HEIGHT, tw]) };
    stageClock.add('rec-prep', prep, ids.length);
    const ran = performance.now();
    const out = (await model.session.run(feeds))[model.session.outputNames[0]];
    stageClock.add('rec-run', ran, ids.length);
    const decoding = performance.now();
    const [n, steps, classes] = out.dims;
    if (classes !== dict.length) {
      throw new Error(`rec model has ${classes} classes but the dictionary gives ${dict.length} (blank + keys + space)`);
    }
    const probs = out.data as Float32Array;
    for (let b = 0; b < n; b++) results[ids[b]] = ctcGreedy(probs, b * steps * classes, steps, classes, dict);
    out.dispose?.();
    stageClock.add('rec-ctc', decoding, ids.length);
  }
  return results;
}

/**
 * CTC greedy decoding: arg-max per time step, drop blanks (class 0) and repeats of the
 * previous step. Confidence = mean of the kept steps' max probabilities (PaddleOCR's); each kept
 * step's own max probability is kept too (`charConfidences`): one blurred digit hides in the mean.
 */
export function ctcGreedy(p: Float32Array, offset: number, steps: number, classes: number, dict: string[]): RecResult {
  let text = '';
  const charConfidences: number[] = [];
  let sum = 0;
  let kept = 0;
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestP = p[row];
    for (let c = 1; c < classes; c++) {
      if (p[row + c] > bestP) {
        bestP = p[row + c];
        best = c;
      }
    }
    if (best !== 0 && best !== prev) {
      text += dict[best];
      for (let k = 0; k < dict[best].length; k++) charConfidences.push(bestP);
      sum += bestP;
      kept++;
    }
    prev = best;
  }
  return { text, confidence: kept ? sum / kept : 0, charConfidences };
}
