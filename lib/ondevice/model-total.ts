/** The models' total size, bytes, measured at build time (wxt.config.ts modelBytes); 0 when unknown. */
declare const __QIC_MODEL_BYTES__: number | undefined;

/**
 * The bytes to load in all: the Content-Length headers when every response has one, else the size
 * measured at build time (Chromium's extension URLs send none), else 0 (unknown).
 */
export function modelTotal(contentLengths: (string | null)[], built = typeof __QIC_MODEL_BYTES__ === 'number' ? __QIC_MODEL_BYTES__ : 0): number {
  const sizes = contentLengths.map((v) => Number(v ?? 0));
  return sizes.every((n) => n > 0) ? sizes.reduce((a, b) => a + b, 0) : built;
}
