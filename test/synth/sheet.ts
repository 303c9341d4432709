// Sheets: 2–10 quota invoices laid on a desk and photographed at once, as clerks do. Seeded like
// the rest of the generator; the truth lists the invoices in reading order (rows top to bottom,
// left to right within a row), with where each slip lies in the photo.
import { mulberry32, type Rng } from './rng.js';
import { DESKS, TINTS, makeInvoiceSpec, type InvoiceSpec, type Truth } from './spec.js';
import { deskBackground, grainTile } from './template.js';

/** One slip on the sheet: its spec, and its centre, size and turn in photo px / degrees. */
export interface SheetSlip {
  spec: InvoiceSpec;
  truth: Truth;
  cx: number;
  cy: number;
  /** Size of the slip in the photo (its own width × height times the scale), px. */
  w: number;
  h: number;
  /** Clockwise, degrees. */
  rotate: number;
}

export interface SheetSpec {
  seed: number;
  width: number;
  height: number;
  /** In reading order. */
  slips: SheetSlip[];
  desk: readonly [string, string];
  tint: string;
  shadow: number;
  lightAngle: number;
  blur: number;
  noise: number;
  quality: number;
}

const span = (r: Rng, lo: number, hi: number) => lo + r() * (hi - lo);
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/** A gap between neighbours, px: now and then none at all (the slips touch). */
const gap = (r: Rng) => (r() < 0.2 ? -int(r, 0, 2) : int(r, 12, 70));
/**
 * The long side of a sheet photo, px: a phone photo (12 MP, 4000 × 3000) of the whole desk after
 * the product's normalization (≤ 4096 px), or a smaller one. The clerk frames the slips, so fewer
 * slips are shown larger; a slip is never drawn above its own size (scale 1).
 */
const PHOTO_SIDE = { min: 2400, max: 3600 };

/**
 * The sheet of one seed: 2–10 invoices (their own seeds are `seed * 100 + i`, far from the single
 * invoices' ranges), turned up to ±6°, `cols` a row, with gaps of 12–70 px or none (touching), on a
 * desk (wood, laminate or beige), lit unevenly, blurred and grainy a little, framed in a photo of
 * PHOTO_SIDE (the slips' scale follows: about 0.5–1 of their own size).
 */
export function makeSheetSpec(seed: number): SheetSpec {
  const r = mulberry32(seed * 2654435761 + 0x5ee7);
  const count = int(r, 2, 10);
  const cols = Math.max(1, Math.round(Math.sqrt(count * 1.4)));
  const base = span(r, 0.55, 0.8);
  const margin = () => int(r, 30, 120);
  const [left, top, right, bottom] = [margin(), margin(), margin(), margin()];
  const placed: Omit<SheetSlip, 'cx' | 'cy'>[][] = [];
  for (let i = 0; i < count; i++) {
    const spec = makeInvoiceSpec(seed * 100 + i);
    const scale = base * span(r, 0.95, 1.05);
    const rotate = Math.round(span(r, -6, 6) * 10) / 10;
    if (i % cols === 0) placed.push([]);
    placed[placed.length - 1]!.push({ spec, truth: spec.truth, w: spec.width * scale, h: spec.height * scale, rotate });
  }
  const bbox = (s: { w: number; h: number; rotate: number }) => {
    const a = (s.rotate * Math.PI) / 180;
    return { bw: s.w * Math.abs(Math.cos(a)) + s.h * Math.abs(Math.sin(a)), bh: s.w * Math.abs(Math.sin(a)) + s.h * Math.abs(Math.cos(a)) };
  };
  const slips: SheetSlip[] = [];
  let y = top;
  let widest = 0;
  for (const row of placed) {
    let x = left;
    const rowHeight = Math.max(...row.map((s) => bbox(s).bh));
    for (const [i, s] of row.entries()) {
      const { bw, bh } = bbox(s);
      if (i > 0) x += gap(r);
      // Not aligned on a ruler: each slip sits a little lower or higher in its row.
      const dy = span(r, 0, Math.min(30, rowHeight - bh + 30));
      slips.push({ ...s, cx: x + bw / 2, cy: y + dy + bh / 2 });
      x += bw;
    }
    widest = Math.max(widest, x);
    y += rowHeight + 30 + gap(r);
  }
  const side = span(r, PHOTO_SIDE.min, PHOTO_SIDE.max);
  const k = Math.min(side / Math.max(widest + right, y + bottom), 1 / (base * 1.05));
  const fit = slips.map((s) => ({ ...s, cx: s.cx * k, cy: s.cy * k, w: s.w * k, h: s.h * k }));
  return {
    seed,
    width: Math.round((widest + right) * k),
    height: Math.round((y + bottom) * k),
    slips: fit,
    desk: DESKS[int(r, 0, DESKS.length - 1)]!,
    tint: TINTS[int(r, 0, TINTS.length - 1)]!,
    shadow: span(r, 0.05, 0.3),
    lightAngle: int(r, 0, 359),
    blur: span(r, 0.1, 0.6),
    noise: span(r, 0.05, 0.2),
    quality: int(r, 65, 90),
  };
}

/**
 * The sheet as one page: each slip is its clean rendering (a PNG data URL, in `slips` order)
 * placed and turned on the desk, under light, blur and grain like the single photos.
 */
export function sheetHtml(s: SheetSpec, slipPngs: string[]): string {
  const papers = s.slips.map((slip, i) => `<img src="${slipPngs[i]}" style="left:${(slip.cx - slip.w / 2 + 16).toFixed(1)}px;`
    + `top:${(slip.cy - slip.h / 2 + 16).toFixed(1)}px;width:${slip.w.toFixed(1)}px;height:${slip.h.toFixed(1)}px;transform:rotate(${slip.rotate}deg)">`).join('');
  const [rr, gg, bb] = [1, 3, 5].map((i) => (parseInt(s.tint.slice(i, i + 2), 16) / 255).toFixed(3));
  const light = [
    `${grainTile(s.seed, s.noise)} 0 0/256px 256px`,
    `linear-gradient(${s.lightAngle}deg, #0000 30%, rgba(0,0,0,${s.shadow.toFixed(2)}))`,
  ].join(',');
  return `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0}
  #photo{position:relative;width:${s.width}px;height:${s.height}px;overflow:hidden;background:${s.desk[0]}}
  #lens{position:absolute;inset:-16px;filter:url(#wb) blur(${s.blur.toFixed(2)}px)}
  #desk{position:absolute;inset:0;background:${deskBackground(s.desk)}}
  #desk img{position:absolute;box-shadow:0 3px 10px #0006}
  #light{position:absolute;inset:0;background:${light}}
  </style></head><body><svg width="0" height="0" style="position:absolute"><filter id="wb" color-interpolation-filters="sRGB">
  <feColorMatrix values="${rr} 0 0 0 0 0 ${gg} 0 0 0 0 0 ${bb} 0 0 0 0 0 1 0"/></filter></svg>
  <div id="photo"><div id="lens"><div id="desk">${papers}</div></div><div id="light"></div></div></body></html>`;
}
