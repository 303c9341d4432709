import type { WxtBrowser } from 'wxt/browser';
import type { WakeUp } from '../recognize/queue';

/** The alarm that wakes a stopped worker while jobs are pending (DESIGN.md "Jobs"). */
export const JOBS_ALARM = 'recognition-jobs';

/**
 * 30 s: the shortest period Chrome allows a packed extension (since Chrome 120; shorter ones are
 * raised to it). An alarm survives the worker; `ensure` leaves a running one alone, since
 * creating it again would restart its period.
 */
export const JOBS_ALARM_PERIOD_MIN = 0.5;

export function jobAlarm(browser: WxtBrowser): WakeUp {
  return {
    async ensure() {
      if (await browser.alarms.get(JOBS_ALARM)) return;
      await browser.alarms.create(JOBS_ALARM, { periodInMinutes: JOBS_ALARM_PERIOD_MIN, delayInMinutes: JOBS_ALARM_PERIOD_MIN });
    },
    async clear() {
      await browser.alarms.clear(JOBS_ALARM);
    },
  };
}
