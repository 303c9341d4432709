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
  /** A fetch that records every URL it is asked for, answering `respond`. */
  const recording = (respond: FetchLike) => {
    const sent: string[] = [];
    const fetchFn: FetchLike = async (input, init) => (sent.push(String(input)), respond(input, init));
    return { sent, fetchFn };
  };

  it.each([
    ['a site that would refuse (no CORS)', refused],
    ['a site that would answer with the image (CORS open)', answers(200, PNG)],
    ['a site that would answer 404', answers(404, 'gone')],
  ] as const)('not granted (denied, or never asked): LOCAL.HOST_ACCESS naming the URL, and no request at all — %s', async (_name, respond) => {
    const asked: string[] = [];
    const { sent, fetchFn } = recording(respond);
    const got = await fetchUrlImage(URL_, fetchFn, async (url) => (asked.push(url), false));
    expect(got).toEqual({ ok: false, error: { code: LocalCode.hostAccess, message: URL_, retryable: false } });
    expect(asked).toEqual([URL_]);
    expect(sent).toEqual([]);
  });

  it.each([
    ['unreachable: a network failure', refused, LocalCode.imageFetch],
    ['the site answered 404', answers(404, 'gone'), LocalCode.imageGone],
    ['the site answered a login page', answers(200, '<!doctype html><html>'), LocalCode.notImage],
  ] as const)('granted, %s', async (_name, respond, code) => {
    const { sent, fetchFn } = recording(respond);
    expect(await fetchUrlImage(URL_, fetchFn, async () => true)).toMatchObject({ ok: false, error: { code } });
    expect(sent).toEqual([URL_]);
  });

  it('granted (after Allow): the image is read', async () => {
    const { sent, fetchFn } = recording(answers(200, PNG));
    expect(await fetchUrlImage(URL_, fetchFn, async () => true)).toMatchObject({ ok: true });
    expect(sent).toEqual([URL_]);
  });

  it('a data: URL has no host to ask for', async () => {
    let asked = false;
    const canReach = async () => ((asked = true), false);
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
