import { describe, expect, it } from 'vitest';
import { assignFields, scoreField, type FieldDescriptor, type InvoiceField } from '@/lib/autofill/score';

const field = (f: Partial<FieldDescriptor>): FieldDescriptor => ({ tag: 'input', type: 'text', autocomplete: '', names: [], placeholder: '', labels: [], nearby: '', ...f });
const best = (d: FieldDescriptor): InvoiceField | null => {
  const scores = scoreField(d);
  const [top] = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  return top && top[1] >= 12 ? (top[0] as InvoiceField) : null;
};

describe('which invoice field a form field wants', () => {
  it.each([
    ['label 发票代码', field({ labels: ['发票代码'] }), 'code'],
    ['label 发票号码', field({ labels: ['发票号码：'] }), 'number'],
    ['placeholder 请输入发票号', field({ placeholder: '请输入发票号' }), 'number'],
    ['aria-label Invoice number', field({ labels: ['Invoice number'] }), 'number'],
    ['label Invoice No.', field({ labels: ['Invoice No.'] }), 'number'],
    ['name fphm (pinyin initials)', field({ names: ['fphm'] }), 'number'],
    ['name invoice_code', field({ names: ['invoice_code'] }), 'code'],
    ['label 金额(元), type number', field({ labels: ['金额(元)'], type: 'number' }), 'amount'],
    ['label 价税合计', field({ labels: ['价税合计'] }), 'amount'],
    ['label Total amount', field({ labels: ['Total amount'] }), 'amount'],
    ['label 开票地点 on a select', field({ tag: 'select', labels: ['开票地点'] }), 'location'],
    ['label City', field({ labels: ['City'] }), 'location'],
    ['nearby text only', field({ nearby: '发票代码' }), 'code'],
  ])('%s → %s', (_name, d, expected) => expect(best(d)).toBe(expected));

  it.each([
    ['联系电话 (phone)', field({ labels: ['联系电话'] })],
    ['Phone number', field({ labels: ['Phone number'] })],
    ['手机号码', field({ labels: ['手机号码'] })],
    ['报销日期 (date)', field({ labels: ['报销日期'] })],
    ['a date input named invoice_date', field({ type: 'date', names: ['invoice_date'] })],
    ['员工编号', field({ labels: ['员工编号'] })],
    ['验证码', field({ labels: ['验证码'] })],
    ['纳税人识别号', field({ labels: ['纳税人识别号'] })],
    ['备注', field({ tag: 'textarea', labels: ['备注'] })],
    ['详细地址 (a street address, not the invoice location)', field({ labels: ['详细地址'] })],
  ])('%s gets nothing', (_name, d) => expect(best(d)).toBeNull());
});

describe('assignFields', () => {
  it('gives each invoice field one form field, the best one', () => {
    const form = [
      field({ labels: ['联系电话'] }),
      field({ labels: ['号码'] }),
      field({ labels: ['发票号码'] }),
      field({ labels: ['发票代码'] }),
      field({ labels: ['报销日期'], type: 'date' }),
      field({ labels: ['金额'] }),
      field({ tag: 'select', labels: ['开票地点'] }),
    ];
    expect(assignFields(form)).toEqual({ number: 2, code: 3, amount: 5, location: 6 });
  });

  it('leaves unlabeled forms alone (a per-site mapping fills those)', () => {
    expect(assignFields([field({ names: ['f1'] }), field({ names: ['f2'] })])).toEqual({});
  });
});
