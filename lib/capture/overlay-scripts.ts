/**
 * Interactive overlays injected into the page only when the user chooses them from the context
 * menu. Each function is serialized on its own by scripting.executeScript: nothing from module
 * scope, and the promise it returns settles when the user finishes or presses Escape.
 */

export interface PickedElement {
  kind: 'img' | 'background' | 'canvas';
  /** The image URL (img, CSS background), or the canvas pixels as a PNG data URL when readable. */
  url?: string;
  /** Box in CSS px of the frame's viewport, for the screenshot fallback. */
  rect: { x: number; y: number; width: number; height: number };
  devicePixelRatio: number;
}

/** "Pick an invoice on this page": highlights images, canvases and CSS backgrounds; a click picks. */
export function pickElementInPage(labels: { hint: string }): Promise<PickedElement | null> {
  return new Promise((resolve) => {
    const highlight = document.createElement('div');
    highlight.setAttribute('data-qic-overlay', 'pick');
    highlight.style.cssText = 'position:fixed;z-index:2147483647;pointer-events:none;border:3px solid #1a73e8;background:rgba(26,115,232,.15);border-radius:4px;display:none;';
    const tip = document.createElement('div');
    tip.setAttribute('data-qic-overlay', 'tip');
    tip.textContent = labels.hint;
    tip.style.cssText = 'position:fixed;z-index:2147483647;top:8px;left:50%;transform:translateX(-50%);background:#1f2328;color:#fff;padding:6px 12px;border-radius:6px;font:14px system-ui,sans-serif;pointer-events:none;';
    document.documentElement.append(highlight, tip);
    const backgroundUrl = (el: Element) => /url\(["']?([^"')]+)["']?\)/.exec(getComputedStyle(el).backgroundImage)?.[1];
    const candidateAt = (x: number, y: number): Element | undefined =>
      document.elementsFromPoint(x, y).find((el) => el instanceof HTMLImageElement || el instanceof HTMLCanvasElement || (!(el as HTMLElement).dataset?.qicOverlay && backgroundUrl(el) !== undefined));
    let current: Element | undefined;
    const finish = (value: PickedElement | null) => {
      document.removeEventListener('mousemove', onMove, true);
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('keydown', onKey, true);
      highlight.remove();
      tip.remove();
      resolve(value);
    };
    const onMove = (event: MouseEvent) => {
      current = candidateAt(event.clientX, event.clientY);
      if (!current) {
        highlight.style.display = 'none';
        return;
      }
      const r = current.getBoundingClientRect();
      Object.assign(highlight.style, { display: 'block', left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
    };
    const onClick = (event: MouseEvent) => {
      const el = candidateAt(event.clientX, event.clientY) ?? current;
      if (!el) return;
      event.preventDefault();
      event.stopPropagation();
      const b = el.getBoundingClientRect();
      const rect = { x: b.x, y: b.y, width: b.width, height: b.height };
      const base = { rect, devicePixelRatio: window.devicePixelRatio };
      if (el instanceof HTMLImageElement) return finish({ kind: 'img', url: el.currentSrc || el.src, ...base });
      if (el instanceof HTMLCanvasElement) {
        let url: string | undefined;
        try {
          url = el.toDataURL('image/png');
        } catch {
          url = undefined; // tainted by a cross-origin image: the screenshot fallback takes over
        }
        return finish({ kind: 'canvas', url, ...base });
      }
      const bg = backgroundUrl(el);
      finish({ kind: 'background', url: bg ? new URL(bg, document.baseURI).href : undefined, ...base });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      finish(null);
    };
    document.addEventListener('mousemove', onMove, true);
    document.addEventListener('click', onClick, true);
    document.addEventListener('keydown', onKey, true);
  });
}

export interface SelectedRegion {
  rect: { x: number; y: number; width: number; height: number };
  devicePixelRatio: number;
}

/** "Select an area": drag a rectangle over anything (PDF viewer, video, canvas); Escape cancels. */
export function selectRegionInPage(labels: { hint: string }): Promise<SelectedRegion | null> {
  return new Promise((resolve) => {
    const layer = document.createElement('div');
    layer.setAttribute('data-qic-overlay', 'region');
    layer.style.cssText = 'position:fixed;inset:0;z-index:2147483647;cursor:crosshair;background:rgba(0,0,0,.25);';
    const box = document.createElement('div');
    box.style.cssText = 'position:fixed;border:2px solid #fff;outline:1px solid #1a73e8;background:rgba(255,255,255,.1);display:none;pointer-events:none;';
    const tip = document.createElement('div');
    tip.textContent = labels.hint;
    tip.style.cssText = 'position:fixed;top:8px;left:50%;transform:translateX(-50%);background:#1f2328;color:#fff;padding:6px 12px;border-radius:6px;font:14px system-ui,sans-serif;pointer-events:none;';
    layer.append(box, tip);
    document.documentElement.append(layer);
    let start: { x: number; y: number } | null = null;
    const rectTo = (x: number, y: number) => ({ x: Math.min(start!.x, x), y: Math.min(start!.y, y), width: Math.abs(x - start!.x), height: Math.abs(y - start!.y) });
    const finish = (value: SelectedRegion | null) => {
      document.removeEventListener('keydown', onKey, true);
      layer.remove();
      // Let the page repaint without the overlay before the worker takes the screenshot.
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(value)));
    };
    layer.addEventListener('mousedown', (event) => {
      event.preventDefault();
      start = { x: event.clientX, y: event.clientY };
    });
    layer.addEventListener('mousemove', (event) => {
      if (!start) return;
      const r = rectTo(event.clientX, event.clientY);
      Object.assign(box.style, { display: 'block', left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
    });
    layer.addEventListener('mouseup', (event) => {
      if (!start) return;
      const rect = rectTo(event.clientX, event.clientY);
      finish(rect.width >= 4 && rect.height >= 4 ? { rect, devicePixelRatio: window.devicePixelRatio } : null);
    });
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      finish(null);
    };
    document.addEventListener('keydown', onKey, true);
  });
}
