import { describe, expect, it } from 'vitest';
import { brotliCompressSync, constants } from 'node:zlib';
import { decompressBrotli, hasNativeDecompression } from '../../lib/ondevice/brotli';

/** Bytes shaped like a binary: repeats (compressible) with pseudo-random noise between them. */
function binaryLike(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  let s = 7;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    bytes[i] = i % 97 < 60 ? (i * 31) & 0xff : s >>> 24;
  }
  return bytes;
}

/** Quality 5: quick here; the decoder reads any quality the same way. */
const compress = (bytes: Uint8Array) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });

describe('decompressBrotli', { timeout: 30_000 }, () => {
  it('the JS decoder gives back the bytes Node compressed', async () => {
    const original = binaryLike(200_000);
    const compressed = compress(original);
    expect(compressed.length).toBeLessThan(original.length);
    const out = await decompressBrotli(new Uint8Array(compressed), false);
    expect(out.length).toBe(original.length);
    expect(Buffer.compare(Buffer.from(out), Buffer.from(original))).toBe(0);
  });

  it('the JS decoder refuses a truncated stream', async () => {
    const compressed = compress(binaryLike(100_000));
    await expect(decompressBrotli(new Uint8Array(compressed.subarray(0, compressed.length >> 1)), false)).rejects.toThrow();
  });

  it('knows gzip natively and refuses a made-up format', () => {
    expect(hasNativeDecompression('gzip')).toBe(true);
    expect(hasNativeDecompression('lzma-of-our-own')).toBe(false);
  });
});
