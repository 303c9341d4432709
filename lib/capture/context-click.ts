import { describeElementAt } from './element-at-point';
import type { PickedElement } from './overlay-scripts';

/**
 * Where the recorder lives on the frame's isolated-world global. Page scripts run by
 * scripting.executeScript share that world (same extension, same frame) and read it by this name.
 */
export const CONTEXT_CLICK_KEY = '__qicContextClick';

/** The last right-click in one frame, kept by a content script: contextMenus says nothing of where. */
export interface ContextClickRecorder {
  /** The element the right-click hit (inside open shadow roots too), while it is still in the page. */
  target(): Element | undefined;
  /** The click point, CSS px of this frame's viewport. */
  point(): { x: number; y: number } | undefined;
  /** The canvas, image or CSS background under the last right-click, ready to capture; null when none. */
  picked(): PickedElement | null;
}

/**
 * Starts recording right-clicks in `win` (once per frame; a second call returns the first recorder).
 * Listens in the capture phase on the window, before the page's handlers can stop the event.
 * Only the last click is kept, as a weak reference: nothing leaves the page.
 */
export function recordContextClicks(win: Window & typeof globalThis): ContextClickRecorder {
  const slot = win as unknown as Record<string, ContextClickRecorder | undefined>;
  const existing = slot[CONTEXT_CLICK_KEY];
  if (existing) return existing;
  let last: { target?: WeakRef<Element>; x: number; y: number } | undefined;
  win.addEventListener(
    'contextmenu',
    (event) => {
      const hit = event.composedPath()[0];
      last = { target: hit instanceof win.Element ? new WeakRef(hit) : undefined, x: event.clientX, y: event.clientY };
    },
    { capture: true, passive: true },
  );
  const target = () => {
    const element = last?.target?.deref();
    return element?.isConnected ? element : undefined;
  };
  const recorder: ContextClickRecorder = {
    target,
    point: () => (last ? { x: last.x, y: last.y } : undefined),
    picked: () => (last ? describeElementAt(win.document, win, { x: last.x, y: last.y }, target()) : null),
  };
  slot[CONTEXT_CLICK_KEY] = recorder;
  return recorder;
}
