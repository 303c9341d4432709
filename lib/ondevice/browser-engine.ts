import * as ort from 'onnxruntime-web/wasm';
import { browser } from 'wxt/browser';
import type { RecognizeOutcome } from '../recognize/contract';
import type { Progress } from '../store/capture-schema';
import { sniffFormat } from '../image/sniff';
import { decompressBrotli } from './brotli';
import { createEngine, type OcrEngine } from './engine';
import type { RgbaImage } from './image';
import { scaleFieldBoxes } from './field-boxes';
import { builtPipeline } from './pipeline';
import { readQuotaInvoice } from './read-invoice';
import { modelTotal } from './model-total';

/** Packaged with the extension by wxt.config.ts: nothing is fetched from the network. */
const MODEL_FILES = { det: 'models/det.onnx', rec: 'models/rec.onnx', cls: 'models/cls.onnx', digits: 'models/digits.onnx' } as const;
const DICT_FILE = 'models/ppocr_keys_v1.txt';
/** onnxruntime's WASM binary, Brotli-compressed by scripts/models/ort-wasm.ts (2.3 MB for 14.2). */
const ORT_WASM_FILE = 'ort/ort-wasm-simd-threaded.wasm.br';
/** Crops are cut from the decoded image; beyond this size they gain nothing and cost memory. */
const MAX_DECODED_SIDE = 2560;

const url = (path: string) => browser.runtime.getURL(`/${path}` as '/');

/** Reads the model files, reporting the share of bytes read so far. */
async function readModels(progress: (p: Progress) => void): Promise<Record<keyof typeof MODEL_FILES, Uint8Array>> {
  const responses = await Promise.all(Object.values(MODEL_FILES).map((file) => fetch(url(file))));
  const total = modelTotal(responses.map((r) => r.headers.get('Content-Length')));
  let loaded = 0;
  const read = async (response: Response): Promise<Uint8Array> => {
    const chunks: Uint8Array[] = [];
    const reader = response.body!.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      chunks.push(part.value);
      loaded += part.value.length;
      // Bytes always; the share only when the sizes are known (extension URLs may omit Content-Length).
      progress(total > 0 ? { stage: 'loading-models', fraction: Math.min(1, loaded / total), loadedBytes: loaded, totalBytes: total } : { stage: 'loading-models', loadedBytes: loaded });
    }
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes;
  };
  const [det, rec, cls, digits] = await Promise.all(responses.map(read));
  return { det: det!, rec: rec!, cls: cls!, digits: digits! };
}

let engine: Promise<OcrEngine> | undefined;

/** onnxruntime's WASM binary, decompressed. Rejects if the packaged file is missing or damaged. */
async function readOrtWasm(): Promise<Uint8Array> {
  const response = await fetch(url(ORT_WASM_FILE));
  if (!response.ok) throw new Error(`${ORT_WASM_FILE}: ${response.status}`);
  return decompressBrotli(new Uint8Array(await response.arrayBuffer()));
}

/** The engine, created once per document; the first call loads the models (about 8 MB) and the WASM. */
export function browserEngine(progress: (p: Progress) => void): Promise<OcrEngine> {
  engine ??= (async () => {
    progress({ stage: 'loading-models', fraction: 0 });
    const [models, dict, wasmBinary] = await Promise.all([readModels(progress), fetch(url(DICT_FILE)).then((r) => r.text()), readOrtWasm()]);
    // Decompressing and compiling the WASM and creating the sessions take most of a first run: say so, not "100%".
    progress({ stage: 'starting-engine' });
    return createEngine({
      ort,
      ...models,
      dict,
      wasmBinary,
      // Two threads need SharedArrayBuffer, i.e. a cross-origin-isolated page (Chrome's
      // offscreen document with COOP/COEP); Firefox's background page gets one.
      numThreads: globalThis.crossOriginIsolated ? Math.min(2, navigator.hardwareConcurrency || 1) : 1,
      wasmPaths: url('ort/'),
    });
  })();
  engine.catch(() => (engine = undefined)); // a failed load is retried next time
  return engine;
}

/**
 * Decodes any image the browser can (EXIF orientation applied), scaled to a sane size; with the
 * image's own upright size (px), which the fields' regions are given in.
 */
export async function decodeBlob(blob: Blob): Promise<{ pixels: RgbaImage; width: number; height: number }> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const size = { width: bitmap.width, height: bitmap.height };
  const scale = Math.min(1, MAX_DECODED_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  // Transparent PNGs (WebP, GIF…) read as on white paper; a JPEG has no alpha, and filling a
  // 2560 px canvas first cost ~40 ms a capture in the offscreen document (issue 10's profile).
  // The bytes say which, not the label (a server may call a PNG image/jpeg).
  if (sniffFormat(new Uint8Array(await blob.slice(0, 16).arrayBuffer())) !== 'jpeg') {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
  }
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return { pixels: context.getImageData(0, 0, width, height), ...size };
}

/** An image decoded by decodeBlob. */
export type DecodedImage = Awaited<ReturnType<typeof decodeBlob>>;

/** Reads an invoice image (any format the browser decodes) with the on-device engine. */
export function recognizeBlob(blob: Blob, progress: (p: Progress) => void): Promise<RecognizeOutcome> {
  return recognizeDecoded(decodeBlob(blob), progress);
}

/**
 * Reads an image whose decoding (decodeBlob) may have started before it was asked for (the
 * offscreen document decodes a posted image on arrival, while the worker still searches it for
 * several invoices). Rejects as decodeBlob does.
 */
export async function recognizeDecoded(decoding: Promise<DecodedImage>, progress: (p: Progress) => void): Promise<RecognizeOutcome> {
  const ready = await browserEngine(progress);
  progress({ stage: 'recognizing' });
  const decoded = await decoding;
  const outcome = await readQuotaInvoice(ready, decoded.pixels, { pipeline: builtPipeline() });
  // The engine read a copy at most MAX_DECODED_SIDE px long: its regions go back to the image's size.
  if (!outcome.ok || !outcome.result.boxes) return outcome;
  return { ...outcome, result: { ...outcome.result, boxes: scaleFieldBoxes(outcome.result.boxes, decoded.width, decoded.height) } };
}
