// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createFiller } from '@/lib/autofill/filler';
import { visibleLabel } from '@/lib/autofill/labels';
import { collectControls, describeControl, valueFor } from '@/lib/autofill/page';
import { selectWidgetOf } from '@/lib/autofill/select-widget';
import { pagePattern, resolveSelectorPath, selectorPathOf } from '@/lib/autofill/selector-path';

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('the form as the filler sees it (happy-dom)', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('describes a field by its label, wrapping label, aria-labelledby, placeholder and name', () => {
    const doc = page(`
      <label for="a">发票代码</label><input id="a" name="fpdm">
      <label>金额<input id="b" type="number"></label>
      <span id="cap">Invoice No.</span><input id="c" aria-labelledby="cap">
      <input id="d" placeholder="请输入开票地点">`);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => describeControl(doc.getElementById(id) as HTMLInputElement));
    expect(a).toMatchObject({ labels: ['发票代码'], names: ['fpdm', 'a'] });
    expect(b).toMatchObject({ labels: ['金额'], type: 'number' });
    expect(c!.labels).toContain('Invoice No.');
    expect(d).toMatchObject({ placeholder: '请输入开票地点' });
  });

  it('skips hidden, disabled, read-only and button inputs', () => {
    const doc = page(`<input id="ok"><input type="hidden"><input disabled><input readonly><input type="submit"><button>b</button><select id="s"><option>x</option></select>`);
    expect(collectControls(doc).map((c) => c.id)).toEqual(['ok', 's']);
  });

  it.each([
    ['amount into a number field', '<input id="x" type="number">', 'amount', '￥50.00', '50.00'],
    ['amount into a ¥ text field', '<input id="x" placeholder="¥0.00">', 'amount', '￥50.00', '￥50.00'],
    ['amount into a plain text field', '<input id="x">', 'amount', '￥1000.00', '1000.00'],
    ['a city picked by option text', '<select id="x"><option value="">请选择</option><option value="440300">深圳</option></select>', 'location', '深圳市', '440300'],
    ['a city with no option', '<select id="x"><option>北京市</option></select>', 'location', '深圳市', null],
    ['a full place name picks the city, not the province', '<select id="x"><option value="33">浙江省</option><option value="3301">杭州市</option></select>', 'location', '浙江省杭州市', '3301'],
    ['amount as plain yuan', '<input id="x" type="number">', 'amount', '50.00', '50.00'],
    ['an empty amount is not written', '<input id="x" type="number">', 'amount', '', null],
    ['an amount without digits is not written', '<input id="x">', 'amount', '￥', null],
    ['a code into a number field keeps its leading zero', '<input id="x" type="number">', 'code', '033012067798', '033012067798'],
  ] as const)('%s', (_name, html, field, value, expected) => {
    const doc = page(html);
    expect(valueFor(doc.getElementById('x') as HTMLInputElement, field, value)).toBe(expected);
  });

  it('fills with input and change events, and undo restores', async () => {
    const doc = page(`<label for="n">发票号码</label><input id="n" value="old"><label for="p">联系电话</label><input id="p">`);
    const events: string[] = [];
    const input = doc.getElementById('n') as HTMLInputElement;
    input.addEventListener('input', () => events.push(`input:${input.value}`));
    input.addEventListener('change', () => events.push(`change:${input.value}`));
    const filler = createFiller(doc);
    expect(await filler.fill({ number: '01234567', code: '144031500101' })).toEqual({ filled: [{ field: 'number', label: '发票号码' }], noOption: [], cleared: [], unmatched: ['code'] });
    expect((doc.getElementById('p') as HTMLInputElement).value).toBe('');
    expect(await filler.undo()).toEqual({ restored: 1, kept: [] });
    expect(input.value).toBe('old');
    expect(events).toEqual(['input:01234567', 'change:01234567', 'input:old', 'change:old']);
  });
});

