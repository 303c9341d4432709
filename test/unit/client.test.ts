import { describe, expect, it, vi } from 'vitest';
import { readOutcome, recognizeQuotaInvoice, MAX_ATTEMPTS } from '@/lib/huawei/client';
import type { HuaweiConfig } from '@/lib/huawei/config';
import { createTokenProvider, type CachedToken } from '@/lib/huawei/token';
import { memoryClockOffset } from '@/lib/huawei/clock';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const aksk: HuaweiConfig = { url: 'https://ocr.cn-north-4.myhuaweicloud.com/v1.0/ocr/quota-invoice', projectId: '', auth: { mode: 'aksk', ak: 'AK', sk: 'SK' } };

function memoryCache() {
  let value: CachedToken | null = null;
  return { get: async () => value, set: async (v: CachedToken | null) => void (value = v) };
}

const noTokens = createTokenProvider({ fetch: () => Promise.reject(new Error('unused')), cache: memoryCache() });

describe('readOutcome: every answer becomes a result or a typed error', () => {
  it('accepts a Huawei result and keeps X-Request-Id', async () => {
    const outcome = await readOutcome(json(200, { result: { number: '01234567', code: '144031500101', amount: '￥50.00', confidence: { number: 0.99 } } }, { 'X-Request-Id': 'rid1' }));
    expect(outcome).toEqual({ ok: true, requestId: 'rid1', result: { number: '01234567', code: '144031500101', amount: '￥50.00', confidence: { number: 0.99 } } });
  });

  it('passes no field regions through: Huawei does not give them, and an answer carrying some is not trusted with them', async () => {
    const boxes = { width: 100, height: 50, fields: { code: [[1, 1], [9, 1], [9, 5], [1, 5]] } };
    const outcome = await readOutcome(json(200, { result: { code: '144031500101', boxes, extra: 'x' } }));
    expect(outcome).toEqual({ ok: true, result: { code: '144031500101' } });
  });

  it.each([
    ['missing result', 200, { number: '1' }, 'LOCAL.BAD_RESPONSE'],
    ['wrong field type', 200, { result: { number: 12345678 } }, 'LOCAL.BAD_RESPONSE'],
    ['wrong confidence type', 200, { result: { confidence: { code: 'high' } } }, 'LOCAL.BAD_RESPONSE'],
    ['a Huawei error', 400, { error_code: 'AIS.0103', error_msg: 'size' }, 'AIS.0103'],
    ['an error without a body we know', 502, { message: 'bad gateway' }, 'HTTP.502'],
    ['a field longer than any invoice field', 200, { result: { number: '1'.repeat(201) } }, 'LOCAL.BAD_RESPONSE'],
    ['a confidence above 1', 200, { result: { confidence: { code: 7 } } }, 'LOCAL.BAD_RESPONSE'],
    ['an error code longer than any code', 400, { error_code: 'A'.repeat(65), error_msg: 'x' }, 'HTTP.400'],
  ])('%s', async (_name, status, body, code) => {
    const outcome = await readOutcome(json(status, body));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe(code);
  });

  it.each([
    ['a 48 MB field, sent without Content-Length', undefined],
    ['a 48 MB field, with its Content-Length', String(48 * 1024 * 1024 + 20)],
  ])('%s is read only up to the bound and refused', async (_name, length) => {
    let sent = 0;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const body = new ReadableStream<Uint8Array>({
      start(c) { c.enqueue(new TextEncoder().encode('{"result":{"number":"')); sent += 20; },
      pull(c) {
        if (sent > 48 * 1024 * 1024) return c.close();
        sent += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    const outcome = await readOutcome(new Response(body, { status: 200, headers: { 'Content-Type': 'application/json', ...(length ? { 'Content-Length': length } : {}) } }));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'LOCAL.BAD_RESPONSE' } });
    if (!outcome.ok) expect(outcome.error.message).toContain('larger than 256 kB');
    expect(sent).toBeLessThan(2 * 1024 * 1024); // stopped reading, not downloaded whole
  });

  it('a long error message is cut, not refused', async () => {
    const outcome = await readOutcome(json(400, { error_code: 'AIS.0103', error_msg: 'm'.repeat(5000) }));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'AIS.0103' } });
    if (!outcome.ok) expect(outcome.error.message).toHaveLength(2000);
  });

  it('an HTML error page is an error, not a crash', async () => {
    const outcome = await readOutcome(new Response('<html><body>Login</body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'LOCAL.BAD_RESPONSE', status: 200 } });
  });
});

