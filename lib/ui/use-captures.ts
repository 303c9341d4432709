import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Capture } from '../store/capture-schema';
import type { CaptureStore } from '../store/captures';
import { onCapturesChanged } from '../store/changes';
import { applyChanged } from './capture-list';
import { useImageUrls } from './use-image-urls';
import { captureMarks, type CaptureMarks } from './capture-marks';

export interface CaptureView {
  capture: Capture;
  thumbnail?: string;
}

/**
 * The newest `limit` captures (records only, no image Blobs), newest first, kept current: a change
 * the worker announces re-reads only the captures it names (a recognition's progress ticks cost one
 * record each, not the whole list); a change that names no capture (an import, an undo) re-reads
 * the list. Announcements arriving together are applied together (one render).
 */
export function useCaptureList(store: CaptureStore, limit: number): Capture[] | null {
  const [captures, setCaptures] = useState<Capture[] | null>(null);
  useEffect(() => {
    let alive = true;
    let list: Capture[] | null = null;
    let pending = new Set<string>();
    let running: Promise<void> = Promise.resolve();
    const publish = (next: Capture[]) => {
      list = next;
      if (alive) setCaptures(next);
    };
    const reload = async () => publish(await store.recent(limit));
    const flush = async () => {
      const ids = [...pending];
      pending = new Set();
      if (ids.length === 0) return;
      if (list === null) return reload();
      const read = await Promise.all(ids.map(async (id) => ({ id, capture: await store.get(id) })));
      const next = applyChanged(list, read, limit);
      // A name that is no capture, before or now, is a change of many (import, undo): read all.
      if (next === null) return reload();
      publish(next);
    };
    running = reload();
    const stop = onCapturesChanged((id) => {
      const first = pending.size === 0;
      pending.add(id);
      // One flush per burst; flushes run one after another so an older read never wins.
      if (first) running = running.then(flush, flush);
    });
    return () => {
      alive = false;
      stop();
    };
  }, [store, limit]);
  return captures;
}

/**
 * The newest `limit` captures with object-URL thumbnails (the popup's cards: all of them shown).
 * URLs of captures that leave the list are revoked.
 */
export function useCaptures(store: CaptureStore, limit: number): CaptureView[] | null {
  const captures = useCaptureList(store, limit);
  const urls = useImageUrls((id) => store.image(id), captures ?? []);
  return useMemo(() => captures?.map((capture) => ({ capture, thumbnail: urls.get(capture.id) })) ?? null, [captures, urls]);
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

/**
 * The batch's checks and duplicate marks over every stored capture (lib/ui/capture-marks.ts), kept
 * current like the list; null until the whole set is read. The popup lists only the newest few but
 * must mark a duplicate of any capture, as the batch and the totals do.
 */
export function useCaptureMarks(store: CaptureStore): CaptureMarks | null {
  const all = useCaptureList(store, Number.MAX_SAFE_INTEGER);
  // Settled again only when a capture outside a recognition changes: a running one's progress
  // ticks (several a second) would otherwise redo the checks of every capture each time (5,000
  // captures: 80–330 ms a time on the loaded 2-core machine). A running capture is no invoice yet.
  const key = all?.map((c) => (c.status === 'running' ? `${c.id}:r` : `${c.id}:${c.updatedAt}`)).join('\n') ?? null;
  const settled = useRef<{ key: string; marks: CaptureMarks } | null>(null);
  if (all === null || key === null) return null;
  if (settled.current?.key !== key) settled.current = { key, marks: captureMarks(all) };
  return settled.current.marks;
}
