/**
 * The real format of some bytes, from their magic numbers: URLs and Content-Type lie (a logged-out
 * web-mail link answers 200 with an HTML login page).
 */
export type SniffedFormat =
  | 'jpeg' | 'png' | 'bmp' | 'tiff' | 'gif' | 'webp' | 'avif' | 'heic' | 'ico' | 'svg'
  | 'html' | 'json' | 'text' | 'empty' | 'unknown';

export const API_FORMATS: ReadonlySet<SniffedFormat> = new Set(['jpeg', 'png', 'bmp', 'tiff']);

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

function sniffText(bytes: Uint8Array): SniffedFormat {
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body') || head.startsWith('<!--')) return 'html';
  // A page that opens with another tag (a login page starting with <meta>, <title> or <script>) is
  // still a web page: the words for it ask "are you logged in?", those for text do not (trial 6).
  if (head.startsWith('<') && /<(html|head|body|meta|title|script|link|style|div|form)[\s>/]/.test(head)) return 'html';
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  return isPlainText(bytes.subarray(0, 512)) ? 'text' : 'unknown';
}

/**
 * Whether bytes read as plain text: valid UTF-8 (a character cut at the end of the sample is
 * allowed) with no control characters but tab, line breaks and form feed. A notes file renamed
 * `.png` is text; an image's binary header never is.
 */
function isPlainText(sample: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return false;
  }
  return text.length > 0 && !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length >= 26) return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(brand)) return 'heic';
  }
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return 'ico';
  return sniffText(bytes);
}

export const MIME_OF: Partial<Record<SniffedFormat, string>> = {
  jpeg: 'image/jpeg', png: 'image/png', bmp: 'image/bmp', tiff: 'image/tiff', gif: 'image/gif',
  webp: 'image/webp', avif: 'image/avif', heic: 'image/heic', ico: 'image/x-icon', svg: 'image/svg+xml',
};

/** What bytes that are no image hold instead, for the words of LOCAL.NOT_IMAGE (a format MIME_OF lacks). */
export type NotImageHolds = 'html' | 'json' | 'text' | 'empty' | 'unknown';

/** The sniffed format as NotImageHolds: a page, JSON, text or nothing as such, any other format `unknown`. */
export function notImageHolds(format: SniffedFormat): NotImageHolds {
  return format === 'html' || format === 'json' || format === 'text' || format === 'empty' ? format : 'unknown';
}
