import { type RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Pixels one wheel "line" stands for (WheelEvent.deltaMode 1), as browsers scroll a line. */
const LINE_PX = 16;

/**
 * How far (px, ≥ 0) the page should scroll for a wheel turned down over `box`, a box that scrolls
 * inside the page, before the box itself scrolls: as far as brings the box's top to the window's top
 * (`boxTop`, px from the window's top), no further than the wheel asks (`deltaPx`) or the page can
 * go (`pageLeft`, px left below the window). 0 when the wheel goes up, the box is already at the top
 * or the page is at its end: then the box scrolls as usual. The batch's table below 1240 px scrolls
 * in such a box with the picture under it (components/batch.css): turned over the table at the
 * page's top, the wheel scrolled the rows and the picture never came into view.
 */
export function pageScrollFirst(deltaPx: number, boxTop: number, pageLeft: number): number {
  if (deltaPx <= 0 || boxTop <= 0.5 || pageLeft <= 0.5) return 0;
  return Math.min(deltaPx, boxTop, pageLeft);
}

/** The wheel's vertical turn in px (deltaMode 0 px, 1 lines, 2 pages). */
export function wheelPx(e: WheelEvent): number {
  return e.deltaMode === 1 ? e.deltaY * LINE_PX : e.deltaMode === 2 ? e.deltaY * window.innerHeight : e.deltaY;
}

/** Px of the page left below the window. */
export function pageLeft(): number {
  return document.documentElement.scrollHeight - window.innerHeight - window.scrollY;
}

/**
 * Scrolls the page until `box`'s top is at the window's top (or the page at its end), while the box
 * is its own scroller: for a move by the keys (↑ ↓, Home, End, a jump to a duplicate), which
 * otherwise went through the rows at the page's top with the picture under the box out of view.
 */
export function scrollPageToBox(box: HTMLElement): void {
  if (box.scrollHeight <= box.clientHeight) return;
  const by = pageScrollFirst(Number.POSITIVE_INFINITY, box.getBoundingClientRect().top, pageLeft());
  if (by > 0) window.scrollBy(0, by);
}

/**
 * Lets the page scroll before the box `ref` scrolls inside it (pageScrollFirst), while the box is
 * its own scroller (taller content than box); a ctrl-wheel (the browser's zoom) is left alone.
 */
export function usePageScrollsFirst(ref: RefObject<HTMLElement>): void {
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey || box.scrollHeight <= box.clientHeight) return;
      const by = pageScrollFirst(wheelPx(e), box.getBoundingClientRect().top, pageLeft());
      if (by <= 0) return;
      e.preventDefault();
      window.scrollBy(0, by);
    };
    box.addEventListener('wheel', onWheel, { passive: false });
    return () => box.removeEventListener('wheel', onWheel);
  }, [ref]);
}
