/**
 * The shared cases of test/fixtures/cases/gateway.json (answers of Huawei's live API gateway seen
 * in public reports), each run through the whole worker chain: the recognition service, the
 * Huawei provider, the client, real fetch, and the emulator as the gateway (real signature and
 * X-Sdk-Date checks, its own clock in `Date`). Only its recognizer is a stub: pixels are not the
 * point here.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod';
import { clockSkewWords } from '@/lib/huawei/clock';
import { displayCode } from '@/lib/recognize/errors';
import { errorMessageKey } from '@/lib/ui/error-words';
import { createTokenProvider, type CachedToken } from '@/lib/huawei/token';
import { huaweiRecognizer, type HuaweiProviderSettings } from '@/lib/huawei/provider';
import { createCredentialGate } from '@/lib/huawei/credential-gate';
import type { CredentialCheck } from '@/lib/store/credential-check';
import { createRecognitionService } from '@/lib/recognize/service';
import { createCaptureStore } from '@/lib/store/captures';
import { clockOffsetStore } from '@/lib/store/clock-offset';
import { openCaptureDb } from '@/lib/store/db';
import { startEmulator, type Emulator } from '../emulator/server';

const CaseSchema = z.object({
  auth: z.enum(['iam', 'aksk']),
  clock: z.string().optional(),
  answers: z.array(z.object({ status: z.number(), body: z.union([z.literal('a normal result'), z.object({ error_code: z.string(), error_msg: z.string() })]) })),
  expect: z.string(),
});
type GatewayCase = z.infer<typeof CaseSchema>;
const cases = z
  .object({ cases: z.array(CaseSchema) })
  .parse(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'cases', 'gateway.json'), 'utf8'))).cases;

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const MIN = 60_000;
const RESULT = { number: '01897256', code: '144031900111', amount: '￥50.00', location: '深圳市' };
/** A real invoice image: the emulator checks format and size before it (stub-)recognizes. */
const PNG = new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'invoices', 'invoice-3.png')));

/** "the computer's clock is 20 minutes behind the gateway's" → the gateway is 20 min ahead (ms). */
function gatewayAheadMs(clock: string | undefined): number {
  if (!clock) return 0;
  const m = /(\d+) minutes (behind|ahead)/.exec(clock);
  if (!m) throw new Error(`unreadable clock: ${clock}`);
  return (m[2] === 'behind' ? 1 : -1) * Number(m[1]) * MIN;
}

let dbCount = 0;

/** A fresh worker: its service, provider and client, over the given emulator (storage persists). */
function worker(emulator: Emulator, auth: GatewayCase['auth']) {
  const tokenRequests: string[] = [];
  const fetchFn = vi.fn(async (url: string, init?: RequestInit) => {
    if (url.endsWith('/v3/auth/tokens')) tokenRequests.push(url);
    return fetch(url, init);
  });
  let cached: CachedToken | null = null;
  const tokens = createTokenProvider({ fetch: fetchFn, cache: { get: async () => cached, set: async (t) => void (cached = t) } });
  const { ak, sk, iamUser, iamPassword, iamDomain } = emulator.options;
  const settings: HuaweiProviderSettings = {
    endpointMode: 'custom', region: 'cn-north-4', customEndpoint: emulator.url, projectId: '', authMode: auth,
    ak, sk, iamUser, iamPassword, iamDomain, sendImageUrl: false,
  };
  let checked: CredentialCheck = {};
  const gate = createCredentialGate({ get: async () => checked, set: async (c) => void (checked = c) });
  const huawei = huaweiRecognizer(async () => settings, { fetch: fetchFn, tokens, clock: clockOffsetStore, maxAttempts: 1 }, gate);
  const store = createCaptureStore(openCaptureDb(`gateway-cases-${++dbCount}`));
  const service = createRecognitionService({
    store,
    chooseProvider: async () => 'huawei',
    recognize: (_provider, image) => huawei(image),
    fetchImage: async () => ({ ok: true as const, blob: new Blob([PNG], { type: 'image/png' }) }),
    normalize: async (blob) => ({ ok: true as const, image: { blob, sourceFormat: 'png' as const, converted: false } }),
    changed: () => {},
  });
  async function capture() {
    const id = await service.captureBlob({ kind: 'file', fileName: 'invoice.png' }, new Blob([PNG], { type: 'image/png' }));
    await service.idle();
    return (await store.get(id))!;
  }
  return { capture, tokenRequests };
}

