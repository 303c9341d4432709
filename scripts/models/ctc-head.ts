/**
 * The recognizer's CTC head, moved into the model: PP-OCRv4's rec model ends in a Softmax over
 * 6625 classes per time step ([N, T, 6625] float32, 1 MB for a 40-step line), of which greedy CTC
 * decoding needs only each step's best class and its probability. Two nodes appended to the graph
 * answer exactly that — ArgMax (axis 2, keepdims 0; the first of equal maxima, as numpy's argmax in
 * PaddleOCR's CTCLabelDecode) → `ctc_class` [N, T] int64, and ReduceMax (axes [2], keepdims 0) →
 * `ctc_prob` [N, T] float32 — and become the graph's only outputs. Both ops exist since opset 1
 * (the rec model is opset 9). Measured in Chromium's offscreen document (issue 10): the softmax
 * copied out of the WASM heap for every line and then collected was half of the page's garbage
 * collection time; the arg-max over it in JavaScript another 10–50 ms per invoice.
 *
 * lib/ondevice/rec.ts reads either form, so the package's float32 model still runs as shipped.
 */
import onnxProto from 'onnx-proto';
import { CTC_CLASS_OUTPUT, CTC_PROB_OUTPUT } from '../../lib/ondevice/rec';

const { onnx } = onnxProto;

const INT64 = onnx.TensorProto.DataType.INT64;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/**
 * Appends the arg-max head to `model` in place. Throws unless the graph has one float output of
 * rank 3 made by a Softmax (the PP-OCR rec export), or when the head is there already.
 */
export function addCtcArgmaxHead(model: onnxProto.onnx.IModelProto): void {
  const graph = model.graph;
  if (!graph?.output || graph.output.length !== 1) throw new Error(`ctc head: the model has ${graph?.output?.length ?? 0} outputs, expected the rec model's one softmax`);
  const out = graph.output[0]!;
  const type = out.type?.tensorType;
  const dims = type?.shape?.dim ?? [];
  if (type?.elemType !== FLOAT || dims.length !== 3) throw new Error(`ctc head: output ${out.name} is not a float tensor [N, T, classes]`);
  const maker = (graph.node ?? []).find((n) => n.output?.includes(out.name!));
  if (maker?.opType !== 'Softmax') throw new Error(`ctc head: output ${out.name} comes from ${maker?.opType ?? 'nothing'}, not a Softmax`);
  const int = (name: string, i: number) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  const ints = (name: string, values: number[]) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
  graph.node!.push(
    onnx.NodeProto.create({ name: 'ctc_argmax', opType: 'ArgMax', input: [out.name!], output: [CTC_CLASS_OUTPUT], attribute: [int('axis', 2), int('keepdims', 0)] }),
    onnx.NodeProto.create({ name: 'ctc_max', opType: 'ReduceMax', input: [out.name!], output: [CTC_PROB_OUTPUT], attribute: [ints('axes', [2]), int('keepdims', 0)] }),
  );
  const steps = dims.slice(0, 2);
  graph.output = [
    onnx.ValueInfoProto.create({ name: CTC_CLASS_OUTPUT, type: { tensorType: { elemType: INT64, shape: { dim: steps } } } }),
    onnx.ValueInfoProto.create({ name: CTC_PROB_OUTPUT, type: { tensorType: { elemType: FLOAT, shape: { dim: steps } } } }),
  ];
}
