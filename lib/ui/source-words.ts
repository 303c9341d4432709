import type { CaptureSource } from '@/lib/store/capture-schema';
import { withoutBidiControls } from '@/lib/util/bidi-controls';

/** Longest title kept for a URL (a data: URL can be megabytes). */
const TITLE_MAX = 200;

/**
 * Where a batch row came from, short enough for its column, and in full for the title.
 * A file: its name. A URL (the page it was captured on, else the image URL typed or clicked):
 * its host and last path segment, "host/…/name.png" (or "host/name.png", "host" alone when the
 * path is "/"); a data: or blob: URL by its scheme alone. `title` is the full URL (cut at 200
 * characters). Null when the capture kept no source at all.
 */
export function sourceShown(source: CaptureSource): { text: string; title: string } | null {
  if (source.fileName) return { text: source.fileName, title: source.fileName };
  const url = source.pageUrl ?? source.imageUrl;
  if (!url) return null;
  const title = url.length > TITLE_MAX ? `${url.slice(0, TITLE_MAX)}…` : url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { text: url, title };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { text: parsed.protocol, title };
  const segments = parsed.pathname.split('/').filter(Boolean);
  const last = segments.at(-1);
  if (!last) return { text: parsed.host, title };
  let name = last;
  try {
    // Decoded, a %E2%80%AE (RLO) would reorder the name shown as in a file name (util/bidi-controls.ts).
    name = withoutBidiControls(decodeURIComponent(last));
  } catch {
    // A stray % in the path: shown as written.
  }
  return { text: `${parsed.host}/${segments.length > 1 ? '…/' : ''}${name}`, title };
}
