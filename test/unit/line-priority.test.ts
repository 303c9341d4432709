import { describe, expect, it } from 'vitest';
import { createImage } from '@/lib/ondevice/image';
import { LONG_LINE, cutLine, fieldsFirst, type LineCrop } from '@/lib/ondevice/line-priority';

/** A line of the given height (px) and length (× its height) at the given place in reading order. */
function line(name: string, h: number, redOnly = false, aspect = 10): LineCrop & { name: string } {
  return { name, rect: { cx: 0, cy: 0, w: aspect * h, h, angle: 0 }, crop: createImage(1, 1), redOnly };
}

describe('lines that can hold a field are read first', () => {
  it('long or large dark print and long red-only print, then short dark print, then red-only print, then small print; reading order within each', () => {
    const lines = [
      line('seal legend', 12),
      line('title', 40),
      line('stamp 发票联', 38, false, 2.5),
      line('red number', 38, true, 4),
      line('seal words', 36, true, 3),
      line('code with its label', 36, false, 6),
      line('English sub-label', 14),
      line('amount in capitals', 120, false, 2.5),
      line('amount in figures', 38, false, 3),
      line('footer', 20),
    ];
    expect(fieldsFirst(lines).map((l) => l.name)).toEqual([
      'title',
      'red number',
      'code with its label',
      'amount in capitals',
      'stamp 发票联',
      'amount in figures',
      'seal words',
      'seal legend',
      'English sub-label',
      'footer',
    ]);
  });

  it('a line LONG_LINE times as long as it is tall counts as long, a little shorter does not', () => {
    const lines = [line('short', 36, false, LONG_LINE - 0.1), line('long', 36, false, LONG_LINE), line('c', 36), line('d', 36)];
    expect(fieldsFirst(lines).map((l) => l.name)).toEqual(['long', 'c', 'd', 'short']);
  });

  it('keeps every line (nothing is skipped) and an empty page stays empty', () => {
    const lines = [line('a', 30), line('b', 5, true), line('c', 30, true)];
    expect(new Set(fieldsFirst(lines))).toEqual(new Set(lines));
    expect(fieldsFirst([])).toEqual([]);
  });
});

describe('cutting a line out of the page', () => {
  const page = (fill: [number, number, number]) => createImage(40, 10, fill);
  const rect = { cx: 20, cy: 5, w: 40, h: 10, angle: 0 };

  it('black print: no second reading', () => {
    const cut = cutLine(page([30, 30, 30]), rect, true);
    expect(cut.withoutRed).toBeUndefined();
    expect(cut.redOnly).toBe(false);
  });

  it('red-only print: a blank second reading, known beforehand only when asked', () => {
    const red = page([208, 32, 28]);
    // Paper around the red, so the crop has a paper level.
    for (let x = 20; x < 40; x++) for (let y = 0; y < 10; y++) red.data.set([250, 250, 246, 255], (y * 40 + x) * 4);
    expect(cutLine(red, rect, true).redOnly).toBe(true);
    expect(cutLine(red, rect, false).redOnly).toBe(false);
    expect(cutLine(red, rect, true, 'red-channel').withoutRed?.data[0]).toBeGreaterThan(200);
  });
});

describe('the footer and heavily red lines are read after the other field-shaped lines', () => {
  /** A line at `y` down the page, `aspect` × its height long, with `red` of its crop seal red. */
  const at = (name: string, y: number, aspect: number, red = 0, h = 36): LineCrop & { name: string } => ({
    name,
    rect: { cx: 200, cy: y, w: aspect * h, h, angle: 0 },
    crop: createImage(1, 1),
    redOnly: false,
    red,
  });

  it('title, code and number first; then seal words across print; then 定额发票 under the title; then the footer', () => {
    const lines = [
      at('title', 100, 8),
      at('定额发票', 140, 3),
      at('seal words', 180, 4, 0.23),
      at('code', 240, 7),
      at('number under the seal', 300, 6, 0.11),
      at('amount in capitals', 400, 2, 0, 120),
      at('amount in figures', 480, 3),
      at('issue date', 900, 6),
      at('printer', 930, 8),
      at('刮开有奖', 880, 3),
    ];
    expect(fieldsFirst(lines).map((l) => l.name)).toEqual([
      'title',
      'code',
      'number under the seal',
      'amount in capitals',
      'seal words',
      '定额发票',
      'amount in figures',
      'issue date',
      'printer',
      '刮开有奖',
    ]);
  });

  it('finds the footer on a page turned upside down or on its side (text direction, not image y)', () => {
    for (const angle of [Math.PI, Math.PI / 2, -Math.PI / 2]) {
      const down = (d: number) => ({ cx: -Math.sin(angle) * d, cy: Math.cos(angle) * d });
      const lines = [
        { ...at('date', 0, 6), rect: { ...down(900), w: 216, h: 36, angle } },
        { ...at('title', 0, 8), rect: { ...down(100), w: 288, h: 36, angle } },
        { ...at('定额发票', 0, 3), rect: { ...down(140), w: 108, h: 36, angle } },
      ];
      expect(fieldsFirst(lines).map((l) => l.name)).toEqual(['title', '定额发票', 'date']);
    }
  });
});
