import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFromDataUrl } from '@/lib/ui/intake';

const png = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'invoices', 'invoice-5.png'));
const bytesOf = async (file: File | null) => new Uint8Array(await file!.arrayBuffer());

describe('a data: URL pasted into the popup, decoded into a file (trial 5)', () => {
  it('base64 of a 147 KB invoice: the same bytes, its media type, the given name', async () => {
    const file = fileFromDataUrl(`data:image/png;base64,${png.toString('base64')}`, 'pasted');
    expect(file).toMatchObject({ name: 'pasted', type: 'image/png', size: png.length });
    expect(Buffer.from(await bytesOf(file)).equals(png)).toBe(true);
  });

  it('base64 broken by line breaks, as some tools copy it: the same bytes', async () => {
    const wrapped = png.toString('base64').replace(/.{76}/g, '$&\n');
    expect(Buffer.from(await bytesOf(fileFromDataUrl(`data:image/png;base64,${wrapped}`, 'x'))).equals(png)).toBe(true);
  });

  it('base64 of a photo of several MB (a new user’s 3.35 MB pick was lost, the check overflowing the stack): the same bytes', async () => {
    const photo = Buffer.alloc(8_000_000);
    for (let i = 0; i < photo.length; i++) photo[i] = (i * 2654435761) >>> 24;
    const file = fileFromDataUrl(`data:image/jpeg;base64,${photo.toString('base64')}`, 'photo.jpg');
    expect(file?.size).toBe(photo.length);
    expect(Buffer.from(await bytesOf(file)).equals(photo)).toBe(true);
  });

  it.each([
    ['no padding, 2 left over', 'QUI', 'AB'],
    ['one pad', 'QUI=', 'AB'],
    ['two pads', 'QQ==', 'A'],
  ])('%s: decoded', async (_name, base64, text) => {
    expect(new TextDecoder().decode(await bytesOf(fileFromDataUrl(`data:text/plain;base64,${base64}`, 'x')))).toBe(text);
  });

  it('percent-encoded text: its bytes (the intake then says it holds text)', async () => {
    expect(new TextDecoder().decode(await bytesOf(fileFromDataUrl('data:text/plain,caf%C3%A9%20bill', 'x')))).toBe('café bill');
  });

  it.each([
    ['cut short (a length no base64 has)', `data:image/png;base64,${png.toString('base64').slice(0, 5_001)}`],
    ['not base64 at all', 'data:image/png;base64,%%%not-base64%%%'],
    ['padding in the middle', 'data:image/png;base64,iVBO=RKGgo'],
    ['padding short of a whole group', 'data:image/png;base64,QUJD=='],
    ['three pads', 'data:image/png;base64,QQ==='],
    ['a broken percent escape', 'data:text/plain,%E0%A4%A'],
    ['no comma: no data: URL', 'data:image/png;base64'],
    ['not a data: URL', 'https://img.example.cn/1.png'],
  ])('%s: null (refused with words, nothing sent)', (_name, url) => {
    expect(fileFromDataUrl(url, 'x')).toBeNull();
  });
});