describe('a second invoice without an amount (the amount of the first must not stay)', () => {
  it.each([
    ['an invoice without an amount', { code: '144031500101', number: '22222222' }, '', [{ field: 'amount', label: '金额' }]],
    ['an invoice with its own amount', { code: '144031500101', number: '22222222', amount: '5.00' }, '5.00', []],
  ] as const)('%s: the amount field ends as %j', async (_name, second, amount, cleared) => {
    const doc = page(`<label for="c">发票代码</label><input id="c"><label for="n">发票号码</label><input id="n"><label for="a">金额</label><input id="a">`);
    const filler = createFiller(doc);
    await filler.fill({ code: '144031500101', number: '11111111', amount: '1000.00' });
    expect((doc.getElementById('a') as HTMLInputElement).value).toBe('1000.00');
    const report = await filler.fill(second);
    expect((doc.getElementById('a') as HTMLInputElement).value).toBe(amount);
    expect(report.cleared).toEqual(cleared);
    expect((await filler.undo()).restored).toBeGreaterThan(0);
    expect((doc.getElementById('a') as HTMLInputElement).value).toBe('1000.00'); // Undo puts it back
  });
});

describe('component-library fields (happy-dom)', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('keeps a read-only input that displays a dropdown (el-select, ant-select, combobox), skips other read-only ones', () => {
    const doc = page(`
      <div class="el-select"><input id="el" readonly></div>
      <div class="ant-select"><input id="ant" readonly role="combobox"></div>
      <input id="aria" readonly role="combobox" aria-haspopup="listbox">
      <input id="plain" readonly>
      <input id="suggest" role="combobox" aria-haspopup="listbox" aria-autocomplete="list">`);
    expect(collectControls(doc).map((c) => c.id)).toEqual(['el', 'ant', 'aria', 'suggest']);
    expect(selectWidgetOf(doc.getElementById('suggest')!)).toBeNull(); // free text with suggestions: typed into
    expect(selectWidgetOf(doc.getElementById('aria')!)).toBe(doc.getElementById('aria'));
  });

  it('names fields by the label the page shows, without the required mark and colon', () => {
    const doc = page(`
      <div class="el-form-item"><label class="el-form-item__label">* 发票代码：</label><div class="el-input"><input id="a"></div></div>
      <label for="b">开票地点:</label><input id="b" placeholder="请选择">`);
    expect(visibleLabel(doc.getElementById('a') as HTMLInputElement)).toBe('发票代码');
    expect(visibleLabel(doc.getElementById('b') as HTMLInputElement)).toBe('开票地点');
    expect(describeControl(doc.getElementById('a') as HTMLInputElement).labels).toEqual(['发票代码']);
  });

  it('an empty amount writes nothing and is not reported missing; a list without the city is reported as such', async () => {
    const doc = page(`
      <label for="m">金额</label><input id="m" type="number" value="">
      <label for="c">开票地点</label><select id="c"><option value="">请选择</option><option value="1">北京市</option></select>`);
    const input = doc.getElementById('m') as HTMLInputElement;
    let events = 0;
    input.addEventListener('input', () => (events += 1));
    const report = await createFiller(doc).fill({ amount: '', location: '浙江省杭州市' });
    expect(report).toEqual({ filled: [], noOption: [{ field: 'location', label: '开票地点', value: '浙江省杭州市' }], cleared: [], unmatched: [] });
    expect([input.value, events, (doc.getElementById('c') as HTMLSelectElement).value]).toEqual(['', 0, '']);
  });
});

describe('selector paths and page patterns', () => {
  it('round-trips a field inside an open shadow root', () => {
    const doc = page('<div><x-form id="host"></x-form></div>');
    const root = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p><input name="a"></p><p><input name="b"></p>';
    const target = root.querySelectorAll('input')[1]!;
    const path = selectorPathOf(target);
    expect(path[0]).toBe('#host');
    expect(resolveSelectorPath(doc, path)).toBe(target);
  });

  it.each([
    ['https://erp.example.com/expense/12345/edit?tab=2', 'https://erp.example.com', '/expense/*/edit'],
    ['http://127.0.0.1:8080/portal/form.html', 'http://127.0.0.1:8080', '/portal/form.html'],
  ])('%s → %s %s', (url, origin, path) => expect(pagePattern(url)).toEqual({ origin, path }));
});
