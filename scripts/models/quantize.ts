/**
 * Weight-only re-encoding of an ONNX model's Conv and MatMul weights, in place on its decoded
 * protobuf, each weight as a plan says (`int8`, `float16` or `float32`, see `encodeWeights`).
 *
 * int8: each large float weight of a Conv (input 1, shape [M, C/group, kH, kW]) or MatMul (input
 * 1, shape [K, N]) is replaced by an int8 tensor and one float scale per output channel (Conv: per
 * M, scale shape [M,1,1,1]; MatMul: per N, scale shape [N]); the graph turns it back into floats
 * with Cast(int8 → float) and Mul(scale), ops valid since opset 6/7 (the PP-OCR models are opset 9
 * and 11, too old for per-axis DequantizeLinear, which needs 13). Symmetric, round half away from
 * zero, clamped to ±127: q = round(w / s), s = max|w| / 127 per channel (the scheme of
 * onnxruntime's quantize_static with per_channel and symmetric weights).
 *
 * float16: the weight is stored as IEEE half (round to nearest even, as numpy's astype does) and
 * turned back into float32 by one Cast. Unlike onnxconverter-common's float16 conversion (which
 * also computes in float16, keep_io_types only casting the model's inputs and outputs), only the
 * storage changes here: onnxruntime-web's WASM kernels keep computing in float32.
 *
 * All inputs of those nodes are constants, so onnxruntime folds them at session start: inference
 * runs on float32 weights as before, only the file shrinks (int8 to a quarter, float16 to a half).
 * Small tensors (biases, batch-norm, the first conv, depthwise kernels of few channels) stay
 * float32.
 *
 * The PP-OCR exports keep every weight in a Constant node (no graph initializers), which is the
 * one form handled here; a weight anywhere else stays float and is not counted.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Model = onnxProto.onnx.IModelProto;
type Tensor = onnxProto.onnx.ITensorProto;
type Node = onnxProto.onnx.INodeProto;

/** Tensors with fewer elements stay float32: they weigh little and lose the most. */
export const MIN_ELEMENTS = 1024;

/** Which input of which op is a weight, and along which axis its output channels run. */
const WEIGHT_INPUTS: Record<string, { input: number; ranks: readonly number[]; axis: number }> = {
  // 2-D convolutions (PP-OCR's) and 1-D ones (the digits-only reader's, along the line).
  Conv: { input: 1, ranks: [3, 4], axis: 0 },
  MatMul: { input: 1, ranks: [2], axis: 1 },
};

/**
 * How one weight is stored: `int8` (1 byte a value, one float scale per output channel; Cast +
 * Mul), `float16` (2 bytes a value, IEEE half rounded to nearest even; Cast), `float32` (as is).
 */
export type Encoding = 'int8' | 'float16' | 'float32';

/** A weight the plan decides on: the Constant node's output, its shape, the op reading it. */
export interface Weight {
  name: string;
  dims: number[];
  op: string;
}

/** Chooses each weight's encoding (weights under MIN_ELEMENTS values stay float32 regardless). */
export type EncodingPlan = (weight: Weight) => Encoding;

export interface EncodedTensor {
  name: string;
  dims: number[];
  encoding: Exclude<Encoding, 'float32'>;
  /** Root-mean-square error of the decoded weights over the RMS of the weights. */
  relativeRmsError: number;
}

export interface EncodeReport {
  encoded: EncodedTensor[];
  /** Weights of Conv/MatMul kept float32: too small, or so planned. */
  keptFloat: number;
}

/**
 * Stores the model's Conv and MatMul weights as `plan` says (see the file header), mutating
 * `model`. Deterministic: the same model and plan give the same bytes. Throws on a weight tensor
 * it cannot read, or one too large for float16 (|w| > 65504).
 */