describe('shared cases: what the live Huawei gateway answers (test/fixtures/cases/gateway.json)', () => {
  let emulator: Emulator | undefined;
  beforeEach(() => fakeBrowser.reset());
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  async function gatewayFor(c: GatewayCase): Promise<Emulator> {
    emulator = await startEmulator({ clockOffsetMs: gatewayAheadMs(c.clock) }, async () => ({ ok: true, result: RESULT }));
    // Without a clock case the answers are scripted; with one the emulator's own clock refuses the date.
    if (!c.clock) {
      for (const a of c.answers) {
        if (a.body !== 'a normal result') emulator.answerNext({ status: a.status, code: a.body.error_code, message: a.body.error_msg });
      }
    }
    return emulator;
  }

  const rejected = (emu: Emulator) => emu.requests.filter((r) => r.auth?.scheme === 'aksk' && !r.auth.ok);

  it.each(cases.map((c) => [c.expect, c] as const))('%s', async (_expect, c) => {
    const emu = await gatewayFor(c);
    const first = c.answers[0]!.body;
    if (first === 'a normal result') throw new Error('every case starts with a refusal');

    if (c.clock) {
      // The computer's clock is off: the gateway refuses the first signature for its date alone.
      const w = worker(emu, c.auth);
      const done = await w.capture();
      expect(done).toMatchObject({ status: 'done', result: RESULT });
      expect(done.error).toBeUndefined(); // the keys are not blamed
      const offMinutes = Math.abs(gatewayAheadMs(c.clock)) / MIN;
      expect(Math.abs(done.clockOffsetMs! - gatewayAheadMs(c.clock))).toBeLessThan(MIN);
      const words = clockSkewWords(done.clockOffsetMs!);
      expect(words).toEqual({ key: gatewayAheadMs(c.clock) > 0 ? 'clockBehind' : 'clockAhead', minutes: String(offMinutes) });
      expect(en[words.key]!.message.replace('$1', words.minutes)).toContain(`${offMinutes} minutes behind`);
      const refused = rejected(emu);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ status: 401, errorCode: first.error_code, auth: { reason: 'stale-date' } });
      const accepted = emu.requests.at(-1)!;
      expect(accepted.auth).toMatchObject({ ok: true, scheme: 'aksk' });

      // Later captures, even by a restarted worker, sign with the gateway's time from the start.
      expect((await w.capture()).status).toBe('done');
      const restarted = await worker(emu, c.auth).capture();
      expect(restarted).toMatchObject({ status: 'done', clockOffsetMs: done.clockOffsetMs });
      expect(rejected(emu)).toHaveLength(1);
      return;
    }

    const w = worker(emu, c.auth);
    const capture = await w.capture();
    if (c.auth === 'iam') {
      // The token is renewed once (a second sign-in) and the capture ends done.
      expect(capture).toMatchObject({ status: 'done', result: RESULT });
      expect(w.tokenRequests).toHaveLength(2);
      expect(emu.requests.map((r) => r.errorCode)).toEqual([first.error_code, undefined]);
      return;
    }
    // AK/SK refused: the words of the canonical code, the code as the gateway sent it; the capture
    // waits for new keys (nothing more is sent with these).
    expect(capture).toMatchObject({ status: 'queued', job: { wait: 'credentials' }, error: { code: first.error_code.replace(/^APIGW\./, 'APIG.'), sentCode: first.error_code } });
    const key = errorMessageKey(capture.error!.code);
    expect(key).not.toBe('error_unknown');
    expect(key).toBe(errorMessageKey('APIG.0301'));
    expect(en[key]!.message).toMatch(/AK/);
    expect(displayCode(capture.error!)).toBe(first.error_code);
    expect(emu.requests).toHaveLength(1); // never retried
  });
});
