import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { MIN_ELEMENTS, quantizePerChannel, quantizeWeights } from '../../scripts/models/quantize';
import { modelVariant } from '../../scripts/models/models';

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

describe('quantizeWeights', () => {
  it('stores Conv and MatMul weights as int8 + scale, dequantized by Cast and Mul', () => {
    const model = tinyModel();
    const report = quantizeWeights(model);
    expect(report.quantized.map((t) => t.name)).toEqual(['w', 'm']);
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
    const report = quantizeWeights(tinyModel(40));
    expect(report.quantized.map((t) => t.name)).toEqual(['w']);
    expect(report.keptFloat).toBe(1);
  });

  it('leaves the weights named in keepFloat as they are', () => {
    const model = tinyModel();
    expect(quantizeWeights(model, new Set(['w'])).quantized.map((t) => t.name)).toEqual(['m']);
    expect(model.graph!.node!.filter((n) => n.opType === 'Cast').map((n) => n.output![0])).toEqual(['m__float']);
  });

  it('gives the same bytes every time', () => {
    const encode = () => {
      const model = tinyModel();
      quantizeWeights(model);
      return Buffer.from(onnx.ModelProto.encode(model).finish()).toString('base64');
    };
    expect(encode()).toBe(encode());
  });

  it('runs in onnxruntime with outputs within 2 % of the float model', async () => {
    const x = values(8 * 36, 11);
    const expected = await run(tinyModel(), x);
    const model = tinyModel();
    quantizeWeights(model);
    const got = await run(model, x);
    const rms = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    const diff = Float32Array.from(got, (v, i) => v - expected[i]!);
    expect(rms(diff) / rms(expected)).toBeLessThan(0.02);
    expect(rms(diff)).toBeGreaterThan(0); // the weights really changed
  }, 60_000); // loading onnxruntime's WASM takes seconds on a busy machine
});

describe('modelVariant', () => {
  it.each([
    [{}, 'int8'],
    [{ QIC_MODELS: 'int8' }, 'int8'],
    [{ QIC_MODELS: 'float' }, 'float'],
  ])('%j → %s', (env, variant) => expect(modelVariant(env)).toBe(variant));

  it('refuses any other value', () => expect(() => modelVariant({ QIC_MODELS: 'fp16' })).toThrow());
});
