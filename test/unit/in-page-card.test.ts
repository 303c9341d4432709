import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { copyAllRow } from '@/lib/card/copy-all';
import { coveredArea, coversOthers, placeCard } from '@/lib/card/position';
import { CardInitSchema } from '@/lib/card/schema';
import { cardSessions } from '@/lib/card/sessions';
import { cardView } from '@/lib/card/view';
import { cardWords } from '@/lib/card/words';
import { useUiLanguage } from '@/lib/i18n';
import { englishWordsIn } from '../support/english-words';
import type { Capture } from '@/lib/store/capture-schema';

describe('Copy all: one spreadsheet row', () => {
  it.each([
    ['every field', { code: '144031060038', number: '35050290', amount: '￥1000.00', location: '深圳市' }, '144031060038\t35050290\t1000.00\t深圳市'],
    ['a code with a leading zero stays as written', { code: '033012067798', number: '00012345', amount: '50元', location: '杭州市' }, '033012067798\t00012345\t50.00\t杭州市'],
    ['a missing field keeps its empty cell', { code: '144031060038', amount: '￥20.00', location: '深圳市' }, '144031060038\t\t20.00\t深圳市'],
    ['an amount that does not read is copied as it is', { code: '144031060038', number: '35050290', amount: '壹佰伍', location: '深圳市' }, '144031060038\t35050290\t壹佰伍\t深圳市'],
    ['tabs and line breaks inside a value do not split the row', { code: '144031060038', number: '35050290', amount: '￥10.00', location: '广东省\n深圳市' }, '144031060038\t35050290\t10.00\t广东省 深圳市'],
  ])('%s', (_name, fields, text) => {
    const row = copyAllRow(fields);
    expect(row.text).toBe(text);
    const cells = [...row.html.matchAll(/<td style="([^"]*)">([^<]*)<\/td>/g)];
    expect(cells.map((c) => c[2])).toEqual(text.split('\t'));
    // Code and number as text cells: Excel would otherwise drop a leading zero or show 1.44031E+11.
    expect(cells[0]![1]).toBe("mso-number-format:'\\@'");
    expect(cells[1]![1]).toBe("mso-number-format:'\\@'");
  });

  it('the amount is a number cell only when it reads, and HTML in a value is escaped', () => {
    expect(copyAllRow({ amount: '￥1,000.00' }).html).toContain(`<td style="mso-number-format:'0.00'">1000.00</td>`);
    expect(copyAllRow({ amount: 'about 5' }).html).toContain(`<td style="mso-number-format:'\\@'">about 5</td>`);
    expect(copyAllRow({ location: '<img src=x onerror=alert(1)>' }).html).not.toContain('<img');
  });
});

