/**
 * Functions run inside the page (or one of its frames) through scripting.executeScript, injected
 * only when the user asks for a capture. Each is serialized on its own, so it must not use anything
 * from this module's scope (type imports are erased and fine).
 */
import type { ImageFacts } from './image-candidates';
import type { PickedElement } from './overlay-scripts';

export interface ImageInPage extends ImageFacts {
  /** Whether the clicked <img> was found in the frame (else only srcUrl is known). */
  found: boolean;
  /** The element's box in the frame's viewport, CSS px, for the screenshot fallback. */
  rect: { x: number; y: number; width: number; height: number } | null;
  /** Screenshot pixels per CSS px (browser zoom and HiDPI both show here). */
  devicePixelRatio: number;
}

/**
 * Finds the <img> the user right-clicked and reports its sources as written (see ImageFacts):
 * the element the last right-click hit when the context-click recorder runs in this frame (many
 * lazy images share one placeholder URL), else the only image showing that URL; when several show
 * it and none is known to be the clicked one, none (found: false: the URL itself is read).
 */
export function inspectImageInPage(srcUrl: string): ImageInPage {
  // Set by the context-click content script in this same isolated world (lib/capture/context-click.ts).
  const recorder = (globalThis as { __qicContextClick?: { target(): Element | undefined } }).__qicContextClick;
  const shows = (i: HTMLImageElement) => i.currentSrc === srcUrl || i.src === srcUrl;
  const hit = recorder?.target();
  // Several images showing the URL (lazy images sharing one placeholder) and none known to be the
  // clicked one: none is guessed, as another's data-src would read another invoice.
  const showing = Array.from(document.querySelectorAll('img')).filter(shows);
  const img = hit instanceof HTMLImageElement && shows(hit) ? hit : showing.length === 1 ? showing[0]! : null;
  const base = { srcUrl, baseUrl: document.baseURI, srcsets: [], data: [], naturalWidth: 0, naturalHeight: 0, slotWidth: 0, devicePixelRatio: window.devicePixelRatio };
  if (!img) return { ...base, found: false, rect: null };
  const picture = img.parentElement?.tagName === 'PICTURE' ? img.parentElement : null;
  const sources = picture ? Array.from(picture.querySelectorAll('source')) : [];
  const data = [img, ...sources].flatMap((el) => Array.from(el.attributes).filter((a) => a.name.startsWith('data-')).map((a) => ({ name: a.name, value: a.value })));
  // The <noscript> twin beside the image (or its <picture>), not one belonging to another image.
  const twinOf = (node: Element): Element | null => {
    for (const step of ['nextElementSibling', 'previousElementSibling'] as const) {
      for (let el = node[step]; el; el = el[step]) {
        if (el.tagName === 'NOSCRIPT') return el;
        if (el.tagName === 'IMG' || el.tagName === 'PICTURE') break;
      }
    }
    return null;
  };
  const twin = twinOf(picture ?? img);
  // With scripting on, a <noscript>'s content is text; DOMParser reads it without loading anything.
  const twinImg = twin ? (twin.querySelector('img') ?? new DOMParser().parseFromString(twin.textContent ?? '', 'text/html').querySelector('img')) : null;
  const link = img.closest('a[href]') as HTMLAnchorElement | null;
  const box = img.getBoundingClientRect();
  return {
    ...base,
    found: true,
    link: link?.href,
    srcsets: [img.getAttribute('srcset') ?? '', ...sources.map((s) => s.getAttribute('srcset') ?? '')],
    data,
    noscript: twinImg ? { src: twinImg.getAttribute('src') ?? undefined, srcset: twinImg.getAttribute('srcset') ?? undefined } : undefined,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
    slotWidth: box.width,
    rect: box.width > 0 ? { x: box.x, y: box.y, width: box.width, height: box.height } : null,
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

/**
 * The canvas, image or CSS background under the last right-click in this frame, from the
 * context-click recorder (lib/capture/context-click.ts) in this same isolated world.
 * 'no-recorder' when it is not there: a tab opened before the extension was installed or updated.
 */
export function pickedAtContextClick(): PickedElement | null | 'no-recorder' {
  const recorder = (globalThis as { __qicContextClick?: { picked(): PickedElement | null } }).__qicContextClick;
  return recorder ? recorder.picked() : 'no-recorder';
}
