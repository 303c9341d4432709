// Markup for the quota-invoice variants (see variants.ts). Pure functions of the spec, like the
// rest of the template; each returns '' when its variant is off.
import type { InvoiceSpec } from './spec.js';

const RED = '#d0201c';
const SANS = `'Noto Sans CJK SC', sans-serif`;
const MONO = `'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace`;

/** A label with its English sub-label beneath ("发票代码 / Invoice Code"). */
export function label(s: InvoiceSpec, zh: string, en: string): string {
  return s.variants?.englishLabels ? `<b class="bi">${zh}<small>${en}</small></b>` : `<b>${zh}</b>`;
}

/** The figure as a dot-matrix head prints it: dots, ribbon ink, and maybe a point too faint to read. */
export function figureHtml(s: InvoiceSpec, text: string): string {
  const dot = s.variants?.dotMatrix;
  if (!dot) return `<div class="figure">${text}</div>`;
  const [int, dec] = text.split('.');
  return `<div class="figure dot">${int}<span class="pt"${dot.lostPoint ? ' style="opacity:.12"' : ''}>.</span>${dec ?? ''}</div>`;
}

/** The seller's 发票专用章 (oval, red): company on the arc, tax number across, its name below. */
export function sellerSeal(s: InvoiceSpec): string {
  const seal = s.variants?.sellerSeal;
  if (!seal) return '';
  const nameSize = Math.min(18, Math.floor(200 / seal.company.length));
  return `<svg class="seller" width="250" height="170" viewBox="0 0 250 170"
    style="right:${20 + seal.dx}px;bottom:${10 + seal.dy}px;transform:rotate(${seal.rotate}deg)">
    <defs><path id="sarc" d="M 30,110 A 95,70 0 0 1 220,110"/></defs>
    <ellipse cx="125" cy="85" rx="120" ry="80" fill="none" stroke="${RED}" stroke-width="4"/>
    <g fill="${RED}" font-family="${SANS}" font-weight="700" text-anchor="middle">
      <text font-size="${nameSize}"><textPath href="#sarc" startOffset="50%">${seal.company}</textPath></text>
      <text x="125" y="100" font-size="15" font-family="${MONO}" letter-spacing="0.5">${seal.taxNumber}</text>
      <text x="125" y="138" font-size="19">发票专用章</text>
    </g></svg>`;
}

/** Fold lines: a dark valley beside a light ridge, across the whole slip. */
export function creases(s: InvoiceSpec): string {
  return (s.variants?.creases ?? []).map((c) => {
    const dir = c.vertical ? 'to right' : 'to bottom';
    const pos = c.vertical ? `left:${(c.at * 100).toFixed(1)}%;top:0;width:14px;height:100%` : `top:${(c.at * 100).toFixed(1)}%;left:0;height:14px;width:100%`;
    return `<div class="crease" style="${pos};background:linear-gradient(${dir},#0000,rgba(0,0,0,${c.shade.toFixed(2)}) 45%,rgba(255,255,255,${(c.shade * 1.5).toFixed(2)}) 60%,#0000)"></div>`;
  }).join('');
}

/** Styles the variants need; appended to the invoice's stylesheet only when variants are drawn. */
export const VARIANTS_CSS = `
  .row b.bi{display:inline-flex;flex-direction:column;line-height:1.05}
  .row b.bi small{font-size:.5em;letter-spacing:0;color:#445}
  .figure.dot{font-family:${MONO};color:#2c2f6e;font-weight:700;
    -webkit-mask-image:radial-gradient(circle,#000 48%,#0000 58%);-webkit-mask-size:3px 3px}
  .ids,.mid{position:relative}
  .seller{position:absolute;mix-blend-mode:multiply;opacity:.8}
  .crease{position:absolute;pointer-events:none}
`;
