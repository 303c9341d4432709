import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

/** The window's edge a floating notice stands at. */
export type NoticeEdge = 'top' | 'bottom';

/**
 * The edge away from a press: the window's top when the press was in its lower half, else its foot.
 *
 * @param pressY where the press was, clientY in CSS px; null for a key press (no pointer to avoid)
 * @param windowHeight the window's inner height, CSS px
 */
export function edgeAwayFrom(pressY: number | null, windowHeight: number): NoticeEdge {
  return pressY !== null && pressY > windowHeight / 2 ? 'top' : 'bottom';
}

/**
 * Which edge a notice stands at: away from the pointer. Chosen when `shown` changes, away from the
 * press that raised it (a notice at the window's foot came under the pointer that had just pressed a
 * row's Delete there, and the next Delete landed on Undo: new-user check of stop 32, batch page at
 * 1024 px); chosen again when the page or a box in it scrolls under a pointer that is not on the
 * notice's buttons (scrolled, the rows slid under a notice left where it was, and the next Delete
 * landed on Undo or ×: new-user check of stop 33). Not on later presses, nor on a scroll after a key
 * press (no pointer to avoid), so a notice never jumps from under a pointer going to it.
 *
 * @param shown which notice is shown (any value that changes each time one is raised, even with the
 *   same words; null or undefined when none): a new value chooses anew
 * @returns the edge; the notice must carry `data-edge` (its buttons are then known as its own)
 */
export function useEdgeAwayFromPress(shown: unknown): NoticeEdge {
  /** The pointer's clientY (CSS px) as of its last press or move; null after a key press. */
  const pointerY = useRef<number | null>(null);
  /** Whether the pointer's last move ended on the notice's own buttons. */
  const onNotice = useRef(false);
  const raised = useMemo(() => edgeAwayFrom(pointerY.current, window.innerHeight), [shown]);
  const [rechosen, setRechosen] = useState<{ shown: unknown; edge: NoticeEdge } | null>(null);
  const edge = rechosen !== null && rechosen.shown === shown ? rechosen.edge : raised;
  const now = useRef({ shown, edge });
  now.current = { shown, edge };
  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      pointerY.current = e.clientY;
      onNotice.current = e.target instanceof Element && e.target.closest('[data-edge]') !== null;
    };
    const onKey = () => {
      pointerY.current = null;
    };
    const onScroll = () => {
      const { shown: showing, edge: standing } = now.current;
      if (showing === null || showing === undefined || pointerY.current === null || onNotice.current) return;
      const away = edgeAwayFrom(pointerY.current, window.innerHeight);
      if (away !== standing) setRechosen({ shown: showing, edge: away });
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('pointermove', onPointer, { capture: true, passive: true });
    document.addEventListener('keydown', onKey, true);
    // Capturing: a box's own scroll does not bubble to the document.
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('pointermove', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, []);
  return edge;
}