describe('where the card goes', () => {
  const card = { width: 320, height: 300 };
  const viewport = { width: 1200, height: 800 };
  it.each([
    ['right of the image when there is room', { x: 100, y: 100, width: 300, height: 400 }, null, { left: 408, top: 100 }],
    ['left of it when the right has no room', { x: 800, y: 100, width: 300, height: 400 }, null, { left: 472, top: 100 }],
    ['below it when neither side has room', { x: 10, y: 10, width: 1180, height: 300 }, null, { left: 10, top: 318 }],
    ['above it when nothing else has room', { x: 10, y: 400, width: 1180, height: 390 }, null, { left: 10, top: 92 }],
    ['near the click without an image box', null, { x: 500, y: 700 }, { left: 508, top: 492 }],
    ['top right with nothing known', null, null, { left: 872, top: 8 }],
    ['inside the viewport when the image is partly scrolled away', { x: 100, y: -200, width: 300, height: 400 }, null, { left: 408, top: 8 }],
  ])('%s', (_name, anchor, point, expected) => {
    expect(placeCard(card, viewport, anchor, point)).toEqual(expected);
  });

  const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  it('passes over a side that would cover the next invoice', () => {
    const anchor = { x: 500, y: 100, width: 200, height: 300 };
    const next = { x: 708, y: 100, width: 200, height: 300 };
    expect(placeCard(card, viewport, anchor, null, [anchor, next])).toEqual({ left: 172, top: 100 });
  });

  it('with every side covering an invoice (a grid of them), finds the free place nearest the image', () => {
    // Three rows of three 240×160 invoices from the top left; free room only at the right.
    const grid = [0, 1, 2].flatMap((row) => [0, 1, 2].map((col) => ({ x: 20 + col * 252, y: 20 + row * 172, width: 240, height: 160 })));
    const anchor = grid[4]!;
    const at = placeCard(card, viewport, anchor, null, grid);
    const box = { x: at.left, y: at.top, width: card.width, height: card.height };
    expect(grid.filter((g) => overlap(box, g))).toEqual([]);
    expect(at.left).toBeGreaterThanOrEqual(20 + 3 * 252 - 12);
    expect(at.left + card.width).toBeLessThanOrEqual(viewport.width - 8);
    // Level with the image, not at a corner far from it.
    expect(Math.abs(at.top + card.height / 2 - (anchor.y + anchor.height / 2))).toBeLessThan(24);
  });

  it('finds a free strip beside the last column narrower than the search grid\'s step (a mail in a 1000 px window)', () => {
    // The fixture mail (test/fixtures/pages/invoices.html) at 1000 × 700: two rows of three 242 px
    // pictures from x 33; right of the last column 209 px are free: a card of 200 fits only flush beside it
    const row1 = [33, 287, 541].map((x) => ({ x, y: 162, width: 242, height: 126 }));
    const row2 = [33, 287, 541].map((x) => ({ x, y: 302, width: 242, height: 500 }));
    const narrow = { width: 200, height: 330 };
    const at = placeCard(narrow, { width: 1000, height: 700 }, row1[1]!, null, [...row1, ...row2]);
    expect(coveredArea(narrow, at, row1[1]!, [...row1, ...row2])).toBe(0);
    expect(at.left).toBe(783 + 8);
    // The full 320 px card has no free place there: it covers some, as little as it can.
    const full = { width: 320, height: 212 };
    const fullAt = placeCard(full, { width: 1000, height: 700 }, row1[1]!, null, [...row1, ...row2]);
    expect(coveredArea(full, fullAt, row1[1]!, [...row1, ...row2])).toBeGreaterThan(0);
  });

  it('with no free place at all, covers as little as it can, never the image itself', () => {
    const tiles = [0, 1, 2, 3].flatMap((row) => [0, 1, 2, 3].map((col) => ({ x: col * 300, y: row * 200, width: 300, height: 200 })));
    const anchor = tiles[5]!;
    const at = placeCard(card, viewport, anchor, null, tiles);
    expect(overlap({ x: at.left, y: at.top, width: card.width, height: card.height }, anchor)).toBe(false);
    // Then it lies over a neighbour: the card collapses to a chip (issue 13).
    expect(coversOthers(card, at, anchor, tiles)).toBe(true);
  });

  it('says a place is free when it covers no other picture (the clicked one and pictures inside it do not count)', () => {
    const anchor = { x: 500, y: 100, width: 200, height: 300 };
    const inside = { x: 520, y: 120, width: 60, height: 60 };
    const next = { x: 708, y: 100, width: 200, height: 300 };
    const at = placeCard(card, viewport, anchor, null, [anchor, inside, next]);
    expect(coversOthers(card, at, anchor, [anchor, inside, next])).toBe(false);
    expect(coversOthers(card, { left: 708, top: 100 }, anchor, [anchor, inside, next])).toBe(true);
  });
});

const enMessages = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const englishOf = (key: string) => enMessages[key]!.message;

const capture = (patch: Partial<Capture>): Capture => ({
  id: 'c1',
  createdAt: 1,
  updatedAt: 2,
  status: 'queued',
  source: { kind: 'context-menu', imageUrl: 'https://mail.example/a.png' },
  provider: 'ondevice',
  hasImage: false,
  normalized: false,
  attempts: 0,
  ...patch,
});

