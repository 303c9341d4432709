import type { SniffedFormat } from './sniff';

const u32 = (bytes: Uint8Array, at: number) => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * A PNG reaches its IEND chunk with every chunk whole (PNG spec §5.3: length, type, data, CRC).
 * A download or copy cut short stops in the middle of a chunk.
 */
function pngComplete(bytes: Uint8Array): boolean {
  for (let at = 8; at + 12 <= bytes.length; ) {
    const end = at + 12 + u32(bytes, at);
    if (end > bytes.length) return false;
    if (ascii(bytes, at + 4, at + 8) === 'IEND') return true;
    at = end;
  }
  return false;
}

/**
 * A JPEG has its end-of-image marker (FF D9) after its first scan (SOS, FF DA). The segments before
 * the scan are walked by their lengths, so an EXIF thumbnail's own FF D9 (inside APP1) does not
 * count; inside the scan FF is stuffed as FF 00 (ITU T.81 §B.1.1.5), so FF D9 there is the end.
 * Bytes some cameras append after the end are allowed.
 */
function jpegComplete(bytes: Uint8Array): boolean {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return false;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda) break;
    at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
  }
  for (let i = at + 2; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}

/**
 * Whether an image's bytes end where its format says it ends: false for a PNG or JPEG cut short
 * (an interrupted download, a file copied before it was written). Browsers differ on such files
 * (Chromium refuses to decode a truncated PNG, Firefox may show what arrived), so the bytes decide,
 * the same in every browser. Other formats: true (not checked).
 */
export function imageComplete(format: SniffedFormat, bytes: Uint8Array): boolean {
  if (format === 'png') return pngComplete(bytes);
  if (format === 'jpeg') return jpegComplete(bytes);
  return true;
}
