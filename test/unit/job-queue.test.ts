import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { RecognizeOutcome } from '@/lib/recognize/contract';
import { recognitionError } from '@/lib/recognize/errors';
import { huaweiError } from '@/lib/huawei/errors';
import { backoffDelay, parseRetryAfter, type BackoffOptions } from '@/lib/recognize/backoff';
import { createCredentialGate, verdictOf } from '@/lib/huawei/credential-gate';
import { MAX_INTERRUPTIONS, MAX_RETRIES, nextStep } from '@/lib/recognize/job-policy';
import { createRecognitionService } from '@/lib/recognize/service';
import type { Capture } from '@/lib/store/capture-schema';
import { createCaptureStore } from '@/lib/store/captures';
import type { CredentialCheck } from '@/lib/store/credential-check';
import { openCaptureDb } from '@/lib/store/db';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
/** A failure as its provider builds it: Huawei's codes through huaweiError, IAM sign-in refusals as token.ts makes them. */
const fail = (code: string, status?: number, retryAfterMs?: number): RecognizeOutcome => ({
  ok: false,
  error: code.startsWith('LOCAL.')
    ? recognitionError(code, 'x', { status, retryAfterMs, ...(code === 'LOCAL.IAM_AUTH' && status !== undefined && status < 500 ? { refusedCredentials: true } : {}) })
    : huaweiError(code, 'x', { status, retryAfterMs }),
});

