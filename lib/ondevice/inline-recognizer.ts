import type { RecognizeOutcome } from '../huawei/client';
import type { Progress } from '../store/capture-schema';

/**
 * Firefox (MV2): the background page has a DOM and runs the engine itself. The engine module is
 * loaded on first use, so the worker/background bundle does not carry it until needed.
 */
export function inlineRecognizer() {
  return async (image: Blob, progress: (p: Progress) => void): Promise<RecognizeOutcome> => {
    const { recognizeBlob } = await import('./browser-engine');
    return recognizeBlob(image, progress);
  };
}
