import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { FieldQuad, QuotaInvoiceField } from '@/lib/recognize/contract';
import { pageLeft, pageScrollFirst, wheelPx } from '@/lib/ui/use-page-scrolls-first';

/** Where the chosen field was read on the picture (lib/recognize/contract.ts FieldBoxes, one field). */
export interface FieldRegion {
  field: QuotaInvoiceField;
  /** Corners in px of an image `width` × `height` px (the stored image, upright). */
  quad: FieldQuad;
  width: number;
  height: number;
}

interface Props {
  /** Object URL of the selected capture's image; undefined when none is kept or none is chosen. */
  src: string | undefined;
  /** Words for the image (the invoice's code and number). */
  alt: string;
  /** True when a row is chosen (else the pane asks for one). */
  chosen: boolean;
  /** The chosen field's region, outlined over the picture when the provider said where it was read. */
  region?: FieldRegion;
}

const STEP = 1.25;
const MIN = 0.1;
const MAX = 8;

/**
 * The selected invoice, large, beside the table: fit to the pane by default (up to MAX × its own
 * size), zoom with the wheel or the buttons, drag to pan. Zoom is relative to the picture's own pixels (1 = 100 %).
 */
export function ImageViewer({ src: given, alt, chosen, region }: Props) {
  // Bytes the browser cannot draw (a damaged image kept as captured) are said in words, not shown
  // as a broken-image icon at 100 % (helper-78).
  const [undrawable, setUndrawable] = useState<string | undefined>(undefined);
  const src = given !== undefined && given !== undrawable ? given : undefined;
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const pane = useRef<HTMLDivElement>(null);
  const img = useRef<HTMLImageElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  /** Bumped when the picture loads, so the fit percentage is computed from its real size. */
  const [loads, setLoads] = useState(0);
  useEffect(() => setZoom('fit'), [src]);
  // The chosen field is brought into view when it lies outside the pane: after a zoom (the
  // picture grows from its top-left corner) or on a tall invoice whose amount sits below the fold.
  useEffect(() => {
    const el = pane.current;
    const frame = el?.querySelector<HTMLElement>('.viewer-frame');
    if (el && frame && region) revealRegion(el, frame, region);
  }, [zoom, region, src, loads]);
  /**
   * Fitted, the scale the picture came out at (its drawn width over its own, MAX at most: frameSize),
   * measured after the layout that fitted it, on load and on resize: read during the render it was
   * the previous zoom's width (a new user pressed Fit and the figure stayed at 642 %).
   */
  const [fitScale, setFitScale] = useState(1);
  useLayoutEffect(() => {
    if (zoom !== 'fit') return;
    const measure = () => {
      const el = img.current;
      if (el?.naturalWidth) setFitScale(Math.min(MAX, el.clientWidth / el.naturalWidth));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [zoom, loads, src]);
  /** The scale the picture is drawn at now. */
  const current = () => (zoom === 'fit' ? fitScale : zoom);
  const zoomBy = (factor: number) => setZoom(Math.min(MAX, Math.max(MIN, current() * factor)));
  const natural = img.current?.naturalWidth;
  return (
    <aside class="viewer" aria-label={t('viewerTitle')}>
      <div class="viewer-tools">
        <button type="button" class="zoom-out" onClick={() => zoomBy(1 / STEP)} disabled={!src}>{t('viewerZoomOut')}</button>
        <span class="zoom-level" aria-live="polite">{src ? `${Math.round(current() * 100)}%` : ''}</span>
        <button type="button" class="zoom-in" onClick={() => zoomBy(STEP)} disabled={!src}>{t('viewerZoomIn')}</button>
        <button type="button" class="zoom-fit" onClick={() => setZoom('fit')} disabled={!src} aria-pressed={zoom === 'fit'}>{t('viewerFit')}</button>
      </div>
      <div
        class="viewer-pane"
        ref={pane}
        data-zoom={zoom === 'fit' ? 'fit' : zoom.toFixed(3)}
        onWheel={(e) => {
          if (!src) return;
          e.preventDefault(); // the wheel zooms the picture here; the scrollbars (or a drag) pan it
          // ...once the picture's foot is in the window: under the table (below 1240 px) the page
          // scrolling down slid the picture under the pointer, and the wheel zoomed it out instead of
          // bringing its foot into view (new-user check, stop 32).
          const by = pageScrollFirst(wheelPx(e), (pane.current?.getBoundingClientRect().bottom ?? 0) - window.innerHeight, pageLeft());
          if (by > 0) window.scrollBy(0, by);
          else zoomBy(e.deltaY < 0 ? STEP : 1 / STEP);
        }}
        onPointerDown={(e) => {
          const el = pane.current;
          if (!el || zoom === 'fit') return;
          drag.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
          el.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const el = pane.current;
          if (!el || !drag.current) return;
          el.scrollLeft = drag.current.left - (e.clientX - drag.current.x);
          el.scrollTop = drag.current.top - (e.clientY - drag.current.y);
        }}
        onPointerUp={() => (drag.current = null)}
      >
        {src ? (
          // The picture and its field outline share one box: the outline's viewBox is the image
          // the region was given in, stretched over the picture as drawn, so it follows any zoom
          // (and would follow a transform of this box) without arithmetic here.
          <div class="viewer-frame" style={frameSize(zoom, natural)}>
            <img ref={img} class="viewer-image" src={src} alt={alt} draggable={false} onLoad={() => setLoads((n) => n + 1)} onError={() => setUndrawable(given)} />
            {region && (
              <svg class="viewer-region" data-field={region.field} viewBox={`0 0 ${region.width} ${region.height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <polygon points={region.quad.map(([x, y]) => `${x},${y}`).join(' ')} vector-effect="non-scaling-stroke" />
              </svg>
            )}
          </div>
        ) : (
          <p class="viewer-empty">{given !== undefined ? t('viewerUndrawable') : chosen ? t('viewerNoImage') : t('viewerPick')}</p>
        )}
      </div>
    </aside>
  );
}

/**
 * The picture's box: at `zoom` × its `natural` width (px), or, fitted, the pane's width but never
 * more than MAX × its own (a failed capture's tiny picture was drawn at 3642 %, a blur of blocks).
 */
function frameSize(zoom: number | 'fit', natural: number | undefined): { width: string; maxWidth?: string } {
  if (!natural) return { width: '100%' };
  return zoom === 'fit' ? { width: '100%', maxWidth: `${natural * MAX}px` } : { width: `${natural * zoom}px` };
}

/**
 * Scrolls `pane` so `region` (drawn over `frame`, the picture's box) is centred in it, unless it is
 * in view already: a clerk who panned to it keeps the view.
 */
function revealRegion(pane: HTMLElement, frame: HTMLElement, region: FieldRegion): void {
  const sx = frame.clientWidth / region.width;
  const sy = frame.clientHeight / region.height;
  // Where the picture's box starts in the pane's scrolled content (its padding).
  const f = frame.getBoundingClientRect();
  const p = pane.getBoundingClientRect();
  const x0 = f.left - p.left + pane.scrollLeft;
  const y0 = f.top - p.top + pane.scrollTop;
  const xs = region.quad.map(([x]) => x0 + x * sx);
  const ys = region.quad.map(([, y]) => y0 + y * sy);
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const inView = left >= pane.scrollLeft && right <= pane.scrollLeft + pane.clientWidth && top >= pane.scrollTop && bottom <= pane.scrollTop + pane.clientHeight;
  if (!inView) pane.scrollTo({ left: (left + right - pane.clientWidth) / 2, top: (top + bottom - pane.clientHeight) / 2 });
}
