/**
 * The emulator spoken to by an independent client: this file signs with node:crypto straight
 * from the rules in DESIGN.md (not with lib/huawei), the way any SDK-compatible client would.
 */
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { serveFolder, type StaticServer } from '../support/static-server';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const invoice = readFileSync(join(FIXTURES, 'invoices', 'invoice-3.png'));
const truth = JSON.parse(readFileSync(join(FIXTURES, 'invoices', 'truth.json'), 'utf8'))['invoice-3.png'];
const AK = 'INDEPENDENTAK';
const SK = 'independent/SK+value==';

const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** SDK-HMAC-SHA256 per DESIGN.md, written independently of lib/huawei. */
function sign(url: URL, body: string, extra: Record<string, string>, sk = SK, date = new Date()) {
  const headers: Record<string, string> = { 'content-type': 'application/json', host: url.host, 'x-sdk-date': stamp(date), ...extra };
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort();
  const canonical = [
    'POST',
    url.pathname.split('/').map((s) => encodeURIComponent(decodeURIComponent(s))).join('/') + '/',
    '',
    names.map((n) => `${n}:${headers[n]}\n`).join(''),
    names.join(';'),
    hex(body),
  ].join('\n');
  const toSign = `SDK-HMAC-SHA256\n${headers['x-sdk-date']}\n${hex(canonical)}`;
  const signature = createHmac('sha256', sk).update(toSign).digest('hex');
  const { host: _host, ...send } = headers;
  return { ...send, Authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

describe('the emulator answers like the Huawei API', () => {
  let emu: Emulator;
  let site: StaticServer;
  beforeAll(async () => {
    emu = await startEmulator({ ak: AK, sk: SK, token: 'TOKEN123', projectId: 'pid42' });
    site = await serveFolder(FIXTURES);
  });
  afterAll(async () => {
    await emu.close();
    await site.close();
  });

  async function call(path: string, body: string, opts: { sk?: string; date?: Date; headers?: Record<string, string>; tamper?: string } = {}) {
    const url = new URL(path, emu.url);
    const headers = opts.headers?.['X-Auth-Token']
      ? { 'content-type': 'application/json', ...opts.headers }
      : sign(url, body, opts.headers ?? {}, opts.sk, opts.date);
    const response = await fetch(url, { method: 'POST', headers, body: opts.tamper ?? body });
    return { status: response.status, requestId: response.headers.get('x-request-id'), json: (await response.json()) as Record<string, unknown> };
  }
  const image = (bytes: Buffer) => JSON.stringify({ image: bytes.toString('base64') });

  it('recognizes a fixture invoice on v1.0 and on v2 with the project header', async () => {
    const v1 = await call('/v1.0/ocr/quota-invoice', image(invoice));
    expect(v1.status).toBe(200);
    expect(v1.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(v1.json.result).toMatchObject(truth);
    const v2 = await call('/v2/pid42/ocr/quota-invoice', image(invoice), { headers: { 'x-project-id': 'pid42' } });
    expect(v2.json.result).toMatchObject(truth);
  });

  it.each([
    ['a wrong SK', { sk: 'wrong' }],
    ['a body changed after signing', { tamper: image(invoice.subarray(0, 100)) }],
    ['an X-Sdk-Date 20 minutes old', { date: new Date(Date.now() - 20 * 60_000) }],
    ['a wrong token', { headers: { 'X-Auth-Token': 'nope' } }],
  ])('rejects %s with 401 APIG.0301', async (_name, opts) => {
    const answer = await call('/v1.0/ocr/quota-invoice', image(invoice), opts);
    expect(answer).toMatchObject({ status: 401, json: { error_code: 'APIG.0301' } });
  });

  it('issues an IAM token that is then accepted', async () => {
    const login = (password: string) =>
      fetch(new URL('/v3/auth/tokens', emu.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'emulator', password, domain: { name: 'emulator' } } } }, scope: { project: { name: 'cn-north-4' } } } }),
      });
    expect((await login('wrong')).status).toBe(401);
    const ok = await login('emulator');
    expect(ok.status).toBe(201);
    const token = ok.headers.get('x-subject-token')!;
    expect(token).toBe('TOKEN123');
    const answer = await call('/v2/pid42/ocr/quota-invoice', image(invoice), { headers: { 'X-Auth-Token': token } });
    expect(answer.json.result).toMatchObject(truth);
  });

  const tiny = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAoAAAAKCAIAAAACUFjqAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC', 'base64');
  const blank = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAJklEQVR42u3NMQ0AAAwDoPo33arYsQQMkB6LQCAQCAQCgUAg+BIMi1X0ptsIcT0AAAAASUVORK5CYII=', 'base64');
  it.each([
    ['not JSON', '{image:', 400, 'AIS.0101'],
    ['neither image nor url', '{}', 400, 'AIS.0101'],
    ['both image and url', JSON.stringify({ image: 'aGk=', url: 'https://x/a.png' }), 400, 'AIS.0101'],
    ['an unknown field', JSON.stringify({ image: invoice.toString('base64'), side: 'front' }), 400, 'AIS.0101'],
    ['a data: prefix', JSON.stringify({ image: `data:image/png;base64,${invoice.toString('base64')}` }), 400, 'AIS.0101'],
    ['a GIF', image(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')), 400, 'AIS.0102'],
    ['a 10×10 PNG', image(tiny), 400, 'AIS.0103'],
    ['a blank image', image(blank), 400, 'AIS.0104'],
  ])('answers %s with %i %s', async (_name, body, status, code) => {
    const answer = await call('/v1.0/ocr/quota-invoice', body);
    expect(answer).toMatchObject({ status, json: { error_code: code } });
  });

  it('answers a taxi receipt with AIS.0104 and words naming the kind', async () => {
    const taxi = readFileSync(join(FIXTURES, 'kinds', 'taxi-receipt.jpg'));
    const answer = await call('/v1.0/ocr/quota-invoice', image(taxi));
    expect(answer).toMatchObject({ status: 400, json: { error_code: 'AIS.0104' } });
    expect(answer.json.error_msg).toMatch(/not a quota invoice: it looks like a taxi receipt \(taxi-receipt\)/);
  });

  it('answers 404 APIG.0101 for a wrong path or project, 413 APIG.0201 over 12 MB', async () => {
    expect(await call('/v1.0/ocr/vat-invoice', image(invoice))).toMatchObject({ status: 404, json: { error_code: 'APIG.0101' } });
    expect(await call('/v2/other/ocr/quota-invoice', image(invoice))).toMatchObject({ status: 404, json: { error_code: 'APIG.0101' } });
    const huge = JSON.stringify({ image: 'A'.repeat(13 * 1024 * 1024) });
    expect(await call('/v1.0/ocr/quota-invoice', huge)).toMatchObject({ status: 413, json: { error_code: 'APIG.0201' } });
  });

  it('fetches a url body, and throttles on demand', async () => {
    const byUrl = await call('/v1.0/ocr/quota-invoice', JSON.stringify({ url: `${site.url}/invoices/invoice-3.png` }));
    expect(byUrl.json.result).toMatchObject(truth);
    emu.throttleNext(1);
    expect(await call('/v1.0/ocr/quota-invoice', image(invoice))).toMatchObject({ status: 429, json: { error_code: 'APIG.0308' } });
    expect((await call('/v1.0/ocr/quota-invoice', image(invoice))).status).toBe(200);
  });
});

