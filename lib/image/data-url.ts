import { base64ToBytes } from './base64';

/** Standard base64's alphabet (RFC 4648 §4), then at most two pad characters, and nothing else. */
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * True when `text` (whitespace removed) is standard base64 (RFC 4648 §4): its alphabet, a length
 * whole groups of 4 make when padded, or any but 1 left over when not (unpadded base64 is taken).
 * In linear time: the one regular expression that checked the groups as well made V8 recurse once
 * per group and overflow its stack on photos over about 3 MB (a new user's 3.35 MB pick was lost
 * without a word).
 */
function isBase64(text: string): boolean {
  if (!BASE64_CHARS.test(text)) return false;
  return text.endsWith('=') ? text.length % 4 === 0 : text.length % 4 !== 1;
}

/**
 * A `data:` URL (RFC 2397) decoded: its media type (lower case, parameters dropped; '' when none)
 * and its bytes. Null when it is no data: URL, its base64 is not valid (a link cut short when
 * copied), or its percent-encoding is broken. Whitespace around the URL and inside base64 (a link
 * wrapped when copied) is ignored. Used by the popup (a pasted data: link taken as a file) and
 * the worker (files arrive as data: URLs).
 */
export function dataUrlBytes(url: string): { mediaType: string; bytes: Uint8Array } | null {
  const match = /^data:([^,]*?)(;base64)?,(.*)$/is.exec(url.trim());
  if (!match) return null;
  const mediaType = match[1]!.split(';')[0]!.trim().toLowerCase();
  if (match[2]) {
    const base64 = match[3]!.replace(/\s+/g, '');
    return isBase64(base64) ? { mediaType, bytes: base64ToBytes(base64) } : null;
  }
  try {
    return { mediaType, bytes: new TextEncoder().encode(decodeURIComponent(match[3]!)) };
  } catch {
    return null;
  }
}
