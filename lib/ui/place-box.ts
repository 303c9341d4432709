import { eastAsianWidth } from 'get-east-asian-width';

/**
 * How much text the review table's place box shows, in em of its own font: batch.css gives
 * `.cell` a width of 7.5em (content box) in a monospace font.
 */
export const PLACE_BOX_EM = 7.5;

/**
 * The width of `text` in em in a monospace font: a wide or full-width character (汉字, ￥, Ａ; UAX
 * #11 East Asian Width, by get-east-asian-width) takes 1 em, any other character 0.6 em (a
 * monospace font's advance, ui-monospace and DejaVu Sans Mono alike).
 */
export function monospaceEm(text: string): number {
  let em = 0;
  for (const ch of text) em += eastAsianWidth(ch.codePointAt(0)!, { ambiguousAsWide: false }) === 2 ? 1 : 0.6;
  return em;
}

/**
 * Whether the place box cuts `place` (its end hidden until the box is focused): then the row says
 * it whole under the box ("新疆维吾尔自治区乌鲁木齐市", 13 em, showed 7 characters and a half;
 * issue 13). Measured from the text, not the box's layout: reading 100 boxes' widths would force
 * a layout in the render that brings the captures.
 */
export function cutInPlaceBox(place: string | undefined): boolean {
  return place !== undefined && monospaceEm(place) > PLACE_BOX_EM;
}