describe('the emulator plays the live gateway: APIGW.* spelling, a skewed clock, scripted answers', () => {
  let emu: Emulator;
  const AHEAD = 20 * 60_000;
  beforeAll(async () => {
    // A constant recognizer: these answers are about the gateway, not the pixels.
    emu = await startEmulator({ ak: AK, sk: SK, clockOffsetMs: AHEAD, codePrefix: 'APIGW' }, async () => ({ ok: true, result: truth }));
  });
  afterAll(() => emu.close());

  async function post(date: Date, body = JSON.stringify({ image: invoice.toString('base64') })) {
    const url = new URL('/v1.0/ocr/quota-invoice', emu.url);
    const response = await fetch(url, { method: 'POST', headers: sign(url, body, {}, SK, date), body });
    return { status: response.status, date: Date.parse(response.headers.get('date') ?? ''), json: (await response.json()) as Record<string, unknown> };
  }

  it('dates its answers with its own clock and checks X-Sdk-Date against it (±15 min)', async () => {
    const local = await post(new Date());
    expect(local).toMatchObject({ status: 401, json: { error_code: 'APIGW.0301' } });
    expect(Math.abs(local.date - (Date.now() + AHEAD))).toBeLessThan(5_000);
    expect(emu.requests.at(-1)).toMatchObject({ errorCode: 'APIGW.0301', auth: { ok: false, reason: 'stale-date' } });
    const gatewayTime = await post(new Date(Date.now() + AHEAD));
    expect(gatewayTime).toMatchObject({ status: 200, json: { result: truth } });
  });

  it('spells every gateway code its way and leaves AIS.* alone', async () => {
    expect(await post(new Date(Date.now() + AHEAD), '{}')).toMatchObject({ status: 400, json: { error_code: 'AIS.0101' } });
    emu.throttleNext(1);
    expect(await post(new Date(Date.now() + AHEAD))).toMatchObject({ status: 429, json: { error_code: 'APIGW.0308' } });
  });

  it('gives scripted answers next, exactly as written, before any auth check', async () => {
    emu.answerNext({ status: 401, code: 'APIGW.0307', message: 'The token must be updated.' }, { status: 401, code: 'APIG.0307', message: 'The token must be updated.' });
    expect(await post(new Date())).toMatchObject({ status: 401, json: { error_code: 'APIGW.0307', error_msg: 'The token must be updated.' } });
    expect(await post(new Date())).toMatchObject({ status: 401, json: { error_code: 'APIG.0307' } });
    expect((await post(new Date(Date.now() + AHEAD))).status).toBe(200);
  });
});

describe('npm run emulator', () => {
  it('prints its address once listening and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'emulator', 'cli.ts'), '--port', '0', '--ak', 'A1', '--sk', 'S1', '--clock-offset-ms=-1200000', '--code-prefix', 'APIGW'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const answer = await fetch(`${address}/v1.0/ocr/quota-invoice`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error_code: 'APIGW.0301' });
    expect(Math.abs(Date.parse(answer.headers.get('date')!) - (Date.now() - 20 * 60_000))).toBeLessThan(5_000);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
