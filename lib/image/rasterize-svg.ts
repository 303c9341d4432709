/**
 * SVG → PNG in a page with a DOM (the offscreen document, Firefox's background page): workers
 * cannot decode SVG. Vectors are drawn large enough for OCR (longest side at least 2000 px).
 */
export async function rasterizeSvg(svg: Blob, document: Document): Promise<Blob> {
  const url = URL.createObjectURL(svg);
  try {
    const img = document.createElement('img');
    img.src = url;
    await img.decode();
    const natural = Math.max(img.naturalWidth || 300, img.naturalHeight || 150);
    const scale = Math.min(4096, Math.max(2000, natural)) / natural;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round((img.naturalWidth || 300) * scale);
    canvas.height = Math.round((img.naturalHeight || 150) * scale);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('SVG could not be drawn'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
