import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { type Checksums, readChecksums, sha256 } from '../../scripts/models/models';
import { ORT_WASM, ORT_WASM_BROTLI, ensureOrtWasm } from '../../scripts/models/ort-wasm';

/** A stand-in for the package's wasm (the real one takes a minute to compress) and its recorded checksum. */
function place() {
  const dir = mkdtempSync(join(tmpdir(), 'qic-ort-'));
  const source = new Uint8Array(50_000).map((_, i) => (i % 251) ^ (i >> 9));
  writeFileSync(join(dir, ORT_WASM), source);
  const checksums: Checksums = { source: {}, float16: {}, onnxruntime: { [ORT_WASM]: sha256(source) }, trained: {} };
  return { source, checksums, places: { source: join(dir, ORT_WASM), cacheDir: join(dir, 'cache') } };
}

describe('ensureOrtWasm', { timeout: 30_000 }, () => {
  it('makes a smaller Brotli file into the cache that decompresses to the package file', () => {
    const { source, checksums, places } = place();
    const path = ensureOrtWasm(checksums, places);
    expect(path).toBe(join(places.cacheDir, ORT_WASM_BROTLI));
    const made = readFileSync(path);
    expect(made.length).toBeLessThan(source.length / 4);
    expect(Buffer.compare(brotliDecompressSync(made), Buffer.from(source))).toBe(0);
  });

  it('makes a damaged cached file again rather than packaging it', () => {
    const { source, checksums, places } = place();
    const path = ensureOrtWasm(checksums, places);
    writeFileSync(path, readFileSync(path).subarray(0, 100));
    ensureOrtWasm(checksums, places);
    expect(sha256(brotliDecompressSync(readFileSync(path)))).toBe(sha256(source));
  });

  it('refuses a package wasm changed by one byte (another onnxruntime-web), naming both hashes', () => {
    const { source, checksums, places } = place();
    source[100] ^= 1;
    writeFileSync(places.source, source);
    expect(() => ensureOrtWasm(checksums, places)).toThrow(/ort-wasm-simd-threaded\.wasm: sha256 [0-9a-f]{64}, scripts\/models\/checksums\.json records [0-9a-f]{64}/);
  });

  it('the real checksums.json records the onnxruntime-web installed here', () => {
    const installed = readFileSync(createRequire(import.meta.url).resolve(`onnxruntime-web/${ORT_WASM}`));
    expect(readChecksums().onnxruntime[ORT_WASM]).toBe(sha256(installed));
  });
});
