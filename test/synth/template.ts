// Pure spec -> self-contained HTML (inline CSS/SVG, local fonts only: nothing remote may load).
import { type PhotoSubject, photoLayout } from './layout.js';
import type { InvoiceSpec, PhotoInvoiceSpec } from './spec.js';
import { VARIANTS_CSS, creases, figureHtml, label, sellerSeal } from './variants-html.js';

const SERIF = `'Noto Serif CJK SC', serif`;
const SANS = `'Noto Sans CJK SC', sans-serif`;
const MONO = `'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace`;
const RED = '#d0201c';

/** Background security print: bands of phase-shifted sine waves, like a banknote's guilloche. */
function guilloche(s: InvoiceSpec): string {
  const g = s.decorations.guilloche;
  if (!g) return '';
  const paths: string[] = [];
  for (let cy = 40; cy < s.height; cy += 85) {
    for (let k = 0; k < g.waves; k++) {
      const ph = (k * Math.PI * 2) / g.waves;
      const pts: string[] = [];
      for (let x = 0; x <= s.width; x += 6) {
        const y = cy + g.amp * Math.sin(x / 38 + ph) * Math.cos(x / 113 - ph / 2);
        pts.push(`${x},${y.toFixed(1)}`);
      }
      paths.push(`<polyline points="${pts.join(' ')}"/>`);
    }
  }
  return `<svg class="bg" width="${s.width}" height="${s.height}" shape-rendering="crispEdges"><g fill="none" stroke="${g.color}"
    stroke-width="0.7" opacity="0.55">${paths.join('')}</g></svg>`;
}

/** Oval 监制章: arc legend on top, bureau name across the middle; multiply blend keeps text beneath legible. */
function stamp(s: InvoiceSpec, left: number, top: number): string {
  const st = s.decorations.stamp;
  const size = (t: string) => Math.min(26, Math.floor(170 / t.length));
  return `<svg class="stamp" width="240" height="160" viewBox="0 0 240 160"
    style="left:${left + st.dx}px;top:${top + st.dy}px;opacity:${st.opacity.toFixed(2)};transform:rotate(${st.rotate}deg)">
    <defs><path id="arc" d="M 32,92 A 88,62 0 0 1 208,92"/></defs>
    <ellipse cx="120" cy="80" rx="114" ry="74" fill="none" stroke="${RED}" stroke-width="5"/>
    <ellipse cx="120" cy="80" rx="106" ry="67" fill="none" stroke="${RED}" stroke-width="1.2"/>
    <g fill="${RED}" font-family="${SANS}" font-weight="700" text-anchor="middle">
      <text font-size="17"><textPath href="#arc" startOffset="50%">全国统一发票监制章</textPath></text>
      <text x="120" y="98" font-size="${size(st.line1)}">${st.line1}</text>
      <text x="120" y="128" font-size="${size(st.line2)}">${st.line2}</text>
    </g></svg>`;
}

function barcode(s: InvoiceSpec, h: number): string {
  const w = s.decorations.barcode;
  if (!w) return '';
  let x = 0;
  const bars = w.map((bw, i) => {
    const r = i % 2 === 0 ? `<rect x="${x}" y="0" width="${bw}" height="${h}"/>` : '';
    x += bw;
    return r;
  });
  return `<svg class="barcode" width="${x}" height="${h}">${bars.join('')}</svg>`;
}

const scratch = (s: InvoiceSpec) => s.decorations.scratch
  ? `<div class="scratch"><span>刮开有奖</span><small>兑奖区 · 刮开覆盖层</small></div>` : '';

const numberColor = (s: InvoiceSpec) => (s.decorations.numberRed ? RED : '#222');

/** Label + value rows; the number moves to the top-right corner on some slips. */
function idRows(s: InvoiceSpec): string {
  const num = `<div class="row">${label(s, '发票号码', 'Invoice No.')}<span class="num" style="color:${numberColor(s)}">${s.number}</span></div>`;
  return `<div class="row">${label(s, '发票代码', 'Invoice Code')}<span class="code">${s.code}</span></div>
    ${s.decorations.numberTopRight ? '' : num}${s.variants?.sealOverCode ? stamp(s, s.variants.sealOverCode.left, s.variants.sealOverCode.top) : ''}`;
}

