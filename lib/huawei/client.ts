import { learnOffset, memoryClockOffset, offsetFromDate, type ClockOffsetStore } from './clock';
import type { HuaweiConfig } from './config';
import type { QuotaInvoiceResult, RecognizeOutcome } from '../recognize/contract';
import { LocalCode, recognitionError, type RecognitionError } from '../recognize/errors';
import { huaweiError, renewsToken } from './errors';
import { fetchOrError, isResponse, MAX_ANSWER_BYTES, readJson, TOO_LARGE, type FetchLike } from './http';
import { ErrorBodySchema, SuccessBodySchema, type RecognizeBody } from './schemas';
import { signRequest } from './signer';
import { parseRetryAfter } from '../recognize/backoff';
import type { TokenProvider } from './token';

export type { RecognizeOutcome } from '../recognize/contract';

export interface ClientDeps {
  fetch: FetchLike;
  tokens: TokenProvider;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /**
   * The gateway's clock offset, learned from answers' `Date` headers and kept between calls (the
   * worker keeps it in storage), so a wrong computer clock costs one refused signature, not one
   * per capture. Without it, each call starts from 0.
   */
  clock?: ClockOffsetStore;
  /**
   * Calls of one request when the answer is retryable (throttling, 5xx). Default MAX_ATTEMPTS;
   * the job queue passes 1 and does the back-off itself, persisted (lib/recognize/queue.ts).
   */
  maxAttempts?: number;
}

export const MAX_ATTEMPTS = 3;
const BACKOFF_MS = 800;

type Headers = { ok: true; headers: Record<string, string> } | { ok: false; error: RecognitionError };

async function headersFor(config: HuaweiConfig, body: string, deps: ClientDeps, clockOffsetMs: number): Promise<Headers> {
  const base: Record<string, string> = { 'Content-Type': 'application/json' };
  if (config.projectId) base['X-Project-Id'] = config.projectId;
  if (config.auth.mode === 'iam') {
    const token = await deps.tokens.get(config.auth);
    return typeof token === 'string' ? { ok: true, headers: { ...base, 'X-Auth-Token': token } } : { ok: false, error: token };
  }
  const signed = await signRequest({ method: 'POST', url: config.url, headers: base, body }, config.auth, deps.now?.(), clockOffsetMs);
  // `host` is signed but is a forbidden fetch() header: the browser sends the same value itself.
  delete signed.host;
  return { ok: true, headers: signed };
}

/** Turns one HTTP answer into a result or a typed error; HTML pages and odd JSON are errors too. */
export async function readOutcome(response: Response): Promise<RecognizeOutcome> {
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  const extra = { status: response.status, requestId, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  const json = await readJson(response);
  if (response.ok) {
    const success = SuccessBodySchema.safeParse(json);
    if (success.success) return { ok: true, result: success.data.result, ...(requestId ? { requestId } : {}) };
  }
  const failure = ErrorBodySchema.safeParse(json);
  const error = failure.success
    ? huaweiError(failure.data.error_code, failure.data.error_msg, extra)
    : recognitionError(
        response.ok ? LocalCode.badResponse : `HTTP.${response.status}`,
        json === TOO_LARGE
          ? `HTTP ${response.status}: the answer is larger than ${MAX_ANSWER_BYTES / 1024} kB`
          : json === null ? `HTTP ${response.status}: the answer is not JSON` : `HTTP ${response.status}: unexpected answer`,
        extra,
      );
  return { ok: false, error };
}

/** One request and what it taught about the gateway's clock. */
interface Attempt {
  outcome: RecognizeOutcome;
  /** The clock offset (ms) the request was signed with (0 with IAM tokens: nothing is dated). */
  signedWithMs: number;
  /** The answer's `Date` showed that offset to be wrong (the remembered one has moved since). */
  clockWasWrong: boolean;
}

async function attempt(config: HuaweiConfig, body: string, deps: ClientDeps, clock: ClockOffsetStore): Promise<Attempt> {
  const signedWithMs = config.auth.mode === 'aksk' ? await clock.get() : 0;
  const prepared = await headersFor(config, body, deps, signedWithMs);
  if (!prepared.ok) return { outcome: prepared, signedWithMs, clockWasWrong: false };
  const response = await fetchOrError(deps.fetch, config.url, { method: 'POST', headers: prepared.headers, body });
  if (!isResponse(response)) return { outcome: { ok: false, error: response }, signedWithMs, clockWasWrong: false };
  // Every answer, success or not, tells the gateway's time: learn from all of them.
  const measured = offsetFromDate(response.headers.get('Date'), (deps.now?.() ?? new Date()).getTime());
  if (measured !== null) await learnOffset(clock, measured);
  // Compared with the store, not with this answer alone: another capture may have learned it first.
  const clockWasWrong = config.auth.mode === 'aksk' && (await clock.get()) !== signedWithMs;
  return { outcome: await readOutcome(response), signedWithMs, clockWasWrong };
}

/**
 * POST the quota-invoice API. Retries throttling/overload with back-off (never AIS.* or 401),
 * with IAM auth renews the token once when the gateway rejects it (APIG./APIGW.0301/0307), and
 * with AK/SK signs once more with the gateway's time when a refused signature's answer shows this
 * computer's clock to be off (the keys are not to blame; DESIGN.md).
 */
export async function recognizeQuotaInvoice(
  config: HuaweiConfig,
  requestBody: RecognizeBody,
  deps: ClientDeps,
): Promise<RecognizeOutcome> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const clock = deps.clock ?? memoryClockOffset();
  const body = JSON.stringify(requestBody);
  let renewedToken = false;
  let resignedForClock = false;
  let last = await attempt(config, body, deps, clock);
  for (let tries = 1; !last.outcome.ok; ) {
    const { code } = last.outcome.error;
    if (config.auth.mode === 'aksk' && code === 'APIG.0301' && last.clockWasWrong && !resignedForClock) {
      resignedForClock = true;
    } else if (config.auth.mode === 'iam' && !renewedToken && renewsToken(code)) {
      renewedToken = true;
      await deps.tokens.invalidate();
    } else if (last.outcome.error.retryable && tries < (deps.maxAttempts ?? MAX_ATTEMPTS)) {
      await sleep(BACKOFF_MS * 2 ** (tries - 1));
      tries += 1;
    } else {
      break;
    }
    last = await attempt(config, body, deps, clock);
  }
  return last.signedWithMs === 0 ? last.outcome : { ...last.outcome, clockOffsetMs: last.signedWithMs };
}
