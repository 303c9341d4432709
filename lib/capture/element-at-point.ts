import type { PickedElement } from './overlay-scripts';

/** The CSS background image URL of an element, as written in its computed style (undefined: none). */
function backgroundUrl(win: Window & typeof globalThis, element: Element): string | undefined {
  return /url\(["']?([^"')]+)["']?\)/.exec(win.getComputedStyle(element).backgroundImage)?.[1];
}

/**
 * The element that holds an invoice at a point: the element hit first, then whatever lies under
 * it (a transparent overlay over an <img> is common in mail viewers). Canvas and <img> are taken
 * as they are; a CSS background only on an element of its own (not <html>/<body>: a page texture).
 */
export function invoiceElementAt(doc: Document, win: Window & typeof globalThis, point: { x: number; y: number }, hit?: Element): Element | undefined {
  const stack = [...(hit ? [hit] : []), ...doc.elementsFromPoint(point.x, point.y)];
  return stack.find(
    (el) =>
      !el.closest('[data-qic-overlay]') &&
      (el instanceof win.HTMLCanvasElement ||
        el instanceof win.HTMLImageElement ||
        (el !== doc.documentElement && el !== doc.body && backgroundUrl(win, el) !== undefined)),
  );
}

/**
 * What to capture at a point (see PickedElement): an image's displayed URL, a canvas's pixels as a
 * PNG data URL (none when a cross-origin image tainted it: the caller takes a screenshot of `rect`),
 * a background's absolute URL. Null when nothing there holds an image.
 */
export function describeElementAt(doc: Document, win: Window & typeof globalThis, point: { x: number; y: number }, hit?: Element): PickedElement | null {
  const el = invoiceElementAt(doc, win, point, hit);
  if (!el) return null;
  const b = el.getBoundingClientRect();
  const base = { rect: { x: b.x, y: b.y, width: b.width, height: b.height }, devicePixelRatio: win.devicePixelRatio };
  if (el instanceof win.HTMLImageElement) return { kind: 'img', url: el.currentSrc || el.src, ...base };
  if (el instanceof win.HTMLCanvasElement) {
    let url: string | undefined;
    try {
      url = el.toDataURL('image/png');
    } catch {
      url = undefined; // SecurityError: tainted by a cross-origin image
    }
    return { kind: 'canvas', url, ...base };
  }
  const bg = backgroundUrl(win, el);
  return { kind: 'background', url: bg ? new URL(bg, doc.baseURI).href : undefined, ...base };
}
