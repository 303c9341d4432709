/**
 * Stand-ins that lazy-loading scripts put in `src` until the real image is swapped in: a tiny
 * data: URL (1×1 GIF, empty SVG), a file named like `blank.gif` / `lazy-placeholder.png`, or an
 * image too small to hold anything readable. Right-clicking such an image gives its URL
 * (contextMenus' srcUrl), never the real one: the real one is in the element's lazy attributes.
 */

/** A data: URL shorter than this (characters) is a stand-in: no readable invoice fits in ~750 bytes. */
export const PLACEHOLDER_DATA_URL_CHARS = 1024;

/** The recognizer's minimum shortest side (px, DESIGN.md): anything smaller reads nothing. */
export const MIN_READABLE_SIDE = 15;

const PLACEHOLDER_WORDS = new Set(['blank', 'spacer', 'pixel', 'transparent', 'placeholder', 'loading', 'loader', 'lazy', 'lazyload', 'grey', 'gray', 'empty', 'clear', 'spinner', 'dummy', '1x1']);
/** Words that may stand beside those in a placeholder's file name (`img-placeholder.svg`). */
const FILLER_WORDS = new Set(['img', 'image', 'default', 'trans', 'bg', 'small']);

/** Whether a file name says "placeholder" (`spacer.gif`, `lazy_placeholder.png`, `1x1.gif`), not just contains a word. */
function hasPlaceholderName(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  const name = /([^/]+)\.(?:gif|png|svg|jpe?g|webp)$/i.exec(path)?.[1];
  if (!name) return false;
  const words = decodeURIComponent(name).toLowerCase().split(/[-_.\s]+/).filter(Boolean);
  return words.some((w) => PLACEHOLDER_WORDS.has(w)) && words.every((w) => PLACEHOLDER_WORDS.has(w) || FILLER_WORDS.has(w) || /^\d+$/.test(w));
}

/** Whether an absolute URL is a stand-in by itself (tiny data: URL or a placeholder's file name). */
export function isPlaceholderUrl(url: string): boolean {
  if (!url.trim() || url === 'about:blank') return true;
  if (url.startsWith('data:')) return url.length < PLACEHOLDER_DATA_URL_CHARS;
  return hasPlaceholderName(url);
}

/**
 * Whether the clicked image is a stand-in: by its URL, or, once loaded (natural size > 0, image
 * px), by being too small to read (a 1×1 pixel, a 10 px "blur-up" preview).
 */
export function isPlaceholder(image: { url: string; naturalWidth: number; naturalHeight: number }): boolean {
  if (isPlaceholderUrl(image.url)) return true;
  const loaded = image.naturalWidth > 0 && image.naturalHeight > 0;
  return loaded && Math.min(image.naturalWidth, image.naturalHeight) < MIN_READABLE_SIDE;
}