export function encodeWeights(model: Model, plan: EncodingPlan): EncodeReport {
  const graph = model.graph;
  if (!graph?.node) throw new Error('model has no graph');
  const constants = new Map<string, Node>();
  for (const node of graph.node) if (node.opType === 'Constant' && node.output?.length === 1) constants.set(node.output[0]!, node);
  const targets = new Map<string, { axis: number; op: string }>();
  for (const node of graph.node) {
    const rule = node.opType ? WEIGHT_INPUTS[node.opType] : undefined;
    const name = rule && node.input?.[rule.input];
    const tensor = name ? constantTensor(constants.get(name)) : undefined;
    if (rule && name && tensor?.dataType === onnx.TensorProto.DataType.FLOAT && rule.ranks.includes(tensor.dims?.length ?? 0)) targets.set(name, { axis: rule.axis, op: node.opType! });
  }
  const report: EncodeReport = { encoded: [], keptFloat: 0 };
  const nodes: Node[] = [];
  for (const node of graph.node) {
    const name = node.output?.[0];
    const target = name === undefined ? undefined : targets.get(name);
    const tensor = constantTensor(node);
    if (name === undefined || target === undefined || !tensor) {
      nodes.push(node);
      continue;
    }
    const dims = (tensor.dims ?? []).map(Number);
    const encoding = dims.reduce((a, b) => a * b, 1) < MIN_ELEMENTS ? 'float32' : plan({ name, dims, op: target.op });
    if (encoding === 'float32') {
      report.keptFloat++;
      nodes.push(node);
    } else if (encoding === 'float16') {
      const { half, relativeRmsError } = toFloat16(floatValues(tensor));
      nodes.push(
        constantNode(`${name}__float16`, { dims, dataType: onnx.TensorProto.DataType.FLOAT16, rawData: littleEndian(half) }),
        castToFloat(`${name}__float16`, name),
      );
      report.encoded.push({ name, dims, encoding, relativeRmsError });
    } else {
      const { q, scales, relativeRmsError } = quantizePerChannel(floatValues(tensor), dims, target.axis);
      const scaleDims = target.axis === 0 ? [dims[0]!, ...dims.slice(1).map(() => 1)] : [dims[target.axis]!];
      nodes.push(
        constantNode(`${name}__int8`, { dims, dataType: onnx.TensorProto.DataType.INT8, rawData: new Uint8Array(q.buffer) }),
        constantNode(`${name}__scale`, { dims: scaleDims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: littleEndian(scales) }),
        castToFloat(`${name}__int8`, `${name}__float`),
        onnx.NodeProto.create({ name: `${name}__dequantize`, opType: 'Mul', input: [`${name}__float`, `${name}__scale`], output: [name] }),
      );
      report.encoded.push({ name, dims, encoding, relativeRmsError });
    }
  }
  graph.node = nodes;
  return report;
}

/** Scratch views for reading a float32's bits. */
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * IEEE 754 binary16 bits of a float32 value, rounded to nearest, ties to even (what numpy's
 * astype(float16) does); subnormal halves kept, values below half the smallest one become ±0.
 * Throws on a finite value too large for binary16 (|v| ≥ 65520): a weight that big is no weight
 * to store in half precision.
 */
export function float16Bits(value: number): number {
  F32[0] = value;
  const x = U32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  let half: number;
  let shift: number;
  if (e <= 0) {
    // Subnormal half: the implicit 1 becomes explicit and the mantissa slides right.
    if (e < -10) return sign;
    mantissa |= 0x800000;
    shift = 14 - e;
    half = mantissa >>> shift;
  } else {
    shift = 13;
    half = (e << 10) | (mantissa >>> 13);
  }
  const rest = mantissa & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  // A carry out of the mantissa rightly bumps the exponent.
  if (rest > halfway || (rest === halfway && (half & 1) === 1)) half++;
  if ((half & 0x7fff) >= 0x7c00) throw new Error(`${value} does not fit in float16`);
  return sign | half;
}