const cornerNumber = (s: InvoiceSpec) => s.decorations.numberTopRight
  ? `<div class="corner">No <span class="num" style="color:${numberColor(s)}">${s.number}</span></div>` : '';

function amount(s: InvoiceSpec, maxW: number, maxSize: number): string {
  // Letter-spacing (6px) is part of each glyph's advance, so budget for it.
  const size = Math.min(maxSize, Math.floor(maxW / s.amountCapitals.length) - 6);
  const fig = s.amountFigure ? s.amountFigure.replace('￥', s.decorations.yenGlyph) : '';
  return `<div class="amount" style="font-size:${size}px">${s.amountCapitals}</div>
    ${fig ? figureHtml(s, fig) : ''}${sellerSeal(s)}`;
}

function footer(s: InvoiceSpec): string {
  const d = s.decorations;
  return `<div class="foot">
    <div>开票日期：${d.issueDate ?? '<span class="blank">　　年　　月　　日</span>'}</div>
    ${d.phone ? `<div>${d.phone}</div>` : ''}
    ${d.validUntil ? `<div>${d.validUntil}</div>` : ''}
    <div class="small">（手写无效）　${d.printer}</div></div>`;
}

function verticalBody(s: InvoiceSpec): string {
  const tSize = (t: string) => Math.min(40, Math.floor(520 / t.length));
  return `${cornerNumber(s)}
    <div class="title" style="margin-top:${s.decorations.numberTopRight ? 80 : 40}px">
      <div style="font-size:${tSize(s.bureau)}px">${s.bureau}</div>
      <div style="font-size:${tSize(s.kind) - 2}px;letter-spacing:6px">${s.kind}</div></div>
    <div class="copy">发票联</div>
    <div class="ids">${idRows(s)}</div>
    <div class="mid">${amount(s, 480, 150)}</div>
    <div class="extras">${barcode(s, 56)}${scratch(s)}</div>
    ${footer(s)}
    ${s.variants?.sealOverCode ? '' : stamp(s, 180, s.decorations.numberTopRight ? 160 : 120)}`;
}

function horizontalBody(s: InvoiceSpec): string {
  const tSize = Math.min(40, Math.floor(880 / s.title.length));
  return `${cornerNumber(s)}
    <div class="title" style="margin-top:${s.decorations.numberTopRight ? 72 : 34}px;font-size:${tSize}px">${s.title}</div>
    <div class="copy">发票联</div>
    <div class="hgrid">
      <div class="ids">${idRows(s)}</div>
      <div class="mid">${amount(s, 360, 110)}</div>
      <div class="extras">${barcode(s, 48)}${scratch(s)}</div>
    </div>
    ${footer(s)}
    ${s.variants?.sealOverCode ? '' : stamp(s, 380, s.decorations.numberTopRight ? 50 : 15)}`;
}

