import { LocalCode, recognitionError, type RecognitionError } from '../recognize/errors';
import { imageComplete } from './complete';
import { jpegOrientation } from './exif';
import { fitsBase64Budget, MIN_SIDE } from './limits';
import { JPEG_QUALITIES, planImage, SHRINK_STEP } from './plan';
import { MIME_OF, notImageHolds, sniffFormat, type SniffedFormat } from './sniff';

export interface NormalizedImage {
  blob: Blob;
  sourceFormat: SniffedFormat;
  /** Re-encoded (converted, downscaled or turned upright) rather than sent as captured. */
  converted: boolean;
  /** Why it was re-encoded, for the capture's record. */
  reason?: string;
  /**
   * The image as decoded to check it (upright, EXIF applied), when it passes unchanged and was
   * decoded: handed on so the next step (the search for several invoices in a photo) does not
   * decode it again (~25 ms a capture, issue 10's profile). The caller owns it and must close it.
   */
  decoded?: ImageBitmap;
}

export type Normalized = { ok: true; image: NormalizedImage } | { ok: false; error: RecognitionError };

export interface NormalizeDeps {
  /** SVG needs a DOM to rasterize (workers cannot decode it): the offscreen document does it. */
  rasterizeSvg?: (svg: Blob) => Promise<Blob>;
}

async function decode(blob: Blob): Promise<ImageBitmap | undefined> {
  try {
    // EXIF orientation applied, so width/height and pixels are upright.
    return await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    return undefined;
  }
}

/** Draws at the given size on white and encodes; JPEG qualities step down, then the size does. */
async function encodeWithinBudget(bitmap: ImageBitmap, width: number, height: number, mime: string): Promise<Blob | null> {
  for (let w = width, h = height; Math.min(w, h) >= MIN_SIDE; w = Math.round(w * SHRINK_STEP), h = Math.round(h * SHRINK_STEP)) {
    const canvas = new OffscreenCanvas(w, h);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff'; // transparency (PNG, GIF, SVG) becomes paper white, not black
    context.fillRect(0, 0, w, h);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, w, h);
    if (mime === 'image/png') {
      const png = await canvas.convertToBlob({ type: 'image/png' });
      if (fitsBase64Budget(png.size)) return png;
    }
    for (const quality of JPEG_QUALITIES) {
      const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (fitsBase64Budget(jpeg.size)) return jpeg;
    }
  }
  return null;
}

/**
 * Makes any captured image acceptable to the API: JPEG/PNG/BMP/TIFF within the limits go as they
 * are; WebP, GIF (first frame), AVIF, SVG, ICO are converted; huge photos are downscaled and
 * re-encoded until the base64 fits; EXIF orientation is honoured. Only a truly unusable image
 * gets an error. Runs in the worker (OffscreenCanvas) or any page.
 */
export async function normalizeImage(input: Blob, deps: NormalizeDeps = {}): Promise<Normalized> {
  const bytes = new Uint8Array(await input.arrayBuffer());
  const format = sniffFormat(bytes);
  const mime = MIME_OF[format];
  if (!mime) return { ok: false, error: recognitionError(LocalCode.notImage, `the data is ${format === 'html' ? 'a web page' : format}, not an image`, { holds: notImageHolds(format) }) };
  const typed = input.type === mime ? input : new Blob([bytes as BlobPart], { type: mime });
  let drawable: Blob = typed;
  if (format === 'svg') {
    if (!deps.rasterizeSvg) return { ok: false, error: recognitionError(LocalCode.unsupportedFormat, 'SVG cannot be rasterized here') };
    drawable = await deps.rasterizeSvg(typed);
  }
  // Bytes cut short are refused before decoding: browsers differ on what they make of them.
  const complete = imageComplete(format, bytes);
  let bitmap = complete ? await decode(drawable) : undefined;
  try {
    const orientation = format === 'jpeg' ? jpegOrientation(bytes) : 1;
    const plan = planImage({ format, bytes: bytes.length, width: bitmap?.width, height: bitmap?.height, orientation, complete });
    if (plan.action === 'pass') {
      const decoded = drawable === typed ? bitmap : undefined; // a rasterized SVG's is not the stored image's
      if (decoded) bitmap = undefined; // now the caller's to close
      return { ok: true, image: { blob: typed, sourceFormat: format, converted: false, decoded } };
    }
    if (plan.action === 'reject') return { ok: false, error: recognitionError(plan.code, plan.message, plan.imageSize ? { imageSize: plan.imageSize } : {}) };
    const blob = await encodeWithinBudget(bitmap!, plan.width, plan.height, plan.mime);
    if (!blob) return { ok: false, error: recognitionError(LocalCode.imageTooSmall, 'the image cannot be made small enough for the API') };
    return { ok: true, image: { blob, sourceFormat: format, converted: true, reason: plan.reason } };
  } finally {
    bitmap?.close();
  }
}
