/**
 * "Fill this page" on real framework forms: the assertion reads each framework's own state (what
 * the portal submits), not only the DOM value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortals } from '../support/portals/portals';
import type { WxtBrowser } from 'wxt/browser';
import { openExtensionPage } from '../support/extension';
import { useExtensionWithEmulator } from '../support/suite';

declare const chrome: WxtBrowser;
import { waitForSettled } from '../support/ui';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'invoices');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'truth.json'), 'utf8'))['invoice-4.png'] as Record<string, string>;
const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

const suite = useExtensionWithEmulator();
let portals: Awaited<ReturnType<typeof startPortals>>;

beforeAll(async () => {
  portals = await startPortals({ vendorDir: join(import.meta.dirname, '..', '..', 'node_modules') });
  // One recognized invoice to fill from: code 144031021652, number 02290604, 深圳市, ￥5.00.
  await (await suite.popup.$('input[type="file"]'))!.uploadFile(join(FIXTURES, 'invoice-4.png'));
  await waitForSettled(suite.popup);
});

afterAll(async () => {
  await portals?.close();
});

/** Opens a portal page in front (the page the user is looking at), presses Fill in the popup. */
async function fill(page: string): Promise<string> {
  await suite.tab.goto(`${portals.main}/portal/${page}`);
  await suite.tab.waitForSelector('body[data-ready]');
  await suite.tab.bringToFront();
  await suite.popup.evaluate(() => {
    document.querySelector('.notice')?.setAttribute('data-seen', ''); // each notice is a new element
    (document.querySelector('article.capture button.fill') as HTMLButtonElement).click();
  });
  // Polling, not animation frames: the popup tab is in the background while the portal is in front.
  await suite.popup.waitForFunction(() => document.querySelector('.notice:not([data-seen]) .notice-text'), { timeout: 15_000, polling: 100 });
  return suite.popup.$eval('.notice:not([data-seen]) .notice-text', (n) => n.textContent ?? '');
}

async function submitted(where: Page | Frame): Promise<Record<string, unknown>> {
  await where.$eval('#submit', (b) => (b as HTMLButtonElement).click());
  await where.waitForFunction(() => (document.querySelector('#submitted')?.textContent ?? '').startsWith('{'), { polling: 100 });
  return JSON.parse(await where.$eval('#submitted', (p) => p.textContent ?? '{}')) as Record<string, unknown>;
}

const expected = { invoiceCode: truth.code, invoiceNumber: truth.number, amount: '5.00', city: '深圳市', phone: '', date: '', note: '', employeeId: '' };

describe('fill this page', () => {
  it.each(['plain.html', 'react.html'])('%s: the four fields land in the form state, decoys stay empty', async (page) => {
    const notice = await fill(page);
    expect(notice).toContain('Filled:');
    expect(await submitted(suite.tab)).toEqual(expected);
  });

  it('vue.html: v-model gets the values (the city option chosen by its text)', async () => {
    await fill('vue.html');
    expect(await submitted(suite.tab)).toMatchObject({ invoiceCode: truth.code, invoiceNumber: truth.number, amount: 5, city: '440300', phone: '', employeeId: '' });
  });

  it.each(['iframe-same.html', 'iframe-cross.html'])('%s: the form inside the frame is filled', async (page) => {
    await fill(page);
    const frame = suite.tab.frames().find((f) => f.url().includes('/portal/plain.html'))!;
    expect(await submitted(frame)).toEqual(expected);
  });

  it('shadow.html: inputs in an open shadow root', async () => {
    await fill('shadow.html');
    await suite.tab.evaluate(() => (document.querySelector('invoice-form')!.shadowRoot!.querySelector('#submit') as HTMLButtonElement).click());
    await suite.tab.waitForFunction(() => (document.querySelector('#submitted')?.textContent ?? '').startsWith('{'), { polling: 100 });
    const state = JSON.parse(await suite.tab.$eval('#submitted', (p) => p.textContent ?? '{}')) as Record<string, unknown>;
    expect(state).toMatchObject({ invoiceCode: truth.code, invoiceNumber: truth.number, amount: '5.00', city: '深圳市' });
  });

  it('Undo puts the previous values back, through React too', async () => {
    await fill('react.html');
    await suite.popup.$eval('.notice button.undo', (b) => {
      b.closest('.notice')!.setAttribute('data-seen', '');
      (b as HTMLButtonElement).click();
    });
    await suite.popup.waitForFunction((text) => document.querySelector('.notice:not([data-seen]) .notice-text')?.textContent === text, { polling: 100 }, en.undone!.message.replace('$1', '4'));
    expect(await submitted(suite.tab)).toEqual({ ...expected, invoiceCode: '', invoiceNumber: '', amount: '', city: '' });
  });

  it('a form without any labels is not guessed at', async () => {
    expect(await fill('unlabeled.html')).toBe(en.fillNothing!.message);
  });
});

