import { t, type MessageKey } from '../i18n';
import { dataUrlBytes } from '../image/data-url';
import { MIME_OF, sniffFormat, type NotImageHolds, type SniffedFormat } from '../image/sniff';

/** pdf.js (400 kB) is loaded only when a PDF arrives, not with every popup. */
const pdfPages = () => import('../capture/pdf-pages');

/** What a file that is no image holds instead, as sniffed from its first bytes (no MIME_OF entry). */
type NotImage = NotImageHolds;

export type IntakeProblem =
  | { name: string; problem: 'pdfPassword' | 'pdfInvalid' }
  | { name: string; problem: 'fileNotImage'; holds: NotImage }
  | { name: string; problem: 'fileTooLarge'; bytes: number };

/**
 * The largest image file handed to the worker (bytes, 40 MB = 40 × 10⁶): it travels as a data: URL
 * in one extension message, base64 makes it 4/3 as long, and Chrome refuses a message over 64 MiB
 * (a new user's 63 MB PNG vanished with "Message exceeded maximum allowed size of 64MiB" in the
 * console). A phone photo is 2–15 MB; the worker fits any image it takes (lib/image/prepare.ts).
 */
export const MAX_SENT_FILE_BYTES = 40_000_000;
export type IntakeItem = { name: string; blob: Blob; fromPdf: boolean } | IntakeProblem;

/** "it holds plain text", "it is a web page"…: what a file, a link or a data: URL holds instead of an image. */
export const HOLDS: Record<NotImage, MessageKey> = {
  html: 'fileHolds_html',
  json: 'fileHolds_json',
  text: 'fileHolds_text',
  empty: 'fileHolds_empty',
  unknown: 'fileHolds_unknown',
};

/** The notice for a file refused at intake: the file's name, and for a non-image what it holds. */
export function intakeProblemText(item: IntakeProblem): string {
  if (item.problem === 'fileTooLarge') return tooLargeText(item.name, item.bytes);
  return item.problem === 'fileNotImage' ? t('fileNotImage', [item.name, t(HOLDS[item.holds])]) : t(item.problem, item.name);
}

/** "“x.png” is 63.2 MB: the largest file taken here is 40 MB…" (MB = 10⁶ bytes, as file managers say). */
function tooLargeText(name: string, bytes: number): string {
  return t('fileTooLarge', [name, (bytes / 1e6).toFixed(1), String(MAX_SENT_FILE_BYTES / 1e6)]);
}

/**
 * The same for an image link refused at intake (a data: URL that holds no image): what it holds,
 * and what to do instead, without "whatever its name says" (a link has no file name).
 */
export function dataUrlProblemText(item: IntakeProblem): string {
  if (item.problem === 'fileTooLarge') return tooLargeText(item.name, item.bytes);
  return item.problem === 'fileNotImage' ? t('dataUrlNotImage', t(HOLDS[item.holds])) : t(item.problem, item.name);
}

/**
 * A `data:` URL (RFC 2397) decoded into a File named `name`, to be taken the way a picked file is
 * (intakeFiles: the bytes are sniffed, the worker fits and checks the image), so a data: link of
 * any size the file path takes works: it never travels as a URL (RecognizeUrlSchema caps those at
 * 8,192 characters). The File's type is the URL's media type; the bytes decide what it is. Null
 * when it is no data: URL, or its base64 is not valid (a link cut short when copied): dataUrlBytes.
 */
export function fileFromDataUrl(url: string, name: string): File | null {
  const decoded = dataUrlBytes(url);
  return decoded ? new File([decoded.bytes as BlobPart], name, { type: decoded.mediaType }) : null;
}

/** The format of a file by its first bytes (a name or type saying `.png` proves nothing). */
async function sniffFile(file: File): Promise<SniffedFormat> {
  return sniffFormat(new Uint8Array(await file.slice(0, 512).arrayBuffer()));
}

async function isPdf(file: File): Promise<boolean> {
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  return String.fromCharCode(...head) === '%PDF-';
}

/**
 * Picked, pasted or dropped files as invoice images: an image goes as it is (the worker checks and
 * fits it) unless it is over MAX_SENT_FILE_BYTES, a PDF becomes one image per page (e-invoices and
 * scans arrive as PDFs), anything else (a text file renamed `.png`) is refused here with what it
 * holds, and no capture is made.
 */
export async function* intakeFiles(files: File[]): AsyncGenerator<IntakeItem> {
  for (const file of files) {
    const name = file.name || 'image';
    if (!(await isPdf(file))) {
      const format = await sniffFile(file);
      if (!MIME_OF[format]) yield { name, problem: 'fileNotImage', holds: format as NotImage };
      else if (file.size > MAX_SENT_FILE_BYTES) yield { name, problem: 'fileTooLarge', bytes: file.size };
      else yield { name, blob: file, fromPdf: false };
      continue;
    }
    const { renderPdfPages, PdfError } = await pdfPages();
    try {
      for await (const page of renderPdfPages(await file.arrayBuffer())) {
        yield { name: page.pages > 1 ? `${file.name} (${page.page}/${page.pages})` : file.name, blob: page.blob, fromPdf: true };
      }
    } catch (error) {
      yield { name: file.name, problem: error instanceof PdfError && error.kind === 'password' ? 'pdfPassword' : 'pdfInvalid' };
    }
  }
}

/** A pasted or dropped text that is an image link (http(s) or data:), else null. */
export function linkFromText(text: string): string | null {
  const first = text.trim().split(/\s+/)[0] ?? '';
  return /^(https?:\/\/|data:image\/)/i.test(first) && URL.canParse(first) ? first : null;
}
