// The OCR pipeline: detect -> decide page orientation -> recognize -> reading order.
// Browser-safe: only onnxruntime-web and pure TS; the caller supplies model bytes and pixels
// (Node reads files, an MV3 offscreen document would fetch() extension resources).
import type * as Ort from 'onnxruntime-web';
import type { Model, OrtModule } from './runtime';
import { type RgbaImage, rotate90 } from './image';
import { type Point, type RotatedRect, rectCorners, readingOrder } from './geometry';
import { DEFAULT_DET, type DetOptions, detect } from './det';
import { DEFAULT_REC, type RecOptions, type RecResult, cropLine, parseDict, recognizeLines } from './rec';
import { DIGITS_DICT, DIGITS_REC } from './digits';
import { upsideDownProb } from './cls';
import { fromTurnedCcw, lineShapes, looksSideways } from './orientation';
import { type LineCrop, cutLine, fieldsFirst } from './line-priority';
import { type RedRemoval, darkRedKept, printBand } from './seal';
import { stageClock } from './stage-clock';

export interface EngineOptions {
  /** onnxruntime-web: its WASM build in the extension, its Node build in Node. */
  ort: OrtModule;
  det: Uint8Array;
  rec: Uint8Array;
  /** Optional direction classifier; without it orientation is decided by rec confidence alone. */
  cls?: Uint8Array;
  /**
   * Optional digits-only line reader (scripts/models/digits/: a small CRNN trained on the generator's
   * code and number lines), a second reader of the code and the number beside PP-OCR's; without it
   * `readDigits` reads nothing.
   */
  digits?: Uint8Array;
  /** Contents of ppocr_keys_v1.txt. */
  dict: string;
  /** WASM threads. ort.env is process-global: only the first engine's value takes effect. */
  numThreads?: number;
  /** Where the ort-wasm-simd-threaded*.{mjs,wasm} files are served (e.g. chrome.runtime.getURL('ort/')). */
  wasmPaths?: string;
  /**
   * onnxruntime's WASM binary itself (the extension packages it compressed and passes it
   * decompressed); then only the .mjs loader is fetched from `wasmPaths`.
   */
  wasmBinary?: Uint8Array;
  detOptions?: Partial<DetOptions>;
  recOptions?: Partial<RecOptions>;
  /** Lines below this recognition confidence are dropped (PaddleOCR drop_score 0.5). */
  minConfidence?: number;
}

export interface DetectedLine {
  text: string;
  /** The recognizer's mean confidence over the line's characters (0–1). */
  confidence: number;
  /** Each character's probability (0–1), aligned with `text` (one per UTF-16 unit; rec.ts RecResult). */
  charConfidences: readonly number[];
  /** Each character's centre along the line as a share (0–1) of its length (rec.ts RecResult). */
  charPositions?: readonly number[];
  /** Corners in original image pixels, in reading order: top-left, top-right, bottom-right, bottom-left. */
  box: [Point, Point, Point, Point];
}

/**
 * How the page lies in the image: its text baselines run at `skewDeg + turnDeg` (degrees,
 * clockwise positive, y down). `turnDeg` is the quarter turn (0 upright, 90 top edge to the right,
 * 180 upside down, 270 top edge to the left), `skewDeg` the small rest (within ±45°).
 */
export interface OcrPage {
  skewDeg: number;
  turnDeg: 0 | 90 | 180 | 270;
}

export interface OcrResult extends OcrPage {
  lines: DetectedLine[];
  /** Lines detected but not read because `enough` said so. */
  skipped: number;
  ms: { det: number; cls: number; rec: number; total: number };
}

export interface RecognizeOptions {
  /** Called after each line read (in reading order); returning true skips the remaining lines. */
  enough?: (lines: DetectedLine[], page: OcrPage) => boolean;
  /** Longest side (px) fed to detection for this page; default the engine's `detOptions.limitSideLen`. */
  detSide?: number;
  /**
   * `reading`: top to bottom, left to right. `fields-first`: the same, but lines that cannot hold a
   * quota field by their shape are read last (see line-priority.ts), so `enough` stops sooner.
   */
  order?: 'reading' | 'fields-first';
  /**
   * Skip the seal-free re-read of a red line when removing the red leaves no ink (a red-printed
   * number, the seal's own words): that reading is blank and would be thrown away anyway.
   */
  skipInklessRereads?: boolean;
  /** How a red line's second reading loses its red (seal.ts); default `threshold`. */
  redRemoval?: RedRemoval;
  /**
   * Skip the seal-free re-read of a red line whose first reading is at least this confident (0–1)
   * and holds no digit (a title or a seal's words under the seal): a line with digits (code, number,
   * amount) is always read both ways. Unset: every red line is read both ways.
   */
  sealFreeBelow?: number;
  /**
   * Skip the seal-free re-read of a red line, digits or not, when every character of its first
   * reading has at least this probability (0–1): the seal did not trouble the reading anywhere; and
   * when it holds a run of exactly 8 or 12 digits (a quota number or code) and every digit on it
   * has at least this probability, whatever its label's characters (a seal stroke across 发票号码).
   * Unset: a line with digits is always read both ways.
   */
  sealFreeAllAbove?: number;
  /**
   * The page's quarter turn when an earlier reading of this image proved it (it read the quota title
   * that way up: read-invoice.ts `provenTurn`): detection runs at that turn only and the upside-down
   * check is skipped. Unset: both are decided here. A full-size detection of a photo turned 270°
   * once found no sideways lines (desk texture among them), took a 42° skew and read two lines of
   * nothing, where the small first pass had read its title (held-out seed 2100011: refused).
   */
  turn?: OcrPage['turnDeg'];
}

