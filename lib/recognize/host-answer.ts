import type { Capture, JobState } from '../store/capture-schema';

/**
 * How long a URL typed into the popup waits on the browser's prompt for its site ("read images
 * from <host>?") before it is read anyway, ms. A user answers in seconds; a prompt left open, or
 * one the browser never drew (Chromium driven through DevTools input), must not hold the capture
 * back for ever. Read anyway without the grant, it fails LOCAL.HOST_ACCESS with "Allow", and a
 * late yes reads it then (lib/background/retry-on-grant.ts).
 */
export const HOST_ANSWER_WAIT_MS = 15_000;

/**
 * The job of a capture stored while its host is asked for: queued, waiting ('host'), due at
 * `now + HOST_ANSWER_WAIT_MS` (epoch ms) at the latest. Stored before the prompt opens, because
 * the prompt can close the toolbar popup that asked (Firefox), and the URL must not go with it.
 */
export function awaitingHostJob(now: number): JobState {
  return { retries: 0, interruptions: 0, wait: 'host', notBefore: now + HOST_ANSWER_WAIT_MS };
}

/** Whether a capture still waits on the user's answer about its host (nothing has run it yet). */
export function awaitsHost(capture: Pick<Capture, 'status' | 'job'>): boolean {
  return capture.status === 'queued' && capture.job?.wait === 'host';
}
