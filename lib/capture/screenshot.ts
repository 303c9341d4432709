/**
 * Crops a captureVisibleTab screenshot to an element's box. The screenshot has
 * devicePixelRatio device pixels per CSS px (browser zoom and HiDPI both show in that ratio),
 * so the CSS box is scaled by it; the box is clamped to the visible part.
 */
export async function cropScreenshot(
  screenshot: Blob,
  rect: { x: number; y: number; width: number; height: number },
  devicePixelRatio: number,
): Promise<Blob | null> {
  const bitmap = await createImageBitmap(screenshot);
  try {
    const x = Math.max(0, Math.round(rect.x * devicePixelRatio));
    const y = Math.max(0, Math.round(rect.y * devicePixelRatio));
    const right = Math.min(bitmap.width, Math.round((rect.x + rect.width) * devicePixelRatio));
    const bottom = Math.min(bitmap.height, Math.round((rect.y + rect.height) * devicePixelRatio));
    if (right - x < 1 || bottom - y < 1) return null;
    const canvas = new OffscreenCanvas(right - x, bottom - y);
    canvas.getContext('2d')!.drawImage(bitmap, x, y, right - x, bottom - y, 0, 0, right - x, bottom - y);
    return await canvas.convertToBlob({ type: 'image/png' });
  } finally {
    bitmap.close();
  }
}
