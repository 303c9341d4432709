import type { KeepAlive } from '../recognize/queue';

/**
 * Chrome stops an extension service worker after 30 s without extension events or API calls,
 * even with a fetch() in flight (a slow OCR answer is enough). Chrome's documented remedy for a
 * long-running operation ("Extension service worker lifecycle" / "Migrate to a service worker":
 * keep it alive until the operation finishes) is to call a trivial extension API on an interval
 * shorter than that, e.g. `chrome.runtime.getPlatformInfo`, and stop once it is done. Held while
 * any job runs, released when none does: the worker may then sleep, and the alarm wakes it.
 */
export const KEEP_ALIVE_EVERY_MS = 20_000;

export function createKeepAlive(ping: () => Promise<unknown>, everyMs = KEEP_ALIVE_EVERY_MS): KeepAlive {
  let holders = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    hold() {
      holders += 1;
      if (holders === 1) timer = setInterval(() => void ping().catch(() => undefined), everyMs);
    },
    release() {
      holders = Math.max(0, holders - 1);
      if (holders === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    },
  };
}
