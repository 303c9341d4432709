import { LocalCode, recognitionError, type RecognitionError } from '../recognize/errors';
import type { FetchLike } from '../huawei/http';
import { fetchImage, imageFromBytes, type FetchedImage } from './fetch-image';
import { inspectImageInPage, readImagePixelsInPage, readUrlInPage, type ImageInPage } from './page-scripts';

export type ResolvedVia = 'data-url' | 'worker-fetch' | 'page-fetch' | 'page-pixels' | 'screenshot';

export type ResolvedImage = (FetchedImage & { ok: true; url: string; via: ResolvedVia }) | { ok: false; error: RecognitionError };

/** What the worker can do in the tab the user clicked in (absent for plain URLs). */
export interface PageAccess {
  /** Runs one of page-scripts' functions in the clicked frame. */
  run<A extends unknown[], R>(func: (...args: A) => R, args: A): Promise<Awaited<R> | undefined>;
  /** The visible tab, cropped to a box in CSS px of the top frame. */
  screenshot(rect: NonNullable<ImageInPage['rect']>, devicePixelRatio: number): Promise<Blob | null>;
}

async function fromDataUrl(dataUrl: string, origin: string): Promise<FetchedImage> {
  try {
    const bytes = new Uint8Array(await (await fetch(dataUrl)).arrayBuffer());
    return imageFromBytes(bytes, origin);
  } catch {
    return { ok: false, error: recognitionError(LocalCode.imageFetch, `${origin}: unreadable data`) };
  }
}

/** One URL: the worker's own fetch first (host permission, the user's cookies), then from inside the page. */
async function readOne(url: string, fetchFn: FetchLike, page?: PageAccess): Promise<ResolvedImage> {
  // blob: URLs exist only in the page that made them: the worker cannot fetch them at all.
  const isBlob = url.startsWith('blob:');
  const fetched = isBlob ? null : await fetchImage(fetchFn, url);
  if (fetched?.ok) return { ...fetched, url, via: 'worker-fetch' };
  const inPage = page ? await page.run(readUrlInPage, [url]) : undefined;
  if (inPage && 'dataUrl' in inPage) {
    const image = await fromDataUrl(inPage.dataUrl, isBlob ? 'the page' : url);
    if (image.ok) return { ...image, url, via: 'page-fetch' };
    if (isBlob) return image;
  }
  if (fetched) return fetched; // the worker's reason (e.g. a login page) is the one to show
  const detail = inPage && 'error' in inPage ? ` (${inPage.error})` : '';
  return { ok: false, error: recognitionError(LocalCode.imageFetch, `the blob: image could not be read${detail}`) };
}

/**
 * The bytes of the image the user right-clicked, from the best source the page offers:
 * data: URLs decoded directly; the full image a thumbnail links to or the largest srcset
 * candidate before the displayed one; each read by the worker, else inside the page (cookies,
 * Referer, blob:); else the displayed pixels; else a screenshot of the element's box.
 * Fails with the clicked URL's own reason (e.g. "returned a web page — are you logged in?").
 */
export async function resolveClickedImage(srcUrl: string, fetchFn: FetchLike, page?: PageAccess): Promise<ResolvedImage> {
  if (srcUrl.startsWith('data:')) {
    const image = await fromDataUrl(srcUrl, 'the data: URL');
    return image.ok ? { ...image, url: srcUrl, via: 'data-url' } : image;
  }
  const info = page ? await page.run(inspectImageInPage, [srcUrl]) : undefined;
  const candidates = info?.candidates ?? [srcUrl];
  let clickedError: RecognitionError | undefined;
  for (const url of candidates) {
    const got = await readOne(url, fetchFn, page);
    if (got.ok) return got;
    if (url === srcUrl) clickedError = got.error;
  }
  // A login page instead of the image: the user must log in; reading the thumbnail still on
  // screen would only give a poor guess, so say so instead.
  if (clickedError?.code === LocalCode.notImage) return { ok: false, error: clickedError };
  if (page && info && info.naturalWidth > 0) {
    const pixels = await page.run(readImagePixelsInPage, [srcUrl]);
    if (pixels && 'dataUrl' in pixels) {
      const image = await fromDataUrl(pixels.dataUrl, 'the page');
      if (image.ok) return { ...image, url: srcUrl, via: 'page-pixels' };
    }
    if (info.rect) {
      const shot = await page.screenshot(info.rect, info.devicePixelRatio);
      if (shot) return { ok: true, blob: shot, url: srcUrl, via: 'screenshot' };
    }
  }
  return { ok: false, error: clickedError ?? recognitionError(LocalCode.imageFetch, 'the image could not be read') };
}
