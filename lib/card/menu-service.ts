import type { RecognitionService } from '../recognize/service';

/**
 * The recognition service as a "Recognize quota invoice" click sees it: every capture it makes
 * (the clicked image, the canvas under the click, or what the picker fallback picks) also opens
 * the in-page card for that capture. `open` is not awaited: the capture never waits for the card.
 */
export function serviceShowingCard(service: RecognitionService, open: (captureId: string) => Promise<unknown>): RecognitionService {
  const shown = (id: string) => {
    void open(id).catch(() => undefined);
    return id;
  };
  return {
    ...service,
    captureUrl: async (source, resolve) => shown(await service.captureUrl(source, resolve)),
    captureBlob: async (source, blob) => shown(await service.captureBlob(source, blob)),
  };
}