describe('recognizeQuotaInvoice', () => {
  it('sends a signed JSON body with exactly the image', async () => {
    const fetchFn = vi.fn(async (_url: string, _init?: RequestInit) => json(200, { result: {} }));
    await recognizeQuotaInvoice(aksk, { image: 'aGVsbG8=' }, { fetch: fetchFn, tokens: noTokens });
    const [url, init] = fetchFn.mock.calls[0]!;
    const headers = init!.headers as Record<string, string>;
    expect(url).toBe(aksk.url);
    expect(init!.body).toBe('{"image":"aGVsbG8="}');
    expect(headers.Authorization).toMatch(/^SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(headers).not.toHaveProperty('host'); // forbidden in fetch(); the browser sends it
  });

  it('retries throttling with back-off, then gives up', async () => {
    const fetchFn = vi.fn(async () => json(429, { error_code: 'APIG.0308', error_msg: 'throttled' }));
    const sleep = vi.fn(async () => {});
    const outcome = await recognizeQuotaInvoice(aksk, { image: 'aA==' }, { fetch: fetchFn, tokens: noTokens, sleep });
    expect(fetchFn).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(sleep.mock.calls.map((c) => (c as unknown[])[0])).toEqual([800, 1600]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'APIG.0308', retryable: true } });
  });

  it.each(['AIS.0104', 'APIG.0301', 'APIGW.0301'])('never retries %s', async (code) => {
    const fetchFn = vi.fn(async () => json(code.startsWith('AIS') ? 400 : 401, { error_code: code, error_msg: 'x' }));
    await recognizeQuotaInvoice(aksk, { image: 'aA==' }, { fetch: fetchFn, tokens: noTokens, sleep: async () => {} });
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('a network failure is a typed, retryable error', async () => {
    const fetchFn = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const outcome = await recognizeQuotaInvoice(aksk, { image: 'aA==' }, { fetch: fetchFn, tokens: noTokens, sleep: async () => {} });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'LOCAL.NETWORK', retryable: true } });
  });
});

describe('IAM token auth', () => {
  const iam: HuaweiConfig = {
    url: 'https://ocr.cn-north-4.myhuaweicloud.com/v2/pid/ocr/quota-invoice',
    projectId: 'pid',
    auth: { mode: 'iam', user: 'u', password: 'p', domain: 'd', iamBaseUrl: 'https://iam.cn-north-4.myhuaweicloud.com', scope: 'cn-north-4' },
  };

  function iamFetch(ocrAnswers: Response[]) {
    let issued = 0;
    return vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/v3/auth/tokens')) {
        issued += 1;
        const body = JSON.parse(String(init!.body)) as { auth: { identity: { password: { user: { name: string; domain: { name: string } } } }; scope: unknown } };
        expect(body.auth.identity.password.user).toMatchObject({ name: 'u', domain: { name: 'd' } });
        expect(body.auth.scope).toEqual({ project: { name: 'cn-north-4' } });
        return json(201, { token: { expires_at: new Date(Date.now() + 24 * 3600_000).toISOString() } }, { 'X-Subject-Token': `T${issued}` });
      }
      return ocrAnswers.shift()!;
    });
  }

  it('gets a token once, caches it, and sends it as X-Auth-Token with X-Project-Id', async () => {
    const fetchFn = iamFetch([json(200, { result: {} }), json(200, { result: {} })]);
    const tokens = createTokenProvider({ fetch: fetchFn, cache: memoryCache() });
    await recognizeQuotaInvoice(iam, { image: 'aA==' }, { fetch: fetchFn, tokens });
    await recognizeQuotaInvoice(iam, { image: 'aA==' }, { fetch: fetchFn, tokens });
    const ocrCalls = fetchFn.mock.calls.filter(([u]) => u.includes('/ocr/'));
    expect(fetchFn.mock.calls.filter(([u]) => u.endsWith('/tokens'))).toHaveLength(1);
    expect(ocrCalls.map(([, init]) => (init!.headers as Record<string, string>)['X-Auth-Token'])).toEqual(['T1', 'T1']);
    expect((ocrCalls[0]![1]!.headers as Record<string, string>)['X-Project-Id']).toBe('pid');
  });

  it.each(['APIG.0301', 'APIG.0307', 'APIGW.0301', 'APIGW.0307'])('renews the token once on %s', async (code) => {
    const fetchFn = iamFetch([json(401, { error_code: code, error_msg: 'expired' }), json(200, { result: { number: '1' } })]);
    const tokens = createTokenProvider({ fetch: fetchFn, cache: memoryCache() });
    const outcome = await recognizeQuotaInvoice(iam, { image: 'aA==' }, { fetch: fetchFn, tokens });
    expect(outcome.ok).toBe(true);
    expect(fetchFn.mock.calls.filter(([u]) => u.endsWith('/tokens'))).toHaveLength(2);
  });

  it('renews a token that is about to expire', async () => {
    const cache = memoryCache();
    await cache.set({ token: 'OLD', expiresAt: Date.now() + 10 * 60_000, key: 'https://iam.cn-north-4.myhuaweicloud.com|d|u|cn-north-4' });
    const fetchFn = iamFetch([json(200, { result: {} })]);
    await recognizeQuotaInvoice(iam, { image: 'aA==' }, { fetch: fetchFn, tokens: createTokenProvider({ fetch: fetchFn, cache }) });
    expect((await cache.get())?.token).toBe('T1');
  });

  it('a refused sign-in says so without echoing the password', async () => {
    const fetchFn = vi.fn(async () => json(401, { error: { code: 401, message: 'The username or password is wrong.' } }));
    const outcome = await recognizeQuotaInvoice(iam, { image: 'aA==' }, { fetch: fetchFn, tokens: createTokenProvider({ fetch: fetchFn, cache: memoryCache() }) });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'LOCAL.IAM_AUTH', retryable: false } });
    expect(JSON.stringify(outcome)).not.toContain('"p"');
  });
});

