import { useEffect, useMemo, useRef } from 'preact/hooks';

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
 * Which edge a notice raised by the last press stands at, chosen when `shown` changes (so a
 * standing notice does not jump): away from the pointer that pressed. A notice at the window's
 * foot came under the pointer that had just pressed a row's Delete there, and the next Delete
 * landed on Undo (new-user check of stop 32, batch page at 1024 px).
 *
 * @param shown which notice is shown (any value that changes each time one is raised, even with the
 *   same words; null or undefined when none): a new value chooses anew
 */
export function useEdgeAwayFromPress(shown: unknown): NoticeEdge {
  const pressY = useRef<number | null>(null);
  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      pressY.current = e.clientY;
    };
    const onKey = () => {
      pressY.current = null;
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, []);
  // Chosen anew only when what is shown changes, never on a later press.
  return useMemo(() => edgeAwayFrom(pressY.current, window.innerHeight), [shown]);
}
