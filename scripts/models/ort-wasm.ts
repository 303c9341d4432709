/**
 * onnxruntime-web's WASM binary as the extension packages it: the package's plain build
 * (`ort-wasm-simd-threaded.wasm`, 14.2 MB: the smallest of its four variants, and the only one
 * without WebGPU/JSEP or JSPI, which the engine does not use) compressed with Brotli, 2.3 MB.
 * The engine decompresses it once when it starts (lib/ondevice/brotli.ts) and hands the bytes to
 * onnxruntime (`env.wasm.wasmBinary`).
 *
 * Why Brotli: a store ZIP deflates the plain file to 3.7 MB; Brotli's larger window and context
 * modelling get it to 2.3 MB (1.4 MB less in the ZIP, 11.9 MB less unpacked). Chrome's
 * `DecompressionStream` has no Brotli yet (Firefox's has), so a JS decoder does it there.
 *
 * Pinned like the models: scripts/models/checksums.json records the SHA-256 of the package's
 * file; the compressed file is made into node_modules/.cache at the first build (quality 11 takes
 * about a minute on a loaded 2-core machine) and is used only if it decompresses (with Node's own
 * Brotli) to exactly those bytes: Brotli encoders of other Node versions may write other bytes
 * for the same content, so the content, not the compressed bytes, is what is checked.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { type Checksums, readChecksums, sha256 } from './models';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The package file, as onnxruntime-web names it (its .mjs loader asks for this name). */
export const ORT_WASM = 'ort-wasm-simd-threaded.wasm';
/** Its JS loader, packaged as is (24 kB). */
export const ORT_MJS = 'ort-wasm-simd-threaded.mjs';
/** The packaged, compressed file's name (under ort/ in the extension). */
export const ORT_WASM_BROTLI = `${ORT_WASM}.br`;
export const ORT_CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'quota-invoice-capture', 'ort');

/** Where ensureOrtWasm reads and writes; the real places by default (tests use their own). */
export interface OrtPlaces {
  /** The package's wasm file. */
  source: string;
  cacheDir: string;
}
const PLACES: OrtPlaces = { source: require.resolve(`onnxruntime-web/${ORT_WASM}`), cacheDir: ORT_CACHE_DIR };

/** Brotli at its strongest (quality 11, 16 MB window): the smallest file, made once and cached. */
export function compressBrotli(bytes: Uint8Array): Uint8Array {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/**
 * The path of the packaged `ort-wasm-simd-threaded.wasm.br`, made into the cache first when it
 * is missing or does not decompress to the recorded package file. Synchronous (about a minute
 * when it compresses, a fraction of a second after). Throws when the package's wasm does not
 * match checksums.json (another onnxruntime-web version), naming both hashes.
 */
export function ensureOrtWasm(checksums: Checksums = readChecksums(), places: OrtPlaces = PLACES): string {
  const expected = checksums.onnxruntime[ORT_WASM];
  const path = join(places.cacheDir, ORT_WASM_BROTLI);
  if (existsSync(path) && decodesTo(readFileSync(path), expected)) return path;
  const source = readFileSync(places.source);
  const actual = sha256(source);
  if (actual !== expected) {
    throw new Error(
      `onnxruntime-web ${ORT_WASM}: sha256 ${actual}, scripts/models/checksums.json records ${expected ?? 'nothing'}. ` +
        'If onnxruntime-web was updated on purpose, run `npx tsx scripts/make-models.ts --update-checksums`, run the engine tests and commit the file.',
    );
  }
  const compressed = compressBrotli(source);
  if (!decodesTo(compressed, expected)) throw new Error(`${ORT_WASM_BROTLI}: does not decompress to the package's ${ORT_WASM}`);
  mkdirSync(places.cacheDir, { recursive: true });
  // Written aside and renamed: two builds may make it at once.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, compressed);
  renameSync(partial, path);
  return path;
}

function decodesTo(compressed: Uint8Array, expectedSha256: string | undefined): boolean {
  try {
    return sha256(brotliDecompressSync(compressed)) === expectedSha256;
  } catch {
    return false; // a truncated or damaged cache file: made again
  }
}
