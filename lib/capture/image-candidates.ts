import { isPlaceholder, isPlaceholderUrl } from './placeholder';
import { largestCandidate } from './srcset';

/**
 * What the page tells about the right-clicked <img>, as written in its markup (inspectImageInPage
 * collects it; nothing is parsed in the page, so the parser can live in the worker's bundle).
 */
export interface ImageFacts {
  /** The URL the browser gave for the click (contextMenus' srcUrl: the displayed one, maybe a placeholder). */
  srcUrl: string;
  /** The frame's document.baseURI: relative URLs in attributes resolve against it. */
  baseUrl: string;
  /** The href of the link around the image (web mail: thumbnail → full attachment), absolute. */
  link?: string;
  /** `srcset` of the <img>, then of its <picture>'s <source>s, as written. */
  srcsets: string[];
  /** Every data-* attribute of the <img> and its <source>s, in document order: the lazy loaders' hiding places. */
  data: { name: string; value: string }[];
  /** The <img> written inside a <noscript> twin (shown when scripts are off), attributes as written. */
  noscript?: { src?: string; srcset?: string };
  /** Natural size of what is displayed now, image px (0 when not loaded). */
  naturalWidth: number;
  naturalHeight: number;
  /** Rendered width, CSS px: the slot `sizes` describes; 0 without layout. */
  slotWidth: number;
}

/** Lazy loaders' attributes for a srcset, most common first (lazysizes, vanilla-lazyload, WordPress). */
export const LAZY_SRCSET_ATTRIBUTES = ['data-srcset', 'data-lazy-srcset', 'data-original-srcset'] as const;
/** … and for a single URL (lazysizes, jQuery lazyload's data-original, WP Rocket, Zhihu's data-actualsrc). */
export const LAZY_SRC_ATTRIBUTES = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc', 'data-original-src', 'data-lazy'] as const;

export interface ImageChoice {
  /** Absolute URLs to try, best first, without placeholders; each is verified by its bytes. */
  candidates: string[];
  /** The URL whose failure explains the capture's failure: srcUrl, or for a placeholder the real image. */
  primary: string;
  /** The displayed image is a stand-in: its pixels and screenshot are worth nothing. */
  placeholder: boolean;
}

/**
 * Orders the sources of a right-clicked image, best first: the full image a thumbnail links to,
 * the largest srcset candidate, the lazy loader's real image (largest data-srcset candidate, then
 * data-src and kin, then the <noscript> twin), and the displayed URL last — dropped when it is a
 * placeholder and something real was found.
 */
export function chooseImageCandidates(facts: ImageFacts): ImageChoice {
  const absolute = (url: string | undefined): string | undefined => {
    if (!url?.trim()) return undefined;
    try {
      return new URL(url.trim(), facts.baseUrl).href;
    } catch {
      return undefined;
    }
  };
  const values = (names: readonly string[]) => names.flatMap((name) => facts.data.filter((d) => d.name === name).map((d) => d.value));
  const largest = (srcsets: (string | undefined)[]) => absolute(largestCandidate(srcsets, facts.slotWidth)?.url);

  const link = facts.link && /^(https?|blob):/.test(facts.link) ? facts.link : undefined;
  const lazy = [
    largest(values(LAZY_SRCSET_ATTRIBUTES)),
    ...values(LAZY_SRC_ATTRIBUTES).map(absolute),
    largest([facts.noscript?.srcset]),
    absolute(facts.noscript?.src),
  ];
  const keep = (urls: (string | undefined)[]) => [...new Set(urls.filter((u): u is string => !!u && !isPlaceholderUrl(u)))];
  // A stand-in: a known placeholder, or a blur-up preview shown at over twice its own size.
  const upscaled = facts.naturalWidth > 0 && facts.slotWidth > 0 && facts.naturalWidth * 2 < facts.slotWidth;
  const placeholder = isPlaceholder({ url: facts.srcUrl, naturalWidth: facts.naturalWidth, naturalHeight: facts.naturalHeight }) || upscaled;
  // The lazy loader's attributes count only behind a stand-in: on a loaded image a leftover
  // data-src may name another picture, and the user clicked the one they see.
  const real = keep([link, largest(facts.srcsets), ...(placeholder ? lazy : [])]).filter((u) => u !== facts.srcUrl);
  const lazyReal = keep(lazy).filter((u) => u !== facts.srcUrl);
  if (placeholder && real.length > 0) return { candidates: real, primary: lazyReal[0] ?? real[0]!, placeholder };
  return { candidates: [...real, facts.srcUrl], primary: facts.srcUrl, placeholder };
}
