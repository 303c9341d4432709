import { LocalCode, recognitionError, type RecognitionError } from '../recognize/errors';
import { fetchOrError, isResponse, type FetchLike } from '../huawei/http';
import { MIME_OF, notImageHolds, sniffFormat } from '../image/sniff';

export type FetchedImage = { ok: true; blob: Blob } | { ok: false; error: RecognitionError };

/** Checks that bytes are an image (by magic bytes) and wraps them in a Blob of the real type. */
export function imageFromBytes(bytes: Uint8Array, origin: string): FetchedImage {
  const format = sniffFormat(bytes);
  const mime = MIME_OF[format];
  if (!mime) {
    const what = format === 'html' ? 'a web page' : format === 'empty' ? 'nothing' : `${format} data`;
    return { ok: false, error: recognitionError(LocalCode.notImage, `${origin} returned ${what}, not an image`, { holds: notImageHolds(format) }) };
  }
  return { ok: true, blob: new Blob([bytes as BlobPart], { type: mime }) };
}

/**
 * Statuses that mean the image is no longer there (deleted attachment, expired share): the user
 * must find it again, not log in. Their body is often an HTML error page, which must not be read
 * as the login-page case (that one answers 200).
 */
const GONE_STATUSES = new Set([404, 410]);

/**
 * Fetches an image's bytes from the worker (host permission, the user's cookies), so the page
 * never sees the request. Decides by magic bytes, never by status code or Content-Type; a failing
 * status only names the failure when the bytes are no image (404/410: LOCAL.IMAGE_GONE).
 */
export async function fetchImage(fetchFn: FetchLike, url: string): Promise<FetchedImage> {
  let host: string;
  try {
    const parsed = new URL(url);
    host = parsed.protocol === 'data:' ? 'the data: URL' : parsed.host;
  } catch {
    return { ok: false, error: recognitionError(LocalCode.imageFetch, 'not a valid URL') };
  }
  const response = await fetchOrError(fetchFn, url, { credentials: 'include' });
  if (!isResponse(response)) {
    return { ok: false, error: recognitionError(LocalCode.imageFetch, response.message) };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const image = imageFromBytes(bytes, host);
  if (!response.ok && (!image.ok || bytes.length === 0)) {
    const code = GONE_STATUSES.has(response.status) ? LocalCode.imageGone : LocalCode.imageFetch;
    return { ok: false, error: recognitionError(code, `${host} answered HTTP ${response.status}`, { status: response.status }) };
  }
  return image;
}
