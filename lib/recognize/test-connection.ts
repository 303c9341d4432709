import type { RecognizeOutcome } from './contract';
import { errorMessageKey } from '../ui/error-words';
import { displayCode } from './errors';
import type { ConnectionReport } from '../messages';

/** A blank 32×32 PNG: a real call the API must authenticate, that cannot be an invoice. */
export const BLANK_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAJklEQVR42u3NMQ0AAAwDoPo33arYsQQMkB6LQCAQCAQCgUAg+BIMi1X0ptsIcT0AAAAASUVORK5CYII=';

/**
 * What "Test connection" tells the user. An AIS.* answer means the request was authenticated and
 * reached the recognizer, which then (rightly) found no invoice in a blank image: that is success.
 */
export function connectionReport(outcome: RecognizeOutcome): ConnectionReport {
  const clock = outcome.clockOffsetMs ? { clockOffsetMs: outcome.clockOffsetMs } : {};
  if (outcome.ok) return { ok: true, messageKey: 'test_ok', ...clock };
  const { error } = outcome;
  const code = displayCode(error);
  // Only a server's own words go beside ours (our local details are in English for support, not for the user).
  const detail = error.status !== undefined ? error.message : undefined;
  if (error.code.startsWith('AIS.')) return { ok: true, messageKey: 'test_ok', code, detail, ...clock };
  return { ok: false, messageKey: errorMessageKey(error.code), code, detail, ...clock };
}
