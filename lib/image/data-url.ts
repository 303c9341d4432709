import { base64ToBytes } from './base64';

/** Standard base64 (RFC 4648 §4) with its padding; whitespace is removed before the check. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

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
    return BASE64.test(base64) ? { mediaType, bytes: base64ToBytes(base64) } : null;
  }
  try {
    return { mediaType, bytes: new TextEncoder().encode(decodeURIComponent(match[3]!)) };
  } catch {
    return null;
  }
}