/** The invoice's stylesheet; shared by the clean page and the photo scene. */
function invoiceCss(s: InvoiceSpec): string {
  const v = s.layout === 'vertical';
  return `
  html,body{margin:0;padding:0;background:#fff}
  #invoice{position:relative;width:${s.width}px;height:${s.height}px;background:${s.decorations.paper};
    overflow:hidden;font-family:${SANS};color:#1d2a3a;box-sizing:border-box}
  .bg{position:absolute;left:0;top:0}
  .frame{position:absolute;inset:14px;border:3px double #3a5a80}
  .content{position:relative;height:100%;display:flex;flex-direction:column;align-items:center;
    padding:0 ${v ? 40 : 50}px;box-sizing:border-box}
  .title{font-family:${SERIF};font-weight:700;text-align:center;line-height:1.35;color:#16304f}
  .copy{margin-top:8px;padding:2px 18px;border:2px solid #16304f;font-family:${SERIF};font-size:24px;
    font-weight:700;letter-spacing:8px;color:#16304f}
  .ids{margin-top:${v ? 100 : 10}px;font-size:${v ? 26 : 22}px;align-self:${v ? 'center' : 'start'}}
  .row{display:flex;gap:14px;align-items:baseline;margin:8px 0}
  .row b{font-weight:400;letter-spacing:2px}
  .code,.num{font-family:${MONO};letter-spacing:2px}
  .num{font-size:1.25em;font-weight:700}
  .corner{position:absolute;right:${v ? 40 : 50}px;top:28px;font-size:22px;font-family:${MONO}}
  .corner .num{font-size:30px}
  .mid{display:flex;flex-direction:column;align-items:center;justify-content:center;${v ? 'flex:1' : ''}}
  .amount{font-family:${SERIF};font-weight:900;color:#102a4c;letter-spacing:6px;line-height:1.15;white-space:nowrap}
  .figure{font-family:${MONO};font-size:${v ? 40 : 32}px;font-weight:700;margin-top:6px}
  .extras{display:flex;justify-self:center;flex-direction:column;align-items:center;gap:12px;margin:${v ? '0 0 30px' : '0'}}
  .barcode{fill:#1b1b1b}
  .scratch{width:220px;height:64px;border-radius:8px;background:linear-gradient(135deg,#bfc3c7,#e6e8ea 50%,#aeb2b6);
    display:flex;flex-direction:column;align-items:center;justify-content:center;color:#555;font-size:22px;
    font-weight:700;letter-spacing:4px}
  .scratch small{font-size:12px;font-weight:400;letter-spacing:1px}
  .hgrid{display:grid;grid-template-columns:300px minmax(0,1fr) 220px;align-items:center;width:100%;flex:1}
  .foot{margin-bottom:${v ? 34 : 26}px;width:100%;font-size:${v ? 19 : 16}px;line-height:1.6;
    ${v ? '' : 'display:flex;flex-wrap:wrap;column-gap:36px;'}}
  .foot .small{font-size:${v ? 15 : 13}px;color:#556}
  .blank{color:#889}
  .stamp{position:absolute;mix-blend-mode:multiply}
  ${s.variants ? VARIANTS_CSS : ''}`;
}

const invoiceDiv = (s: InvoiceSpec) => `<div id="invoice">
  ${guilloche(s)}<div class="frame"></div>
  <div class="content">${s.layout === 'vertical' ? verticalBody(s) : horizontalBody(s)}</div>
  ${creases(s)}</div>`;

// Byte-for-byte the markup the fixtures were rendered from: their SHA-256 is the emulator's key.
export function invoiceHtml(s: InvoiceSpec): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${invoiceCss(s)}</style></head>`
    + `<body>${invoiceDiv(s)}</body></html>`;
}

const svgUrl = (svg: string) => `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;

/**
 * Sensor grain with plain alpha compositing (a mix-blend-mode layer costs ~35 ms a frame in
 * software compositing): each pixel of a stitched 256 px tile is white or black with alpha
 * ∝ |n − ½|, additive luminance noise that also shows on white paper (overlay hid it there).
 * baseFrequency > 1/px aliases Perlin's lattice into near-white noise; at ~0.9 it reads as a maze.
 */
export const grainTile = (seed: number, noise: number) => {
  const a = Math.min(1, 1.6 * noise).toFixed(2);
  const bw = '<feFuncR type="discrete" tableValues="0 1"/><feFuncG type="discrete" tableValues="0 1"/>'
    + '<feFuncB type="discrete" tableValues="0 1"/>';
  return svgUrl(`<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><filter id="n" x="0" y="0"
    width="100%" height="100%" color-interpolation-filters="sRGB"><feTurbulence type="fractalNoise"
    baseFrequency="2.37" numOctaves="1" seed="${seed}" stitchTiles="stitch"/><feColorMatrix
    values="1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1 0 0 0 0"/><feComponentTransfer>${bw}<feFuncA type="table"
    tableValues="${a} 0 ${a}"/></feComponentTransfer></filter><rect width="256" height="256" filter="url(#n)"/></svg>`);
};

/**
 * Desk: a 512 px tile of stretched fractal noise (stitched, so it repeats seamlessly) tints the
 * base with grain colour; a tile keeps the turbulence cost small whatever the frame size.
 */
