import { describe, expect, it } from 'vitest';
import { fetchUrlImage, resolveClickedImage } from '@/lib/capture/resolve-image';
import { hostToAllow } from '@/lib/ui/allow-host';
import type { FetchLike } from '@/lib/huawei/http';
import { LocalCode } from '@/lib/recognize/errors';

const URL_ = 'https://img.mail.example.cn/att/1.png';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** A worker fetch the browser refuses (no host permission, no CORS): a TypeError, no answer. */
const refused: FetchLike = async () => {
  throw new TypeError('Failed to fetch');
};
const answers = (status: number, body: BlobPart): FetchLike => async () => new Response(body, { status });

describe('an image whose host is not granted (issue 11)', () => {
  it('not granted and nothing else could read it: LOCAL.HOST_ACCESS naming the URL to allow', async () => {
    const asked: string[] = [];
    const got = await resolveClickedImage(URL_, refused, undefined, async (url) => (asked.push(url), false));
    expect(got).toMatchObject({ ok: false, error: { code: LocalCode.hostAccess, message: URL_, retryable: false } });
    expect(asked).toEqual([URL_]);
  });

  it.each([
    ['granted, yet unreachable: a network failure, as before', refused, true, LocalCode.imageFetch],
    ['not granted, but the site answered 404: the site decides', answers(404, 'gone'), false, LocalCode.imageGone],
    ['not granted, but the site answered a login page', answers(200, '<!doctype html><html>'), false, LocalCode.notImage],
  ] as const)('%s', async (_name, fetchFn, granted, code) => {
    const got = await resolveClickedImage(URL_, fetchFn, undefined, async () => granted);
    expect(got).toMatchObject({ ok: false, error: { code } });
  });

  it('a readable image never asks', async () => {
    let asked = false;
    const got = await resolveClickedImage(URL_, answers(200, PNG), undefined, async () => ((asked = true), false));
    expect(got).toMatchObject({ ok: true, via: 'worker-fetch' });
    expect(asked).toBe(false);
  });
});

describe('a URL the worker reads alone (typed, pasted or dropped into the popup; any retry)', () => {
  it('not granted and no answer (the prompt could not be shown): LOCAL.HOST_ACCESS naming the URL, not a download failure', async () => {
    const asked: string[] = [];
    const got = await fetchUrlImage(URL_, refused, async (url) => (asked.push(url), false));
    expect(got).toEqual({ ok: false, error: { code: LocalCode.hostAccess, message: URL_, retryable: false } });
    expect(asked).toEqual([URL_]);
  });

  it.each([
    ['granted, yet unreachable: a network failure', refused, true, LocalCode.imageFetch],
    ['not granted, but the site answered 404', answers(404, 'gone'), false, LocalCode.imageGone],
    ['not granted, but the site answered a login page', answers(200, '<!doctype html><html>'), false, LocalCode.notImage],
  ] as const)('%s', async (_name, fetchFn, granted, code) => {
    expect(await fetchUrlImage(URL_, fetchFn, async () => granted)).toMatchObject({ ok: false, error: { code } });
  });

  it('a readable image never asks; a data: URL has no host to ask for', async () => {
    let asked = false;
    const canReach = async () => ((asked = true), false);
    expect(await fetchUrlImage(URL_, answers(200, PNG), canReach)).toMatchObject({ ok: true });
    expect(await fetchUrlImage('data:text/plain,hello', refused, canReach)).toMatchObject({ ok: false, error: { code: LocalCode.imageFetch } });
    expect(asked).toBe(false);
  });
});

describe('which captures offer "Allow reading images from <host>" (popup and batch page alike)', () => {
  const failed = (code: string, message: string) => ({ status: 'failed' as const, error: { code, message, retryable: false } });
  it.each([
    ['a host refused: its URL and host', failed(LocalCode.hostAccess, URL_), { url: URL_, host: 'img.mail.example.cn' }],
    ['a host with a port: the host names it', failed(LocalCode.hostAccess, 'http://localhost:8123/a.png'), { url: 'http://localhost:8123/a.png', host: 'localhost:8123' }],
    ['LOCAL.HOST_ACCESS without a URL: no button', failed(LocalCode.hostAccess, 'the page'), undefined],
    ['a URL that is no web address: no button', failed(LocalCode.hostAccess, 'blob:null/1'), undefined],
    ['another failure: no button', failed(LocalCode.imageFetch, URL_), undefined],
    ['not failed (queued again after Allow): no button', { status: 'queued' as const, error: failed(LocalCode.hostAccess, URL_).error }, undefined],
  ])('%s', (_name, capture, expected) => {
    expect(hostToAllow(capture as Parameters<typeof hostToAllow>[0])).toEqual(expected);
  });
});
