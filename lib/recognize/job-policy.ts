import type { RecognizeOutcome } from '../huawei/client';
import { canonicalCode, LocalCode } from '../huawei/errors';
import type { JobState, WaitReason } from '../store/capture-schema';
import { backoffDelay, type BackoffOptions, DEFAULT_BACKOFF } from './backoff';
import { verdictOf } from './credential-gate';

/** Retryable failures (throttling, 5xx, timeouts) before a job ends failed. Network waits have no cap: nothing reaches a server. */
export const MAX_RETRIES = 6;
/**
 * Worker stops survived by one job: the next one ends it failed (LOCAL.INTERRUPTED) instead of
 * sending a request that never finishes at every worker start.
 */
export const MAX_INTERRUPTIONS = 3;

/** Throttling answers (DESIGN.md): 429, APIG.0308, ModelArts.4401 (too many concurrent requests). */
const THROTTLE_CODES = new Set(['APIG.0308', 'ModelArts.4401']);

export type NextStep =
  | { kind: 'done' }
  | { kind: 'failed' }
  /** Stays queued; `delayMs` from now (none: until the credentials change). */
  | { kind: 'wait'; reason: WaitReason; delayMs?: number };

/** What a job does after one run: finish, fail, or wait (why, how long) and run again. */
export function nextStep(outcome: RecognizeOutcome, job: Pick<JobState, 'retries'>, backoff: BackoffOptions = DEFAULT_BACKOFF): NextStep {
  if (outcome.ok) return { kind: 'done' };
  const { error } = outcome;
  const code = canonicalCode(error.code);
  if (code === LocalCode.keysRefused || verdictOf(outcome) === 'refused') return { kind: 'wait', reason: 'credentials' };
  if (code === LocalCode.network) return { kind: 'wait', reason: 'network', delayMs: backoffDelay(job.retries, error.retryAfterMs, backoff) };
  if (!error.retryable || job.retries >= MAX_RETRIES) return { kind: 'failed' };
  const reason: WaitReason = THROTTLE_CODES.has(code) || error.status === 429 ? 'throttled' : 'server';
  return { kind: 'wait', reason, delayMs: backoffDelay(job.retries, error.retryAfterMs, backoff) };
}
