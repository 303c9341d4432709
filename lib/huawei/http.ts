import { LocalCode, recognitionError, type RecognitionError } from '../recognize/errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export const REQUEST_TIMEOUT_MS = 60_000;

/** fetch() with a timeout; network failures become typed errors instead of bare TypeErrors. */
export async function fetchOrError(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
): Promise<Response | RecognitionError> {
  try {
    return await fetchFn(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return name === 'TimeoutError'
      ? recognitionError(LocalCode.timeout, `no answer from ${new URL(url).host} in ${REQUEST_TIMEOUT_MS / 1000} s`)
      : recognitionError(LocalCode.network, `could not reach ${new URL(url).host}`);
  }
}

/**
 * Largest answer read, bytes. A quota-invoice result is under 1 kB and an error under 2 kB; a
 * gateway's HTML error page some tens of kB. Anything bigger is not an answer worth holding in the
 * worker's memory (an answer with a 48 MB field must not become a stored result).
 */
export const MAX_ANSWER_BYTES = 256 * 1024;

/** A body too large to read: the reading stopped at the bound. */
export const TOO_LARGE = Symbol('answer too large');

/**
 * Reads a body as JSON, at most `maxBytes` of it (the rest is cancelled, not downloaded): an HTML
 * error page or garbage gives null, a body over the bound TOO_LARGE; never an exception.
 */
export async function readJson(response: Response, maxBytes = MAX_ANSWER_BYTES): Promise<unknown> {
  const declared = Number(response.headers.get('Content-Length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return TOO_LARGE;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (;;) {
      const next = reader ? await reader.read() : { done: true as const, value: undefined };
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        await reader?.cancel().catch(() => {});
        return TOO_LARGE;
      }
      chunks.push(next.value);
    }
  } catch {
    return null; // the connection dropped mid-answer
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

export function isResponse(value: Response | RecognitionError): value is Response {
  return typeof (value as Response).status === 'number' && 'headers' in value;
}
