import { describe, expect, it } from 'vitest';
import { providerHasRead } from '@/lib/ui/capture-status';
import { LocalCode } from '@/lib/recognize/errors';

const result = { number: '12345678', code: '144031900111', location: '深圳', amount: '20.00' };
const hostError = { code: LocalCode.hostAccess, message: 'https://img.example.cn/1.png', retryable: false };
const apiError = { code: 'AIS.0105', message: 'busy', retryable: true };

describe('"Read by: <provider>" only once a recognizer had the image (trial 5)', () => {
  it.each([
    ['a typed URL waiting for the host answer', { status: 'queued', hasImage: false, attempts: 0 }, false],
    ['a picked file queued, not yet started', { status: 'queued', hasImage: true, attempts: 0 }, false],
    ['LOCAL.HOST_ACCESS: the image was never fetched', { status: 'failed', hasImage: false, attempts: 1, error: hostError }, false],
    ['reading now', { status: 'running', hasImage: true, attempts: 1 }, true],
    ['read', { status: 'done', hasImage: true, attempts: 1, result }, true],
    ['a read that failed', { status: 'failed', hasImage: true, attempts: 1, error: apiError }, true],
    ['a read that waits to be tried again', { status: 'queued', hasImage: true, attempts: 1, error: apiError }, true],
    ['queued again for a re-read, the last result kept', { status: 'queued', hasImage: true, attempts: 1, result }, true],
  ] as const)('%s', (_name, capture, shown) => {
    expect(providerHasRead(capture)).toBe(shown);
  });
});
