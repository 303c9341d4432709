import { LocalCode, recognitionError, type RecognitionError } from '../recognize/errors';
import type { FetchLike } from '../huawei/http';
import { fetchImage, imageFromBytes, type FetchedImage } from './fetch-image';
import { chooseImageCandidates } from './image-candidates';
import { inspectImageInPage, readImagePixelsInPage, readUrlInPage, type ImageInPage } from './page-scripts';
import { isPlaceholderUrl } from './placeholder';

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

async function readDataUrl(url: string): Promise<ResolvedImage> {
  const image = await fromDataUrl(url, 'the data: URL');
  return image.ok ? { ...image, url, via: 'data-url' } : image;
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
 * The bytes of the image the user right-clicked, from the best source the page offers
 * (chooseImageCandidates): the full image a thumbnail links to, the largest srcset candidate, the
 * lazy loader's real image behind a placeholder, the displayed URL; data: URLs decoded directly,
 * the others read by the worker, else inside the page (cookies, Referer, blob:); else the displayed
 * pixels; else a screenshot of the element's box (never for a placeholder: they show nothing).
 * Fails with the reason of the URL that matters (the clicked one, or the real image behind a
 * placeholder), e.g. "returned a web page — are you logged in?" or "the image no longer exists";
 * when the worker could not even connect and `canReach` says its host is not granted, with
 * LOCAL.HOST_ACCESS (message: that URL), so the popup offers to allow that host and retry
 * (issue 11: image hosts are optional) instead of a vague download failure.
 */
export async function resolveClickedImage(srcUrl: string, fetchFn: FetchLike, page?: PageAccess, canReach?: (url: string) => Promise<boolean>): Promise<ResolvedImage> {
  // A big data: URL is the image itself (or a canvas's pixels): no need to ask the page, nor to
  // send megabytes into it. A tiny one is a lazy loader's placeholder: the page knows the real one.
  const askPage = !srcUrl.startsWith('data:') || isPlaceholderUrl(srcUrl);
  const info = page && askPage ? await page.run(inspectImageInPage, [srcUrl]) : undefined;
  const choice = info ? chooseImageCandidates(info) : { candidates: [srcUrl], primary: srcUrl, placeholder: false };
  let primaryError: RecognitionError | undefined;
  for (const url of choice.candidates) {
    const got = url.startsWith('data:') ? await readDataUrl(url) : await readOne(url, fetchFn, page);
    if (got.ok) return got;
    if (url === choice.primary) primaryError = got.error;
  }
  // A login page instead of the image: the user must log in; reading the thumbnail still on
  // screen would only give a poor guess, so say so instead.
  if (primaryError?.code === LocalCode.notImage) return { ok: false, error: primaryError };
  if (page && info && info.naturalWidth > 0 && !choice.placeholder) {
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
  if (await notGranted(choice.primary, primaryError, canReach)) return { ok: false, error: hostAccessError(choice.primary) };
  return { ok: false, error: primaryError ?? recognitionError(LocalCode.imageFetch, 'the image could not be read') };
}

/**
 * A URL the worker reads by itself, with no page to help: one typed, pasted or dropped into the
 * popup, or any capture read again (Retry, Allow). An http(s) URL whose host `canReach` says is not
 * granted fails with LOCAL.HOST_ACCESS (message: the URL) BEFORE any request, so the row offers
 * "Allow reading images from <host>" (issue 11) and nothing reaches a site the user has not allowed
 * or has just denied (trial 5 saw `GET /mail/invoice.png` reach it after Cancel, with the site's
 * cookies at stake). Otherwise the worker's fetch (fetchImage); data: URLs are no network request.
 * Page-assisted reads of a right-clicked image (activeTab, in-page fetch, screenshot) are
 * resolveClickedImage's, not this.
 */
export async function fetchUrlImage(url: string, fetchFn: FetchLike, canReach: (url: string) => Promise<boolean>): Promise<FetchedImage> {
  if (/^https?:/i.test(url) && !(await canReach(url))) return { ok: false, error: hostAccessError(url) };
  return fetchImage(fetchFn, url);
}

/** LOCAL.HOST_ACCESS for `url`: not retried by itself; Allow asks for the host, then retries. */
function hostAccessError(url: string): RecognitionError {
  return recognitionError(LocalCode.hostAccess, url, { retryable: false });
}

/**
 * Whether a failure is the browser keeping the worker from a host the user has not granted: no
 * HTTP answer at all (a CORS refusal looks like a network error) for an http(s) URL whose host is
 * not granted. An answer with a status (a 404, a login page) is the site's, not the browser's.
 */
async function notGranted(url: string, error: RecognitionError | undefined, canReach?: (url: string) => Promise<boolean>): Promise<boolean> {
  if (!canReach || error?.code !== LocalCode.imageFetch || error.status !== undefined) return false;
  if (!/^https?:/.test(url)) return false;
  return !(await canReach(url));
}
