// image.ts resize halves a large image first (a 2×2 box average, two channels at a time in one
// 32-bit word): the bytes must be those of the average taken a channel at a time, whatever the
// pixels (255s, where a carry between the word's lanes would show) and wherever they lie in their buffer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RgbaImage, resize } from '@/lib/ondevice/image';

/** The 2×2 box average a channel at a time: (s00 + s01 + s10 + s11 + 2) >> 2, an odd last row or column dropped. */
function boxAverage(src: RgbaImage): number[] {
  const w = src.width >> 1, h = src.height >> 1, s = src.data, stride = src.width * 4;
  const out: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 4; c++) {
        const i = 2 * y * stride + 8 * x + c;
        out.push((s[i]! + s[i + 4]! + s[i + stride]! + s[i + stride + 4]! + 2) >> 2);
      }
  return out;
}

describe('resize to half: the 2×2 box average', () => {
  it('gives every channel’s average exactly, for any pixels, odd sizes and unaligned buffers', () => {
    const image = fc
      .record({ width: fc.integer({ min: 2, max: 33 }), height: fc.integer({ min: 2, max: 33 }), offset: fc.integer({ min: 0, max: 3 }), bright: fc.boolean() })
      .chain(({ width, height, offset, bright }) =>
        fc.uint8Array({ minLength: width * height * 4, maxLength: width * height * 4, ...(bright ? { min: 250 } : {}) }).map((bytes) => {
          // The pixels `offset` bytes into their buffer (a subarray, as a decoder may give them).
          const buffer = new Uint8ClampedArray(bytes.length + offset);
          buffer.set(bytes, offset);
          return { width, height, data: buffer.subarray(offset) } satisfies RgbaImage;
        }),
      );
    fc.assert(
      fc.property(image, (src) => {
        const half = resize(src, src.width >> 1, src.height >> 1);
        expect([half.width, half.height]).toEqual([src.width >> 1, src.height >> 1]);
        expect(Array.from(half.data)).toEqual(boxAverage(src));
      }),
      { numRuns: 300 },
    );
  });
});
