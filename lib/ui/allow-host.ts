import type { WxtBrowser } from 'wxt/browser';
import { t } from '../i18n';
import { sendMessage } from '../messages';
import { requestHostAccess } from '../platform';
import { LocalCode } from '../recognize/errors';
import type { Capture } from '../store/capture-schema';
import { httpHost, replyText } from './error-text';

/**
 * The image URL and host to offer "Allow reading images from <host>" for: a capture that failed
 * with LOCAL.HOST_ACCESS (its message is the URL the browser kept the worker from, issue 11;
 * lib/capture/resolve-image.ts). Undefined for any other capture, or a message that is no http(s) URL.
 */
export function hostToAllow(capture: Pick<Capture, 'status' | 'error'>): { url: string; host: string } | undefined {
  const { status, error } = capture;
  if (status !== 'failed' || error?.code !== LocalCode.hostAccess) return undefined;
  const host = httpHost(error.message);
  return host ? { url: error.message, host } : undefined;
}

/**
 * The click on "Allow reading images from <host>", wherever it is shown (popup, batch page): asks
 * the browser for that host — first thing, so the prompt gets the user's gesture (Firefox wants it
 * before any await) — and, once granted, reads capture `id` again (the worker's `retryCapture`).
 * Resolves with the words to show: the refusal (the capture stays failed), the retry's failure,
 * or null when the capture is queued again.
 */
export async function allowHostAndRetry(browser: WxtBrowser, id: string, url: string): Promise<string | null> {
  if (!(await requestHostAccess(browser, url))) return t('allowImageHostRefused', new URL(url).host);
  const reply = await sendMessage('retryCapture', { id });
  return replyText(reply);
}
