/**
 * Clicks and keys the way a person's mouse and keyboard produce them. Component libraries listen
 * to different steps: Ant Design's Select opens on mousedown, Element Plus's el-select on click,
 * their options select on click while mousedown is cancelled to keep focus in the search box.
 * A bare `el.click()` sends only the last of these.
 */

/** pointerdown, mousedown, (focus), pointerup, mouseup, click at the element's centre. */
export function clickLikeUser(el: Element): void {
  const view = el.ownerDocument.defaultView!;
  const rect = el.getBoundingClientRect();
  const at = { clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2 };
  const mouse = { bubbles: true, cancelable: true, composed: true, view, button: 0, ...at };
  // happy-dom and old engines lack PointerEvent; the mouse events are what the libraries read.
  const pointer = (type: string) =>
    typeof view.PointerEvent === 'function' && el.dispatchEvent(new view.PointerEvent(type, { ...mouse, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
  pointer('pointerdown');
  const focusAllowed = el.dispatchEvent(new view.MouseEvent('mousedown', { ...mouse, buttons: 1 }));
  // A real mousedown focuses the element unless the page cancels it (options keep focus in the input).
  if (focusAllowed && el instanceof view.HTMLElement && el.tabIndex >= 0) el.focus();
  pointer('pointerup');
  el.dispatchEvent(new view.MouseEvent('mouseup', mouse));
  el.dispatchEvent(new view.MouseEvent('click', mouse));
}

/** One key press (keydown + keyup), e.g. Escape to close a dropdown. */
export function pressKey(el: Element, key: string): void {
  const view = el.ownerDocument.defaultView!;
  const init = { key, code: key, bubbles: true, cancelable: true, composed: true };
  el.dispatchEvent(new view.KeyboardEvent('keydown', init));
  el.dispatchEvent(new view.KeyboardEvent('keyup', init));
}

/** Resolves after `ms` on the page's own clock (timers, not animation frames: a background tab runs no frames). */
export function pause(view: Window, ms: number): Promise<void> {
  return new Promise((resolve) => view.setTimeout(resolve, ms));
}

/** Polls `probe` until it gives a value (not null) or `timeoutMs` passes; null on timeout. */
export async function waitFor<T>(view: Window, probe: () => T | null, timeoutMs: number, everyMs = 40): Promise<T | null> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== null || Date.now() >= end) return found;
    await pause(view, everyMs);
  }
}
