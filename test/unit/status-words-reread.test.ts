import { afterEach, describe, expect, it } from 'vitest';
import { useUiLanguage } from '@/lib/i18n';
import type { Capture } from '@/lib/store/capture-schema';
import { isRereadingEntry, statusWords } from '@/lib/ui/capture-status';
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
