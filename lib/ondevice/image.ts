// Pure-TS RGBA raster helpers. No DOM, no Node: this file must run unchanged in a
// Chrome MV3 offscreen document, a worker, or Node (ImageData has the same shape, so a
// canvas ImageData can be passed in directly).

/** 8-bit RGBA, row-major, 4 bytes per pixel (same layout as DOM ImageData). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export type Rgb = readonly [number, number, number];
export const WHITE: Rgb = [255, 255, 255];

export function createImage(width: number, height: number, fill: Rgb = WHITE): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = fill[0];
    data[i + 1] = fill[1];
    data[i + 2] = fill[2];
    data[i + 3] = 255;
  }
  return { width, height, data };
}

/**
 * Bilinear resize. When shrinking by more than 2x we first box-average, because plain
 * bilinear then skips source pixels and thin CJK strokes alias away.
 */
export function resize(src: RgbaImage, width: number, height: number): RgbaImage {
  let img = src;
  while (img.width >= 2 * width && img.height >= 2 * height) img = halve(img);
  // Identity map, then a bilinear sample at pixel centres.
  const sx = img.width / width;
  const sy = img.height / height;
  return warpAffine(img, [sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5], width, height, null);
}

/**
 * 2x2 box average (used as a cheap anti-alias pre-filter for large down-scales): each channel
 * (s00 + s01 + s10 + s11 + 2) >> 2, an odd last row or column dropped. Two channels at a time in
 * one 32-bit word (bytes 0 and 2, then 1 and 3, each in a 16-bit lane: at most 4 × 255 + 2, so
 * no carry between lanes), the same bytes as a channel at a time at about a quarter of the time
 * (the fast pipeline halves every photo for its 480 px detection). Pixels not aligned to 4 bytes in
 * their buffer are copied first. Also the sheet finder's first look (sheet.ts plainlyOnePaper).
 */
export function halve(src: RgbaImage): RgbaImage {
  const w = src.width >> 1;
  const h = src.height >> 1;
  const out = new Uint8ClampedArray(w * h * 4);
  const s = src.data.byteOffset % 4 === 0 ? src.data : src.data.slice();
  const words = new Uint32Array(s.buffer, s.byteOffset, src.width * src.height);
  const outWords = new Uint32Array(out.buffer);
  const stride = src.width;
  for (let y = 0; y < h; y++) {
    let i = 2 * y * stride;
    let o = y * w;
    for (let x = 0; x < w; x++, i += 2, o++) {
      const a = words[i]!, b = words[i + 1]!, c = words[i + stride]!, d = words[i + stride + 1]!;
      const even = (a & 0xff00ff) + (b & 0xff00ff) + (c & 0xff00ff) + (d & 0xff00ff) + 0x20002;
      const odd = ((a >>> 8) & 0xff00ff) + ((b >>> 8) & 0xff00ff) + ((c >>> 8) & 0xff00ff) + ((d >>> 8) & 0xff00ff) + 0x20002;
      outWords[o] = ((even >>> 2) & 0xff00ff) | (((odd >>> 2) & 0xff00ff) << 8);
    }
  }
  return { width: w, height: h, data: out };
}

/** Axis-aligned crop; the rectangle is clamped to the image. */
export function crop(src: RgbaImage, x: number, y: number, width: number, height: number): RgbaImage {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(src.width, Math.ceil(x + width));
  const y1 = Math.min(src.height, Math.ceil(y + height));
  const w = Math.max(0, x1 - x0);
  const h = Math.max(0, y1 - y0);
  const out = new Uint8ClampedArray(w * h * 4);
  for (let r = 0; r < h; r++) {
    const from = ((y0 + r) * src.width + x0) * 4;
    out.set(src.data.subarray(from, from + w * 4), r * w * 4);
  }
  return { width: w, height: h, data: out };
}

/** Exact 180° rotation (pixel order reversed). */
export function rotate180(src: RgbaImage): RgbaImage {
  const n = src.width * src.height;
  const out = new Uint8ClampedArray(n * 4);
  const u32in = new Uint32Array(src.data.buffer, src.data.byteOffset, n);
  const u32out = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) u32out[i] = u32in[n - 1 - i];
  return { width: src.width, height: src.height, data: out };
}

/** Exact 90° rotation; clockwise = true turns the top edge to the right. */
export function rotate90(src: RgbaImage, clockwise = true): RgbaImage {
  const { width: w, height: h } = src;
  const out = new Uint8ClampedArray(w * h * 4);
  const u32in = new Uint32Array(src.data.buffer, src.data.byteOffset, w * h);
  const u32out = new Uint32Array(out.buffer);
  // Output is h wide, w tall.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const nx = clockwise ? h - 1 - y : y;
      const ny = clockwise ? x : w - 1 - x;
      u32out[ny * h + nx] = u32in[y * w + x];
    }
  }
  return { width: h, height: w, data: out };
}

