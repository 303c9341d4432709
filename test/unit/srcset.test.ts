import { describe, expect, it } from 'vitest';
import { largestCandidate, parseSrcsetValue } from '@/lib/capture/srcset';

const PNG_DATA = 'data:image/png;base64,iVBORw0KGgo,AAAA'; // a comma inside a data: URL

describe('parseSrcsetValue: every spelling the HTML standard allows', () => {
  it.each([
    ['no space after commas', 'a.png 1x,b.png 2x', [{ url: 'a.png', density: 1 }, { url: 'b.png', density: 2 }]],
    ['", " between candidates', 'a.png 1x, b.png 2x', [{ url: 'a.png', density: 1 }, { url: 'b.png', density: 2 }]],
    ['extra spaces, tabs and newlines', '  a.png \t 1x ,\n   b.png   2x  ', [{ url: 'a.png', density: 1 }, { url: 'b.png', density: 2 }]],
    ['w descriptors, no spaces', 'small.png 240w,big.png 1000w', [{ url: 'small.png', width: 240 }, { url: 'big.png', width: 1000 }]],
    ['no descriptor means 1x', 'a.png, b.png 2x', [{ url: 'a.png' }, { url: 'b.png', density: 2 }]],
    ['fractional density', 'a.png 1.5x', [{ url: 'a.png', density: 1.5 }]],
    ['a comma inside a data: URL', `${PNG_DATA} 1x, c.png 2x`, [{ url: PNG_DATA, density: 1 }, { url: 'c.png', density: 2 }]],
    ['a URL with a comma and no descriptor is one URL', 'a.png,b.png 2x', [{ url: 'a.png,b.png', density: 2 }]],
    ['a trailing comma', 'a.png 2x,', [{ url: 'a.png', density: 2 }]],
    ['query strings and absolute URLs', 'https://x.test/i.png?w=240&q=80 240w, https://x.test/i.png?w=1200 1200w', [{ url: 'https://x.test/i.png?w=240&q=80', width: 240 }, { url: 'https://x.test/i.png?w=1200', width: 1200 }]],
    ['empty', '', []],
    ['only whitespace', '   ', []],
    ['an invalid descriptor (the parser refuses; the browser pick remains)', 'a.png 100vw, b.png 2x', []],
  ])('%s', (_name, value, expected) => {
    expect(parseSrcsetValue(value).map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)))).toEqual(expected);
  });
});

describe('largestCandidate: the biggest file of an <img> and its <source>s', () => {
  it.each([
    ['x, no spaces', ['invoice-6.png 1x,invoice-3.png 2x'], 500, 'invoice-3.png'],
    ['x, spaced', ['invoice-6.png?b 1x, invoice-3.png?b 2x'], 500, 'invoice-3.png?b'],
    ['x, written largest first', ['big.png 3x, mid.png 2x, small.png'], 500, 'big.png'],
    ['w with sizes (sizes does not change which file is largest)', ['s.png 240w, l.png 1000w, m.png 600w'], 240, 'l.png'],
    ['w, no spaces', ['s.png 240w,l.png 1000w'], 0, 'l.png'],
    ['mixed across sources: 2x of a 500 px slot beats 800w', ['a.png 800w', 'b.png 2x'], 500, 'b.png'],
    ['mixed across sources: 1200w beats 2x of a 500 px slot', ['a.png 1200w', 'b.png 2x'], 500, 'a.png'],
    ['a <picture>: the <img> has none, a <source> has', ['', 'from-source.webp 1x, from-source-2x.webp 2x'], 300, 'from-source-2x.webp'],
    ['a data: URL with commas as the largest', [`small.png 1x, ${PNG_DATA} 2x`], 300, PNG_DATA],
    ['ties keep the first written', ['first.png 2x', 'second.png 2x'], 300, 'first.png'],
  ])('%s', (_name, srcsets, slotWidth, url) => {
    expect(largestCandidate(srcsets, slotWidth)?.url).toBe(url);
  });

  it('is undefined when nothing is written', () => {
    expect(largestCandidate(['', null, undefined], 300)).toBeUndefined();
  });
});
