import parseSrcset from '@prettier/parse-srcset';

/** One image candidate of a `srcset`: its URL as written (not yet resolved) and its descriptor. */
export interface SrcsetCandidate {
  url: string;
  /** `w` descriptor: the file's width in image pixels. */
  width?: number;
  /** `x` descriptor: image pixels per CSS px (no descriptor at all means 1x). */
  density?: number;
}

/**
 * Parses a `srcset` value the way the HTML standard does (commas with or without a following space,
 * commas inside data: URLs, `w`/`x` descriptors) with @prettier/parse-srcset, a maintained port of
 * the WHATWG algorithm. Empty text gives []. Where the standard drops one bad candidate, that parser
 * throws for the whole attribute: then [] too, and the browser's own pick (currentSrc) still stands.
 */
export function parseSrcsetValue(value: string | null | undefined): SrcsetCandidate[] {
  if (!value?.trim()) return [];
  try {
    return parseSrcset(value).map((c) => ({ url: c.source.value, width: c.width?.value, density: c.density?.value }));
  } catch {
    return [];
  }
}

/**
 * How many image pixels wide a candidate is, as far as the markup tells: a `w` candidate says it;
 * an `x` candidate holds `density` image pixels per CSS px of the slot it is shown in
 * (`slotWidth`, CSS px — the rendered width, which `sizes` is written to describe).
 */
export function candidatePixels(candidate: SrcsetCandidate, slotWidth: number): number {
  return candidate.width ?? (candidate.density ?? 1) * slotWidth;
}

/**
 * The largest candidate of several srcsets (an <img>'s and its <picture>'s <source>s), or undefined
 * when none has one. Ties keep the first written. `slotWidth` (CSS px) compares `x` with `w`
 * candidates; when the element has no layout (0), a 1000 px slot is assumed.
 */
export function largestCandidate(srcsets: readonly (string | null | undefined)[], slotWidth: number): SrcsetCandidate | undefined {
  const slot = slotWidth > 0 ? slotWidth : 1000;
  let best: SrcsetCandidate | undefined;
  for (const candidate of srcsets.flatMap(parseSrcsetValue)) {
    if (!best || candidatePixels(candidate, slot) > candidatePixels(best, slot)) best = candidate;
  }
  return best;
}
