import { documentKindInMessage, isRetryableAnswer, recognitionError, type RecognitionError } from '../recognize/errors';

/**
 * Huawei Cloud's own error codes beyond the contract's AIS.*: ModelArts (service, concurrency,
 * backend timeout) and the API gateway (path, body size, auth, throttling). DESIGN.md lists them.
 */
export const HUAWEI_CODES = ['ModelArts.4204', 'ModelArts.4401', 'ModelArts.4402', 'APIG.0101', 'APIG.0201', 'APIG.0301', 'APIG.0307', 'APIG.0308'] as const;

/**
 * The live API gateway spells its codes `APIGW.xxxx` as well as `APIG.xxxx` (public reports show
 * both, DESIGN.md): one vocabulary, so `APIGW.0301` → `APIG.0301`. Every other code is unchanged.
 * Idempotent; the single place where spellings are folded.
 */
export function canonicalCode(code: string): string {
  return code.replace(/^APIGW\./, 'APIG.');
}

/** Huawei's codes worth retrying with back-off (DESIGN.md): throttling, overload, backend timeouts. */
const RETRYABLE_CODES = new Set(['ModelArts.4401', 'ModelArts.4402', 'APIG.0308']);

/** Either spelling of a gateway code (APIG./APIGW.) gives the same answer. */
export function isRetryable(sent: string, status?: number): boolean {
  const code = canonicalCode(sent);
  if (code.startsWith('AIS.') || status === 401) return false;
  return RETRYABLE_CODES.has(code) || isRetryableAnswer(code, status);
}

/**
 * Codes after which IAM auth gets a fresh token, once (DESIGN.md: "renew … once on
 * APIG.0301/0307"). Canonical spelling; `renewsToken` folds APIGW.* first.
 */
const TOKEN_REJECTED = new Set(['APIG.0301', 'APIG.0307']);

export function renewsToken(sent: string): boolean {
  return TOKEN_REJECTED.has(canonicalCode(sent));
}

/**
 * A signature or token the gateway rejected (APIG.0301/0307): by the time an outcome leaves the
 * client, an IAM token has had its one renewal, so the credentials themselves are refused.
 */
const REFUSED_CREDENTIALS = new Set(['APIG.0301', 'APIG.0307']);
/** Throttling answers (DESIGN.md): APIG.0308, ModelArts.4401 (too many concurrent requests), HTTP 429. */
const THROTTLED = new Set(['APIG.0308', 'ModelArts.4401']);

/**
 * An error Huawei's servers answered: the code folded to its canonical spelling (the server's own
 * kept in `sentCode` when it differs), retryable by Huawei's table.
 */
export function huaweiError(sent: string, message: string, extra: { status?: number; requestId?: string; retryAfterMs?: number } = {}): RecognitionError {
  const code = canonicalCode(sent);
  // A server built on our engine (the emulator, an in-house one) names the kind of paper it saw.
  const kind = code === 'AIS.0104' ? documentKindInMessage(message) : undefined;
  return recognitionError(code, message, {
    ...extra,
    sentCode: sent,
    retryable: isRetryable(sent, extra.status),
    ...(REFUSED_CREDENTIALS.has(code) ? { refusedCredentials: true } : {}),
    ...(THROTTLED.has(code) || extra.status === 429 ? { throttled: true } : {}),
    ...(kind ? { documentKind: kind } : {}),
  });
}