describe('a computer clock off by more than 15 minutes (AK/SK)', () => {
  const MIN = 60_000;
  const parseSdkDate = (v: string) => Date.parse(v.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

  /** A gateway whose clock is `aheadMs` ahead of this machine's; it refuses dates more than 15 min off. */
  function gateway(aheadMs: number, opts: { sendDate?: boolean; refuseAll?: boolean } = {}) {
    const refused: string[] = [];
    const fetchFn = vi.fn(async (_url: string, init?: RequestInit) => {
      const now = Date.now() + aheadMs;
      const date: Record<string, string> = opts.sendDate === false ? {} : { Date: new Date(now).toUTCString() };
      const sdkDate = (init!.headers as Record<string, string>)['X-Sdk-Date']!;
      if (opts.refuseAll || Math.abs(now - parseSdkDate(sdkDate)) > 15 * MIN) {
        refused.push(sdkDate);
        return json(401, { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail.' }, date);
      }
      return json(200, { result: { number: '01234567' } }, date);
    });
    return { fetchFn, refused };
  }

  it('notices the skew from the 401 Date, signs once more with gateway time, and says by how much', async () => {
    const { fetchFn, refused } = gateway(20 * MIN);
    const clock = memoryClockOffset();
    const outcome = await recognizeQuotaInvoice(aksk, { image: 'aA==' }, { fetch: fetchFn, tokens: noTokens, clock, sleep: async () => {} });
    expect(outcome.ok).toBe(true);
    expect(refused).toHaveLength(1);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(Math.abs(outcome.clockOffsetMs! - 20 * MIN)).toBeLessThan(5_000);
    expect(Math.abs((await clock.get()) - 20 * MIN)).toBeLessThan(5_000);
  });

  it('remembers the offset: later calls spend no refused signature', async () => {
    const { fetchFn, refused } = gateway(-25 * MIN);
    const deps = { fetch: fetchFn, tokens: noTokens, clock: memoryClockOffset(), sleep: async () => {} };
    await recognizeQuotaInvoice(aksk, { image: 'aA==' }, deps);
    const second = await recognizeQuotaInvoice(aksk, { image: 'aA==' }, deps);
    expect(second).toMatchObject({ ok: true });
    expect(second.clockOffsetMs).toBeLessThan(-24 * MIN);
    expect(refused).toHaveLength(1);
    expect(fetchFn).toHaveBeenCalledTimes(3);
  });

  it('learns from a successful answer too (a 10-minute skew is still accepted, and told)', async () => {
    const { fetchFn, refused } = gateway(10 * MIN);
    const deps = { fetch: fetchFn, tokens: noTokens, clock: memoryClockOffset() };
    expect((await recognizeQuotaInvoice(aksk, { image: 'aA==' }, deps)).clockOffsetMs).toBeUndefined();
    expect(Math.abs((await recognizeQuotaInvoice(aksk, { image: 'aA==' }, deps)).clockOffsetMs! - 10 * MIN)).toBeLessThan(5_000);
    expect(refused).toHaveLength(0);
  });

  it.each([
    ['a 401 whose Date agrees with this clock', gateway(0, { refuseAll: true })],
    ['a 401 without a Date header', gateway(20 * MIN, { sendDate: false })],
  ])('%s blames the keys: no second signature', async (_name, { fetchFn, refused }) => {
    const outcome = await recognizeQuotaInvoice(aksk, { image: 'aA==' }, { fetch: fetchFn, tokens: noTokens, clock: memoryClockOffset(), sleep: async () => {} });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'APIG.0301' } });
    expect(outcome.clockOffsetMs).toBeUndefined();
    expect(refused).toHaveLength(1);
  });

  it('wrong keys on a wrong clock: one retry with gateway time, then APIG.0301 with the clock still told', async () => {
    const { fetchFn, refused } = gateway(20 * MIN, { refuseAll: true });
    const outcome = await recognizeQuotaInvoice(aksk, { image: 'aA==' }, { fetch: fetchFn, tokens: noTokens, clock: memoryClockOffset(), sleep: async () => {} });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'APIG.0301' } });
    expect(refused).toHaveLength(2);
    expect(outcome.clockOffsetMs).toBeGreaterThan(19 * MIN);
  });
});
