/**
 * Brotli decompression (RFC 7932) for the packaged onnxruntime WASM binary
 * (`ort/ort-wasm-simd-threaded.wasm.br`, made by scripts/models/ort-wasm.ts).
 *
 * The browser's own `DecompressionStream('brotli')` where it exists (Firefox 153 ESR has it), otherwise the
 * `brotli` package's JS decoder (Chrome 156 has no Brotli in `DecompressionStream`), loaded only
 * then. Both give the same bytes; the JS decoder takes about half a second for the 14 MB binary.
 */

/** Is `format` one the browser's DecompressionStream knows? (The constructor throws TypeError if not.) */
export function hasNativeDecompression(format: string): boolean {
  try {
    new DecompressionStream(format as CompressionFormat);
    return true;
  } catch {
    return false;
  }
}

/**
 * The decompressed bytes of a Brotli stream. `native` chooses the decoder (default: the browser's
 * when it has one). Rejects on a damaged or truncated stream (either decoder).
 */
export async function decompressBrotli(compressed: Uint8Array, native = hasNativeDecompression('brotli')): Promise<Uint8Array> {
  if (native) {
    const stream = new Blob([compressed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('brotli' as CompressionFormat));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  const { decompress } = await import('brotli/decompress');
  return decompress(compressed);
}
