import { LocalCode, recognitionError, type RecognitionError } from './errors';

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

/** Reads a body as JSON; an HTML error page or garbage gives null, not an exception. */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function isResponse(value: Response | RecognitionError): value is Response {
  return typeof (value as Response).status === 'number' && 'headers' in value;
}
