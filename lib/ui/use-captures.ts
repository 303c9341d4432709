import { useEffect, useState } from 'preact/hooks';
import type { Capture } from '../store/capture-schema';
import type { CaptureStore } from '../store/captures';
import { onCapturesChanged } from '../store/changes';

export interface CaptureView {
  capture: Capture;
  thumbnail?: string;
}

/** The newest captures with object-URL thumbnails, refreshed whenever the worker changes one. */
export function useCaptures(store: CaptureStore, limit: number): CaptureView[] | null {
  const [views, setViews] = useState<CaptureView[] | null>(null);
  useEffect(() => {
    const urls = new Map<string, string>();
    let alive = true;
    async function load() {
      const captures = await store.recent(limit);
      const next = await Promise.all(
        captures.map(async (capture) => {
          if (!capture.hasImage) return { capture };
          const key = `${capture.id}:${capture.imageSha256 ?? ''}`;
          if (!urls.has(key)) {
            // One unreadable image costs its thumbnail, never the list.
            const blob = await store.image(capture.id).catch(() => undefined);
            if (blob) urls.set(key, URL.createObjectURL(blob));
          }
          return { capture, thumbnail: urls.get(key) };
        }),
      );
      if (alive) setViews(next);
    }
    void load();
    const stop = onCapturesChanged(() => void load());
    return () => {
      alive = false;
      stop();
      urls.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [store, limit]);
  return views;
}

/** How many captures there are in all, kept current like the list. */
export function useCaptureCount(store: CaptureStore): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () => void store.count().then((n) => alive && setCount(n));
    load();
    const stop = onCapturesChanged(load);
    return () => {
      alive = false;
      stop();
    };
  }, [store]);
  return count;
}
