import type { HuaweiConfig } from './config';
import { LocalCode, recognitionError, type RecognitionError } from './errors';
import { fetchOrError, isResponse, readJson, type FetchLike } from './http';
import { ErrorBodySchema, SuccessBodySchema, type QuotaInvoiceResult, type RecognizeBody } from './schemas';
import { signRequest } from './signer';
import type { TokenProvider } from './token';

export type RecognizeOutcome =
  | { ok: true; result: QuotaInvoiceResult; requestId?: string }
  | { ok: false; error: RecognitionError };

export interface ClientDeps {
  fetch: FetchLike;
  tokens: TokenProvider;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

export const MAX_ATTEMPTS = 3;
const BACKOFF_MS = 800;

type Headers = { ok: true; headers: Record<string, string> } | { ok: false; error: RecognitionError };

async function headersFor(config: HuaweiConfig, body: string, deps: ClientDeps): Promise<Headers> {
  const base: Record<string, string> = { 'Content-Type': 'application/json' };
  if (config.projectId) base['X-Project-Id'] = config.projectId;
  if (config.auth.mode === 'iam') {
    const token = await deps.tokens.get(config.auth);
    return typeof token === 'string' ? { ok: true, headers: { ...base, 'X-Auth-Token': token } } : { ok: false, error: token };
  }
  const signed = await signRequest({ method: 'POST', url: config.url, headers: base, body }, config.auth, deps.now?.());
  // `host` is signed but is a forbidden fetch() header: the browser sends the same value itself.
  delete signed.host;
  return { ok: true, headers: signed };
}

/** Turns one HTTP answer into a result or a typed error; HTML pages and odd JSON are errors too. */
export async function readOutcome(response: Response): Promise<RecognizeOutcome> {
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  const json = await readJson(response);
  if (response.ok) {
    const success = SuccessBodySchema.safeParse(json);
    if (success.success) return { ok: true, result: success.data.result, ...(requestId ? { requestId } : {}) };
  }
  const failure = ErrorBodySchema.safeParse(json);
  const error = failure.success
    ? recognitionError(failure.data.error_code, failure.data.error_msg, { status: response.status, requestId })
    : recognitionError(
        response.ok ? LocalCode.badResponse : `HTTP.${response.status}`,
        json === null ? `HTTP ${response.status}: the answer is not JSON` : `HTTP ${response.status}: unexpected answer`,
        { status: response.status, requestId },
      );
  return { ok: false, error };
}

async function attempt(config: HuaweiConfig, body: string, deps: ClientDeps): Promise<RecognizeOutcome> {
  const prepared = await headersFor(config, body, deps);
  if (!prepared.ok) return prepared;
  const response = await fetchOrError(deps.fetch, config.url, { method: 'POST', headers: prepared.headers, body });
  return isResponse(response) ? readOutcome(response) : { ok: false, error: response };
}

const TOKEN_REJECTED = new Set(['APIG.0301', 'APIG.0307']);

/**
 * POST the quota-invoice API. Retries throttling/overload with back-off (never AIS.* or 401),
 * and with IAM auth renews the token once when the gateway rejects it.
 */
export async function recognizeQuotaInvoice(
  config: HuaweiConfig,
  requestBody: RecognizeBody,
  deps: ClientDeps,
): Promise<RecognizeOutcome> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const body = JSON.stringify(requestBody);
  let renewedToken = false;
  let outcome: RecognizeOutcome = await attempt(config, body, deps);
  for (let tries = 1; !outcome.ok; ) {
    if (config.auth.mode === 'iam' && !renewedToken && TOKEN_REJECTED.has(outcome.error.code)) {
      renewedToken = true;
      await deps.tokens.invalidate();
    } else if (outcome.error.retryable && tries < MAX_ATTEMPTS) {
      await sleep(BACKOFF_MS * 2 ** (tries - 1));
      tries += 1;
    } else {
      break;
    }
    outcome = await attempt(config, body, deps);
  }
  return outcome;
}
