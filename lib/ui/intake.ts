/** pdf.js (400 kB) is loaded only when a PDF arrives, not with every popup. */
const pdfPages = () => import('../capture/pdf-pages');

export type IntakeItem = { name: string; blob: Blob; fromPdf: boolean } | { name: string; problem: 'pdfPassword' | 'pdfInvalid' };

async function isPdf(file: File): Promise<boolean> {
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  return String.fromCharCode(...head) === '%PDF-';
}

/**
 * Picked, pasted or dropped files as invoice images: an image goes as it is (the worker checks and
 * fits it), a PDF becomes one image per page (e-invoices and scans arrive as PDFs).
 */
export async function* intakeFiles(files: File[]): AsyncGenerator<IntakeItem> {
  for (const file of files) {
    if (!(await isPdf(file))) {
      yield { name: file.name || 'image', blob: file, fromPdf: false };
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
