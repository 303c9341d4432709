import { describe, expect, it } from 'vitest';
import { imageFromBytes } from '@/lib/capture/fetch-image';
import { sniffFormat } from '@/lib/image/sniff';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(new TextEncoder().encode(p)) : p)));

describe('sniffFormat: the real format from magic bytes', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['gif', bytes('GIF89a', [1, 0])],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['bmp', bytes('BM', new Array(30).fill(0))],
    ['tiff', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0])],
    ['tiff', bytes([0x4d, 0x4d, 0x00, 0x2a, 0, 8])],
    ['avif', bytes([0, 0, 0, 0x1c], 'ftypavif')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic')],
    ['ico', bytes([0, 0, 1, 0, 1, 0])],
    ['svg', bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['html', bytes('\uFEFF  <!DOCTYPE html><html><body>请登录</body></html>')],
    ['html', bytes('<html><head><title>Login</title>')],
    // A login page opening with another tag is still a page (its words ask "are you logged in?").
    ['html', bytes('<meta charset="utf-8"><title>Sign in</title><form action="/login">')],
    ['html', bytes('<script>location.href="/login"</script>')],
    ['text', bytes('<3 lunch receipts, see attached')],
    ['json', bytes('{"error":"unauthorized"}')],
    ['empty', bytes()],
    ['unknown', bytes([0xff, 0xd8])], // truncated JPEG magic
    ['text', bytes('plain text')],
    ['text', bytes('发票清单：出租车 50.00\r\n停车 10.00\n')],
    ['unknown', bytes('PK', [3, 4, 20, 0, 0, 0])], // a ZIP (an Office file): binary, not text
    ['unknown', bytes([0xc3, 0x28, 0x41])], // invalid UTF-8
  ])('%s', (format, input) => expect(sniffFormat(input)).toBe(format));
});

describe('imageFromBytes', () => {
  it('names a login page for what it is', () => {
    const out = imageFromBytes(bytes('<!doctype html><title>登录</title>'), 'mail.example.com');
    expect(out).toMatchObject({ ok: false, error: { code: 'LOCAL.NOT_IMAGE', message: 'mail.example.com returned a web page, not an image' } });
  });

  it('types the Blob by content, not by what the server claimed', () => {
    const out = imageFromBytes(bytes([0xff, 0xd8, 0xff, 0xdb, 0, 0]), 'x');
    expect(out.ok && out.blob.type).toBe('image/jpeg');
  });
});
