import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Encoding, MIN_ELEMENTS, encodeWeights, float16Bits, float16Value, quantizePerChannel } from '../../scripts/models/quantize';
import { type Checksums, type ModelSpec, type TrainedSpec, ensureModels, makeEncoded, modelVariant, sha256 } from '../../scripts/models/models';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** Deterministic values in [-1, 1) (a linear congruential generator). */
function values(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

function constant(name: string, dims: number[], data: Float32Array) {
  const t = onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer.slice(0)) });
  return onnx.NodeProto.create({ opType: 'Constant', output: [name], attribute: [onnx.AttributeProto.create({ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t })] });
}

/** x [1,8,6,6] → Conv(w [32,8,3,3], bias) → Reshape [32,16] → MatMul(m [16,n]) → y [32,n]; opset 9 like rec and cls. */
function tinyModel(n = 80) {
  const io = (name: string, dims: number[]) =>
    onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
  const shape = onnx.NodeProto.create({
    opType: 'Constant',
    output: ['shape'],
    attribute: [{ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: { dims: [2], dataType: onnx.TensorProto.DataType.INT64, int64Data: [32, 16] } }],
  });
  const graph = onnx.GraphProto.create({
    name: 'tiny',
    node: [
      constant('w', [32, 8, 3, 3], values(32 * 8 * 9, 1)),
      constant('b', [32], values(32, 2)),
      onnx.NodeProto.create({ opType: 'Conv', input: ['x', 'w', 'b'], output: ['c'] }),
      shape,
      onnx.NodeProto.create({ opType: 'Reshape', input: ['c', 'shape'], output: ['r'] }),
      constant('m', [16, n], values(16 * n, 3)),
      onnx.NodeProto.create({ opType: 'MatMul', input: ['r', 'm'], output: ['y'] }),
    ],
    input: [io('x', [1, 8, 6, 6])],
    output: [io('y', [32, n])],
  });
  return onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 9 }], graph });
}

async function run(model: onnxProto.onnx.IModelProto, x: Float32Array): Promise<Float32Array> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(model).finish());
  const out = await session.run({ x: new ort.Tensor('float32', x, [1, 8, 6, 6]) });
  await session.release();
  return out.y!.data as Float32Array;
}

describe('quantizePerChannel', () => {
  it('scales each channel by its largest magnitude over 127, rounds half away from zero', () => {
    // Channel 0: max 2.54 → scale 0.02; channel 1: all zero → scale 1.
    const { q, scales } = quantizePerChannel(Float32Array.from([2.54, -0.01, 0.03, -2.54, 0, 0, 0, 0]), [2, 4], 0);
    expect(Array.from(scales)).toEqual([Math.fround(2.54 / 127), 1]);
    expect(Array.from(q)).toEqual([127, -1, 2, -127, 0, 0, 0, 0]);
  });

  it('takes channels along axis 1 for a MatMul weight [K, N]', () => {
    const { scales } = quantizePerChannel(Float32Array.from([1, -4, 2, 0.5]), [2, 2], 1);
    expect(Array.from(scales)).toEqual([Math.fround(2 / 127), Math.fround(4 / 127)]);
  });

  it('is off by at most half a step everywhere', () => {
    const w = values(4096, 7);
    const { q, scales } = quantizePerChannel(w, [16, 256], 0);
    const worst = Math.max(...Array.from(w, (v, i) => Math.abs(q[i]! * scales[Math.floor(i / 256)]! - v) / scales[Math.floor(i / 256)]!));
    expect(worst).toBeLessThanOrEqual(0.5 + 1e-5);
    expect(worst).toBeGreaterThan(0.4);
  });
});

const all = (encoding: Encoding) => () => encoding;

