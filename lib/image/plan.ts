import { fitInside, fitsBase64Budget, MAX_SIDE, MIN_SIDE } from './limits';
import { API_FORMATS, type SniffedFormat } from './sniff';

export interface ImageFacts {
  format: SniffedFormat;
  bytes: number;
  /** Decoded size, upright (EXIF applied); unknown for formats the browser cannot decode. */
  width?: number;
  height?: number;
  orientation: number;
  /** The bytes end where the format says (lib/image/complete.ts); false: cut short. */
  complete: boolean;
}

export type Plan =
  | { action: 'pass' }
  | { action: 'encode'; width: number; height: number; mime: 'image/jpeg' | 'image/png'; reason: string }
  | {
      action: 'reject';
      code: 'LOCAL.IMAGE_TOO_SMALL' | 'LOCAL.IMAGE_TOO_NARROW' | 'LOCAL.IMAGE_DAMAGED' | 'LOCAL.UNSUPPORTED_FORMAT';
      message: string;
      /** The decoded size, px, when it is the reason (the words name it). */
      imageSize?: { width: number; height: number };
    };

/** Formats whose pixels are drawings (sharp edges, few colours): PNG keeps text crisp. */
const GRAPHICS: ReadonlySet<SniffedFormat> = new Set(['png', 'gif', 'svg', 'ico', 'bmp']);

/**
 * Formats both browsers decode (Chromium and Firefox: createImageBitmap): one that fails to decode
 * is damaged, not unsupported. TIFF and HEIC are not among them.
 */
const DECODABLE: ReadonlySet<SniffedFormat> = new Set(['jpeg', 'png', 'gif', 'webp', 'bmp', 'ico', 'avif', 'svg']);

/**
 * What to do with an image so the API takes it: send it as it is, re-encode it (converted,
 * downscaled, turned upright), or refuse it with a reason. Pure, so every rule is tested.
 * The size rules are the API's (lib/image/limits.ts): shortest side at least MIN_SIDE px, longest
 * at most MAX_SIDE px after fitting; an image whose shortest side would fall under MIN_SIDE once
 * its longest is fitted (a 5000×16 strip: 4096×13) cannot meet both and is refused for its shape.
 */
export function planImage(facts: ImageFacts): Plan {
  const { format, width, height } = facts;
  if (!facts.complete || (DECODABLE.has(format) && (width === undefined || height === undefined))) {
    return { action: 'reject', code: 'LOCAL.IMAGE_DAMAGED', message: `the ${format.toUpperCase()} data is ${facts.complete ? 'damaged' : 'cut short'}` };
  }
  if (width === undefined || height === undefined) {
    // TIFF (and HEIC outside Safari) cannot be decoded here: TIFF is an API format and goes as
    // it is when small enough; anything else cannot be read at all.
    if (format === 'tiff' && fitsBase64Budget(facts.bytes)) return { action: 'pass' };
    return { action: 'reject', code: 'LOCAL.UNSUPPORTED_FORMAT', message: `${format.toUpperCase()} images cannot be decoded in this browser` };
  }
  const imageSize = { width, height };
  if (Math.min(width, height) < MIN_SIDE) {
    return { action: 'reject', code: 'LOCAL.IMAGE_TOO_SMALL', message: `${width}×${height} px: the shortest side is under ${MIN_SIDE} px`, imageSize };
  }
  const target = fitInside(width, height);
  const fittedShortest = Math.min(target.width, target.height);
  if (fittedShortest < MIN_SIDE) {
    return {
      action: 'reject',
      code: 'LOCAL.IMAGE_TOO_NARROW',
      message: `${width}×${height} px: fitted into ${MAX_SIDE} px, the shortest side would be ${fittedShortest} px, under ${MIN_SIDE} px`,
      imageSize,
    };
  }
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
