import type * as Ort from 'onnxruntime-web';

/**
 * The parts of onnxruntime-web the engine uses, passed in rather than imported: the extension
 * bundles 'onnxruntime-web/wasm' (loading its wasm from the packaged files), Node uses the
 * package's Node build. The engine code is the same in both.
 */
export type OrtModule = Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>;

/** A loaded model and the Tensor constructor of the runtime it belongs to. */
export interface Model {
  session: Ort.InferenceSession;
  Tensor: OrtModule['Tensor'];
}