describe('encodeWeights', () => {
  it('stores Conv and MatMul weights as int8 + scale, dequantized by Cast and Mul', () => {
    const model = tinyModel();
    const report = encodeWeights(model, all('int8'));
    expect(report.encoded.map((t) => `${t.name}:${t.encoding}`)).toEqual(['w:int8', 'm:int8']);
    expect(report.keptFloat).toBe(0);
    const nodes = model.graph!.node!;
    expect(nodes.map((n) => `${n.opType}:${n.output![0]}`)).toEqual([
      ...['Constant:w__int8', 'Constant:w__scale', 'Cast:w__float', 'Mul:w'],
      ...['Constant:b', 'Conv:c', 'Constant:shape', 'Reshape:r'],
      ...['Constant:m__int8', 'Constant:m__scale', 'Cast:m__float', 'Mul:m', 'MatMul:y'],
    ]);
    const tensor = (i: number) => nodes[i]!.attribute![0]!.t!;
    expect(tensor(0).dataType).toBe(onnx.TensorProto.DataType.INT8);
    expect(tensor(0).rawData!.length).toBe(32 * 8 * 9);
    expect(tensor(1).dims!.map(Number)).toEqual([32, 1, 1, 1]);
    expect(tensor(9).dims!.map(Number)).toEqual([80]);
  });

  it('keeps a weight under MIN_ELEMENTS float (biases are no weight input at all)', () => {
    expect(16 * 40).toBeLessThan(MIN_ELEMENTS);
    const report = encodeWeights(tinyModel(40), all('float16'));
    expect(report.encoded.map((t) => t.name)).toEqual(['w']);
    expect(report.keptFloat).toBe(1);
  });

  it('follows the plan weight by weight: float16 is one Cast, float32 stays as it was', () => {
    const model = tinyModel();
    const report = encodeWeights(model, ({ name, op }) => (name === 'w' ? 'float32' : op === 'MatMul' ? 'float16' : 'int8'));
    expect(report.encoded.map((t) => `${t.name}:${t.encoding}`)).toEqual(['m:float16']);
    expect(report.keptFloat).toBe(1);
    const nodes = model.graph!.node!;
    expect(nodes.map((n) => `${n.opType}:${n.output![0]}`)).toEqual([
      ...['Constant:w', 'Constant:b', 'Conv:c', 'Constant:shape', 'Reshape:r'],
      ...['Constant:m__float16', 'Cast:m', 'MatMul:y'],
    ]);
    const half = nodes[5]!.attribute![0]!.t!;
    expect(half.dataType).toBe(onnx.TensorProto.DataType.FLOAT16);
    expect(half.rawData!.length).toBe(16 * 80 * 2);
    expect(report.encoded[0]!.relativeRmsError).toBeGreaterThan(0);
    expect(report.encoded[0]!.relativeRmsError).toBeLessThan(2 ** -11);
  });

  it('gives the same bytes every time', () => {
    const encode = () => {
      const model = tinyModel();
      encodeWeights(model, ({ op }) => (op === 'Conv' ? 'int8' : 'float16'));
      return Buffer.from(onnx.ModelProto.encode(model).finish()).toString('base64');
    };
    expect(encode()).toBe(encode());
  });

  // Loading onnxruntime's WASM takes seconds on a busy machine.
  it.each([
    ['int8', 0.02, 1e-3],
    ['float16', 1e-3, 1e-6],
  ] as const)('runs in onnxruntime, %s within %f of the float model (relative RMS)', async (encoding, most, least) => {
    const x = values(8 * 36, 11);
    const expected = await run(tinyModel(), x);
    const model = tinyModel();
    encodeWeights(model, all(encoding));
    const got = await run(model, x);
    const rms = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    const diff = Float32Array.from(got, (v, i) => v - expected[i]!);
    expect(rms(diff) / rms(expected)).toBeLessThan(most);
    expect(rms(diff) / rms(expected)).toBeGreaterThan(least); // the weights really changed
  }, 60_000);
});

describe('float16Bits', () => {
  it.each([
    [1, 0x3c00],
    [-2, 0xc000],
    [0.1, 0x2e66],
    [65504, 0x7bff],
    [2 ** -24, 0x0001],
    [2 ** -14, 0x0400],
    [2 ** -26, 0x0000],
    [-0, 0x8000],
    // Ties go to the even mantissa: 1 + 2^-11 lies halfway between 1 and 1 + 2^-10.
    [1 + 2 ** -11, 0x3c00],
    [1 + 3 * 2 ** -11, 0x3c02],
  ])('%f → %i', (value, bits) => expect(float16Bits(value)).toBe(bits));

  it('rounds to the nearest half: back and forth within half a step', () => {
    for (const v of values(2000, 5)) {
      const back = float16Value(float16Bits(v));
      expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25);
    }
  });

  it('refuses a value too large for float16', () => expect(() => float16Bits(70000)).toThrow(/float16/));
});

