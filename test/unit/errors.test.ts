import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessageKey, isRetryable, KNOWN_CODES } from '@/lib/huawei/errors';

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
