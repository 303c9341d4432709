import { createHash } from 'node:crypto';

/**
 * The emulator's bad days, switched on by tests and the benchmark (each also a CLI flag): a slow
 * server, a throttle above N concurrent calls (429 APIG.0308 with Retry-After, like the gateway's
 * concurrency control), an API that is down (connections dropped), and random injected failures.
 * All apply to OCR calls only (not to IAM's token route).
 */
export interface Faults {
  /** Extra time (ms) every authenticated OCR call takes before its answer. */
  delayMs: number;
  /** More than this many OCR calls in flight: the newcomer gets 429 APIG.0308. 0: no limit. */
  maxConcurrent: number;
  /** `Retry-After` (s) sent with throttling answers; undefined: none. */
  retryAfterS?: number;
  /** While true, every OCR call's connection is dropped without an answer. */
  down: boolean;
  /** Share (0–1) of OCR calls answered with an injected failure, chosen among `injectKinds`. */
  injectRate: number;
  injectKinds: InjectedFailure[];
}

export type InjectedFailure = '429' | '500' | '503' | 'drop';

export const NO_FAULTS: Faults = { delayMs: 0, maxConcurrent: 0, down: false, injectRate: 0, injectKinds: ['429', '500', 'drop'] };

/** What the server saw; read by tests and the benchmark (the client-side counts are the capture's). */
export interface EmulatorStats {
  /** OCR calls received (a POST Chromium re-sent by itself after a dropped connection counts again). */
  ocrRequests: number;
  inFlight: number;
  /** Most OCR calls in flight at once. */
  maxInFlight: number;
  /** AK/SK signatures refused (wrong keys or date; "locked" refusals not included). */
  badSignatures: number;
  /** Calls refused because the AK was locked after five bad signatures. */
  lockedRefusals: number;
  throttled: number;
  dropped: number;
  injected: number;
  successes: number;
  /** Successful recognitions whose client had gone before the answer (connection closed). */
  abandoned: number;
  /** Calls for an image (by SHA-256 of its bytes) that had already been recognized successfully. */
  duplicatesAfterSuccess: number;
}

export function emptyStats(): EmulatorStats {
  return { ocrRequests: 0, inFlight: 0, maxInFlight: 0, badSignatures: 0, lockedRefusals: 0, throttled: 0, dropped: 0, injected: 0, successes: 0, abandoned: 0, duplicatesAfterSuccess: 0 };
}

export const imageKey = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Picks an injected failure for one call, or none. `random` is uniform in [0, 1). */
export function pickInjected(faults: Faults, random: () => number = Math.random): InjectedFailure | null {
  if (faults.injectRate <= 0 || faults.injectKinds.length === 0 || random() >= faults.injectRate) return null;
  return faults.injectKinds[Math.floor(random() * faults.injectKinds.length)] ?? null;
}