/** How `readLines` reads a red-printed number under the seal (seal.ts). */
export interface DarkRedReading {
  /** Saturated red kept: max(G, B) / R below this (0–1, DARK_RED_CUTS). */
  below: number;
  /** Only the band of rows holding most of it (a box spanning two printed rows). */
  band?: boolean;
}

export interface OcrEngine {
  recognize(img: RgbaImage, options?: RecognizeOptions): Promise<OcrResult>;
  /**
   * Recognition only: each rectangle (image px, text along `w`, as `DetectedLine.box` gives it back
   * through confirm-fields.ts) cut from `img` and read, with the same seal-red second reading as
   * `recognize` with `skipInklessRereads` (a red-printed number's seal-free crop is blank: not read);
   * no detection, no orientation. For re-reading a few lines already found. With `darkRed` each
   * crop is read once with only its saturated red kept (seal.ts `darkRedKept` below `darkRed.below`,
   * 0–1, DARK_RED_CUTS): a red-printed number under the red seal, without the seal; with
   * `darkRed.band`, only the band of rows holding most of that red (seal.ts `printBand`).
   */
  readLines(img: RgbaImage, rects: RotatedRect[], darkRed?: DarkRedReading): Promise<RecResult[]>;
  /**
   * Each rectangle (image px, as `readLines` takes them) cut from `img` and read by the digits-only
   * reader (EngineOptions `digits`): its text is digits alone, whatever else the line holds. Empty
   * when the engine has no such reader.
   */
  readDigits?(img: RgbaImage, rects: RotatedRect[]): Promise<RecResult[]>;
  release(): Promise<void>;
}

/** How many of the longest lines are used to decide whether the page is upside down. */
const ORIENTATION_SAMPLES = 8;