describe('full-jitter back-off', () => {
  it.each([
    [0, undefined, 0.5, 500],
    [3, undefined, 0.5, 4_000],
    [10, undefined, 0.999, 19_980], // capped at 20 s
    [0, 3_000, 0.5, 3_500], // Retry-After is a floor, the jitter comes on top
    [2, undefined, 0, 0],
  ])('retry %i, Retry-After %s ms, random %f → %i ms', (retry, after, r, expected) => {
    expect(backoffDelay(retry, after, { baseMs: 1000, capMs: 20_000, random: () => r })).toBe(expected);
  });

  it.each([
    ['2', 2000],
    ['0', 0],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['soon', undefined],
    [null, undefined],
    ['999999', 3_600_000],
  ] as const)('Retry-After %s → %s ms', (value, ms) => expect(parseRetryAfter(value, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(ms));
});

describe('what a job does after a run', () => {
  const fixed = { baseMs: 1000, capMs: 20_000, random: () => 0.5 };
  it.each([
    ['a result', { ok: true, result: {} } as RecognizeOutcome, 0, { kind: 'done' }],
    ['not an invoice', fail('AIS.0104', 400), 0, { kind: 'failed' }],
    ['a refused signature', fail('APIG.0301', 401), 0, { kind: 'wait', reason: 'credentials' }],
    ['the gateway spelling', fail('APIGW.0301', 401), 0, { kind: 'wait', reason: 'credentials' }],
    ['refused keys, not sent', fail('LOCAL.KEYS_REFUSED'), 0, { kind: 'wait', reason: 'credentials' }],
    ['IAM refusing the sign-in', fail('LOCAL.IAM_AUTH', 401), 0, { kind: 'wait', reason: 'credentials' }],
    ['throttled with Retry-After', fail('APIG.0308', 429, 2000), 1, { kind: 'wait', reason: 'throttled', delayMs: 3000 }],
    ['ModelArts concurrency', fail('ModelArts.4401', 400), 0, { kind: 'wait', reason: 'throttled', delayMs: 500 }],
    ['a 5xx', fail('HTTP.502', 502), 0, { kind: 'wait', reason: 'server', delayMs: 500 }],
    ['a 5xx too often', fail('HTTP.502', 502), MAX_RETRIES, { kind: 'failed' }],
    ['no network, however often', fail('LOCAL.NETWORK'), 50, { kind: 'wait', reason: 'network', delayMs: 10_000 }],
  ] as const)('%s', (_name, outcome, retries, expected) => {
    expect(nextStep(outcome, { retries }, fixed)).toEqual(expected);
  });
});

describe('credential gate', () => {
  function gate() {
    let state: CredentialCheck = {};
    return { gate: createCredentialGate({ get: async () => state, set: async (s) => void (state = s) }), state: () => state };
  }
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);

  it('lets one probe go with unjudged credentials, holds the rest for its verdict, then locks them', async () => {
    const { gate: g, state } = gate();
    expect(await g.admit(A)).toBe('probe');
    const second = g.admit(A);
    let settled = false;
    void second.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    await g.settle(A, 'refused', 'APIG.0301');
    expect(await second).toBe('locked');
    expect(state().refused).toMatchObject({ fingerprint: A, code: 'APIG.0301' });
    expect(JSON.stringify(state())).not.toMatch(/SK|secret/);
    // New credentials: one probe again; accepted → open for everyone.
    expect(await g.admit(B)).toBe('probe');
    await g.settle(B, 'accepted');
    expect(await g.admit(B)).toBe('open');
    expect(await g.admit(A)).toBe('locked');
  });

  it('a verdict-less answer (network, 5xx) lets the next call probe', async () => {
    const { gate: g } = gate();
    expect(await g.admit(A)).toBe('probe');
    const next = g.admit(A);
    await g.settle(A, 'unknown');
    expect(await next).toBe('probe');
  });

  it.each([
    [{ ok: true } as const, 'accepted'],
    [fail('AIS.0104', 400), 'accepted'],
    [fail('APIG.0307', 401), 'refused'],
    [fail('LOCAL.IAM_AUTH', 401), 'refused'],
    [fail('LOCAL.IAM_AUTH'), 'unknown'],
    [fail('APIG.0308', 429), 'unknown'],
    [fail('LOCAL.NETWORK'), 'unknown'],
  ] as const)('%j says %s about the credentials', (outcome, verdict) => expect(verdictOf(outcome)).toBe(verdict));
});

let dbCount = 0;
function setup(recognize: (capture: Capture) => Promise<RecognizeOutcome>, concurrency = 2, backoff: BackoffOptions = { baseMs: 5, capMs: 20 }) {
  const store = createCaptureStore(openCaptureDb(`queue-${++dbCount}`));
  const service = createRecognitionService({
    store,
    chooseProvider: async () => 'huawei',
    recognize: (_p, _image, _progress, capture) => recognize(capture),
    fetchImage: async () => ({ ok: true as const, blob: new Blob([PNG], { type: 'image/png' }) }),
    normalize: async (blob) => ({ ok: true as const, image: { blob, sourceFormat: 'png' as const, converted: false } }),
    changed: () => {},
    jobs: { concurrency: async () => concurrency, backoff },
  });
  return { store, service };
}

describe('the job queue', () => {
  it('never has more calls in flight than the concurrency setting, and every capture ends done once', async () => {
    let inFlight = 0;
    let max = 0;
    const calls = new Map<string, number>();
    const { store, service } = setup(async (capture) => {
      calls.set(capture.id, (calls.get(capture.id) ?? 0) + 1);
      max = Math.max(max, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return { ok: true, result: { number: '1' } };
    }, 3);
    const ids = await Promise.all(Array.from({ length: 20 }, () => service.captureBlob({ kind: 'file' }, new Blob([PNG]))));
    await service.idle();
    expect(max).toBe(3);
    expect((await Promise.all(ids.map((id) => store.get(id)))).every((c) => c?.status === 'done')).toBe(true);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
  });

  it('throttled jobs wait with a visible reason and come back by themselves', async () => {
    const answers = new Map<string, number>();
    const { store, service } = setup(async (capture) => {
      const n = (answers.get(capture.id) ?? 0) + 1;
      answers.set(capture.id, n);
      return n < 3 ? fail('APIG.0308', 429) : { ok: true, result: {} };
    }, 2, { baseMs: 300, capMs: 300, random: () => 0.5 });
    const id = await service.captureBlob({ kind: 'file' }, new Blob([PNG]));
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'queued', job: { wait: 'throttled', retries: 1 } });
    await expect.poll(async () => (await store.get(id))?.status, { timeout: 2000 }).toBe('done');
    expect(await store.get(id)).toMatchObject({ attempts: 3, job: { retries: 2 } });
    expect((await store.get(id))?.error).toBeUndefined();
  });

  it(`a job a stopped worker left running is resumed, and failed at the ${MAX_INTERRUPTIONS}rd stop with the reason`, async () => {
    const { store, service } = setup(async () => ({ ok: true, result: {} }));
    const now = Date.now();
    const left = (id: string, interruptions: number): Capture => ({
      id, createdAt: now, updatedAt: now, status: 'running', source: { kind: 'file' }, provider: 'huawei', hasImage: false, normalized: false, attempts: interruptions + 1, job: { retries: 0, interruptions },
    });
    await store.add(left('once', 0), new Blob([PNG]));
    await store.add(left('often', MAX_INTERRUPTIONS - 1), new Blob([PNG]));
    await service.resumePending();
    await service.idle();
    expect(await store.get('once')).toMatchObject({ status: 'done', job: { interruptions: 1 } });
    expect(await store.get('often')).toMatchObject({ status: 'failed', attempts: MAX_INTERRUPTIONS, error: { code: 'LOCAL.INTERRUPTED' } });
  });

  it('Retry of a job already in hand does not send it twice', async () => {
    let calls = 0;
    const { store, service } = setup(async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 20));
      return { ok: true, result: {} };
    });
    const id = await service.captureBlob({ kind: 'file' }, new Blob([PNG]));
    await service.retry(id);
    await service.idle();
    await service.resumePending();
    await service.idle();
    expect(calls).toBe(1);
    expect((await store.get(id))?.status).toBe('done');
  });
});