/**
 * 2x3 affine map from OUTPUT pixel coords to SOURCE pixel coords:
 * srcX = m[0]*x + m[1]*y + m[2], srcY = m[3]*x + m[4]*y + m[5].
 * (Inverse mapping, so every output pixel is sampled exactly once.)
 */
export type Affine = readonly [number, number, number, number, number, number];

/**
 * Bilinear inverse-mapped warp. Samples outside the source take `bg`; bg = null clamps to
 * the nearest edge pixel instead (right for resizing and for text crops that touch the border).
 */
export function warpAffine(src: RgbaImage, m: Affine, width: number, height: number, bg: Rgb | null = WHITE): RgbaImage {
  const out = new Uint8ClampedArray(width * height * 4);
  const sw = src.width;
  const sh = src.height;
  const s = src.data;
  for (let y = 0; y < height; y++) {
    // Incremental evaluation along the row keeps the inner loop to additions.
    let fx = m[1] * y + m[2];
    let fy = m[4] * y + m[5];
    let o = y * width * 4;
    for (let x = 0; x < width; x++, fx += m[0], fy += m[3], o += 4) {
      if (bg && (fx < -0.5 || fy < -0.5 || fx > sw - 0.5 || fy > sh - 0.5)) {
        out[o] = bg[0];
        out[o + 1] = bg[1];
        out[o + 2] = bg[2];
        out[o + 3] = 255;
        continue;
      }
      const cx = Math.min(Math.max(fx, 0), sw - 1);
      const cy = Math.min(Math.max(fy, 0), sh - 1);
      const x0 = Math.floor(cx);
      const y0 = Math.floor(cy);
      const x1 = Math.min(x0 + 1, sw - 1);
      const y1 = Math.min(y0 + 1, sh - 1);
      const ax = cx - x0;
      const ay = cy - y0;
      const i00 = (y0 * sw + x0) * 4;
      const i01 = (y0 * sw + x1) * 4;
      const i10 = (y1 * sw + x0) * 4;
      const i11 = (y1 * sw + x1) * 4;
      for (let c = 0; c < 4; c++) {
        const top = s[i00 + c] + (s[i01 + c] - s[i00 + c]) * ax;
        const bot = s[i10 + c] + (s[i11 + c] - s[i10 + c]) * ax;
        out[o + c] = top + (bot - top) * ay;
      }
    }
  }
  return { width, height, data: out };
}

/**
 * Rotate by an arbitrary angle (degrees, positive = clockwise on screen, since y points down)
 * about the centre, growing the canvas so nothing is cut off; new area is filled with `bg`.
 * Used to deskew, and to synthesize tilted test inputs.
 */
export function rotate(src: RgbaImage, degrees: number, bg: Rgb = WHITE): RgbaImage {
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const w = Math.ceil(Math.abs(src.width * cos) + Math.abs(src.height * sin) - 1e-6);
  const h = Math.ceil(Math.abs(src.width * sin) + Math.abs(src.height * cos) - 1e-6);
  const scx = (src.width - 1) / 2;
  const scy = (src.height - 1) / 2;
  const dcx = (w - 1) / 2;
  const dcy = (h - 1) / 2;
  // Output -> source is the inverse rotation (by -a) around the centres.
  const m: Affine = [cos, sin, scx - cos * dcx - sin * dcy, -sin, cos, scy + sin * dcx - cos * dcy];
  return warpAffine(src, m, w, h, bg);
}

/**
 * Sample an oriented rectangle out of `src` as an upright image of outW x outH.
 * (cx, cy) is the rectangle's centre, (w, h) its size along/across the text direction,
 * angle (radians) the direction of the text baseline in image coords. angle = π yields the
 * rectangle already turned upright for upside-down text, so no extra rotation pass is needed.
 */
export function cropRotatedRect(
  src: RgbaImage,
  rect: { cx: number; cy: number; w: number; h: number; angle: number },
  outW: number,
  outH: number,
): RgbaImage {
  const ux = Math.cos(rect.angle);
  const uy = Math.sin(rect.angle);
  const sx = rect.w / outW;
  const sy = rect.h / outH;
  // Output pixel centre (x+0.5, y+0.5) -> local (u, v) -> image point; v axis is u turned +90°.
  const m: Affine = [
    ux * sx,
    -uy * sy,
    rect.cx + ux * (0.5 * sx - rect.w / 2) - uy * (0.5 * sy - rect.h / 2) - 0.5,
    uy * sx,
    ux * sy,
    rect.cy + uy * (0.5 * sx - rect.w / 2) + ux * (0.5 * sy - rect.h / 2) - 0.5,
  ];
  return warpAffine(src, m, Math.max(1, Math.round(outW)), Math.max(1, Math.round(outH)), null);
}
