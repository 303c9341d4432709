// The sheet finder's faults found on the generator's sheets (issue 10), each drawn here with the
// slips' true places so the regions can be checked against them: slips laid edge to edge (held-out
// sheet 100023, and training sheets 40 and 64 once paper is grown through its tint: two slips
// taken as one).
import { describe, expect, it } from 'vitest';
import type { RotatedRect } from '@/lib/ondevice/geometry';
import { type RgbaImage, createImage } from '@/lib/ondevice/image';
import { findInvoices, plainlyOnePaper } from '@/lib/ondevice/sheet';

type Rgb = readonly [number, number, number];
const WHITE: Rgb = [248, 248, 250];

/** A slip: its rectangle, its face colour, and whether its rim (2 px of white paper) is broken on its left. */
interface Drawn {
  rect: RotatedRect;
  face: Rgb;
  brokenRim?: boolean;
}

/** Paints slips on a desk, later ones over earlier ones, each with a white rim, a dark printed frame and text rows. */
function desk(width: number, height: number, ground: Rgb, slips: Drawn[]): RgbaImage {
  const img = createImage(width, height, ground);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (const { rect: p, face, brokenRim } of slips) {
        const dx = x - p.cx, dy = y - p.cy;
        const u = dx * Math.cos(p.angle) + dy * Math.sin(p.angle);
        const v = -dx * Math.sin(p.angle) + dy * Math.cos(p.angle);
        const [eu, ev] = [p.w / 2 - Math.abs(u), p.h / 2 - Math.abs(v)];
        if (eu < 0 || ev < 0) continue;
        const edge = Math.min(eu, ev);
        let c: Rgb = face;
        // The rim, broken on the left where the face's pattern runs out to the edge.
        if (edge < 2 && !(brokenRim && u < 0 && eu < 2 && Math.abs(v) < 4)) c = WHITE;
        else if (edge >= 3 && edge < 4.5) c = [40, 60, 120];
        else if (Math.abs(u) < p.w / 3 && Math.round(v / 12) % 3 === 0) c = [30, 30, 40];
        img.data.set([c[0], c[1], c[2], 255], (y * width + x) * 4);
      }
    }
  }
  return img;
}

const slip = (cx: number, cy: number, w: number, h: number, deg = 0): RotatedRect => ({ cx, cy, w, h, angle: (deg * Math.PI) / 180 });
/** Each true slip holds exactly one region's centre, and no region lies off the slips. */
function oneRegionEach(regions: RotatedRect[], slips: RotatedRect[]): number[] {
  const inside = (s: RotatedRect, x: number, y: number) => {
    const dx = x - s.cx, dy = y - s.cy;
    return Math.abs(dx * Math.cos(s.angle) + dy * Math.sin(s.angle)) <= s.w / 2 && Math.abs(-dx * Math.sin(s.angle) + dy * Math.cos(s.angle)) <= s.h / 2;
  };
  expect(regions.every((r) => slips.some((s) => inside(s, r.cx, r.cy)))).toBe(true);
  return slips.map((s) => regions.filter((r) => inside(s, r.cx, r.cy)).length);
}

describe('findInvoices on sheets the generator showed it failing', { timeout: 30_000 }, () => {
  it('separates slips laid edge to edge along a whole side, and sizes each like its slip', () => {
    // Two portrait slips touching side by side (a little turned to each other) and one alone.
    const slips = [slip(100, 160, 150, 270, 1), slip(249, 162, 150, 270, -1), slip(460, 160, 150, 270, 2)];
    const img = desk(580, 320, [150, 105, 65], slips.map((rect) => ({ rect, face: WHITE })));
    const regions = findInvoices(img);
    expect(oneRegionEach(regions, slips)).toEqual([1, 1, 1]);
    for (const r of regions) expect([Math.min(r.w, r.h), Math.max(r.w, r.h)].map((v) => Math.abs(v / 150 - 1) < 0.1 || Math.abs(v / 270 - 1) < 0.1)).toEqual([true, true]);
  });

  it('separates slips turned towards each other that touch at one corner, each region its own slip', () => {
    // Training sheet 22: a V of desk between two portrait slips touching at their bottom corners
    // was cut by a straight line 100 px inside the left one (331 | 650 px for 417 | 438 px slips).
    const slips = [slip(100, 160, 150, 270, -2.2), slip(256, 160, 150, 270, 0.8), slip(460, 160, 150, 270, 2)];
    const img = desk(580, 320, [150, 105, 65], slips.map((rect) => ({ rect, face: WHITE })));
    const regions = findInvoices(img);
    expect(oneRegionEach(regions, slips)).toEqual([1, 1, 1]);
    for (const r of regions) expect([Math.min(r.w, r.h) / 150, Math.max(r.w, r.h) / 270].map((k) => Math.abs(k - 1) < 0.1)).toEqual([true, true]);
  });

  it('never cuts one slip in two along a dark row of text', () => {
    const slips = [slip(170, 120, 300, 160, 1), slip(520, 130, 300, 160, -2)];
    const img = desk(700, 260, [150, 105, 65], slips.map((rect) => ({ rect, face: WHITE })));
    expect(oneRegionEach(findInvoices(img), slips)).toEqual([1, 1]);
  });
});

describe('the first look at half size (plainlyOnePaper): one paper skips the full search, anything else does not', { timeout: 30_000 }, () => {
  const ground: Rgb = [150, 105, 65];

  it('one slip on a desk, and a scan with no desk, are plainly one paper', () => {
    const one = desk(640, 420, ground, [{ rect: slip(320, 210, 420, 230, 3), face: WHITE }]);
    expect(plainlyOnePaper(one)).toBe(true);
    expect(findInvoices(one)).toEqual([]);
    expect(plainlyOnePaper(createImage(640, 420, WHITE))).toBe(true);
  });

  it('two slips apart, slips laid edge to edge, and an image too small to halve are searched whole', () => {
    const apart = [slip(170, 120, 300, 160, 1), slip(520, 130, 300, 160, -2)];
    expect(plainlyOnePaper(desk(700, 260, ground, apart.map((rect) => ({ rect, face: WHITE }))))).toBe(false);
    // Two portrait slips side by side make one region of no slip's shape (aspect about 1.1).
    const touching = [slip(100, 160, 150, 270, 1), slip(249, 162, 150, 270, -1)];
    expect(plainlyOnePaper(desk(360, 320, ground, touching.map((rect) => ({ rect, face: WHITE }))))).toBe(false);
    expect(plainlyOnePaper(desk(300, 180, ground, [{ rect: slip(150, 90, 200, 110), face: WHITE }]))).toBe(false);
  });
});
