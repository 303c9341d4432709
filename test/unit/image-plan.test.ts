import { describe, expect, it } from 'vitest';
import { jpegOrientation } from '@/lib/image/exif';
import { base64Length, fitInside, fitsBase64Budget, MAX_BASE64_CHARS } from '@/lib/image/limits';
import { planImage, type ImageFacts } from '@/lib/image/plan';

const MB = 1024 * 1024;
const facts = (f: Partial<ImageFacts>): ImageFacts => ({ format: 'jpeg', bytes: 300_000, width: 1200, height: 800, orientation: 1, complete: true, ...f });

describe('planImage: fit every image to the API', () => {
  it.each([
    ['a small JPEG passes', facts({}), { action: 'pass' }],
    ['a PNG passes', facts({ format: 'png' }), { action: 'pass' }],
    ['a BMP within limits passes', facts({ format: 'bmp' }), { action: 'pass' }],
    ['an undecodable TIFF within budget passes', facts({ format: 'tiff', width: undefined, height: undefined }), { action: 'pass' }],
    ['WebP becomes JPEG', facts({ format: 'webp' }), { action: 'encode', mime: 'image/jpeg', width: 1200, height: 800 }],
    ['AVIF becomes JPEG', facts({ format: 'avif' }), { action: 'encode', mime: 'image/jpeg' }],
    ['GIF becomes PNG', facts({ format: 'gif' }), { action: 'encode', mime: 'image/png' }],
    ['SVG becomes PNG', facts({ format: 'svg' }), { action: 'encode', mime: 'image/png' }],
    ['ICO becomes PNG', facts({ format: 'ico', width: 256, height: 256 }), { action: 'encode', mime: 'image/png' }],
    ['an 8000×6000 photo is downscaled to 4096', facts({ width: 8000, height: 6000, bytes: 12 * MB }), { action: 'encode', width: 4096, height: 3072, mime: 'image/jpeg' }],
    ['a 6000×4000 photo within budget is still downscaled', facts({ width: 6000, height: 4000, bytes: 3 * MB }), { action: 'encode', width: 4096, height: 2731 }],
    ['a 20 MB PNG under 4096 px is re-encoded', facts({ format: 'png', width: 4000, height: 3000, bytes: 20 * MB }), { action: 'encode', width: 4000, height: 3000, mime: 'image/png' }],
    ['a sideways phone photo is turned upright', facts({ orientation: 6 }), { action: 'encode', reason: 'EXIF orientation' }],
    ['a 10×10 PNG is refused', facts({ format: 'png', width: 10, height: 10 }), { action: 'reject', code: 'LOCAL.IMAGE_TOO_SMALL' }],
    ['a 2000×14 strip is refused, its size named', facts({ width: 2000, height: 14 }), { action: 'reject', code: 'LOCAL.IMAGE_TOO_SMALL', imageSize: { width: 2000, height: 14 } }],
    // A new user's trial: 16 px is no less than 15, but fitted into 4096 px it would be 13 px tall.
    ['a 5000×16 strip is refused for its shape, not as under 15 px', facts({ format: 'png', width: 5000, height: 16 }), { action: 'reject', code: 'LOCAL.IMAGE_TOO_NARROW', imageSize: { width: 5000, height: 16 } }],
    ['a 16×5000 strip likewise', facts({ format: 'png', width: 16, height: 5000 }), { action: 'reject', code: 'LOCAL.IMAGE_TOO_NARROW' }],
    ['4096×15 fits both limits as it is', facts({ format: 'png', width: 4096, height: 15 }), { action: 'pass' }],
    ['4370×16 is fitted to 4096×15 and sent', facts({ format: 'png', width: 4370, height: 16 }), { action: 'encode', width: 4096, height: 15 }],
    ['a PNG cut short is damaged, whatever the browser decoded of it', facts({ format: 'png', complete: false }), { action: 'reject', code: 'LOCAL.IMAGE_DAMAGED' }],
    ['a PNG that does not decode is damaged, not an unsupported format', facts({ format: 'png', width: undefined, height: undefined }), { action: 'reject', code: 'LOCAL.IMAGE_DAMAGED' }],
    ['exactly 15 px passes', facts({ format: 'png', width: 15, height: 15 }), { action: 'pass' }],
    ['HEIC that cannot be decoded is refused', facts({ format: 'heic', width: undefined, height: undefined }), { action: 'reject', code: 'LOCAL.UNSUPPORTED_FORMAT' }],
    ['a TIFF over budget that cannot be decoded is refused', facts({ format: 'tiff', bytes: 9 * MB, width: undefined, height: undefined }), { action: 'reject' }],
  ] as const)('%s', (_name, input, expected) => expect(planImage(input)).toMatchObject(expected));
});

describe('limits', () => {
  it('base64 budget: 10 MB of characters', () => {
    expect(base64Length(3)).toBe(4);
    expect(base64Length(4)).toBe(8);
    const largest = (MAX_BASE64_CHARS / 4) * 3;
    expect(fitsBase64Budget(largest)).toBe(true);
    expect(fitsBase64Budget(largest + 1)).toBe(false);
  });

  it.each([
    [8000, 6000, 4096, 3072],
    [6000, 8000, 3072, 4096],
    [1000, 500, 1000, 500],
  ])('fitInside(%i, %i) = %i×%i', (w, h, ew, eh) => expect(fitInside(w, h)).toEqual({ width: ew, height: eh }));
});

describe('EXIF orientation', () => {
  function jpegWithOrientation(value: number, little: boolean): Uint8Array {
    const u16 = (n: number) => (little ? [n & 0xff, n >> 8] : [n >> 8, n & 0xff]);
    const u32 = (n: number) => (little ? [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24] : [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
    const tiff = [...(little ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42), ...u32(8), ...u16(1), ...u16(0x0112), ...u16(3), ...u32(1), ...u16(value), 0, 0, ...u32(0)];
    const app1 = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 0xff, ...app1, 0xff, 0xda, 0, 2]);
  }
  it.each([[6, true], [8, false], [3, true]])('reads %i (little-endian: %s)', (value, little) => expect(jpegOrientation(jpegWithOrientation(value, little))).toBe(value));
  it('is 1 without EXIF, for non-JPEGs and for truncated data', () => {
    expect(jpegOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0, 4, 0, 0, 0xff, 0xda]))).toBe(1);
    expect(jpegOrientation(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe(1);
    expect(jpegOrientation(jpegWithOrientation(6, true).subarray(0, 20))).toBe(1);
  });
});
