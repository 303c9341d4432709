// Geometry of the photo scene, kept apart from the HTML so checks can compare it with Chromium.
import type { PhotoConditions } from './spec.js';

/** Anything photographed: a slip of `width` × `height` CSS px under the given conditions. */
export interface PhotoSubject { width: number; height: number; photo: PhotoConditions }

/** Where the photographed slip lands: paper scale, desk offset and its projected bounding box. */
export interface PhotoLayout {
  scale: number; tx: number; ty: number; perspective: number;
  box: { left: number; top: number; right: number; bottom: number }; // frame px, predicted
}

/**
 * Projects the slip's corners exactly as photoHtml's CSS does (paper: rotate·scale inside the desk
 * plane; desk: translate·perspective·rotateX·rotateY about the frame centre), then picks the
 * scale that makes the bounding box span `fill` of the frame, so nothing is ever cut off.
 */
export function photoLayout(s: PhotoSubject): PhotoLayout {
  const p = s.photo;
  const rad = Math.PI / 180;
  const perspective = p.focal * Math.max(p.width, p.height);
  const [cr, sr] = [Math.cos(p.rotate * rad), Math.sin(p.rotate * rad)];
  const [cx, sx, cy, sy] = [Math.cos(p.tiltX * rad), Math.sin(p.tiltX * rad), Math.cos(p.tiltY * rad), Math.sin(p.tiltY * rad)];
  const bbox = (k: number) => {
    const xs: number[] = [], ys: number[] = [];
    for (const [u, v] of [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const) {
      const [a, b] = [(u * s.width * k) / 2, (v * s.height * k) / 2];
      const [qx, qy] = [a * cr - b * sr, a * sr + b * cr];      // rotate() in the desk plane
      const [x1, z1] = [qx * cy, -qx * sy];                     // rotateY
      const [y2, z2] = [qy * cx - z1 * sx, qy * sx + z1 * cx];  // rotateX
      const w = 1 - z2 / perspective;                           // perspective()
      xs.push(x1 / w); ys.push(y2 / w);
    }
    return { l: Math.min(...xs), r: Math.max(...xs), t: Math.min(...ys), b: Math.max(...ys) };
  };
  const span = (k: number) => { const b = bbox(k); return Math.max((b.r - b.l) / p.width, (b.b - b.t) / p.height); };
  let [lo, hi] = [0.01, 10]; // span() grows with scale, so bisect for span == fill
  for (let i = 0; i < 40; i++) { const mid = (lo + hi) / 2; if (span(mid) < p.fill) lo = mid; else hi = mid; }
  const b = bbox(lo);
  // Centre the box, then slide it by shift × 80% of the free margin: a margin always remains.
  const tx = -(b.l + b.r) / 2 + p.shiftX * 0.4 * (p.width - (b.r - b.l));
  const ty = -(b.t + b.b) / 2 + p.shiftY * 0.4 * (p.height - (b.b - b.t));
  const [ox, oy] = [p.width / 2 + tx, p.height / 2 + ty];
  return { scale: lo, tx, ty, perspective, box: { left: b.l + ox, top: b.t + oy, right: b.r + ox, bottom: b.b + oy } };
}
