import { describe, expect, it } from 'vitest';
import { chooseImageCandidates, type ImageFacts } from '@/lib/capture/image-candidates';
import { isPlaceholder, isPlaceholderUrl } from '@/lib/capture/placeholder';

const BASE = 'https://mail.test/msg/1';
const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const abs = (path: string) => new URL(path, BASE).href;

/** Facts of a loaded, 500 px wide <img> showing `src`, with whatever else the case adds. */
function facts(src: string, more: Partial<ImageFacts> = {}): ImageFacts {
  const placeholder = src.startsWith('data:') || src.includes('spacer');
  return { srcUrl: abs(src), baseUrl: BASE, srcsets: [], data: [], naturalWidth: placeholder ? 1 : 1000, naturalHeight: placeholder ? 1 : 520, slotWidth: 500, ...more };
}
const data = (attrs: Record<string, string>) => Object.entries(attrs).map(([name, value]) => ({ name, value }));

describe('isPlaceholder: what a lazy loader leaves in src', () => {
  it.each([
    ['a 1×1 GIF data: URL', GIF, 0, 0, true],
    ['an empty SVG data: URL', "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 3 2'%3E%3C/svg%3E", 0, 0, true],
    ['a big data: URL (an inline invoice)', `data:image/png;base64,${'A'.repeat(5000)}`, 1000, 520, false],
    ['spacer.gif', 'https://x.test/static/spacer.gif', 1, 1, true],
    ['blank.gif, not loaded yet', 'https://x.test/blank.gif', 0, 0, true],
    ['lazy-placeholder.png', 'https://x.test/img/lazy-placeholder.png', 0, 0, true],
    ['img_placeholder.svg', 'https://x.test/img_placeholder.svg', 0, 0, true],
    ['1x1.gif', 'https://x.test/1x1.gif', 0, 0, true],
    ['a loaded 1×1 image of any name', 'https://x.test/t.gif?id=9', 1, 1, true],
    ['a loaded 2×2 image', 'https://x.test/p.png', 2, 2, true],
    ['a 10 px blur-up preview', 'https://x.test/invoice-lqip.jpg', 10, 6, true],
    ['a real image', 'https://x.test/invoice.png', 1000, 520, false],
    ['a real image not loaded yet', 'https://x.test/invoice.png', 0, 0, false],
    ['a name that only contains a word ("pixel-perfect-invoice")', 'https://x.test/pixel-perfect-invoice.png', 0, 0, false],
    ['loading-invoice-scan.jpg', 'https://x.test/loading-invoice-scan.jpg', 0, 0, false],
  ])('%s', (_name, url, naturalWidth, naturalHeight, expected) => {
    expect(isPlaceholder({ url, naturalWidth, naturalHeight })).toBe(expected);
  });

  it('an empty URL is no image at all', () => expect(isPlaceholderUrl('')).toBe(true));
});

describe('chooseImageCandidates: best first, placeholders out', () => {
  it.each<[string, ImageFacts, string[], string]>([
    ['a plain image: only its src', facts('/a/invoice.png'), ['/a/invoice.png'], '/a/invoice.png'],
    ['a thumbnail in a link: the link first', facts('/att/1?thumb', { link: abs('/att/1?full') }), ['/att/1?full', '/att/1?thumb'], '/att/1?thumb'],
    ['a javascript: link is no source', facts('/t.png', { link: 'javascript:void(0)' }), ['/t.png'], '/t.png'],
    ['srcset with no spaces: the 2x', facts('/invoice-6.png', { srcsets: ['invoice-6.png 1x,invoice-3.png 2x'], baseUrl: abs('/c/') }), ['/c/invoice-3.png', '/invoice-6.png'], '/invoice-6.png'],
    ['w + sizes on the <img>', facts('/s.png', { srcsets: ['/s.png 240w, /l.png 1000w'] }), ['/l.png', '/s.png'], '/s.png'],
    ['a <picture> <source>', facts('/i.png', { srcsets: ['', '/i.webp 1x, /i@2x.webp 2x'] }), ['/i@2x.webp', '/i.png'], '/i.png'],
    ['lazy: data-src behind a GIF', facts(GIF, { data: data({ 'data-src': 'invoice-3.png' }) }), ['/msg/invoice-3.png'], '/msg/invoice-3.png'],
    ['lazy: data-original behind spacer.gif', facts('/spacer.gif', { data: data({ 'data-original': '/real.jpg' }) }), ['/real.jpg'], '/real.jpg'],
    ['lazy: data-lazy-src', facts(GIF, { data: data({ 'data-lazy-src': '/real.jpg' }) }), ['/real.jpg'], '/real.jpg'],
    ['lazy: data-actualsrc (Zhihu)', facts(GIF, { data: data({ 'data-actualsrc': '/real.jpg' }) }), ['/real.jpg'], '/real.jpg'],
    ['lazy: data-srcset largest, then data-src', facts(GIF, { data: data({ 'data-src': '/m.jpg', 'data-srcset': '/s.jpg 300w,/l.jpg 1200w', 'data-sizes': 'auto' }) }), ['/l.jpg', '/m.jpg'], '/l.jpg'],
    ['lazy: data-lazy-srcset with x', facts(GIF, { data: data({ 'data-lazy-srcset': '/a.jpg 1x,/b.jpg 2x' }) }), ['/b.jpg'], '/b.jpg'],
    ['lazy: the srcset is a placeholder too (lazysizes)', facts(GIF, { srcsets: [GIF], data: data({ 'data-srcset': '/real.jpg 1x' }) }), ['/real.jpg'], '/real.jpg'],
    ['lazy: a <noscript> twin', facts(GIF, { noscript: { src: '/twin.jpg' } }), ['/twin.jpg'], '/twin.jpg'],
    ['lazy: a <noscript> twin with srcset', facts(GIF, { noscript: { src: '/twin.jpg', srcset: '/twin.jpg 1x, /twin@2x.jpg 2x' } }), ['/twin@2x.jpg', '/twin.jpg'], '/twin@2x.jpg'],
    ['lazy: behind a link, the real image is what matters', facts(GIF, { link: abs('/full'), data: data({ 'data-src': '/real.jpg' }) }), ['/full', '/real.jpg'], '/real.jpg'],
    ['lazy: already swapped (data-src = src)', facts('/real.jpg', { data: data({ 'data-src': '/real.jpg' }) }), ['/real.jpg'], '/real.jpg'],
    // A loaded image is what the user clicked: a leftover data-src may name another invoice.
    ['a loaded image with a leftover data-src: the image shown', facts('/invoice-1.png', { data: data({ 'data-src': '/invoice-6.png' }) }), ['/invoice-1.png'], '/invoice-1.png'],
    ['a blur-up preview shown at over twice its size: the real image behind it', facts('/preview.jpg', { naturalWidth: 40, naturalHeight: 21, slotWidth: 500, data: data({ 'data-src': '/full.jpg' }) }), ['/full.jpg'], '/full.jpg'],
    ['a placeholder and nothing behind it: the src stays (it fails as too small)', facts(GIF), [GIF], GIF],
    ['unrelated data-* attributes are ignored', facts('/i.png', { data: data({ 'data-id': '42', 'data-track': '/t' }) }), ['/i.png'], '/i.png'],
  ])('%s', (_name, input, expected, primary) => {
    const out = chooseImageCandidates(input);
    const at = (u: string) => (u.startsWith('data:') ? u : abs(u));
    expect(out.candidates).toEqual(expected.map(at));
    expect(out.primary).toBe(at(primary));
  });
});
