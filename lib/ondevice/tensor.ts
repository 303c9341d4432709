// RGBA pixels -> normalized planar float32, the input layout all three PaddleOCR models take.
import type { RgbaImage } from './image';

export interface Normalization {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/** ImageNet statistics, used by the DB detector. */
export const DET_NORM: Normalization = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
/** (x/255 - 0.5) / 0.5, used by the recognizer and the direction classifier. */
export const REC_NORM: Normalization = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };

/**
 * Write `img` into `out` as CHW starting at `offset`, for a tensor plane of `planeW` x
 * img.height (planeW >= img.width; columns past img.width are left as they are, i.e. 0,
 * which is PaddleOCR's padding value for batched recognition).
 *
 * Channel order is B, G, R: PaddleOCR trains and infers on cv2-decoded BGR arrays and
 * applies mean[0]/std[0] to the B plane; we match that (RGB vs BGR was not compared here).
 */
export function writeChw(
  img: RgbaImage,
  out: Float32Array,
  offset: number,
  planeW: number,
  norm: Normalization,
  order: 'bgr' | 'rgb' = 'bgr',
): void {
  const { width: w, height: h, data } = img;
  const plane = planeW * h;
  // Precompute (v/255 - mean)/std for each of the 256 byte values per channel.
  const lut = [0, 1, 2].map((c) => {
    const t = new Float32Array(256);
    for (let v = 0; v < 256; v++) t[v] = (v / 255 - norm.mean[c]) / norm.std[c];
    return t;
  });
  const [l0, l1, l2] = lut;
  const c0 = order === 'bgr' ? 2 : 0; // byte offset of the channel that goes to plane 0
  const c2 = 2 - c0;
  for (let y = 0; y < h; y++) {
    let i = y * w * 4;
    let o = offset + y * planeW;
    for (let x = 0; x < w; x++, i += 4, o++) {
      out[o] = l0[data[i + c0]];
      out[o + plane] = l1[data[i + 1]];
      out[o + 2 * plane] = l2[data[i + c2]];
    }
  }
}