describe('ensureModels', () => {
  /** A package folder holding the tiny model and a dictionary, and checksums recorded from them. */
  function place() {
    const dir = mkdtempSync(join(tmpdir(), 'qic-models-'));
    const source = onnx.ModelProto.encode(tinyModel()).finish();
    writeFileSync(join(dir, 'tiny.onnx'), source);
    writeFileSync(join(dir, 'ppocr_keys_v1.txt'), '0\n1\n');
    const models: ModelSpec[] = [{ name: 'rec.onnx', source: 'tiny.onnx', plan: { default: 'int8', float16: ['m'] } }];
    // A trained model is committed as made: the tiny model stands in for it.
    const trained: TrainedSpec[] = [{ name: 'digits.onnx', file: join(dir, 'digits.onnx'), plan: { default: 'int8' } }];
    writeFileSync(trained[0]!.file, source);
    const checksums: Checksums = {
      source: { 'tiny.onnx': sha256(source), 'ppocr_keys_v1.txt': sha256(readFileSync(join(dir, 'ppocr_keys_v1.txt'))) },
      float16: { 'rec.onnx': sha256(makeEncoded(source, models[0]!.plan).bytes), 'digits.onnx': sha256(makeEncoded(source, trained[0]!.plan, 'initializers').bytes) },
      onnxruntime: {},
      trained: { 'digits.onnx': sha256(source) },
    };
    return { dir, places: { sourceDir: dir, cacheDir: join(dir, 'cache'), models, trained }, checksums };
  }

  it('makes the float16 model into the cache, matching its checksum', () => {
    const { places, checksums } = place();
    const files = ensureModels('float16', checksums, places);
    expect(files['rec.onnx']).toBe(join(places.cacheDir, 'rec.onnx'));
    expect(sha256(readFileSync(files['rec.onnx']))).toBe(checksums.float16['rec.onnx']);
  });

  it('makes a changed cached file again rather than using it', () => {
    const { places, checksums } = place();
    const path = ensureModels('float16', checksums, places)['rec.onnx'];
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(path, bytes);
    ensureModels('float16', checksums, places);
    expect(sha256(readFileSync(path))).toBe(checksums.float16['rec.onnx']);
  });

  it.each(['float16', 'float32'] as const)('%s: refuses a package file changed by one byte, naming it', (variant) => {
    const { dir, places, checksums } = place();
    const bytes = readFileSync(join(dir, 'tiny.onnx'));
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(join(dir, 'tiny.onnx'), bytes);
    expect(() => ensureModels(variant, checksums, places)).toThrow(/tiny\.onnx: sha256 [0-9a-f]{64}, scripts\/models\/checksums\.json records/);
  });

  it.each(['float16', 'float32'] as const)('%s: packages the trained model (float32 as committed, float16 made by its plan), and refuses it changed by one byte', (variant) => {
    const { places, checksums } = place();
    const packaged = ensureModels(variant, checksums, places)['digits.onnx'];
    expect(packaged).toBe(variant === 'float32' ? places.trained[0]!.file : join(places.cacheDir, 'digits.onnx'));
    if (variant === 'float16') expect(sha256(readFileSync(packaged))).toBe(checksums.float16['digits.onnx']);
    const bytes = readFileSync(places.trained[0]!.file);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(places.trained[0]!.file, bytes);
    expect(() => ensureModels(variant, checksums, places)).toThrow(/trained digits\.onnx: sha256 [0-9a-f]{64}, scripts\/models\/checksums\.json records/);
  });

  it('refuses a made model whose bytes differ from the recorded ones (another plan or encoder)', () => {
    const { places, checksums } = place();
    const otherPlan = { ...places, models: [{ ...places.models[0]!, plan: { default: 'int8' as const } }] };
    expect(() => ensureModels('float16', checksums, otherPlan)).toThrow(/float16 rec\.onnx: sha256/);
  });

  it('the real checksums.json pins the package version installed here and the trained model committed', () => {
    const files = ensureModels('float32');
    expect(Object.keys(files).sort()).toEqual(['cls.onnx', 'det.onnx', 'digits.onnx', 'ppocr_keys_v1.txt', 'rec.onnx']);
  });
});

describe('modelVariant', () => {
  it.each([
    [{}, 'float16'],
    [{ QIC_MODELS: 'float16' }, 'float16'],
    [{ QIC_MODELS: 'float32' }, 'float32'],
  ])('%j → %s', (env, variant) => expect(modelVariant(env)).toBe(variant));

  it('refuses any other value', () => expect(() => modelVariant({ QIC_MODELS: 'float' })).toThrow());
});
