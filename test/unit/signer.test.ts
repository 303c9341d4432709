import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalQuery, canonicalUri, huaweiEncode } from '@/lib/huawei/encoding';
import { parseAuthorization, sdkDate, signingParts, signRequest } from '@/lib/huawei/signer';

interface Vector {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  expectedAuthorization: string;
  canonicalRequest: string;
  stringToSign: string;
  credentials: { ak: string; sk: string };
}

const vectors = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/huawei-sign-vectors.json'), 'utf8')) as Vector[];

describe('SDK-HMAC-SHA256 signer against the official SDK vectors', () => {
  it('has vectors to check', () => expect(vectors.length).toBeGreaterThanOrEqual(3));

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const parts = await signingParts({ method: v.method, url: v.url, headers: v.headers, body: v.body });
    expect(parts.canonicalRequest).toBe(v.canonicalRequest);
    expect(parts.stringToSign).toBe(v.stringToSign);
    const headers = await signRequest({ method: v.method, url: v.url, headers: v.headers, body: v.body }, v.credentials);
    expect(headers.Authorization).toBe(v.expectedAuthorization);
  });
});

describe('canonical URI and query encoding', () => {
  it.each([
    ['/v1.0/ocr/quota-invoice', '/v1.0/ocr/quota-invoice/'],
    ['/v1.0/ocr/quota-invoice/', '/v1.0/ocr/quota-invoice/'],
    ['/', '/'],
    // non-ASCII segment: URL.pathname gives it percent-encoded; it must come out encoded once
    [new URL('https://h/v2/发票/x').pathname, '/v2/%E5%8F%91%E7%A5%A8/x/'],
    ['/a%20b/c*d', '/a%20b/c%2Ad/'],
  ])('canonicalUri(%j) = %j', (path, expected) => expect(canonicalUri(path)).toBe(expected));

  it.each([
    ['', ''],
    ['?z=1&a=2', 'a=2&z=1'],
    ['?b=2&a=3&b=1', 'a=3&b=1&b=2'], // repeated keys: values sorted
    ['?q=hello%20world%2F~*', 'q=hello%20world%2F~%2A'],
    ['?k=%E5%AE%9A%E9%A2%9D', 'k=%E5%AE%9A%E9%A2%9D'],
    ['?flag', 'flag='],
  ])('canonicalQuery(%j) = %j', (search, expected) => expect(canonicalQuery(search)).toBe(expected));

  it.each([
    ["!'()*", '%21%27%28%29%2A'],
    ['-_.~AZaz09', '-_.~AZaz09'],
    ['定额', '%E5%AE%9A%E9%A2%9D'],
  ])('huaweiEncode(%j) = %j', (input, expected) => expect(huaweiEncode(input)).toBe(expected));

  it('hashes an empty body as the SHA-256 of nothing', async () => {
    const parts = await signingParts({ method: 'GET', url: 'https://h/x', headers: { host: 'h', 'X-Sdk-Date': '20260101T000000Z' }, body: '' });
    expect(parts.canonicalRequest.endsWith('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe(true);
  });

  it('formats X-Sdk-Date in UTC without separators', () => {
    expect(sdkDate(new Date(Date.UTC(2026, 10, 26, 1, 2, 3, 456)))).toBe('20261126T010203Z');
  });

  it('signs host with a non-default port and parses its own Authorization back', async () => {
    const headers = await signRequest(
      { method: 'POST', url: 'http://127.0.0.1:8787/v1.0/ocr/quota-invoice', headers: { 'Content-Type': 'application/json' }, body: '{}' },
      { ak: 'AK', sk: 'SK' },
      new Date(Date.UTC(2026, 0, 1)),
    );
    expect(headers.host).toBe('127.0.0.1:8787');
    expect(headers['X-Sdk-Date']).toBe('20260101T000000Z');
    expect(parseAuthorization(headers.Authorization)).toMatchObject({ ak: 'AK', signedHeaders: ['content-type', 'host', 'x-sdk-date'] });
    expect(parseAuthorization('Bearer x')).toBeNull();
  });

  it('signs with the gateway time when given a clock offset (ms)', async () => {
    const request = { method: 'POST', url: 'https://ocr.cn-north-4.myhuaweicloud.com/v1.0/ocr/quota-invoice', headers: { 'Content-Type': 'application/json' }, body: '{}' };
    const local = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    const behind = await signRequest(request, { ak: 'AK', sk: 'SK' }, local, 20 * 60_000);
    const plain = await signRequest(request, { ak: 'AK', sk: 'SK' }, new Date(Date.UTC(2026, 0, 1, 12, 20, 0)));
    expect(behind['X-Sdk-Date']).toBe('20260101T122000Z');
    expect(behind.Authorization).toBe(plain.Authorization);
    expect((await signRequest(request, { ak: 'AK', sk: 'SK' }, local, -90_000))['X-Sdk-Date']).toBe('20260101T115830Z');
  });
});