describe('the card view, in the UI language', () => {
  beforeEach(() => useUiLanguage('en'));

  it.each([
    ['queued', capture({}), 'working', 'Waiting'],
    ['loading the models', capture({ status: 'running', progress: { stage: 'loading-models', fraction: 0.4 } }), 'working', 'Loading the on-device models… 40%'],
    ['recognizing', capture({ status: 'running', progress: { stage: 'recognizing' } }), 'working', 'Recognizing on this device…'],
    ['waiting for a throttled server', capture({ job: { retries: 1, interruptions: 0, wait: 'throttled' } }), 'working', 'Waiting: the server is busy (throttled) — it resumes by itself'],
  ])('%s', (_name, c, state, words) => {
    const view = cardView(c);
    expect(view).toMatchObject({ state, fields: [], copyAll: undefined, error: undefined });
    expect(view.statusText).toBe(words);
  });

  it('a read invoice: four fields in filing order, the amount shown as ￥1,000.00 and copied as 1000.00, corrections win', () => {
    const view = cardView(
      capture({ status: 'done', result: { code: '144031060038', number: '35050290', amount: '￥1000.00', location: '深圳' }, corrections: { location: '深圳市' } }),
    );
    expect(view.state).toBe('done');
    expect(view.fields.map((f) => [f.field, f.label, f.value, f.copy])).toEqual([
      ['code', 'Invoice code', '144031060038', '144031060038'],
      ['number', 'Invoice number', '35050290', '35050290'],
      ['amount', 'Amount', '￥1,000.00', '1000.00'],
      ['location', 'Location', '深圳市', '深圳市'],
    ]);
    expect(view.copyAll?.text).toBe('144031060038\t35050290\t1000.00\t深圳市');
  });

  it('a field not read is shown missing, and the status says how many were read', () => {
    const view = cardView(capture({ status: 'done', result: { code: '144031060038', number: '35050290', location: '深圳市' } }));
    expect(view.fields.find((f) => f.field === 'amount')).toMatchObject({ value: undefined, copy: undefined });
    expect(view.statusText).toBe('Read 3 of 4 fields');
  });

  it('a failure: its words and the code as the gateway spelled it', () => {
    const error = { code: 'APIG.0301', sentCode: 'APIGW.0301', message: 'Incorrect IAM authentication information', retryable: false, status: 401 };
    const view = cardView(capture({ status: 'failed', error }));
    expect(view.state).toBe('failed');
    expect(view.error?.code).toBe('APIGW.0301');
    expect(view.error?.words).toMatch(/^Authentication failed/);
    expect(JSON.stringify(view)).not.toContain('Incorrect IAM');
  });

  it('keys Huawei refused: a state of its own with the refusal in words (no endless "working")', () => {
    const error = { code: 'APIG.0301', message: 'Incorrect IAM authentication information', retryable: false, status: 401 };
    const view = cardView(capture({ status: 'queued', error, job: { retries: 0, interruptions: 0, wait: 'credentials' } }));
    expect(view.state).toBe('keys');
    // What happened, not "Waiting: …": nothing more is sent until the keys change (issue 13).
    expect(view.statusText).toBe(englishOf('cardKeysRefused'));
    expect(view.statusText).toBe('Keys refused — open Settings');
    expect(view.error).toEqual({ words: englishOf('error_APIG_0301'), code: 'APIG.0301' });
    // A capture queued for another reason (the network) still works on by itself.
    expect(cardView(capture({ status: 'queued', error: { ...error, code: 'LOCAL.NETWORK' }, job: { retries: 1, interruptions: 0, wait: 'network' } })).state).toBe('working');
  });

  it('a failure entered by hand in the batch: its fields, "Entered by hand", no failure words', () => {
    const error = { code: 'AIS.0104', message: 'not a quota invoice', retryable: false };
    const view = cardView(capture({ status: 'failed', error, corrections: { code: '144031060038', number: '35050299', amount: '￥50.00' } }));
    expect(view).toMatchObject({ state: 'done', statusText: 'Entered by hand', error: undefined });
    expect(view.fields.map((f) => f.value)).toEqual(['144031060038', '35050299', '￥50.00', undefined]);
    // Two of three is not an entry: still the failure.
    expect(cardView(capture({ status: 'failed', error, corrections: { code: '144031060038', amount: '￥50.00' } }))).toMatchObject({ state: 'failed', fields: [] });
  });

  it('in Chinese when Settings choose Chinese, words and all', () => {
    useUiLanguage('zh_CN');
    const view = cardView(capture({ status: 'done', result: { code: '144031060038', number: '35050290', amount: '￥1000.00', location: '深圳市' } }));
    expect(view.fields.map((f) => f.label)).toEqual(['发票代码', '发票号码', '金额', '地点']);
    expect(englishWordsIn(Object.values(cardWords()))).toEqual([]);
    // What crosses to the page parses at the page's end.
    expect(CardInitSchema.safeParse({ token: 'a'.repeat(64), words: cardWords(), view }).success).toBe(true);
  });
});

describe('who may act for a card', () => {
  const runtimeId = 'ext-id';
  const origin = 'chrome-extension://ext-id/';
  const token = 'f'.repeat(64);
  const fromCard = { id: runtimeId, url: 'https://mail.example/inbox', tab: { id: 7, url: 'https://mail.example/inbox' }, frameId: 2 };
  beforeEach(async () => {
    fakeBrowser.reset();
    await cardSessions.add({ token, captureId: 'c1', tabId: 7, frameId: 2 });
  });

  it('the card itself, in its tab and frame, with its token', async () => {
    expect(await cardSessions.find(token, fromCard, runtimeId, origin)).toMatchObject({ captureId: 'c1' });
  });

  it.each([
    ['another token', { token: 'e'.repeat(64) }],
    ['another tab', { sender: { ...fromCard, tab: { id: 8, url: fromCard.url } } }],
    ['another frame of the tab', { sender: { ...fromCard, frameId: 0 } }],
    ['another extension', { sender: { ...fromCard, id: 'other-ext' } }],
    ['an extension page (not the card)', { sender: { id: runtimeId, url: `${origin}popup.html` } }],
    ['no tab at all', { sender: { id: runtimeId, url: fromCard.url, frameId: 2 } }],
  ])('not %s', async (_name, change: { token?: string; sender?: object }) => {
    expect(await cardSessions.find(change.token ?? token, change.sender ?? fromCard, runtimeId, origin)).toBeUndefined();
  });

  it('a closed card is forgotten; a new card in the same frame replaces the old one', async () => {
    await cardSessions.add({ token: 'd'.repeat(64), captureId: 'c2', tabId: 7, frameId: 2 });
    expect(await cardSessions.find(token, fromCard, runtimeId, origin)).toBeUndefined();
    expect(await cardSessions.forCapture('c2')).toHaveLength(1);
    await cardSessions.remove('d'.repeat(64));
    expect(await cardSessions.forCapture('c2')).toEqual([]);
  });
});