export async function createEngine(opts: EngineOptions): Promise<OcrEngine> {
  const { ort } = opts;
  // Must be set before the first InferenceSession: the WASM module is instantiated once.
  if (opts.numThreads !== undefined) ort.env.wasm.numThreads = opts.numThreads;
  if (opts.wasmPaths !== undefined) ort.env.wasm.wasmPaths = opts.wasmPaths;
  if (opts.wasmBinary !== undefined) ort.env.wasm.wasmBinary = opts.wasmBinary;
  const so: Ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const load = async (bytes: Uint8Array): Promise<Model> => ({ session: await ort.InferenceSession.create(bytes, so), Tensor: ort.Tensor });
  // Sequential: parallel creation would race the one-time WASM initialisation for nothing.
  const detS = await load(opts.det);
  const recS = await load(opts.rec);
  const clsS = opts.cls ? await load(opts.cls) : undefined;
  const digitsS = opts.digits ? await load(opts.digits) : undefined;
  const dict = parseDict(opts.dict);
  const detOpt = { ...DEFAULT_DET, ...opts.detOptions };
  const recOpt = { ...DEFAULT_REC, ...opts.recOptions };
  const minConf = opts.minConfidence ?? 0.5;

  /**
   * Is the page upside down? The skew estimate only knows the text direction modulo 180°.
   * Pool the classifier's votes over the longest lines (single short crops are unreliable);
   * if it is unsure or absent, recognize those lines both ways and keep the more confident.
   * `cut`, when given, receives each line the classifier's crops were cut for (by its rectangle, as
   * rec.ts cropLine cuts it): the reading of an upright page takes them instead of cutting them again.
   */
  async function isUpsideDown(img: RgbaImage, rects: RotatedRect[], cut?: Map<RotatedRect, RgbaImage>): Promise<boolean> {
    const sample = rects
      .filter((r) => r.w >= 1.5 * r.h)
      .sort((a, b) => b.w - a.w)
      .slice(0, ORIENTATION_SAMPLES);
    if (!sample.length) return false;
    if (clsS) {
      const cutting = performance.now();
      const crops = sample.map((r) => cropLine(img, r));
      // Kept for the reading: the page upright, its lines are cut from the same rectangles again.
      crops.forEach((crop, i) => cut?.set(sample[i]!, crop));
      stageClock.add('crop', cutting, crops.length);
      const p = await upsideDownProb(clsS, crops);
      const wsum = sample.reduce((s, r) => s + r.w, 0);
      const vote = sample.reduce((s, r, i) => s + r.w * p[i], 0) / wsum;
      if (Math.abs(vote - 0.5) >= 0.3) return vote > 0.5;
    }
    const few = sample.slice(0, 4);
    stageClock.read('orientation', 2 * few.length);
    const up = await recognizeLines(recS, few.map((r) => cropLine(img, r)), dict, recOpt);
    const down = await recognizeLines(recS, few.map((r) => cropLine(img, flip(r))), dict, recOpt);
    const mean = (rs: { confidence: number }[]) => rs.reduce((s, r) => s + r.confidence, 0) / rs.length;
    return mean(down) > mean(up);
  }

  /**
   * Detection, turned upright by a quarter when the page lies on its side: the boxes then stand
   * tall, so detection runs once more on the image turned 90° counter-clockwise, and the boxes
   * are mapped back. Upright pages (wide boxes) pay nothing extra. Whether the page was turned
   * 90° or 270° is left to the upside-down decision that follows.
   */
  async function detectAnyTurn(img: RgbaImage, detSide?: number, quarterKnown?: boolean): Promise<{ rects: RotatedRect[]; skew: number; quarter: boolean }> {
    const opt = detSide === undefined ? detOpt : { ...detOpt, limitSideLen: detSide };
    const onItsSide = async () => {
      const turned = await detect(detS, rotate90(img, false), opt);
      return { rects: turned.boxes.map((b) => fromTurnedCcw(b.rect, img.width)), skew: turned.skew, quarter: true };
    };
    if (quarterKnown === true) return onItsSide();
    const upright = await detect(detS, img, opt);
    const rects = upright.boxes.map((b) => b.rect);
    if (quarterKnown === false || !looksSideways(rects)) return { rects, skew: upright.skew, quarter: false };
    const turned = await onItsSide();
    // Keep whichever reading lays more text out in lines (a barcode alone must not turn a page).
    // (lineShapes counts wide boxes: a box keeps its w and h through fromTurnedCcw.)
    if (lineShapes(turned.rects).wide <= lineShapes(rects).wide) return { rects, skew: upright.skew, quarter: false };
    return turned;
  }

  /**
   * One line. Under a red seal it is read again with the red removed, and the more confident
   * reading kept: a red-printed number alone turns blank without its red and keeps its first reading
   * (`skipInkless` knows that beforehand and saves the second inference).
   */
  async function readLine(line: LineCrop, skipInkless: boolean, why: 'first' | 'reread', sealFreeBelow = Infinity, sealFreeAllAbove = Infinity): Promise<RecResult> {
    const [rec] = await recognizeLines(recS, [line.crop], dict, recOpt);
    stageClock.read(why);
    if (!line.withoutRed || (skipInkless && line.redOnly)) return rec!;
    if (!sealFreeReadingNeeded(rec!, sealFreeBelow, sealFreeAllAbove)) return rec!;
    stageClock.read(why === 'first' ? 'seal-free' : 'reread-seal-free');
    const [clean] = await recognizeLines(recS, [line.withoutRed], dict, recOpt);
    return clean!.text.trim() && clean!.confidence > rec!.confidence ? clean! : rec!;
  }

  return {
    async recognize(img: RgbaImage, options: RecognizeOptions = {}): Promise<OcrResult> {
      const t0 = performance.now();
      const found = await detectAnyTurn(img, options.detSide, options.turn === undefined ? undefined : options.turn % 180 === 90);
      const quarter = found.quarter ? Math.PI / 2 : 0;
      // Boxes at the page's quarter turn: text along `w`, as the rest of the pipeline expects.
      const rects = found.rects;
      const t1 = performance.now();
      /** Lines the upside-down check cut (by rectangle): the reading takes them instead of cutting them again. */
      const cutEarlier = new Map<RotatedRect, RgbaImage>();
      const upsideDown = options.turn === undefined ? await isUpsideDown(img, rects, cutEarlier) : options.turn >= 180;
      const t2 = performance.now();
      const turnDeg = ((found.quarter ? 90 : 0) + (upsideDown ? 180 : 0)) as OcrPage['turnDeg'];
      const page: OcrPage = { skewDeg: (found.skew * 180) / Math.PI, turnDeg };
      const pageAngle = found.skew + quarter + (upsideDown ? Math.PI : 0);
      // Read in reading order, one line at a time, so the caller can stop once it has what it
      // needs (the footer lines of an invoice hold none of its fields).
      const ordered = readingOrder(rects.map((r) => ({ rect: upsideDown ? flip(r) : r })), pageAngle);
      const skipInkless = options.skipInklessRereads === true;
      // Reordering needs every line's crop up front; reading order cuts each when it is read.
      const cutting = performance.now();
      const first = options.order === 'fields-first' ? fieldsFirst(ordered.map(({ rect }) => cutLine(img, rect, skipInkless, options.redRemoval, cutEarlier.get(rect)))) : undefined;
      if (first) stageClock.add('crop', cutting, first.length);
      const lines: DetectedLine[] = [];
      let read = 0;
      for (let i = 0; i < ordered.length; i++) {
        const cut = performance.now();
        const line = first?.[i] ?? cutLine(img, ordered[i]!.rect, skipInkless, options.redRemoval, cutEarlier.get(ordered[i]!.rect));
        if (!first) stageClock.add('crop', cut);
        const { rect } = line;
        const rec = await readLine(line, skipInkless, 'first', options.sealFreeBelow, options.sealFreeAllAbove);
        read += 1;
        const text = rec.text.trim();
        if (!text || rec.confidence < minConf) continue;
        const lead = rec.text.length - rec.text.trimStart().length;
        lines.push({ text, confidence: rec.confidence, charConfidences: rec.charConfidences.slice(lead, lead + text.length), charPositions: rec.charPositions?.slice(lead, lead + text.length), box: rectCorners(rect) });
        const judging = performance.now();
        const done = options.enough?.(lines, page) === true;
        stageClock.add('extract', judging);
        if (done) break;
      }
      const t3 = performance.now();
      return {
        lines,
        ...page,
        skipped: ordered.length - read,
        ms: { det: t1 - t0, cls: t2 - t1, rec: t3 - t2, total: performance.now() - t0 },
      };
    },
    async readLines(img: RgbaImage, rects: RotatedRect[], darkRed?: DarkRedReading) {
      const out: RecResult[] = [];
      for (const rect of rects) {
        if (darkRed === undefined) {
          out.push(await readLine(cutLine(img, rect, true), true, 'reread'));
          continue;
        }
        const kept = darkRedKept(cropLine(img, rect), darkRed.below);
        const [rec] = await recognizeLines(recS, [darkRed.band ? printBand(kept) : kept], dict, recOpt);
        stageClock.read('red-number');
        out.push(rec!);
      }
      return out;
    },
    async readDigits(img: RgbaImage, rects: RotatedRect[]) {
      if (!digitsS || !rects.length) return [];
      const cutting = performance.now();
      const crops = rects.map((rect) => cropLine(img, rect));
      stageClock.add('crop', cutting, crops.length);
      stageClock.read('digits', crops.length);
      return recognizeLines(digitsS, crops, DIGITS_DICT, DIGITS_REC);
    },
    async release() {
      await detS.session.release();
      await recS.session.release();
      await clsS?.session.release();
      await digitsS?.session.release();
    },
  };
}

