import { afterEach, describe, expect, it } from 'vitest';
import { useUiLanguage } from '@/lib/i18n';
import type { Capture } from '@/lib/store/capture-schema';
import { isRereadingEntry, providerHasRead, retryFutile, statusWords, unreadableBytes } from '@/lib/ui/capture-status';
import { refusedAsOtherPaper } from '@/lib/invoice/capture-checks';
import { standing } from '@/lib/invoice/hand-entry';

const at = Date.UTC(2026, 10, 20, 8, 0);
/** A capture the engine refused, then typed in by hand (code, number, amount), in `status`. */
const handEntry = (status: Capture['status'], progress?: Capture['progress']): Capture => ({
  id: 'hand', createdAt: at, updatedAt: at, status, progress, source: { kind: 'file', fileName: 'hand.png' }, provider: 'ondevice', hasImage: true, normalized: true, attempts: 1,
  error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false },
  corrections: { code: '144031060038', number: '35050201', amount: '￥20.00' },
});

afterEach(() => useUiLanguage(null));

describe('what the popup says of a hand entry (lib/ui/capture-status.ts statusWords)', () => {
  it('says "Entered by hand" once the read has failed', () => {
    useUiLanguage('en');
    expect(statusWords(handEntry('failed'), 0, 4)).toBe('Entered by hand');
    expect(isRereadingEntry(handEntry('failed'))).toBe(false);
  });

  it.each([
    ['queued', undefined],
    ['running', undefined],
    ['running', { stage: 'loading-models', fraction: 0.4 }],
  ] as const)('says it is being read again while %s (Retry / Read again), the typed values still counted', (status, progress) => {
    const capture = handEntry(status, progress);
    // Still an invoice in the totals meanwhile: the one rule (standing) is unchanged.
    expect(standing(capture)).toBe('entered');
    expect(isRereadingEntry(capture)).toBe(true);
    useUiLanguage('en');
    expect(statusWords(capture, 0, 4)).toBe('Being read again; the typed values count meanwhile');
    useUiLanguage('zh_CN');
    expect(statusWords(capture, 0, 4)).toBe('正在重新识别；期间按手工录入的值计入');
  });

  it('a capture not typed in that is read again says its own status', () => {
    useUiLanguage('en');
    const plain = { ...handEntry('queued'), corrections: undefined };
    expect(isRereadingEntry(plain)).toBe(false);
    expect(statusWords(plain, 0, 4)).toBe('Waiting');
  });
});

describe('a refusal the same Retry cannot change (lib/invoice/capture-checks.ts refusedAsOtherPaper)', () => {
  const refused = (documentKind: NonNullable<Capture['error']>['documentKind'], code = 'AIS.0104'): Capture => ({
    ...handEntry('failed'), corrections: undefined, error: { code, message: 'x', retryable: false, documentKind },
  });

  it('is paper named as another kind, failed, typed in by hand or not', () => {
    expect(refusedAsOtherPaper(refused('taxi-receipt'))).toBe(true);
    // Typed in by hand over it: still a taxi receipt when read again, so no Retry on the batch row either.
    const entered: Capture = { ...refused('taxi-receipt'), corrections: handEntry('failed').corrections };
    expect(standing(entered)).toBe('entered');
    expect(refusedAsOtherPaper(entered)).toBe(true);
  });

  it('is not a refusal of unknown paper, another failure, or a capture being read again', () => {
    expect(refusedAsOtherPaper(refused(undefined))).toBe(false);
    expect(refusedAsOtherPaper(refused('unknown'))).toBe(false);
    expect(refusedAsOtherPaper(refused(undefined, 'LOCAL.NETWORK'))).toBe(false);
    expect(refusedAsOtherPaper({ ...refused('taxi-receipt'), status: 'running' })).toBe(false);
  });
});

describe('whether Retry is offered on a failure (lib/ui/capture-status.ts retryFutile, unreadableBytes)', () => {
  const failed = (code: string, extra: Partial<Capture> = {}, documentKind?: NonNullable<Capture['error']>['documentKind']): Capture => ({
    ...handEntry('failed'), corrections: undefined, error: { code, message: 'x', retryable: false, documentKind }, ...extra,
  });

  it('is not offered where the kept bytes get the same verdict again (helper-75: Retry on a 10×10 px picture and a blank page)', () => {
    const tiny = failed('LOCAL.IMAGE_TOO_SMALL', { error: { code: 'LOCAL.IMAGE_TOO_SMALL', message: '10×10 px', retryable: false, imageSize: { width: 10, height: 10 } } });
    expect(retryFutile(tiny)).toBe(true);
    // No engine had these bytes: no "Read by: On-device", nor "Read again with" the other one.
    expect(unreadableBytes(tiny)).toBe(true);
    expect(providerHasRead(tiny)).toBe(false);
    for (const code of ['LOCAL.NOT_IMAGE', 'LOCAL.IMAGE_TOO_NARROW', 'LOCAL.IMAGE_DAMAGED', 'LOCAL.UNSUPPORTED_FORMAT']) {
      expect(retryFutile(failed(code)), code).toBe(true);
      expect(unreadableBytes(failed(code)), code).toBe(true);
    }
    // A blank page, the API's size and format verdicts: the engine read it; the other engine may still.
    for (const code of ['AIS.0104', 'AIS.0103', 'AIS.0102']) {
      expect(retryFutile(failed(code)), code).toBe(true);
      expect(unreadableBytes(failed(code)), code).toBe(false);
      expect(providerHasRead(failed(code)), code).toBe(true);
    }
    expect(retryFutile(failed('AIS.0104', {}, 'unknown'))).toBe(true);
    expect(retryFutile(failed('AIS.0104', {}, 'taxi-receipt'))).toBe(true);
  });

  it('is offered where Retry can end otherwise: a page fetched instead of the image (not kept), the network, the keys, a server failure', () => {
    // A login page instead of the picture is not stored: Retry fetches the URL again, maybe logged in by then.
    const loginPage = failed('LOCAL.NOT_IMAGE', { hasImage: false, source: { kind: 'url', imageUrl: 'https://mail.example.com/att/1' } });
    expect(retryFutile(loginPage)).toBe(false);
    expect(unreadableBytes(loginPage)).toBe(false);
    for (const code of ['LOCAL.NETWORK', 'LOCAL.TIMEOUT', 'APIG.0301', 'AIS.0105', 'LOCAL.HOST_ACCESS', 'ModelArts.4401']) {
      expect(retryFutile(failed(code)), code).toBe(false);
    }
    // Not a failure now: nothing to decide.
    expect(retryFutile({ ...failed('LOCAL.IMAGE_TOO_SMALL'), status: 'queued' })).toBe(false);
    // Paper named as another kind is futile even when not kept (Huawei read its URL).
    expect(retryFutile(failed('AIS.0104', { hasImage: false }, 'taxi-receipt'))).toBe(true);
  });
});
