import { useEffect, useState } from 'preact/hooks';
import type { Capture } from '../store/capture-schema';

/** The capture id of a key `id:sha` (a SHA-256 in hex holds no colon). */
const idOf = (key: string) => key.slice(0, key.lastIndexOf(':'));

/**
 * Object URLs for the images of `wanted` captures only (the popup's cards, the batch page's picture
 * and its neighbours), read one at a time from `read` (IndexedDB). A URL is made once per capture
 * and image (`imageSha256`), and revoked as soon as its capture is no longer wanted, so paging
 * through 5,000 captures holds a handful of images, not 5,000. One unreadable image costs its own
 * picture, never the others. Returns capture id → URL (a new Map when it changes).
 */
export function useImageUrls(read: (id: string) => Promise<Blob | undefined>, wanted: readonly Pick<Capture, 'id' | 'hasImage' | 'imageSha256'>[]): Map<string, string> {
  const [urls, setUrls] = useState<Map<string, string>>(() => new Map());
  const [made] = useState(() => new Map<string, string>()); // key id:sha → URL, for revoking
  const keys = wanted.filter((c) => c.hasImage).map((c) => `${c.id}:${c.imageSha256 ?? ''}`);
  const signature = keys.join('\n');
  useEffect(() => {
    let alive = true;
    const keep = new Set(keys);
    for (const [key, url] of made) {
      if (keep.has(key)) continue;
      URL.revokeObjectURL(url);
      made.delete(key);
    }
    void (async () => {
      const missing = keys.filter((key) => !made.has(key));
      const blobs = await Promise.all(missing.map((key) => read(idOf(key)).catch(() => undefined)));
      if (!alive) return; // a newer effect reads what is still wanted
      missing.forEach((key, i) => {
        const blob = blobs[i];
        if (blob) made.set(key, URL.createObjectURL(blob));
      });
      setUrls(new Map([...made].map(([key, url]) => [idOf(key), url])));
    })();
    return () => {
      alive = false;
    };
    // `signature` stands for `keys`: a new array each render, the same captures and images.
  }, [signature]);
  useEffect(() => () => made.forEach((url) => URL.revokeObjectURL(url)), []);
  return urls;
}
