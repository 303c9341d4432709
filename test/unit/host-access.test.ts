import { describe, expect, it } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { hasHostAccess, hostPattern, requestHostAccess } from '@/lib/platform';
import { iamBaseUrl, ocrBaseUrl, OCR_REGIONS } from '@/lib/huawei/endpoint';
import { REQUIRED_HOSTS } from '@/wxt.config';

describe('the host pattern asked for', () => {
  it.each([
    ['the local emulator, with a port', 'http://127.0.0.1:8787', 'http://127.0.0.1/*'],
    ['a path and a trailing slash', 'https://ocr.example.cn/proxy/', 'https://ocr.example.cn/*'],
    ['localhost', 'http://localhost:9000/x?y=1', 'http://localhost/*'],
    ['IPv6 loopback', 'http://[::1]:8787', 'http://[::1]/*'],
    ['spaces around', '  https://a.b.cn  ', 'https://a.b.cn/*'],
    ['not http(s)', 'ftp://a.b.cn', undefined],
    ['a data: URL', 'data:image/png;base64,AAAA', undefined],
    ['not a URL', '127.0.0.1:8787', undefined],
  ])('%s', (_name, url, pattern) => {
    expect(hostPattern(url)).toBe(pattern);
  });
});

/** A match pattern of the `https://*.domain/*` form, tested against a URL's host. */
function covers(pattern: string, url: string): boolean {
  const m = /^https:\/\/\*\.([^/]+)\/\*$/.exec(pattern);
  const host = new URL(url).hostname;
  return !!m && url.startsWith('https://') && host.endsWith(`.${m[1]}`);
}

describe('the hosts required at install', () => {
  it.each(OCR_REGIONS.map((region) => [region]))('cover OCR and IAM in %s', (region) => {
    const settings = { endpointMode: 'region' as const, region, customEndpoint: '' };
    for (const url of [ocrBaseUrl(settings), iamBaseUrl(settings)]) {
      expect(REQUIRED_HOSTS.some((p) => covers(p, url)), url).toBe(true);
    }
  });

  it('are no wider than Huawei Cloud', () => {
    expect(REQUIRED_HOSTS).toEqual(['https://*.myhuaweicloud.com/*']);
  });
});

function fakePermissions(answer: boolean | Error) {
  const asked: unknown[] = [];
  const browser = {
    permissions: {
      request: async (p: unknown) => {
        asked.push(p);
        if (answer instanceof Error) throw answer;
        return answer;
      },
      contains: async (p: unknown) => {
        asked.push(p);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  } as unknown as WxtBrowser;
  return { browser, asked };
}

describe('asking for a host', () => {
  it('asks for the one host, on every port, and says what the user answered', async () => {
    const yes = fakePermissions(true);
    expect(await requestHostAccess(yes.browser, 'http://127.0.0.1:8787')).toBe(true);
    expect(yes.asked).toEqual([{ origins: ['http://127.0.0.1/*'] }]);
    expect(await requestHostAccess(fakePermissions(false).browser, 'http://127.0.0.1:8787')).toBe(false);
  });

  it('an API error (no user gesture, a host outside the optional ones) is a refusal', async () => {
    const failing = fakePermissions(new Error('This function must be called during a user gesture'));
    expect(await requestHostAccess(failing.browser, 'https://a.b.cn')).toBe(false);
    expect(await hasHostAccess(failing.browser, 'https://a.b.cn')).toBe(false);
  });

  it('nothing to ask for a URL without a host', async () => {
    const never = fakePermissions(true);
    expect(await requestHostAccess(never.browser, 'blob:https://a.b.cn/1')).toBe(false);
    expect(never.asked).toEqual([]);
  });
});
