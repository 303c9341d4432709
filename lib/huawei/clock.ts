/**
 * The gateway's clock, as far as AK/SK signing cares. The gateway refuses an `X-Sdk-Date` more
 * than 15 minutes from its own time with APIG.0301 (DESIGN.md), so a computer whose clock is off
 * fails every signature while its keys are right. Every answer carries the gateway's time in its
 * `Date` header (RFC 9110, 1 s resolution): the offset read from it is remembered and added to
 * the time a request is signed with.
 */

/** How far X-Sdk-Date may be from the gateway's clock (DESIGN.md; the emulator checks the same). */
export const GATEWAY_DATE_TOLERANCE_MS = 15 * 60_000;

/**
 * Offsets below this (ms) are taken as 0: a `Date` header has 1 s resolution and the answer's
 * travel time adds more, and anything this small is far inside the 15-minute window. At or above
 * it requests are signed with the gateway's time and the user is told their clock is off.
 */
export const CLOCK_SKEW_THRESHOLD_MS = 5 * 60_000;

/** Where the offset (ms, gateway clock minus this computer's) is kept between requests. */
export interface ClockOffsetStore {
  get(): Promise<number>;
  set(offsetMs: number): Promise<void>;
}

/** In memory: for one worker's life, or for tests. The worker uses storage (lib/store). */
export function memoryClockOffset(initialMs = 0): ClockOffsetStore {
  let value = initialMs;
  return {
    get: async () => value,
    set: async (offsetMs) => void (value = offsetMs),
  };
}

/**
 * Gateway time minus local time (ms) from an answer's `Date` header, or null when the header is
 * missing or unreadable. `receivedAtMs` is this computer's time when the answer arrived.
 */
export function offsetFromDate(dateHeader: string | null, receivedAtMs: number): number | null {
  if (!dateHeader) return null;
  const serverMs = Date.parse(dateHeader);
  return Number.isNaN(serverMs) ? null : serverMs - receivedAtMs;
}

/** The offset to sign with: 0 below the threshold (noise), else the measured one. */
export function significantOffset(offsetMs: number): number {
  return Math.abs(offsetMs) < CLOCK_SKEW_THRESHOLD_MS ? 0 : offsetMs;
}

/**
 * Takes one measurement into the store. The stored value only moves when it is off by the
 * threshold or more (so it does not flicker by milliseconds from answer to answer, and storage is
 * not written on every call). Returns true when it moved: a request signed with the old value may
 * have been refused for its date alone.
 */
export async function learnOffset(store: ClockOffsetStore, measuredMs: number): Promise<boolean> {
  const current = await store.get();
  const next = significantOffset(measuredMs);
  if (Math.abs(next - current) < CLOCK_SKEW_THRESHOLD_MS) return false;
  await store.set(next);
  return true;
}

/** Which message tells the user, and how many whole minutes (at least 1) their clock is off. */
export function clockSkewWords(offsetMs: number): { key: 'clockBehind' | 'clockAhead'; minutes: string } {
  // A positive offset: the gateway is ahead, so this computer's clock is behind.
  return { key: offsetMs > 0 ? 'clockBehind' : 'clockAhead', minutes: String(Math.max(1, Math.round(Math.abs(offsetMs) / 60_000))) };
}
