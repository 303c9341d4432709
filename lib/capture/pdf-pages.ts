/**
 * PDF → one PNG per page, in an extension page (popup / options / offscreen document), with pdf.js
 * (pdfjs-dist 5.6.205, the last release whose engines field accepts Node 20).
 *
 * Nothing is fetched from the network: the worker is emitted by Vite from the `?url` import below
 * (as assets/pdf.worker.min-<hash>.mjs, same origin as the page), and pdfjs-dist's data files are
 * copied into the extension by the `build:publicAssets` hook (PDFJS_ASSETS in wxt-app/wxt.config.ts):
 * /pdfjs/cmaps/ (GB + *-UCS2 CMaps: non-embedded Chinese fonts render blank without them),
 * /pdfjs/wasm/ (openjpeg = JPEG 2000 scans, jbig2, qcms), /pdfjs/standard_fonts/ (Symbol, Dingbats).
 *
 * Needs a DOM page (pdf.js uses `document` for fonts and scratch canvases): not the MV3 service worker.
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Where the build hook puts pdfjs-dist's cmaps/, standard_fonts/ and wasm/ (each URL ends in '/'). */
const ASSET_BASE = '/pdfjs/';

export type PdfErrorKind = 'password' | 'invalid' | 'unknown';

/** A PDF that could not be opened: `password` = encrypted with a user password, `invalid` = not a PDF / corrupt. */
export class PdfError extends Error {
  override name = 'PdfError';
  constructor(
    readonly kind: PdfErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface RenderedPage {
  /** 1-based page number. */
  page: number;
  pages: number;
  blob: Blob;
  width: number;
  height: number;
}

export interface RenderOptions {
  /** Fixed pdf.js scale (1 = 72 dpi). Overrides maxSide when given. */
  scale?: number;
  /** Longest side of each output image in px (default 2000); pages are scaled up or down to it. */
  maxSide?: number;
}

function classify(error: unknown): PdfError {
  if (error instanceof PdfError) return error;
  const name = (error as { name?: string } | null)?.name;
  const message = (error as { message?: string } | null)?.message ?? String(error);
  // pdf.js rebuilds the worker's exceptions on the main thread with these names.
  if (name === 'PasswordException') return new PdfError('password', 'This PDF is password-protected', { cause: error });
  if (name === 'InvalidPDFException') return new PdfError('invalid', `Not a readable PDF: ${message}`, { cause: error });
  return new PdfError('unknown', `Could not read the PDF: ${message}`, { cause: error });
}

/**
 * Renders every page of `data` to a PNG. `data` is copied (pdf.js would otherwise transfer and detach it).
 * Throws PdfError (kind 'password' | 'invalid' | 'unknown') when the document cannot be opened; a page
 * that fails to render throws PdfError 'unknown'. Breaking out of the loop frees the document.
 */
export async function* renderPdfPages(data: ArrayBuffer, opts: RenderOptions = {}): AsyncGenerator<RenderedPage> {
  const maxSide = opts.maxSide ?? 2000;
  const base = new URL(ASSET_BASE, globalThis.location.href).href;
  const task = getDocument({
    data: new Uint8Array(data.slice(0)),
    cMapUrl: `${base}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${base}standard_fonts/`,
    wasmUrl: `${base}wasm/`,
    // The extension CSP has no 'unsafe-eval': skip pdf.js's `new Function` probe (a CSP violation report).
    isEvalSupported: false,
    // pdf.js only fetches from the worker for http(s) URLs by default; chrome-extension:// works too.
    useWorkerFetch: true,
  });
  // No task.onPassword: without it a protected PDF rejects with PasswordException (→ PdfError 'password').
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    throw classify(error);
  }
  try {
    const pages = doc.numPages;
    for (let n = 1; n <= pages; n++) {
      const page = await doc.getPage(n);
      try {
        const unit = page.getViewport({ scale: 1 }); // honours /Rotate and the crop box
        const scale = opts.scale ?? maxSide / Math.max(unit.width, unit.height);
        const viewport = page.getViewport({ scale });
        const width = Math.round(viewport.width);
        const height = Math.round(viewport.height);
        const canvas = new OffscreenCanvas(width, height);
        await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: '#fff' }).promise;
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        canvas.width = canvas.height = 0; // release the bitmap now, not at GC
        yield { page: n, pages, blob, width, height };
      } catch (error) {
        throw error instanceof PdfError ? error : new PdfError('unknown', `Page ${n} could not be rendered: ${(error as Error)?.message ?? error}`, { cause: error });
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await doc.destroy();
  }
}