/** The notice's sentence for a dropdown without the value's option, as the popup words it (en). */
const noOptionText = (label: string, value: string) => en.fillNoOption!.message.replace('$1', label).replace('$2', value);

describe('portals built with component libraries: the filler opens dropdowns and picks options like a user', () => {
  it('element-plus.html: el-input, el-input-number and a filterable el-select end up in the el-form model', async () => {
    const notice = await fill('element-plus.html');
    // Named by the labels the page shows, not by ids or placeholders.
    expect(notice).toContain('→ 发票代码');
    expect(notice).toContain('→ 开票地点');
    expect(await submitted(suite.tab)).toEqual({ invoiceCode: truth.code, invoiceNumber: truth.number, amount: 5, city: '440300', phone: '', employeeId: '' });
  });

  it('antd.html: Input, InputNumber and a showSearch Select (city below the virtual list fold) end up in the Form values', async () => {
    const notice = await fill('antd.html');
    expect(notice).toContain('→ 开票地点');
    expect(await submitted(suite.tab)).toEqual({ invoiceCode: truth.code, invoiceNumber: truth.number, amount: 5, city: 'c16', phone: '', cityLabel: '深圳市' });
  });

  it('element-like-form.html: number-type code and number, the input-number, the read-only city with its li list', async () => {
    const notice = await fill('element-like-form.html');
    expect(notice).not.toContain(en.fillUnmatched!.message.split('$1')[0]!);
    expect(await submitted(suite.tab)).toEqual({ code: truth.code, number: truth.number, amount: 5, city: '440300' });
  });

  it.each(['antd.html', 'element-plus.html'])('%s without the city in its list: the notice says so for that field, nothing is picked, the list is closed again', async (page) => {
    const notice = await fill(`${page}?without=${encodeURIComponent(truth.location!)}`);
    expect(notice).toContain(noOptionText('开票地点', truth.location!));
    expect(notice).not.toContain(en.fillUnmatched!.message.split('$1')[0]!);
    // The list the filler opened must not stay open over the form (it did in antd).
    await suite.tab.waitForFunction(() => !document.querySelector('input[aria-expanded="true"]'), { timeout: 3000, polling: 100 });
    expect(await submitted(suite.tab)).toMatchObject({ invoiceCode: truth.code, amount: 5, city: page === 'antd.html' ? null : '' });
  });
});

/** Presses Undo in the popup's notice and gives the new notice's text. */
async function undo(): Promise<string> {
  await suite.popup.evaluate(() => {
    const notice = document.querySelector('.notice')!;
    notice.setAttribute('data-seen', '');
    (notice.querySelector('button.undo') as HTMLButtonElement).click();
  });
  await suite.popup.waitForFunction(() => document.querySelector('.notice:not([data-seen]) .notice-text'), { timeout: 15_000, polling: 100 });
  return suite.popup.$eval('.notice:not([data-seen]) .notice-text', (n) => n.textContent ?? '');
}

describe('Undo on component-library dropdowns that showed nothing before the fill', () => {
  it.each(['antd.html', 'element-plus.html'])('%s with a clear button: Undo empties the city again', async (page) => {
    await fill(`${page}?clearable`);
    const notice = await undo();
    expect(notice).not.toContain(en.undoKept!.message.split('$1')[1]!.trim().slice(0, 20));
    const state = await submitted(suite.tab);
    expect(state).toMatchObject({ invoiceCode: '', invoiceNumber: '' });
    // Cleared the libraries' own way: the model's city is unset again (antd: no label either).
    expect(state.city ?? '').toBe('');
    if (page === 'antd.html') expect(state.cityLabel).toBeNull();
  });

  it.each(['antd.html', 'element-plus.html'])('%s without a clear button: Undo says the city keeps its choice', async (page) => {
    await fill(page);
    const notice = await undo();
    expect(notice).toContain(en.undoKept!.message.replace('$1', '开票地点'));
    expect(await submitted(suite.tab)).toMatchObject({ invoiceCode: '' });
  });
});

