import { fitInside, fitsBase64Budget, MAX_SIDE, MIN_SIDE } from './limits';
import { API_FORMATS, type SniffedFormat } from './sniff';

export interface ImageFacts {
  format: SniffedFormat;
  bytes: number;
  /** Decoded size, upright (EXIF applied); unknown for formats the browser cannot decode. */
  width?: number;
  height?: number;
  orientation: number;
}

export type Plan =
  | { action: 'pass' }
  | { action: 'encode'; width: number; height: number; mime: 'image/jpeg' | 'image/png'; reason: string }
  | { action: 'reject'; code: 'LOCAL.IMAGE_TOO_SMALL' | 'LOCAL.UNSUPPORTED_FORMAT'; message: string };

/** Formats whose pixels are drawings (sharp edges, few colours): PNG keeps text crisp. */
const GRAPHICS: ReadonlySet<SniffedFormat> = new Set(['png', 'gif', 'svg', 'ico', 'bmp']);

/**
 * What to do with an image so the API takes it: send it as it is, re-encode it (converted,
 * downscaled, turned upright), or refuse it with a reason. Pure, so every rule is tested.
 */
export function planImage(facts: ImageFacts): Plan {
  const { format, width, height } = facts;
  if (width === undefined || height === undefined) {
    // TIFF (and HEIC outside Safari) cannot be decoded here: TIFF is an API format and goes as
    // it is when small enough; anything else cannot be read at all.
    if (format === 'tiff' && fitsBase64Budget(facts.bytes)) return { action: 'pass' };
    return { action: 'reject', code: 'LOCAL.UNSUPPORTED_FORMAT', message: `${format.toUpperCase()} images cannot be decoded in this browser` };
  }
  if (Math.min(width, height) < MIN_SIDE) {
    return { action: 'reject', code: 'LOCAL.IMAGE_TOO_SMALL', message: `${width}×${height} px is smaller than ${MIN_SIDE} px on a side` };
  }
  const target = fitInside(width, height);
  const mime = GRAPHICS.has(format) ? 'image/png' : 'image/jpeg';
  const reasons = [
    !API_FORMATS.has(format) && `${format} is not an API format`,
    Math.max(width, height) > MAX_SIDE && `${width}×${height} px is larger than ${MAX_SIDE} px`,
    !fitsBase64Budget(facts.bytes) && `${(facts.bytes / 1048576).toFixed(1)} MB is over the base64 budget`,
    facts.orientation !== 1 && 'EXIF orientation',
  ].filter((r): r is string => typeof r === 'string');
  if (reasons.length === 0) return { action: 'pass' };
  return { action: 'encode', ...target, mime, reason: reasons.join('; ') };
}

/** JPEG qualities tried in turn until the base64 fits; then the image is scaled down. */
export const JPEG_QUALITIES = [0.92, 0.85, 0.75, 0.6, 0.45] as const;
export const SHRINK_STEP = 0.75;
