/** A box in CSS px of the frame's viewport. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 8;

/** The area two boxes share, CSS px². */
function shared(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The other pictures in view: those in `avoid` not lying wholly within the clicked one. */
function othersThan(anchor: Box | null, avoid: Box[]): Box[] {
  return avoid.filter((b) => !anchor || shared(b, anchor) < b.width * b.height);
}

/**
 * How much of the other pictures in view (not the clicked one) a card of `card`'s size at `at`
 * (placeCard's answer) lies over, CSS px²: 0 when the place is free.
 */
export function coveredArea(card: { width: number; height: number }, at: { left: number; top: number }, anchor: Box | null, avoid: Box[]): number {
  const box = { x: at.left, y: at.top, width: card.width, height: card.height };
  return othersThan(anchor, avoid).reduce((sum, b) => sum + shared(box, b), 0);
}

/**
 * Whether a card of `card`'s size at `at` (placeCard's answer) lies over another picture in view
 * than the clicked one: then no side was free, and the card collapses to a chip (lib/card/page-card.ts)
 * rather than hide a neighbour the clerk is about to right-click (issue 13). CSS px.
 */
export function coversOthers(card: { width: number; height: number }, at: { left: number; top: number }, anchor: Box | null, avoid: Box[]): boolean {
  return coveredArea(card, at, anchor, avoid) > 0;
}

/** Steps of the search for a free place, CSS px: fine enough for a card, a few thousand tries at most. */
const STEP = 24;

/**
 * Where the card goes (its top-left corner, CSS px of the viewport): beside the clicked image, on
 * the side with room (right, left, below, above, in that order), so the invoice stays visible while
 * the clerk compares the fields with it; inside the viewport always. With no room beside the image,
 * or no image box (a canvas seen only as a point), it sits near the click point; with neither, at
 * the top right. The card never starts outside the viewport, even when it is taller than it.
 *
 * `avoid`: the other images in view (a mail of many invoices). A card lying over the next invoice
 * takes the clerk's next right-click, which then names no image; so a side that covers one is
 * passed over, and when every side does, the card goes to the free place nearest the image (the
 * one covering the least of them when there is none).
 */
export function placeCard(
  card: { width: number; height: number },
  viewport: { width: number; height: number },
  anchor: Box | null,
  point: { x: number; y: number } | null,
  avoid: Box[] = [],
): { left: number; top: number } {
  const clamp = (left: number, top: number) => ({
    left: Math.max(GAP, Math.min(left, viewport.width - card.width - GAP)),
    top: Math.max(GAP, Math.min(top, viewport.height - card.height - GAP)),
  });
  const others = othersThan(anchor, avoid);
  const covered = (at: { left: number; top: number }) => {
    const box = { x: at.left, y: at.top, width: card.width, height: card.height };
    return others.reduce((sum, b) => sum + shared(box, b), 0) + (anchor ? 100 * shared(box, anchor) : 0);
  };
  const sides: { left: number; top: number }[] = [];
  if (anchor) {
    const right = anchor.x + anchor.width + GAP;
    const left = anchor.x - card.width - GAP;
    const below = anchor.y + anchor.height + GAP;
    const above = anchor.y - card.height - GAP;
    if (right + card.width + GAP <= viewport.width) sides.push(clamp(right, anchor.y));
    if (left >= GAP) sides.push(clamp(left, anchor.y));
    if (below + card.height + GAP <= viewport.height) sides.push(clamp(anchor.x, below));
    if (above >= GAP) sides.push(clamp(anchor.x, above));
  }
  const free = sides.find((at) => covered(at) === 0);
  if (free) return free;
  const fallback = sides[0] ?? (point ? clamp(point.x + GAP, point.y + GAP) : clamp(viewport.width - card.width - GAP, GAP));
  if (others.length === 0) return fallback;
  // Every side covers another image: search the viewport for the place covering least, then nearest.
  const near = anchor ? { x: anchor.x + anchor.width / 2, y: anchor.y + anchor.height / 2 } : point ?? { x: viewport.width, y: 0 };
  const distance = (at: { left: number; top: number }) => Math.hypot(at.left + card.width / 2 - near.x, at.top + card.height / 2 - near.y);
  // A grid, plus the places flush beside each picture: a free strip narrower than the grid's
  // step allows (right of a mail's last column in a 1000 px window) is found too.
  const lefts: number[] = [viewport.width]; // clamped: flush with the right edge
  const tops: number[] = [viewport.height]; // and with the bottom
  for (let left = GAP; left <= Math.max(GAP, viewport.width - card.width - GAP); left += STEP) lefts.push(left);
  for (let top = GAP; top <= Math.max(GAP, viewport.height - card.height - GAP); top += STEP) tops.push(top);
  for (const b of anchor ? [anchor, ...others] : others) {
    lefts.push(b.x + b.width + GAP, b.x - card.width - GAP);
    tops.push(b.y + b.height + GAP, b.y - card.height - GAP);
  }
  let best = fallback;
  let bestCovered = covered(fallback);
  let bestDistance = distance(fallback);
  for (const y of tops) {
    for (const x of lefts) {
      const at = clamp(x, y);
      const c = covered(at);
      if (c > bestCovered || (c === bestCovered && distance(at) >= bestDistance)) continue;
      best = at;
      bestCovered = c;
      bestDistance = distance(at);
    }
  }
  return best;
}
