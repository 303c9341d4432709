/**
 * Unicode's explicit directional formatting characters (Unicode Standard Annex #9, "Explicit
 * Directional Formatting": LRE, RLE, PDF, LRO, RLO U+202A–U+202E; LRI, RLI, FSI, PDI U+2066–U+2069)
 * and the implicit marks (LRM U+200E, RLM U+200F, ALM U+061C). In a file name they reorder what is
 * shown: `发票\u202Egpj.exe\u202C.jpg` (an RLO inside) reads "…exe.jpg" (helper-77), the old trick
 * for making a file look like another type. No invoice's name needs them.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** `text` without directional formatting characters (BIDI_CONTROLS), shown and exported as its characters stand. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
