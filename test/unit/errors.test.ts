import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalCode, huaweiError, isRetryable, renewsToken } from '@/lib/huawei/errors';
import { displayCode, documentKindInMessage, notQuotaMessage, recognitionError } from '@/lib/recognize/errors';
import { DocumentKindSchema } from '@/lib/recognize/contract';
import { errorMessageKey, KNOWN_CODES } from '@/lib/ui/error-words';
import { shortMessageKey } from '@/lib/ui/error-text';

const locale = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../public/_locales/${name}/messages.json`), 'utf8')) as Record<string, { message: string }>;
const en = locale('en');
const zh = locale('zh_CN');

describe('error table', () => {
  it.each(KNOWN_CODES.map((c) => [c]))('%s has a human message in en and zh_CN', (code) => {
    const key = errorMessageKey(code);
    expect(key).not.toBe('error_unknown');
    expect(en[key]?.message.length).toBeGreaterThan(20);
    expect(zh[key]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  // The popup's closed failed row says why in one line of a 400 px popup (issue 13).
  it.each([...KNOWN_CODES, 'AIS.9999'].map((c) => [c]))('%s has short words for one line in en and zh_CN, shorter than its full words', (code) => {
    const key = shortMessageKey(code);
    expect(key).toBe(errorMessageKey(code).replace('error_', 'errorShort_'));
    expect(en[key]?.message.length).toBeGreaterThan(3);
    expect(en[key]!.message.length).toBeLessThanOrEqual(42);
    expect(en[key]!.message.length).toBeLessThan(en[errorMessageKey(code)]!.message.length);
    expect(zh[key]?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh[key]!.message.length).toBeLessThanOrEqual(16);
  });

  it('unknown codes fall back to the generic message', () => {
    expect(errorMessageKey('AIS.9999')).toBe('error_unknown');
    expect(en.error_unknown).toBeDefined();
  });

  it.each([
    ['APIG.0308', 429, true],
    ['ModelArts.4401', 400, true],
    ['ModelArts.4402', 500, true],
    ['HTTP.503', 503, true],
    ['AIS.0104', 400, false],
    ['AIS.0105', 500, false],
    ['APIG.0301', 401, false],
    ['APIG.0101', 404, false],
  ])('%s (HTTP %i) retryable: %s', (code, status, expected) => expect(isRetryable(code, status)).toBe(expected));

  it('both locales have the same keys', () => expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort()));
});

describe('the gateway spells its codes APIG.xxxx and APIGW.xxxx: both behave alike', () => {
  // [as sent, HTTP status, retryable, renews an IAM token, message key]
  it.each([
    ['APIG.0101', 404, false, false, 'error_APIG_0101'],
    ['APIGW.0101', 404, false, false, 'error_APIG_0101'],
    ['APIG.0201', 413, false, false, 'error_APIG_0201'],
    ['APIGW.0201', 504, true, false, 'error_APIG_0201'],
    ['APIG.0301', 401, false, true, 'error_APIG_0301'],
    ['APIGW.0301', 401, false, true, 'error_APIG_0301'],
    ['APIG.0307', 401, false, true, 'error_APIG_0307'],
    ['APIGW.0307', 401, false, true, 'error_APIG_0307'],
    ['APIG.0308', 429, true, false, 'error_APIG_0308'],
    ['APIGW.0308', 429, true, false, 'error_APIG_0308'],
    ['APIGW.0308', undefined, true, false, 'error_APIG_0308'],
    ['APIGW.9999', 400, false, false, 'error_unknown'],
    ['AIS.0104', 400, false, false, 'error_AIS_0104'],
  ] as const)('%s (HTTP %s): retryable %s, renews token %s, words %s', (sent, status, retryable, renews, key) => {
    const error = huaweiError(sent, 'x', { status });
    expect(error.retryable).toBe(retryable);
    expect(isRetryable(sent, status)).toBe(retryable);
    expect(renewsToken(error.code)).toBe(renews);
    expect(renewsToken(sent)).toBe(renews);
    expect(errorMessageKey(error.code)).toBe(key);
    expect(errorMessageKey(sent)).toBe(key);
    // The user still sees the code the way the server spelled it.
    expect(displayCode(error)).toBe(sent);
  });

  it('folds only the gateway prefix, and is idempotent', () => {
    expect(canonicalCode('APIGW.0301')).toBe('APIG.0301');
    expect(canonicalCode(canonicalCode('APIGW.0301'))).toBe('APIG.0301');
    expect(canonicalCode('AIS.0104')).toBe('AIS.0104');
    expect(canonicalCode('LOCAL.NETWORK')).toBe('LOCAL.NETWORK');
    expect(huaweiError('APIG.0301', 'x')).not.toHaveProperty('sentCode');
    expect(huaweiError('APIGW.0301', 'x')).toMatchObject({ code: 'APIG.0301', sentCode: 'APIGW.0301' });
    // Local errors are not Huawei's: nothing is folded.
    expect(recognitionError('LOCAL.NETWORK', 'x')).toMatchObject({ code: 'LOCAL.NETWORK', retryable: true });
  });

  it('the clock messages exist in both locales with the minutes placeholder', () => {
    for (const key of ['clockBehind', 'clockAhead']) {
      expect(en[key]?.message).toContain('$1');
      expect(zh[key]?.message).toContain('$1');
      expect(zh[key]?.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('the kind of paper across the wire (AIS.0104)', () => {
  it.each([
    ['taxi-receipt' as const],
    ['vat-special' as const],
    ['e-invoice' as const],
  ])('what the engine writes for %s, a server sends and the Huawei client reads back', (kind) => {
    const error = huaweiError('AIS.0104', notQuotaMessage(kind), { status: 400 });
    expect(error.documentKind).toBe(kind);
    expect(error.code).toBe('AIS.0104');
  });

  it.each([
    ['Huawei Cloud words', 'The image is not a quota invoice or the image quality is poor.'],
    ['an unknown kind in brackets', 'The image is not a quota invoice: it looks like a cheque (cheque).'],
    ['the unknown kind', notQuotaMessage('unknown')],
    ['a kind not at the end', 'Not a quota invoice (taxi-receipt) or the photo is poor, retake it.'],
  ])('names no kind for %s', (_, message) => {
    expect(documentKindInMessage(message)).toBeUndefined();
    expect(huaweiError('AIS.0104', message, { status: 400 }).documentKind).toBeUndefined();
  });

  it('says each kind in plain English with its article (trial 8: "a air itinerary")', () => {
    expect(notQuotaMessage('air-itinerary')).toBe('The image is not a quota invoice: it looks like an air itinerary (air-itinerary).');
    expect(notQuotaMessage('vat-special')).toBe('The image is not a quota invoice: it looks like a VAT special invoice (vat-special).');
    for (const kind of DocumentKindSchema.options.filter((k) => k !== 'unknown')) {
      expect(notQuotaMessage(kind)).not.toMatch(/ a [aeiou]/i);
      expect(documentKindInMessage(notQuotaMessage(kind))).toBe(kind);
    }
  });

  it('only AIS.0104 carries a kind', () => {
    expect(huaweiError('AIS.0105', notQuotaMessage('taxi-receipt'), { status: 400 }).documentKind).toBeUndefined();
  });
});
