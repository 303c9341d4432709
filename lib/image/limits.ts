/**
 * The quota-invoice API's image limits, the strictest of what Huawei's docs say (DESIGN.md):
 * base64 at most 10 MB, sides 15–4096 px (newer docs allow 8192), JPEG/PNG/BMP/TIFF.
 */
export const MAX_BASE64_CHARS = 10 * 1024 * 1024;
export const MIN_SIDE = 15;
export const MAX_SIDE = 4096;

/** Base64 grows 3 bytes into 4 characters. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

export function fitsBase64Budget(bytes: number): boolean {
  return base64Length(bytes) <= MAX_BASE64_CHARS;
}

/** Scale so the longest side is at most MAX_SIDE (never up). */
export function fitInside(width: number, height: number, maxSide = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