/**
 * Whether a seal-red line's first reading `rec` calls for a second reading without the red: not when
 * it is at least `sealFreeBelow` confident and holds no digit (RecognizeOptions `sealFreeBelow`), nor
 * when every one of its characters, or every digit of a line holding an 8- or 12-digit run, is at
 * least `sealFreeAllAbove` (`sealFreeAllAbove`); a blank
 * reading always does. Probabilities 0–1; Infinity turns a rule off.
 */
export function sealFreeReadingNeeded(rec: RecResult, sealFreeBelow: number, sealFreeAllAbove: number): boolean {
  if (!rec.text.trim()) return true;
  if (rec.confidence >= sealFreeBelow && !/[0-9０-９]/u.test(rec.text)) return false;
  if (rec.charConfidences.every((p) => p >= sealFreeAllAbove)) return false;
  return !identifierDigitsClear(rec, sealFreeAllAbove);
}

/**
 * The reading holds a run of exactly 8 or 12 digits (a quota number or code, half- or full-width)
 * and every digit of the line has at least `floor` probability: only its other characters are in
 * doubt, which a second reading without the seal's red cannot make a field of.
 */
function identifierDigitsClear(rec: RecResult, floor: number): boolean {
  if (!/(?<![0-9０-９])(?:[0-9０-９]{8}|[0-9０-９]{12})(?![0-9０-９])/u.test(rec.text)) return false;
  for (let i = 0; i < rec.text.length; i++) if (/[0-9０-９]/u.test(rec.text[i]!) && !((rec.charConfidences[i] ?? 0) >= floor)) return false;
  return true;
}

/** The same rectangle read the other way round (text baseline direction + 180°). */
function flip(r: RotatedRect): RotatedRect {
  return { ...r, angle: r.angle + Math.PI };
}
