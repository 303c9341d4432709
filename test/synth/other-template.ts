// Other kinds of paper (other-kinds.ts) → self-contained HTML, clean or photographed.
import type { Block, Cell, OtherSpec } from './other-kinds.js';
import type { PhotoConditions } from './spec.js';
import { photoSceneHtml } from './template.js';

const SERIF = `'Noto Serif CJK SC', serif`;
const SANS = `'Noto Sans CJK SC', sans-serif`;
const MONO = `'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace`;

const cell = ([label, value, dot]: Cell) =>
  `<span class="cell">${label ? `<b>${label}</b>` : ''}<span class="${dot ? 'v dm' : 'v'}">${value}</span></span>`;

function block(b: Block): string {
  switch (b.type) {
    case 'cells':
      return `<div class="cells">${b.rows.map((row) => `<div class="crow">${row.map(cell).join('')}</div>`).join('')}</div>`;
    case 'table':
      return `<table><tr>${b.head.map((h) => `<th>${h}</th>`).join('')}</tr>${b.rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
    case 'big':
      return `<div class="big">${b.text}</div>`;
    case 'note':
      return `<div class="note">${b.text}</div>`;
  }
}

function otherCss(s: OtherSpec): string {
  const narrow = s.width < 700;
  return `
  html,body{margin:0;padding:0;background:#fff}
  #invoice{position:relative;width:${s.width}px;height:${s.height}px;background:${s.paper};overflow:hidden;
    font-family:${SANS};color:#222;box-sizing:border-box;padding:${narrow ? '26px 30px' : '24px 36px'};
    border:2px solid ${s.accent}}
  .t{font-family:${SERIF};font-weight:700;color:${s.accent};text-align:center;font-size:${narrow ? 28 : 34}px;line-height:1.3}
  .st{text-align:center;color:${s.accent};font-size:${narrow ? 18 : 20}px;margin:4px 0 8px;letter-spacing:2px}
  .corner{display:flex;flex-wrap:wrap;justify-content:flex-end;column-gap:24px;font-size:${narrow ? 18 : 18}px;margin:4px 0 10px}
  .cells{margin:8px 0;font-size:${narrow ? 21 : 18}px}
  .crow{display:flex;flex-wrap:wrap;column-gap:28px;margin:${narrow ? 9 : 6}px 0}
  .cell b{font-weight:400;color:${s.accent};margin-right:10px}
  .v{font-family:${MONO}}
  .dm{color:#2c2f6e;font-weight:700;-webkit-mask-image:radial-gradient(circle,#000 48%,#0000 58%);-webkit-mask-size:3px 3px}
  table{border-collapse:collapse;width:100%;font-size:16px;margin:8px 0}
  th,td{border:1px solid ${s.accent};padding:4px 6px;text-align:center}
  th{color:${s.accent};font-weight:400}
  .big{font-size:44px;font-weight:700;text-align:center;margin:12px 0}
  .note{font-size:20px;margin:8px 0}
  .foot{position:absolute;left:30px;right:30px;bottom:18px;display:flex;flex-wrap:wrap;column-gap:30px;font-size:16px;color:#444}
  .seal{position:absolute;right:70px;bottom:60px;width:170px;height:110px;border:4px solid #d0201c;border-radius:50%;
    color:#d0201c;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:20px;
    opacity:.8;mix-blend-mode:multiply;transform:rotate(-8deg)}
  `;
}

function otherDiv(s: OtherSpec): string {
  return `<div id="invoice">
    <div class="t">${s.title}</div>${s.subtitle ? `<div class="st">${s.subtitle}</div>` : ''}
    <div class="corner">${s.corner.map(cell).join('')}</div>
    ${s.blocks.map(block).join('')}
    <div class="foot">${s.footer.map((f) => `<span>${f}</span>`).join('')}</div>
    ${s.seal ? `<div class="seal">${s.seal}</div>` : ''}
  </div>`;
}

/** The document alone, on a white page of exactly its size. */
export function otherHtml(s: OtherSpec): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${otherCss(s)}</style></head><body>${otherDiv(s)}</body></html>`;
}

/** The document photographed or scanned, like the quota invoices. */
export function otherPhotoHtml(s: OtherSpec & { photo: PhotoConditions }): string {
  return photoSceneHtml(s, otherCss(s), otherDiv(s));
}
