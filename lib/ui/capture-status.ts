import { t, type MessageKey } from '../i18n';
import { standing } from '../invoice/hand-entry';
import type { Capture, CaptureStatus, WaitReason } from '../store/capture-schema';
import { isBytesVerdict, retryCanChange } from '../recognize/errors';

const STATUS_LABEL: Record<CaptureStatus, MessageKey> = {
  queued: 'statusQueued',
  running: 'statusRunning',
  done: 'statusDone',
  failed: 'statusFailed',
};

/** A queued capture that waits says why, and that it resumes by itself (or what to do). */
const WAIT_LABEL: Record<WaitReason, MessageKey> = {
  network: 'statusWaitNetwork',
  throttled: 'statusWaitThrottled',
  server: 'statusWaitServer',
  credentials: 'statusWaitCredentials',
  host: 'statusWaitHost',
};

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

/**
 * A running capture's progress in words, or null when it is not running or reports none:
 * starting the engine, loading its models (bytes "12.3 of 16.0 MB" when the engine reports them,
 * else the share loaded), recognizing.
 */
export function progressWords(capture: Capture): string | null {
  if (capture.status !== 'running' || !capture.progress) return null;
  const { stage, fraction, loadedBytes, totalBytes } = capture.progress;
  if (stage === 'recognizing') return t('progressRecognizing');
  if (stage === 'starting-engine') return t('progressStartingEngine');
  if (loadedBytes !== undefined && totalBytes) return t('progressLoadingBytes', [mb(loadedBytes), mb(totalBytes)]);
  if (loadedBytes !== undefined && fraction === undefined) return t('progressLoadingBytesOnly', mb(loadedBytes));
  return t('progressLoadingModels', String(Math.round((fraction ?? 0) * 100)));
}

/**
 * Where a capture stands, in the UI language, as the popup and the in-page card say it: a
 * recognized one with fields missing "Read 3 of 4 fields" (`found` of `of`), a failed one typed in
 * by hand "Entered by hand" (lib/invoice/hand-entry.ts), and the same being read again (Retry,
 * Read again: queued or running) "Being read again; the typed values count meanwhile", as the
 * batch says it (it still stands as entered: standing()); a waiting one why it waits, a running
 * one its progress, else its status.
 */
export function statusWords(capture: Capture, found: number, of: number): string {
  if (capture.status === 'done' && found < of) return t('statusPartial', String(found));
  if (standing(capture) === 'entered') return t(isRereadingEntry(capture) ? 'enteredRereading' : 'statusEntered');
  const wait = capture.status === 'queued' ? capture.job?.wait : undefined;
  if (wait) return t(WAIT_LABEL[wait]);
  return progressWords(capture) ?? t(STATUS_LABEL[capture.status]);
}

/**
 * Whether a capture typed in by hand is being read again (queued or running after Retry / Read
 * again): it still stands as entered (lib/invoice/hand-entry.ts standing), its typed values counted.
 */
export function isRereadingEntry(capture: Pick<Capture, 'status' | 'corrections'>): boolean {
  return (capture.status === 'queued' || capture.status === 'running') && standing(capture) === 'entered';
}

/**
 * Whether a recognizer has had this capture's image, so the row may say "Read by: <provider>":
 * it has a result, or its image was handed on (running now, or a read that failed or waits to be
 * tried again). Not for a capture still waiting for the user's answer about a host, one whose
 * image could not be fetched (LOCAL.HOST_ACCESS: nothing was read) or one queued and not yet
 * started (trial 5 saw "Read by: On-device" beside "Waiting for your answer…"), nor one whose
 * bytes were refused before any engine had them (a 10×10 px picture: unreadableBytes).
 */
export function providerHasRead(capture: Pick<Capture, 'result' | 'hasImage' | 'attempts' | 'status' | 'error'>): boolean {
  if (capture.result) return true;
  if (unreadableBytes(capture)) return false;
  if (!capture.hasImage || capture.attempts === 0) return false;
  return capture.status !== 'queued' || capture.error !== undefined;
}

/**
 * Whether a failed capture's Retry would send the same thing and get the same answer
 * (lib/recognize/errors.ts retryCanChange): paper named as another kind, or a verdict on the kept
 * bytes (too small, not an image, AIS.0103). Its Retry is not offered; entering by hand, "Read
 * again with" (where unreadableBytes allows) and Delete stay.
 */
export function retryFutile(capture: Pick<Capture, 'status' | 'error' | 'hasImage'>): boolean {
  return capture.status === 'failed' && capture.error !== undefined && !retryCanChange(capture.error, capture.hasImage);
}

/**
 * Whether a failed capture's kept bytes were refused before any engine had them (too small, too
 * narrow, damaged, not an image, a format that cannot be converted: lib/recognize/errors.ts
 * isBytesVerdict), so no engine can read them: neither Retry nor "Read again with" is offered,
 * and no "Read by" is shown. A page fetched instead of an image is not kept: that one stays open to Retry.
 */
export function unreadableBytes(capture: Pick<Capture, 'status' | 'error' | 'hasImage'>): boolean {
  return capture.status === 'failed' && capture.hasImage && capture.error !== undefined && isBytesVerdict(capture.error);
}
