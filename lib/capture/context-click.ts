import { describeElementAt } from './element-at-point';
import type { PickedElement } from './overlay-scripts';

/**
 * Where the recorder lives on the frame's isolated-world global. Page scripts run by
 * scripting.executeScript share that world (same extension, same frame) and read it by this name.
 */
export const CONTEXT_CLICK_KEY = '__qicContextClick';

/**
 * The deepest element under the pointer (`:hover`, through open shadow roots), or undefined.
 * The recorder is injected only at the menu click, after the contextmenu event: the pointer still
 * rests where the user right-clicked (choosing the item with the keyboard or the mouse leaves the
 * page's hover state alone; the menu is the browser's, not the page's).
 */
export function hoveredElement(root: Document | ShadowRoot): Element | undefined {
  const chain = root.querySelectorAll(':hover');
  const deepest = chain[chain.length - 1];
  const inner = deepest?.shadowRoot ? hoveredElement(deepest.shadowRoot) : undefined;
  return inner ?? deepest;
}

/** The middle of an element's visible part, CSS px of the frame's viewport. */
function middleOf(win: Window, element: Element): { x: number; y: number } {
  const b = element.getBoundingClientRect();
  const left = Math.max(0, b.left);
  const top = Math.max(0, b.top);
  const right = Math.min(win.innerWidth, b.right);
  const bottom = Math.min(win.innerHeight, b.bottom);
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
}

/** The last right-click in one frame: contextMenus says nothing of where. */
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
 * Only the last click is kept, as a weak reference: nothing leaves the page. Until a right-click
 * is recorded (the recorder arrives with the first menu click), the element under the pointer
 * stands in for it (hoveredElement), its point the middle of that element.
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
    const element = last ? last.target?.deref() : hoveredElement(win.document);
    return element?.isConnected ? element : undefined;
  };
  const point = () => {
    if (last) return { x: last.x, y: last.y };
    const hovered = hoveredElement(win.document);
    return hovered ? middleOf(win, hovered) : undefined;
  };
  const recorder: ContextClickRecorder = {
    target,
    point,
    picked: () => {
      const at = point();
      return at ? describeElementAt(win.document, win, at, target()) : null;
    },
  };
  slot[CONTEXT_CLICK_KEY] = recorder;
  return recorder;
}
