// Text direction classification (0° vs 180°) with ch_ppocr_mobile_v2.0_cls on line crops.
// Used page-wide by the engine: a page is upside down as a whole, so the per-line votes are
// pooled rather than trusted one by one.
import type { Model } from './runtime';
import { type RgbaImage, resize } from './image';
import { REC_NORM, writeChw } from './tensor';
import { stageClock } from './stage-clock';

const CLS_H = 48;
const CLS_W = 192;

/** Probability that each crop is upside down. */
export async function upsideDownProb(model: Model, crops: RgbaImage[]): Promise<number[]> {
  if (!crops.length) return [];
  const started = performance.now();
  const plane = CLS_H * CLS_W;
  const input = new Float32Array(crops.length * 3 * plane); // right-padded with 0, like PaddleOCR
  crops.forEach((c, b) => {
    const w = Math.min(CLS_W, Math.max(1, Math.ceil((CLS_H * c.width) / Math.max(1, c.height))));
    writeChw(resize(c, w, CLS_H), input, b * 3 * plane, CLS_W, REC_NORM);
  });
  const feeds = { [model.session.inputNames[0]!]: new model.Tensor('float32', input, [crops.length, 3, CLS_H, CLS_W]) };
  const out = (await model.session.run(feeds))[model.session.outputNames[0]]; // [N, 2]: labels '0', '180'
  const p = out.data as Float32Array;
  const result = crops.map((_, i) => p[i * 2 + 1]);
  out.dispose?.();
  stageClock.add('cls', started, crops.length);
  return result;
}
