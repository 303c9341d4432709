import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RotatedRect } from '@/lib/ondevice/geometry';
import { type RgbaImage, createImage } from '@/lib/ondevice/image';
import { findInvoices, readingOrderOfPapers } from '@/lib/ondevice/sheet';
import { MIN_SLIP_SIDE, cropRegion, findInvoicesInFull } from '@/lib/ondevice/sheet-crop';
import { decodeImage } from '../support/ondevice-node';

const WOOD = [150, 105, 65] as const;
const PAPER = [248, 246, 238] as const;

/** A desk with paper rectangles laid on it (each with a few dark "text" bars inside). */
function desk(width: number, height: number, papers: RotatedRect[]): RgbaImage {
  const img = createImage(width, height, WOOD);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (const p of papers) {
        const dx = x - p.cx, dy = y - p.cy;
        const u = dx * Math.cos(p.angle) + dy * Math.sin(p.angle);
        const v = -dx * Math.sin(p.angle) + dy * Math.cos(p.angle);
        if (Math.abs(u) > p.w / 2 || Math.abs(v) > p.h / 2) continue;
        const text = Math.abs(u) < p.w / 3 && Math.round(v / 12) % 3 === 0;
        const c = text ? [30, 30, 40] : PAPER;
        img.data.set([c[0]!, c[1]!, c[2]!, 255], (y * width + x) * 4);
      }
    }
  }
  return img;
}

const slip = (cx: number, cy: number, deg = 0, w = 180, h = 100): RotatedRect => ({ cx, cy, w, h, angle: (deg * Math.PI) / 180 });
const centres = (rs: RotatedRect[]) => rs.map((r) => [Math.round(r.cx / 10) * 10, Math.round(r.cy / 10) * 10]);

describe('findInvoices: the papers of a photo of several, in reading order', () => {
  it('finds three slips on a desk, rows top to bottom, left to right', () => {
    const img = desk(640, 400, [slip(460, 100, 3), slip(150, 110, -4), slip(320, 290, 2)]);
    expect(centres(findInvoices(img))).toEqual([[150, 110], [460, 100], [320, 290]]);
  });

  it('reads a tall slip beside wide ones as in their row (by top edges, not middles)', () => {
    const wide = slip(400, 80, 0);
    const tall = slip(150, 130, 0, 100, 200);
    const below = slip(300, 330, 0);
    expect(readingOrderOfPapers([wide, below, tall])).toEqual([tall, wide, below]);
  });

  it('separates slips that touch at a corner', () => {
    const img = desk(520, 300, [slip(140, 100, 6), slip(140 + 186, 100 + 100, -5)]);
    expect(findInvoices(img)).toHaveLength(2);
  });

  it.each<[string, RgbaImage]>([
    ['one slip on a desk', desk(400, 300, [slip(200, 150, 4, 300, 160)])],
    ['a scan on a white lid (no desk to tell the paper from)', createImage(400, 300, [250, 250, 250])],
    ['an empty desk', createImage(400, 300, WOOD)],
    ['a slip and a scrap far smaller', desk(500, 300, [slip(220, 150, 0, 300, 160), slip(440, 50, 0, 40, 20)])],
  ])('gives nothing to split for %s', (_name, img) => {
    expect(findInvoices(img)).toEqual([]);
  });

  it('splits only papers large enough to be read: an invoice shrunk to 40 × 24 px is read whole (trial 8: it became two "invoices")', () => {
    const tiny = decodeImage(new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'cases', 'tiny-invoice-40px.jpg'))))!;
    expect(findInvoicesInFull(tiny)).toEqual([]);
    // Two papers too small to hold readable print are papers to findInvoices, but not to findInvoicesInFull.
    const small = desk(240, 120, [slip(60, 60, 0, 80, 50), slip(170, 60, 0, 80, 50)]);
    expect(findInvoices(small)).toHaveLength(2);
    expect(findInvoicesInFull(small)).toEqual([]);
    const papers = [slip(280, 200, 6, 360, 200), slip(280 + 372, 200 + 200, -5, 360, 200)];
    expect(findInvoicesInFull(desk(1040, 600, papers))).toHaveLength(2);
    expect(MIN_SLIP_SIDE).toBeGreaterThan(100);
  });

  it('crops a region upright at the size it has', () => {
    const img = desk(400, 300, [slip(200, 150, 10, 200, 100)]);
    const out = cropRegion(img, { cx: 200, cy: 150, w: 200, h: 100, angle: (10 * Math.PI) / 180 });
    expect([out.width, out.height]).toEqual([200, 100]);
    // The paper fills the crop: its corners are paper, not wood.
    const at = (x: number, y: number) => out.data[(y * out.width + x) * 4]!;
    expect([at(3, 3), at(196, 3), at(3, 96), at(196, 96)].every((v) => v > 200)).toBe(true);
  });
});

describe('a single invoice is never split (the fixtures)', () => {
  const dirs = ['test/fixtures/invoices', 'test/fixtures/kinds'];
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => /\.(png|jpg)$/.test(f)).map((f) => join(d, f)));
  it.each(files)('%s stays one region', (file) => {
    const img = decodeImage(new Uint8Array(readFileSync(file)));
    expect(img).not.toBeNull();
    expect(findInvoicesInFull(img!)).toEqual([]);
  });
});