export function deskBackground([base, grain]: readonly [string, string]): string {
  if (base === grain) return base; // scanner lid: flat
  const tile = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><filter id="w" x="0" y="0"
    width="100%" height="100%"><feTurbulence type="fractalNoise" baseFrequency="0.002 0.05" numOctaves="3"
    stitchTiles="stitch"/><feColorMatrix values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2.4 0 0 0 -0.9" result="a"/>
    <feFlood flood-color="${grain}"/><feComposite in2="a" operator="in"/></filter><rect width="512" height="512"
    filter="url(#w)"/></svg>`;
  return `${svgUrl(tile)} 0 0/512px 512px,
    repeating-linear-gradient(0deg, #0000 0 508px, #00000024 510px, #0000 512px), ${base}`;
}

/** White balance: multiplying by the tint colour is a diagonal colour matrix on the lens. */
function whiteBalance(tint: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => (parseInt(tint.slice(i, i + 2), 16) / 255).toFixed(3));
  return `<svg width="0" height="0" style="position:absolute"><filter id="wb" color-interpolation-filters="sRGB">
    <feColorMatrix values="${r} 0 0 0 0 0 ${g} 0 0 0 0 0 ${b} 0 0 0 0 0 1 0"/></filter></svg>`;
}

/** The invoice photographed (or scanned): desk, 3D tilt, blur, lighting, grain; JPEG comes later. */
export function photoHtml(s: PhotoInvoiceSpec): string {
  return photoSceneHtml(s, invoiceCss(s), invoiceDiv(s));
}

/**
 * Any slip photographed: `css` styles it, `slip` is its markup (one element with id "invoice", of
 * the subject's width × height), laid on the desk under the subject's capture conditions.
 */
export function photoSceneHtml(s: PhotoSubject & { seed: number }, css: string, slip: string): string {
  const p = s.photo;
  const g = photoLayout(s);
  const L = p.light;
  const neutral = L.tint.toLowerCase() === '#ffffff';
  // A flat plane would render the same without perspective(), but stays 2D (crisper) for scans.
  const tilt = p.tiltX || p.tiltY
    ? ` perspective(${g.perspective.toFixed(1)}px) rotateX(${p.tiltX}deg) rotateY(${p.tiltY}deg)` : '';
  // Sensor grain over lighting, one element. Black/white alpha layers equal multiply-by-grey and
  // screen-with-white, minus the blend cost.
  const light = [
    p.noise > 0 ? `${grainTile(s.seed, p.noise)} 0 0/256px 256px` : '',
    L.glare > 0 ? `radial-gradient(circle at ${L.glareX}% ${L.glareY}%, rgba(255,255,255,${L.glare}), #fff0 55%)` : '',
    `linear-gradient(${L.angle}deg, #0000 30%, rgba(0,0,0,${L.shadow}))`,
    `radial-gradient(ellipse, #0000 55%, rgba(0,0,0,${(L.shadow / 2).toFixed(2)}))`,
  ].filter(Boolean).join(',');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}
  #photo{position:relative;width:${p.width}px;height:${p.height}px;overflow:hidden;background:${p.desk[0]}}
  #photo>*{position:absolute}
  /* Lens oversized so blur never pulls in transparency at the edge; desk 3x so it covers the frame
     however far it is shifted and tilted. */
  #lens{inset:-16px;filter:${neutral ? '' : 'url(#wb) '}blur(${p.blur}px)}
  #desk{position:absolute;left:-100%;top:-100%;width:300%;height:300%;background:${deskBackground(p.desk)};
    transform:translate(${g.tx.toFixed(2)}px,${g.ty.toFixed(2)}px)${tilt}}
  #paper{position:absolute;left:50%;top:50%;width:${s.width}px;height:${s.height}px;
    margin:${-s.height / 2}px 0 0 ${-s.width / 2}px;transform:rotate(${p.rotate}deg) scale(${g.scale.toFixed(5)});
    box-shadow:${p.tier === 'scan' ? '0 0 3px #0005' : '0 3px 12px #0006'}}
  #light{inset:0;background:${light}}
  </style></head><body>${neutral ? '' : whiteBalance(L.tint)}<div id="photo">
  <div id="lens"><div id="desk"><div id="paper">${slip}</div></div></div>
  <div id="light"></div></div></body></html>`;
}
