import { canonicalQuery, canonicalUri } from './encoding';
import { hmacSha256Hex, sha256Hex } from './crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface SignableRequest {
  method: string;
  url: string;
  /** Headers to sign; `host` and `x-sdk-date` must be among them (see `signRequest`). */
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface SigningParts {
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
}

/** X-Sdk-Date format: YYYYMMDDTHHMMSSZ in UTC. */
export function sdkDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The host as signed: no port for the scheme's default port (URL.host already drops it). */
export function signingHost(url: string): string {
  return new URL(url).host;
}

export async function signingParts(request: SignableRequest): Promise<SigningParts> {
  const url = new URL(request.url);
  const entries = Object.entries(request.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = entries.map(([name]) => name).join(';');
  const date = entries.find(([name]) => name === 'x-sdk-date')?.[1];
  if (!date) throw new Error('x-sdk-date header is required for signing');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    entries.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    await sha256Hex(request.body),
  ].join('\n');
  const stringToSign = [SIGNING_ALGORITHM, date, await sha256Hex(canonicalRequest)].join('\n');
  return { canonicalRequest, stringToSign, signedHeaders };
}

export async function signature(parts: SigningParts, sk: string): Promise<string> {
  return hmacSha256Hex(sk, parts.stringToSign);
}

export function authorizationHeader(ak: string, signedHeaders: string, sig: string): string {
  return `${SIGNING_ALGORITHM} Access=${ak}, SignedHeaders=${signedHeaders}, Signature=${sig}`;
}

/**
 * Signs a request: adds `host` and `X-Sdk-Date` to the signed headers when missing and returns
 * the headers to send, with `Authorization`. `host` is signed but must not be set on fetch()
 * (a forbidden header): the caller drops it, the browser sends the same value.
 * `clockOffsetMs` (gateway time minus local time, ms; see clock.ts) is added to `now`, so a
 * computer whose clock is off still sends an X-Sdk-Date the gateway accepts.
 */
export async function signRequest(
  request: SignableRequest,
  credentials: { ak: string; sk: string },
  now: Date = new Date(),
  clockOffsetMs = 0,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = { ...request.headers };
  const names = new Set(Object.keys(headers).map((n) => n.toLowerCase()));
  if (!names.has('host')) headers.host = signingHost(request.url);
  if (!names.has('x-sdk-date')) headers['X-Sdk-Date'] = sdkDate(new Date(now.getTime() + clockOffsetMs));
  const parts = await signingParts({ ...request, headers });
  const sig = await signature(parts, credentials.sk);
  return { ...headers, Authorization: authorizationHeader(credentials.ak, parts.signedHeaders, sig) };
}

export interface ParsedAuthorization {
  ak: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` (used by the server side). */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  const match = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    header?.trim() ?? '',
  );
  if (!match) return null;
  return { ak: match[1]!, signedHeaders: match[2]!.split(';'), signature: match[3]! };
}
