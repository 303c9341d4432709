/**
 * Weight-only int8 quantization of an ONNX model, in place on its decoded protobuf.
 *
 * Each large float weight of a Conv (input 1, shape [M, C/group, kH, kW]) or MatMul (input 1,
 * shape [K, N]) is replaced by an int8 tensor and one float scale per output channel (Conv: per M,
 * scale shape [M,1,1,1]; MatMul: per N, scale shape [N]); the graph turns it back into floats with
 * Cast(int8 → float) and Mul(scale), ops valid since opset 6/7 (the PP-OCR models are opset 9 and
 * 11, too old for per-axis DequantizeLinear, which needs 13). All inputs of those two nodes are
 * constants, so onnxruntime folds them at session start: inference runs on float weights as
 * before, only the file is a quarter of the size.
 *
 * Symmetric, round half away from zero, clamped to ±127: q = round(w / s), s = max|w| / 127 per
 * channel (the scheme of onnxruntime's quantize_static with per_channel and symmetric weights).
 * Small tensors (biases, batch-norm, the first conv, depthwise kernels of few channels) stay float.
 *
 * The PP-OCR exports keep every weight in a Constant node (no graph initializers), which is the
 * one form handled here; a weight anywhere else stays float and is not counted.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Model = onnxProto.onnx.IModelProto;
type Tensor = onnxProto.onnx.ITensorProto;
type Node = onnxProto.onnx.INodeProto;

/** Tensors with fewer elements stay float: they weigh little and lose the most. */
export const MIN_ELEMENTS = 1024;

/** Which input of which op is a weight, and along which axis its output channels run. */
const WEIGHT_INPUTS: Record<string, { input: number; rank: number; axis: number }> = {
  Conv: { input: 1, rank: 4, axis: 0 },
  MatMul: { input: 1, rank: 2, axis: 1 },
};

export interface QuantizedTensor {
  name: string;
  dims: number[];
  /** Root-mean-square error of the dequantized weights over the RMS of the weights. */
  relativeRmsError: number;
}

export interface QuantizeReport {
  quantized: QuantizedTensor[];
  /** Weights of quantizable ops kept float: too small, or named in `keepFloat`. */
  keptFloat: number;
}

/**
 * Quantizes the model's Conv and MatMul weights to int8 per output channel (see the file header),
 * mutating `model`. `keepFloat` names weights (the Constant nodes' outputs) to leave float.
 * Deterministic: the same model gives the same bytes. Throws on a weight tensor it cannot read.
 */
export function quantizeWeights(model: Model, keepFloat: ReadonlySet<string> = new Set()): QuantizeReport {
  const graph = model.graph;
  if (!graph?.node) throw new Error('model has no graph');
  const constants = new Map<string, Node>();
  for (const node of graph.node) if (node.opType === 'Constant' && node.output?.length === 1) constants.set(node.output[0]!, node);
  const targets = new Map<string, number>();
  for (const node of graph.node) {
    const rule = node.opType ? WEIGHT_INPUTS[node.opType] : undefined;
    const name = rule && node.input?.[rule.input];
    const tensor = name ? constantTensor(constants.get(name)) : undefined;
    if (rule && name && tensor?.dataType === onnx.TensorProto.DataType.FLOAT && tensor.dims?.length === rule.rank) targets.set(name, rule.axis);
  }
  const report: QuantizeReport = { quantized: [], keptFloat: 0 };
  const nodes: Node[] = [];
  for (const node of graph.node) {
    const name = node.output?.[0];
    const axis = name === undefined ? undefined : targets.get(name);
    const tensor = constantTensor(node);
    if (name === undefined || axis === undefined || !tensor) {
      nodes.push(node);
      continue;
    }
    const dims = (tensor.dims ?? []).map(Number);
    if (keepFloat.has(name) || dims.reduce((a, b) => a * b, 1) < MIN_ELEMENTS) {
      report.keptFloat++;
      nodes.push(node);
      continue;
    }
    const { q, scales, relativeRmsError } = quantizePerChannel(floatValues(tensor), dims, axis);
    const scaleDims = axis === 0 ? [dims[0]!, ...dims.slice(1).map(() => 1)] : [dims[axis]!];
    nodes.push(
      constantNode(`${name}__int8`, { dims, dataType: onnx.TensorProto.DataType.INT8, rawData: new Uint8Array(q.buffer) }),
      constantNode(`${name}__scale`, { dims: scaleDims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: littleEndianFloats(scales) }),
      onnx.NodeProto.create({
        name: `${name}__cast`,
        opType: 'Cast',
        input: [`${name}__int8`],
        output: [`${name}__float`],
        attribute: [onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT })],
      }),
      onnx.NodeProto.create({ name: `${name}__dequantize`, opType: 'Mul', input: [`${name}__float`, `${name}__scale`], output: [name] }),
    );
    report.quantized.push({ name, dims, relativeRmsError });
  }
  graph.node = nodes;
  return report;
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

function littleEndianFloats(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
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
