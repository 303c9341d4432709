/**
 * Functions run inside the page (or one of its frames) through scripting.executeScript, injected
 * only when the user asks for a capture: no content script sits on every site. Each is serialized
 * on its own, so it must not use anything from this module's scope.
 */

export interface ImageInPage {
  /** URLs to try, best first: the full image a thumbnail links to, the largest srcset candidate, the src. */
  candidates: string[];
  /** The element's box in the frame's viewport, CSS px, for the screenshot fallback. */
  rect: { x: number; y: number; width: number; height: number } | null;
  devicePixelRatio: number;
  /** Zoom and DPR both show here: screenshot pixels per CSS px = devicePixelRatio. */
  naturalWidth: number;
}

/** Finds the <img> the user right-clicked (by its URL) and lists better sources for it. */
export function inspectImageInPage(srcUrl: string): ImageInPage {
  const absolute = (u: string) => new URL(u, document.baseURI).href;
  const images = Array.from(document.images);
  const img = images.find((i) => i.currentSrc === srcUrl || i.src === srcUrl) ?? null;
  const candidates: string[] = [];
  if (img) {
    // Web mail wraps a ~240 px thumbnail in a link to the full attachment: try the link first
    // (it is verified by its bytes and kept only if it really is a bigger image).
    const link = img.closest('a[href]') as HTMLAnchorElement | null;
    if (link && /^(https?|blob):/.test(link.href) && link.href !== srcUrl) candidates.push(link.href);
    // The largest srcset candidate, of the <img> itself or of its <picture>'s <source>s.
    const sets = [img.srcset, ...Array.from(img.parentElement?.tagName === 'PICTURE' ? img.parentElement.querySelectorAll('source') : []).map((s) => s.srcset)];
    const widest = sets
      .flatMap((set) => (set ?? '').split(/,\s+/))
      .map((entry) => entry.trim().split(/\s+/))
      .filter(([url]) => url)
      .map(([url, size = '1x']) => ({ url: absolute(url!), size: parseFloat(size) * (size.endsWith('x') ? 1000 : 1) }))
      .sort((a, b) => b.size - a.size)[0];
    if (widest && widest.url !== srcUrl) candidates.push(widest.url);
  }
  candidates.push(srcUrl);
  const box = img?.getBoundingClientRect();
  return {
    candidates: [...new Set(candidates)],
    rect: box && box.width > 0 ? { x: box.x, y: box.y, width: box.width, height: box.height } : null,
    devicePixelRatio: window.devicePixelRatio,
    naturalWidth: img?.naturalWidth ?? 0,
  };
}

/**
 * Reads a URL from inside the page: the page's cookies and Referer apply, and blob: URLs (which
 * only exist in the page that made them) resolve. Returns a data URL, or an error text.
 */
export async function readUrlInPage(url: string): Promise<{ dataUrl: string } | { error: string }> {
  try {
    const response = await fetch(url, { credentials: 'include' });
    if (!response.ok) return { error: `HTTP ${response.status}` };
    const blob = await response.blob();
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
    return { dataUrl };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Draws the displayed <img> onto a canvas: works when the bytes cannot be fetched but the pixels are not cross-origin. */
export function readImagePixelsInPage(srcUrl: string): { dataUrl: string } | { error: string } {
  const img = Array.from(document.images).find((i) => i.currentSrc === srcUrl || i.src === srcUrl);
  if (!img || !img.naturalWidth) return { error: 'image not found in the page' };
  try {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    canvas.getContext('2d')!.drawImage(img, 0, 0);
    return { dataUrl: canvas.toDataURL('image/png') };
  } catch (error) {
    return { error: error instanceof Error ? error.name : String(error) }; // a tainted canvas: SecurityError
  }
}
