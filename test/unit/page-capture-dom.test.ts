// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { CONTEXT_CLICK_KEY, recordContextClicks } from '@/lib/capture/context-click';
import { invoiceElementAt } from '@/lib/capture/element-at-point';
import { inspectImageInPage, pickedAtContextClick } from '@/lib/capture/page-scripts';

const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

function rightClick(target: Element): void {
  target.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true, clientX: 5, clientY: 5 }));
}

describe('inspectImageInPage: the clicked <img> as written (happy-dom)', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    delete (window as unknown as Record<string, unknown>)[CONTEXT_CLICK_KEY];
  });

  it('reports srcset of the <img> and its <source>s, data-* attributes and the link', () => {
    document.body.innerHTML = `<a href="/full"><picture><source srcset="a.webp 1x,b.webp 2x" data-srcset="c.webp 2x"><img id="i" src="/t.png" srcset="t.png 1x,u.png 2x" data-src="/real.png" data-id="9"></picture></a>`;
    const facts = inspectImageInPage(new URL('/t.png', document.baseURI).href);
    expect(facts).toMatchObject({
      found: true,
      link: new URL('/full', document.baseURI).href,
      srcsets: ['t.png 1x,u.png 2x', 'a.webp 1x,b.webp 2x'],
      data: [{ name: 'data-src', value: '/real.png' }, { name: 'data-id', value: '9' }, { name: 'data-srcset', value: 'c.webp 2x' }],
    });
  });

  it.each([
    ['after the image', `<img id="x" src="${GIF}"><noscript><img src="/twin.png" srcset="/twin.png 1x, /twin2.png 2x"></noscript>`, { src: '/twin.png', srcset: '/twin.png 1x, /twin2.png 2x' }],
    ['before the image', `<noscript><img src="/before.png"></noscript><img id="x" src="${GIF}">`, { src: '/before.png' }],
    ['beside its <picture>', `<picture><img id="x" src="${GIF}"></picture><noscript><img src="/pic.png"></noscript>`, { src: '/pic.png' }],
  ])('finds the <noscript> twin %s', (_name, html, twin) => {
    document.body.innerHTML = html;
    expect(inspectImageInPage(GIF).noscript).toMatchObject(twin);
  });

  it("does not take another image's <noscript> twin", () => {
    document.body.innerHTML = `<img id="x" src="${GIF}"><img id="y" src="/other.png"><noscript><img src="/y-twin.png"></noscript>`;
    expect(inspectImageInPage(GIF).noscript).toBeUndefined();
  });

  it('among images sharing one placeholder, takes the one the right-click hit', () => {
    document.body.innerHTML = ['a', 'b', 'c'].map((id) => `<img id="${id}" src="${GIF}" data-src="/${id}.png">`).join('');
    recordContextClicks(window);
    rightClick(document.getElementById('b')!);
    expect(inspectImageInPage(GIF).data).toEqual([{ name: 'data-src', value: '/b.png' }]);
  });

  it('without a known click, the only image showing the URL', () => {
    document.body.innerHTML = `<img id="a" src="${GIF}" data-src="/a.png"><img id="z" src="/other.png">`;
    expect(inspectImageInPage(GIF).data).toEqual([{ name: 'data-src', value: '/a.png' }]);
  });

  it('without a known click, among images sharing one placeholder none is guessed (another data-src would read another invoice)', () => {
    document.body.innerHTML = ['a', 'b'].map((id) => `<img id="${id}" src="${GIF}" data-src="/${id}.png">`).join('');
    expect(inspectImageInPage(GIF)).toMatchObject({ found: false, data: [] });
  });

  it('a click recorded on something else (the pointer moved) does not pick one of several lookalikes', () => {
    document.body.innerHTML = ['a', 'b'].map((id) => `<img id="${id}" src="${GIF}" data-src="/${id}.png">`).join('') + '<p id="text">x</p>';
    recordContextClicks(window);
    rightClick(document.getElementById('text')!);
    expect(inspectImageInPage(GIF).found).toBe(false);
  });

  it('an image that is not in the frame', () => {
    expect(inspectImageInPage('https://x.test/none.png')).toMatchObject({ found: false, srcsets: [], rect: null });
  });
});

describe('the context-click recorder (happy-dom)', () => {
  beforeEach(() => {
    // happy-dom has no layout: nothing lies under a point but the element hit.
    document.elementsFromPoint = () => [];
    document.body.innerHTML = '';
    delete (window as unknown as Record<string, unknown>)[CONTEXT_CLICK_KEY];
  });

  it('is installed once per frame', () => {
    expect(recordContextClicks(window)).toBe(recordContextClicks(window));
  });

  it('keeps the last right-click, its point, and forgets an element removed since', () => {
    document.body.innerHTML = '<canvas id="c"></canvas><p id="p">text</p>';
    const recorder = recordContextClicks(window);
    expect(recorder.target()).toBeUndefined();
    rightClick(document.getElementById('c')!);
    expect(recorder.target()?.id).toBe('c');
    expect(recorder.point()).toEqual({ x: 5, y: 5 });
    rightClick(document.getElementById('p')!);
    expect(recorder.target()?.id).toBe('p');
    document.getElementById('p')!.remove();
    expect(recorder.target()).toBeUndefined();
  });

  it('a page script reads it in the same world; without it, says so', () => {
    expect(pickedAtContextClick()).toBe('no-recorder');
    recordContextClicks(window);
    expect(pickedAtContextClick()).toBeNull(); // no right-click yet
  });

  it.each([
    ['a canvas', '<canvas id="hit"></canvas>', 'hit'],
    ['an image', '<img id="hit" src="/i.png">', 'hit'],
    ['an element with a CSS background', `<div id="hit" style="background-image:url('/bg.png');width:50px;height:50px"></div>`, 'hit'],
    ['plain text', '<p id="hit">no invoice here</p>', undefined],
  ])('finds the invoice element hit: %s', (_name, html, id) => {
    document.body.innerHTML = html;
    expect(invoiceElementAt(document, window, { x: -1, y: -1 }, document.getElementById('hit')!)?.id).toBe(id);
  });

  it('ignores a background on <body> (a page texture)', () => {
    document.body.style.backgroundImage = "url('/texture.png')";
    document.body.innerHTML = '<p id="p">text</p>';
    expect(invoiceElementAt(document, window, { x: -1, y: -1 }, document.body)).toBeUndefined();
    document.body.style.backgroundImage = '';
  });
});