describe('teach this form: a per-site mapping for forms the heuristics cannot read', () => {
  it('clicking each field once teaches the form; the next fill uses it; the options page deletes it', async () => {
    await suite.tab.goto(`${portals.main}/portal/unlabeled.html`);
    await suite.tab.waitForSelector('body[data-ready]');
    await suite.tab.bringToFront();
    await suite.popup.evaluate(() => (document.querySelector('button.teach') as HTMLButtonElement).click());
    // The page asks for each field in turn: code, number, amount, location.
    for (const [field, input] of [['code', 'f4'], ['number', 'f2'], ['amount', 'f1'], ['location', 'f3']]) {
      await suite.tab.waitForFunction((f) => document.querySelector('[data-qic-overlay="teach"]')?.getAttribute('data-field') === f, { polling: 100 }, field);
      await suite.tab.click(`input[name="${input}"]`);
    }
    await suite.popup.waitForFunction(() => document.querySelector('.notice-text')?.textContent?.startsWith('Saved'), { polling: 100, timeout: 10_000 });

    expect(await fill('unlabeled.html')).toContain('Filled:');
    expect(await submitted(suite.tab)).toEqual({ f1: '5.00', f2: truth.number, f3: truth.location, f4: truth.code });

    const options = await openExtensionPage(suite.ext, 'options.html');
    await options.waitForSelector(`[data-mapping="${portals.main}/portal/unlabeled.html"] button`);
    await options.click(`[data-mapping="${portals.main}/portal/unlabeled.html"] button`);
    await options.waitForFunction(() => !document.querySelector('[data-mapping]'), { polling: 100 });
    await options.close();
    expect(await fill('unlabeled.html')).toBe(en.fillNothing!.message);
  });
});

describe('insert into the focused field (context menu on editable fields)', () => {
  it('puts the newest invoice number into the focused field', async () => {
    await suite.tab.goto(`${portals.main}/portal/plain.html`);
    await suite.tab.waitForSelector('body[data-ready]');
    await suite.tab.bringToFront();
    await suite.tab.focus('#bz');
    await suite.ext.worker.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({ url }))[0]!;
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(
        { menuItemId: 'insert-invoice-number', parentMenuItemId: 'insert-invoice', pageUrl: url, editable: true, frameId: 0 },
        tab,
      );
    }, suite.tab.url());
    await suite.tab.waitForFunction(() => (document.querySelector('#bz') as HTMLTextAreaElement).value !== '', { polling: 100, timeout: 10_000 });
    expect(await submitted(suite.tab)).toMatchObject({ note: truth.number, invoiceNumber: '' });
  });
});

describe('the keyboard shortcut', () => {
  it('Alt+Shift+F fills the page with the newest invoice', async () => {
    await suite.tab.goto(`${portals.main}/portal/react.html`);
    await suite.tab.waitForSelector('body[data-ready]');
    await suite.tab.bringToFront();
    expect(await suite.ext.worker.evaluate(async () => (await chrome.commands.getAll()).find((c) => c.name === 'fill-latest')?.shortcut)).toBe('Alt+Shift+F');
    await suite.ext.worker.evaluate(() => (chrome.commands.onCommand as unknown as { dispatch(c: string): void }).dispatch('fill-latest'));
    await suite.tab.waitForFunction(() => (document.querySelector('input[placeholder="请输入发票代码"]') as HTMLInputElement | null)?.value !== '', { polling: 100, timeout: 10_000 });
    expect(await submitted(suite.tab)).toEqual(expected);
  });
});

describe('corrected values: a leading-zero code and a full place name', () => {
  beforeAll(async () => {
    // As a user would: correct the capture in the batch page (code 033012067798, place 浙江省杭州市).
    const batch = await openExtensionPage(suite.ext, 'batch.html');
    await batch.bringToFront();
    await batch.waitForSelector('tr[data-status="done"]');
    for (const [field, value] of [['code', '033012067798'], ['location', '浙江省杭州市']] as const) {
      await batch.click(`tr[data-status="done"] input[data-field="${field}"]`, { count: 3 });
      await batch.keyboard.type(value);
      await batch.keyboard.press('Tab');
      await batch.waitForFunction((f) => document.querySelector(`tr[data-status="done"] input[data-field="${f}"]`)?.closest('td')?.querySelector('.original'), { polling: 100 }, field);
    }
    await batch.close();
  });

  it.each([
    ['element-like-form.html', { code: '033012067798', city: '330100' }],
    ['element-plus.html', { invoiceCode: '033012067798', city: '330100' }],
    ['antd.html', { invoiceCode: '033012067798', cityLabel: '杭州市' }],
  ])('%s: the code keeps its zero, the city (杭州市) wins over its province (浙江省)', async (page, want) => {
    await fill(page);
    expect(await submitted(suite.tab)).toMatchObject(want);
  });
});
