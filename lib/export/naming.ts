const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/bmp': 'bmp', 'image/tiff': 'tif', 'image/webp': 'webp', 'image/gif': 'gif' };

/** 2026-11-26 in local time (the day the bookkeeper sees). */
export function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * images/{date}_{code}_{number}.{ext}: readable, sortable, and unique even for duplicates or
 * captures without fields (a counter is added), never with characters a file system rejects.
 */
export function imageFileNamer() {
  const used = new Set<string>();
  return (capture: { createdAt: number; code?: string; number?: string; imageType?: string }): string => {
    const safe = (s: string | undefined, fallback: string) => (s ?? '').replace(/[^0-9A-Za-z\u4e00-\u9fff-]/g, '') || fallback;
    const base = `${isoDate(capture.createdAt)}_${safe(capture.code, 'nocode')}_${safe(capture.number, 'nonumber')}`;
    const ext = EXTENSIONS[capture.imageType ?? ''] ?? 'bin';
    let name = `${base}.${ext}`;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}.${ext}`;
    used.add(name);
    return name;
  };
}

/** The ZIP's own name: quota-invoices_2026-11-26_1530.zip */
export function zipFileName(now: number): string {
  const d = new Date(now);
  return `quota-invoices_${isoDate(now)}_${String(d.getHours()).padStart(2, '0')}${String(d.getMinutes()).padStart(2, '0')}.zip`;
}
