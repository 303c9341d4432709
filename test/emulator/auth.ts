import type { IncomingMessage } from 'node:http';
import { parseAuthorization, signature, signingParts } from '../../lib/huawei/signer';
import type { ErrorName } from './replies';
import type { EmulatorOptions } from './options';

const LOCK_AFTER = 5;
const LOCK_MS = 5 * 60 * 1000;

function parseSdkDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Number.NaN;
}

export interface AuthVerdict {
  ok: boolean;
  scheme: 'aksk' | 'token' | 'none';
  error?: ErrorName;
  /**
   * Why a signature was refused (tests tell a wrong clock from wrong keys; the client only ever
   * sees APIG.0301, like from the gateway): X-Sdk-Date outside ±clockSkewMs of the emulator's now,
   * or anything else (AK, SK, signed headers, body).
   */
  reason?: 'stale-date' | 'bad-signature' | 'locked';
}

/**
 * Verifies an SDK-HMAC-SHA256 signature (or a token) the way the API gateway does. `now` is the
 * emulator's clock (ms; this machine's plus `clockOffsetMs`).
 */
export function createAuthChecker(options: EmulatorOptions, now: () => number = Date.now) {
  let failures = 0;
  let lockedUntil = 0;
  return async function check(req: IncomingMessage, body: Buffer): Promise<AuthVerdict> {
    const token = req.headers['x-auth-token'];
    if (typeof token === 'string') {
      return token === options.token ? { ok: true, scheme: 'token' } : { ok: false, scheme: 'token', error: 'badToken' };
    }
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) return { ok: false, scheme: 'none', error: 'badAuth' };
    if (now() < lockedUntil) return { ok: false, scheme: 'aksk', error: 'locked', reason: 'locked' };
    const date = String(req.headers['x-sdk-date'] ?? '');
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const signsEssentials = auth.signedHeaders.includes('host') && auth.signedHeaders.includes('x-sdk-date');
    const fresh = Math.abs(now() - parseSdkDate(date)) <= options.clockSkewMs;
    let valid = false;
    if (auth.ak === options.ak && signsEssentials && fresh && Object.keys(headers).length === auth.signedHeaders.length) {
      const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
      const parts = await signingParts({ method: req.method ?? 'POST', url, headers, body: new Uint8Array(body) });
      valid = (await signature(parts, options.sk)) === auth.signature;
    }
    if (valid) {
      failures = 0;
      return { ok: true, scheme: 'aksk' };
    }
    failures += 1;
    if (failures >= LOCK_AFTER) {
      lockedUntil = now() + LOCK_MS;
      failures = 0;
    }
    return { ok: false, scheme: 'aksk', error: 'badAuth', reason: fresh ? 'bad-signature' : 'stale-date' };
  };
}
