/** A box in CSS px of the frame's viewport. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 8;

/**
 * Where the card goes (its top-left corner, CSS px of the viewport): beside the clicked image, on
 * the side with room (right, left, below, above, in that order), so the invoice stays visible while
 * the clerk compares the fields with it; inside the viewport always. With no room beside the image,
 * or no image box (a canvas seen only as a point), it sits near the click point; with neither, at
 * the top right. The card never starts outside the viewport, even when it is taller than it.
 */
export function placeCard(card: { width: number; height: number }, viewport: { width: number; height: number }, anchor: Box | null, point: { x: number; y: number } | null): { left: number; top: number } {
  const clamp = (left: number, top: number) => ({
    left: Math.max(GAP, Math.min(left, viewport.width - card.width - GAP)),
    top: Math.max(GAP, Math.min(top, viewport.height - card.height - GAP)),
  });
  if (anchor) {
    const right = anchor.x + anchor.width + GAP;
    const left = anchor.x - card.width - GAP;
    const below = anchor.y + anchor.height + GAP;
    const above = anchor.y - card.height - GAP;
    if (right + card.width + GAP <= viewport.width) return clamp(right, anchor.y);
    if (left >= GAP) return clamp(left, anchor.y);
    if (below + card.height + GAP <= viewport.height) return clamp(anchor.x, below);
    if (above >= GAP) return clamp(anchor.x, above);
  }
  if (point) return clamp(point.x + GAP, point.y + GAP);
  return clamp(viewport.width - card.width - GAP, GAP);
}
