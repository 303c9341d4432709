import type { RecognizeOutcome } from '../recognize/contract';
import type { Progress } from '../store/capture-schema';

/**
 * Firefox (MV2): the background page has a DOM and runs the engine itself. The engine module is
 * loaded on first use, so the background bundle does not start it until needed.
 */
export function inlineClient() {
  return {
    async recognize(image: Blob, progress: (p: Progress) => void): Promise<RecognizeOutcome> {
      const { recognizeBlob } = await import('./browser-engine');
      return recognizeBlob(image, progress);
    },
    async rasterizeSvg(svg: Blob): Promise<Blob> {
      const { rasterizeSvg } = await import('../image/rasterize-svg');
      return rasterizeSvg(svg, document);
    },
  };
}
