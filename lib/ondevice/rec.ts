// Text-line recognition with the PP-OCRv4 SVTR/CRNN rec model: upright line crops from the
// original image, height-48 resize, batched inference, CTC greedy decoding.
import type * as Ort from 'onnxruntime-web';
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
  /** The height (px) a crop is scaled to, its aspect ratio kept: the model's training height. */
  height: number;
  /** The scaled width is rounded up to a multiple of this (px): the model's width per time step. */
  widthStep: number;
  /** The order of the input's colour planes (tensor.ts writeChw): PaddleOCR's models take BGR. */
  channels: 'bgr' | 'rgb';
}

/**
 * One line per inference. Batches of 4 and 8 lines padded to one width were measured (issue 10,
 * Node's onnxruntime-web WASM, 2 threads, held-out seeds 100001 and 100003): no faster (8: slower
 * every time) and the padding changes readings (a seal-crossed 国家税 read 国家税票联 at 0.68).
 */
export const DEFAULT_REC: RecOptions = { batchSize: 1, minWidth: 8, maxWidth: 1280, height: 48, widthStep: 8, channels: 'bgr' };

export interface RecResult {
  text: string;
  confidence: number;
  /** Each character's probability (0–1), aligned with `text` (one per UTF-16 unit of it). */
  charConfidences: number[];
  /**
   * Where each character stands along the crop: the centre of its CTC time steps as a share (0–1) of
   * the crop's length, aligned with `text` like `charConfidences`. Each step covers a fixed width of
   * the height-48 input (8 px for PP-OCRv4), so this says where the characters are to within a step.
   */
  charPositions?: number[];
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

/** Width (px) after scaling to `opt.height` with the aspect ratio kept, rounded up to a multiple of `opt.widthStep`. */
function scaledWidth(img: RgbaImage, opt: RecOptions): number {
  const w = Math.ceil((opt.height * img.width) / Math.max(1, img.height) / opt.widthStep) * opt.widthStep;
  return Math.min(opt.maxWidth, Math.max(opt.widthStep, w));
}

export async function recognizeLines(
  model: Model,
  crops: RgbaImage[],
  dict: readonly string[],
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
    const plane = opt.height * tw;
    const input = new Float32Array(ids.length * 3 * plane); // zeros = PaddleOCR's padding
    ids.forEach((id, b) => writeChw(resize(crops[id], widths[b], opt.height), input, b * 3 * plane, tw, REC_NORM, opt.channels));
    const feeds = { [model.session.inputNames[0]!]: new model.Tensor('float32', input, [ids.length, 3, opt.height, tw]) };
    stageClock.add('rec-prep', prep, ids.length);
    const ran = performance.now();
    const outputs = await model.session.run(feeds);
    stageClock.add('rec-run', ran, ids.length);
    const decoding = performance.now();
    const steps = bestPerStep(outputs, model.session.outputNames, dict.length);
    for (let b = 0; b < ids.length; b++) {
      const read = ctcCollapse(steps.classes, steps.probs, b * steps.steps, steps.steps, dict);
      // Step t covers the tensor's columns [t, t + 1) × tw / steps; the crop fills its first widths[b].
      const stepShare = tw / steps.steps / widths[b]!;
      results[ids[b]] = { text: read.text, confidence: read.confidence, charConfidences: read.charConfidences, charPositions: read.charSteps.map((t) => Math.min(1, t * stepShare)) };
    }
    for (const name of model.session.outputNames) outputs[name]?.dispose?.();
    stageClock.add('rec-ctc', decoding, ids.length);
  }
  return results;
}

/** The recognizer's arg-max outputs (scripts/models/ctc-head.ts adds them to the packaged model). */
export const CTC_CLASS_OUTPUT = 'ctc_class';
export const CTC_PROB_OUTPUT = 'ctc_prob';

/** Each time step's most probable class and its probability, `steps` per batch row. */
interface StepBests {
  classes: ArrayLike<number | bigint>;
  probs: ArrayLike<number>;
  steps: number;
}

/**
 * The best class per time step, from either form of the recognizer: the packaged model answers it
 * itself (`ctc_class` [N, T] int64 = ArgMax over classes, `ctc_prob` [N, T] float32 = ReduceMax:
 * 2 × T values instead of T × 6625, which Chromium copied out of the WASM heap and collected as
 * garbage for every line), the package's float32 model (QIC_MODELS=float32, the bench's baseline)
 * gives the softmax [N, T, classes] and the arg-max is taken here. Throws when the classes are not
 * the dictionary's (blank + keys + space).
 */
function bestPerStep(outputs: Record<string, Ort.Tensor>, names: readonly string[], classes: number): StepBests {
  const cls = outputs[CTC_CLASS_OUTPUT];
  const prob = outputs[CTC_PROB_OUTPUT];
  if (cls && prob) return { classes: cls.data as BigInt64Array, probs: prob.data as Float32Array, steps: cls.dims[1]! };
  const out = outputs[names[0]!]!;
  const [n, steps, outClasses] = out.dims as [number, number, number];
  if (outClasses !== classes) {
    throw new Error(`rec model has ${outClasses} classes but the dictionary gives ${classes} (blank + keys + space)`);
  }
  const p = out.data as Float32Array;
  const best = new Int32Array(n * steps);
  const bestP = new Float32Array(n * steps);
  for (let row = 0; row < n * steps; row++) {
    const at = row * classes;
    let c = 0;
    let pc = p[at]!;
    for (let k = 1; k < classes; k++) {
      if (p[at + k]! > pc) {
        pc = p[at + k]!;
        c = k;
      }
    }
    best[row] = c;
    bestP[row] = pc;
  }
  return { classes: best, probs: bestP, steps };
}

/**
 * CTC greedy decoding of one line: arg-max per time step (the first of equal maxima, as ONNX ArgMax
 * and PaddleOCR's numpy argmax take), blanks (class 0) and repeats of the previous step dropped.
 * Confidence = mean of the kept steps' max probabilities (PaddleOCR's); each kept step's own max
 * probability is kept too (`charConfidences`): one blurred digit hides in the mean; and where it
 * was read (`charSteps`: the middle of its run of steps, in steps from the line's start, for
 * rec.ts `charPositions`). `classes` and `probs` hold each step's best class and its probability
 * from `offset` on, `steps` of them.
 */
export function ctcCollapse(
  classes: ArrayLike<number | bigint>,
  probs: ArrayLike<number>,
  offset: number,
  steps: number,
  dict: readonly string[],
): Omit<RecResult, 'charPositions'> & { charSteps: number[] } {
  let text = '';
  const charConfidences: number[] = [];
  const charSteps: number[] = [];
  let runStart = 0; // the first step of the kept character being extended
  let sum = 0;
  let kept = 0;
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const best = Number(classes[offset + t]);
    const bestP = probs[offset + t]!;
    if (best !== 0 && best !== prev) {
      const ch = dict[best];
      if (ch === undefined) throw new Error(`rec model gave class ${best}, beyond the dictionary's ${dict.length}`);
      text += ch;
      runStart = t;
      for (let k = 0; k < ch.length; k++) {
        charConfidences.push(bestP);
        charSteps.push(t + 0.5);
      }
      sum += bestP;
      kept++;
    } else if (best !== 0 && best === prev) {
      // The same character held over more steps: its centre is the middle of its run.
      const ch = dict[best]!;
      for (let k = 1; k <= ch.length; k++) charSteps[charSteps.length - k] = (runStart + t + 1) / 2;
    }
    prev = best;
  }
  return { text, confidence: kept ? sum / kept : 0, charConfidences, charSteps };
}
