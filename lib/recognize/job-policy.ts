import type { RecognizeOutcome } from './contract';
import { LocalCode } from './errors';
import type { JobState, WaitReason } from '../store/capture-schema';
import { backoffDelay, type BackoffOptions, DEFAULT_BACKOFF } from './backoff';

/** Retryable failures (throttling, 5xx, timeouts) before a job ends failed. Network waits have no cap: nothing reaches a server. */
export const MAX_RETRIES = 6;
/**
 * Worker stops survived by one job: the next one ends it failed (LOCAL.INTERRUPTED) instead of
 * sending a request that never finishes at every worker start.
 */
export const MAX_INTERRUPTIONS = 3;


export type NextStep =
  | { kind: 'done' }
  | { kind: 'failed' }
  /** Stays queued; `delayMs` from now (none: until the credentials change). */
  | { kind: 'wait'; reason: WaitReason; delayMs?: number };

/** What a job does after one run: finish, fail, or wait (why, how long) and run again. */
export function nextStep(outcome: RecognizeOutcome, job: Pick<JobState, 'retries'>, backoff: BackoffOptions = DEFAULT_BACKOFF): NextStep {
  if (outcome.ok) return { kind: 'done' };
  const { error } = outcome;
  const { code } = error;
  // What a failure means for the queue is the provider's to say (contract: refusedCredentials, throttled).
  if (code === LocalCode.keysRefused || error.refusedCredentials) return { kind: 'wait', reason: 'credentials' };
  if (code === LocalCode.network) return { kind: 'wait', reason: 'network', delayMs: backoffDelay(job.retries, error.retryAfterMs, backoff) };
  if (!error.retryable || job.retries >= MAX_RETRIES) return { kind: 'failed' };
  const reason: WaitReason = error.throttled || error.status === 429 ? 'throttled' : 'server';
  return { kind: 'wait', reason, delayMs: backoffDelay(job.retries, error.retryAfterMs, backoff) };
}
