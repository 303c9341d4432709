import { imageSize } from 'image-size';
import { sniffFormat } from '../../lib/image/sniff';
import type { ErrorName } from './replies';

export const MAX_BASE64_BYTES = 10 * 1024 * 1024;
export const MIN_SIDE = 15;
export const MAX_SIDE = 4096;
const ACCEPTED = new Set(['jpeg', 'png', 'bmp', 'tiff']);

/** The API's image limits (DESIGN.md): format, base64 size, side lengths. */
export function checkImage(bytes: Uint8Array, base64Length: number): ErrorName | null {
  if (base64Length > MAX_BASE64_BYTES) return 'badSize';
  if (!ACCEPTED.has(sniffFormat(bytes))) return 'badFormat';
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    return 'badFormat';
  }
  const { width = 0, height = 0 } = size;
  if (Math.min(width, height) < MIN_SIDE || Math.max(width, height) > MAX_SIDE) return 'badSize';
  return null;
}

/** Strict base64 (the API takes no data: prefix and no line breaks). */
export function decodeBase64(value: string): Buffer | null {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return null;
  return Buffer.from(value, 'base64');
}
