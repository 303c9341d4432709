// Red seals (监制章, 发票专用章) stamped over printed lines: their strokes cross the digits and the
// recognizer reads a mix of both. Black and blue print survives under red ink (the seal is
// multiplied over it), so turning the reddish pixels to paper white leaves the line as printed.
import type { RgbaImage } from './image';

/** Reddish: red well above both green and blue (seal ink, also red-printed invoice numbers). */
function reddish(d: Uint8ClampedArray, i: number): boolean {
  const r = d[i]!, g = d[i + 1]!, b = d[i + 2]!;
  return r >= 110 && r - Math.max(g, b) >= 70;
}

/** Share (0–1) of a crop's pixels in seal red. */
export function redShare(img: RgbaImage): number {
  const n = img.width * img.height;
  let red = 0;
  for (let i = 0; i < n * 4; i += 4) if (reddish(img.data, i)) red++;
  return n ? red / n : 0;
}

/** The crop with seal red turned to white; everything else as it was. */
export function withoutRed(img: RgbaImage): RgbaImage {
  const data = new Uint8ClampedArray(img.data);
  for (let i = 0; i < data.length; i += 4) if (reddish(data, i)) data.fill(255, i, i + 3);
  return { width: img.width, height: img.height, data };
}
