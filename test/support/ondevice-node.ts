/**
 * The on-device engine in Node (for the emulator, the tests and the benchmarks): the same
 * lib/ondevice code as in the extension, with onnxruntime-web's Node build, the same model files
 * the build packages (float16, or the package's float32 ones with `QIC_MODELS=float32`:
 * scripts/models/models.ts), and PNG/JPEG decoded by pure-JS decoders.
 */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import * as ort from 'onnxruntime-web';
import { PNG } from 'pngjs';
import { sniffFormat } from '../../lib/image/sniff';
import { createEngine, type OcrEngine } from '../../lib/ondevice/engine';
import type { RgbaImage } from '../../lib/ondevice/image';
import { ensureModels } from '../../scripts/models/models';

let engine: Promise<OcrEngine> | undefined;

/**
 * One engine per process (ort's thread count is process-wide), created on first use from the
 * models `QIC_MODELS` names (default float16; made first if the cache lacks them).
 */
export function nodeEngine(numThreads = 2): Promise<OcrEngine> {
  engine ??= (async () => {
    const files = ensureModels();
    const bytes = (path: string) => new Uint8Array(readFileSync(path));
    return createEngine({
      ort,
      numThreads,
      det: bytes(files['det.onnx']),
      rec: bytes(files['rec.onnx']),
      cls: bytes(files['cls.onnx']),
      digits: bytes(files['digits.onnx']),
      dict: readFileSync(files['ppocr_keys_v1.txt'], 'utf8'),
    });
  })();
  return engine;
}

/** PNG or JPEG bytes → RGBA pixels; null for formats these decoders do not read. */
export function decodeImage(bytes: Uint8Array): RgbaImage | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const format = sniffFormat(bytes);
  const decoded =
    format === 'png' ? PNG.sync.read(buffer) : format === 'jpeg' ? jpeg.decode(buffer, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 }) : null;
  if (!decoded) return null;
  return { width: decoded.width, height: decoded.height, data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length) };
}