/** The float value of binary16 bits (for measuring the rounding error, and in tests). */
export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function toFloat16(values: Float32Array): { half: Uint16Array; relativeRmsError: number } {
  const half = new Uint16Array(values.length);
  let errorSq = 0;
  let valueSq = 0;
  for (let i = 0; i < values.length; i++) {
    half[i] = float16Bits(values[i]!);
    errorSq += (float16Value(half[i]!) - values[i]!) ** 2;
    valueSq += values[i]! ** 2;
  }
  return { half, relativeRmsError: valueSq > 0 ? Math.sqrt(errorSq / valueSq) : 0 };
}

/**
 * Symmetric per-channel int8 of a row-major float tensor of shape `dims`, channels along `axis`.
 * Returns the int8 values, one float32 scale per channel (1 for an all-zero channel), and the
 * relative RMS error of dequantizing.
 */
export function quantizePerChannel(values: Float32Array, dims: number[], axis: number): { q: Int8Array; scales: Float32Array; relativeRmsError: number } {
  const channels = dims[axis]!;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) maxAbs[channelOf(i)] = Math.max(maxAbs[channelOf(i)]!, Math.abs(values[i]!));
  const scales = Float32Array.from(maxAbs, (m) => (m > 0 ? m / 127 : 1));
  const q = new Int8Array(values.length);
  let errorSq = 0;
  let valueSq = 0;
  for (let i = 0; i < values.length; i++) {
    const scale = scales[channelOf(i)]!;
    const v = values[i]!;
    const r = Math.min(127, Math.round(Math.abs(v) / scale));
    q[i] = v < 0 ? -r : r;
    errorSq += (q[i]! * scale - v) ** 2;
    valueSq += v ** 2;
  }
  return { q, scales, relativeRmsError: valueSq > 0 ? Math.sqrt(errorSq / valueSq) : 0 };
}

function constantTensor(node: Node | undefined): Tensor | undefined {
  if (node?.opType !== 'Constant') return undefined;
  const value = node.attribute?.find((a) => a.name === 'value');
  return value?.t ?? undefined;
}

/** A float tensor's values, from raw_data (little-endian, as ONNX stores it) or float_data. */
function floatValues(tensor: Tensor): Float32Array {
  const raw = tensor.rawData;
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
    return Float32Array.from({ length: raw.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
  }
  if (tensor.floatData?.length) return Float32Array.from(tensor.floatData);
  throw new Error(`weight ${tensor.name ?? '(unnamed)'} has no data this script reads`);
}

function castToFloat(input: string, output: string): Node {
  return onnx.NodeProto.create({
    name: `${input}__cast`,
    opType: 'Cast',
    input: [input],
    output: [output],
    attribute: [onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT })],
  });
}

/** ONNX raw_data: little-endian, whatever the machine. */
function littleEndian(values: Float32Array | Uint16Array): Uint8Array {
  const size = values.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  values.forEach((v: number, i: number) => (size === 4 ? view.setFloat32(i * 4, v, true) : view.setUint16(i * 2, v, true)));
  return bytes;
}

function constantNode(output: string, tensor: Tensor): Node {
  return onnx.NodeProto.create({
    name: output,
    opType: 'Constant',
    output: [output],
    attribute: [onnx.AttributeProto.create({ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: onnx.TensorProto.create({ name: output, ...tensor }) })],
  });
}

/**
 * Moves every graph initializer into a Constant node of the same name (torch.onnx.export keeps
 * weights as initializers, the PP-OCR exports in Constant nodes, which is where encodeWeights looks),
 * in place; the graph computes the same. Initializers listed as graph inputs (old exporters) stop
 * being inputs.
 */
export function initializersAsConstants(model: Model): void {
  const graph = model.graph!;
  const names = new Set((graph.initializer ?? []).map((t) => t.name!));
  graph.node = [...(graph.initializer ?? []).map((t) => constantNode(t.name!, t)), ...(graph.node ?? [])];
  graph.initializer = [];
  graph.input = (graph.input ?? []).filter((i) => !names.has(i.name!));
}
