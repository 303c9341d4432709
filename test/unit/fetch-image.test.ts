import { describe, expect, it } from 'vitest';
import { fetchImage } from '@/lib/capture/fetch-image';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const LOGIN = new TextEncoder().encode('<!doctype html><title>登录</title><form>');
const answer = (status: number, body: Uint8Array | string) => async () => new Response(typeof body === 'string' ? body : (body as BlobPart), { status });

describe('fetchImage: what an answer means', () => {
  it.each([
    ['200 with an image', 200, PNG, undefined],
    ['200 with a login page', 200, LOGIN, 'LOCAL.NOT_IMAGE'],
    ['404, plain text', 404, 'not found', 'LOCAL.IMAGE_GONE'],
    ['404, the site\'s HTML error page (not "log in")', 404, LOGIN, 'LOCAL.IMAGE_GONE'],
    ['404, empty', 404, '', 'LOCAL.IMAGE_GONE'],
    ['410 Gone', 410, 'gone', 'LOCAL.IMAGE_GONE'],
    ['403', 403, 'forbidden', 'LOCAL.IMAGE_FETCH'],
    ['500', 500, 'oops', 'LOCAL.IMAGE_FETCH'],
    ['404 whose body is still the image (some CDNs)', 404, PNG, undefined],
  ])('%s', async (_name, status, body, code) => {
    const out = await fetchImage(answer(status, body), 'https://mail.test/att/1');
    if (code === undefined) expect(out.ok).toBe(true);
    else expect(out).toMatchObject({ ok: false, error: { code } });
  });

  it('names the status for the details line', async () => {
    const out = await fetchImage(answer(410, ''), 'https://mail.test/att/1');
    expect(out).toMatchObject({ ok: false, error: { message: 'mail.test answered HTTP 410', status: 410, retryable: false } });
  });
});
