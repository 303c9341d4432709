/**
 * Puts text (and, for Copy all, an HTML table beside it) on the clipboard from the card, in the
 * page's isolated world, right after the user's click. The async Clipboard API first (secure pages,
 * the page never sees the data); where the page forbids it (plain http, an iframe without
 * `allow="clipboard-write"`), a copy command whose event carries both flavours (the extension's
 * clipboardWrite permission lets it run). Resolves false when neither worked.
 */
export async function writeClipboard(win: Window & typeof globalThis, text: string, html?: string): Promise<boolean> {
  try {
    const clipboard = win.isSecureContext ? win.navigator.clipboard : undefined;
    if (clipboard && html && typeof win.ClipboardItem === 'function') {
      const blob = (body: string, type: string) => new Blob([body], { type });
      await clipboard.write([new win.ClipboardItem({ 'text/plain': blob(text, 'text/plain'), 'text/html': blob(html, 'text/html') })]);
      return true;
    }
    if (clipboard) {
      await clipboard.writeText(text);
      return true;
    }
  } catch {
    // Not allowed here (permissions policy, no focus): the copy command below may still be.
  }
  const doc = win.document;
  let written = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', text);
    if (html) event.clipboardData.setData('text/html', html);
    event.preventDefault();
    written = true;
  };
  doc.addEventListener('copy', onCopy, true);
  try {
    return doc.execCommand('copy') && written;
  } catch {
    return false;
  } finally {
    doc.removeEventListener('copy', onCopy, true);
  }
}
