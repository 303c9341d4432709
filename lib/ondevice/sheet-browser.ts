// The worker's (or background page's) side of photos of several invoices: decode with the
// browser, find the papers (sheet.ts, pure pixels, no model), cut each out with a canvas.
import type { RotatedRect } from './geometry';
import { SHEET_SEARCH_SIDE, findInvoices } from './sheet';
import { slipsInFull } from './sheet-crop';

/** JPEG quality of a cut-out invoice: its text must survive a second compression. */
const CROP_QUALITY = 0.92;

/**
 * The invoices of a photo, each cut out upright (its tilt on the desk removed) as a JPEG, in
 * reading order; `[]` when the image holds one invoice (or no desk to tell papers from). Runs where
 * `createImageBitmap` and `OffscreenCanvas` exist: Chrome's service worker, Firefox's background page.
 * Throws when the image cannot be decoded (the caller then reads it whole). `decoded`: `image`
 * already decoded (upright), used instead of decoding it again and left open (the caller's).
 */
export async function cutInvoices(image: Blob, decoded?: ImageBitmap): Promise<Blob[]> {
  const bitmap = decoded ?? (await createImageBitmap(image, { imageOrientation: 'from-image' }));
  try {
    const factor = Math.max(1, Math.max(bitmap.width, bitmap.height) / SHEET_SEARCH_SIDE);
    const w = Math.max(1, Math.round(bitmap.width / factor));
    const h = Math.max(1, Math.round(bitmap.height / factor));
    const small = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
    small.drawImage(bitmap, 0, 0, w, h);
    const regions = slipsInFull(findInvoices(small.getImageData(0, 0, w, h)), bitmap.width / w);
    return await Promise.all(regions.map((r) => cut(bitmap, r)));
  } finally {
    if (!decoded) bitmap.close();
  }
}

/** One region, turned upright, on white where it reaches past the photo's edge. */
function cut(bitmap: ImageBitmap, r: RotatedRect): Promise<Blob> {
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(r.w)), Math.max(1, Math.round(r.h)));
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate(-r.angle);
  ctx.drawImage(bitmap, -r.cx, -r.cy);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: CROP_QUALITY });
}
