import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { crop } from '../../lib/ondevice/image';
import { CTC_CLASS_OUTPUT, CTC_PROB_OUTPUT, parseDict, recognizeLines } from '../../lib/ondevice/rec';
import { addCtcArgmaxHead } from '../../scripts/models/ctc-head';
import { MODELS, SOURCE_DIR, makeEncoded } from '../../scripts/models/models';
import { decodeImage } from '../support/ondevice-node';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** x [1, 3, 4] → Softmax(axis 2) → y: three time steps over four classes, opset 9 like rec. */
function softmaxModel(op = 'Softmax') {
  const io = (name: string) => onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimValue: 1 }, { dimValue: 3 }, { dimValue: 4 }] } } } });
  const axis = onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 2 });
  const node = onnx.NodeProto.create({ opType: op, input: ['x'], output: ['y'], attribute: op === 'Softmax' ? [axis] : [] });
  return onnx.ModelProto.create({ irVersion: 6, opsetImport: [{ domain: '', version: 9 }], graph: { name: 'ctc', node: [node], input: [io('x')], output: [io('y')] } });
}

const session = (model: onnxProto.onnx.IModelProto) => ort.InferenceSession.create(onnx.ModelProto.encode(model).finish());

describe('the CTC arg-max head (scripts/models/ctc-head.ts)', () => {
  it("answers each step's best class (the first of equal maxima) and its probability, as the softmax does", async () => {
    const model = softmaxModel();
    addCtcArgmaxHead(model);
    const s = await session(model);
    // Step 0: class 2 best; step 1: classes 1 and 3 tie (the first, 1, wins); step 2: all equal (blank).
    const x = new Float32Array([0, 1, 5, 2, 0, 3, -1, 3, 7, 7, 7, 7]);
    const out = await s.run({ x: new ort.Tensor('float32', x, [1, 3, 4]) });
    expect(s.outputNames).toEqual([CTC_CLASS_OUTPUT, CTC_PROB_OUTPUT]);
    expect(Array.from(out[CTC_CLASS_OUTPUT]!.data as BigInt64Array, Number)).toEqual([2, 1, 0]);
    const softmax = (row: number[]) => row.map((v) => Math.exp(v) / row.reduce((a, b) => a + Math.exp(b), 0));
    const probs = Array.from(out[CTC_PROB_OUTPUT]!.data as Float32Array);
    expect(probs[0]).toBeCloseTo(softmax([0, 1, 5, 2])[2]!, 5);
    expect(probs[1]).toBeCloseTo(softmax([0, 3, -1, 3])[1]!, 5);
    expect(probs[2]).toBeCloseTo(0.25, 5);
  });

  it('refuses a graph that does not end in one softmax, and a second head', () => {
    expect(() => addCtcArgmaxHead(softmaxModel('Relu'))).toThrow(/not a Softmax/);
    const model = softmaxModel();
    addCtcArgmaxHead(model);
    expect(() => addCtcArgmaxHead(model)).toThrow(/outputs/);
  });

  it('the packaged recognizer reads real lines exactly as the same weights without the head', async () => {
    const spec = MODELS.find((m) => m.name === 'rec.onnx')!;
    expect(spec.head).toBe('ctc-argmax');
    const source = readFileSync(join(SOURCE_DIR, spec.source));
    const load = async (head: typeof spec.head) => ({ session: await ort.InferenceSession.create(makeEncoded(source, spec.plan, head).bytes), Tensor: ort.Tensor });
    const [withHead, plain] = [await load('ctc-argmax'), await load(undefined)];
    const dict = parseDict(readFileSync(join(SOURCE_DIR, 'ppocr_keys_v1.txt'), 'utf8'));
    const page = decodeImage(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'invoices', 'invoice-1.png')))!;
    // Bands across the invoice, 48 px tall, top to bottom: its printed lines and what lies between.
    const bands = Array.from({ length: Math.floor(page.height / 48) }, (_, i) => crop(page, 0, i * 48, page.width, 48));
    const a = await recognizeLines(withHead, bands, dict);
    const b = await recognizeLines(plain, bands, dict);
    expect(a).toEqual(b);
    expect(a.some((r) => /\d{4}/.test(r.text))).toBe(true); // real readings, not blanks
  }, 120_000);
});
