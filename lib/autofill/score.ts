/**
 * How well a form field matches each invoice field, from what the page says about it: its
 * labels, placeholder, name/id, autocomplete and nearby text, in Chinese and English (and the
 * pinyin initials Chinese systems use in names: fpdm, fphm). Pure, so every rule is a table test.
 */
export const INVOICE_FIELDS = ['code', 'number', 'amount', 'location'] as const;
export type InvoiceField = (typeof INVOICE_FIELDS)[number];

export interface FieldDescriptor {
  tag: 'input' | 'textarea' | 'select';
  type: string;
  autocomplete: string;
  /** name and id attributes. */
  names: string[];
  placeholder: string;
  /** <label for>, a wrapping <label>, aria-label, aria-labelledby. */
  labels: string[];
  /** Text just before the field (a table cell, a div), for forms without labels. */
  nearby: string;
}

type Rule = [RegExp, number];

const POSITIVE: Record<InvoiceField, Rule[]> = {
  code: [[/发票代码|票据代码|invoicecode|fpdm/, 10], [/代码|code/, 4]],
  number: [[/发票号码|发票号|票据号码|票号|invoice(number|no|num|#)|fphm/, 10], [/号码|number|no\.?$|^no/, 4]],
  amount: [[/价税合计|报销金额|发票金额|金额|amount|total|合计|sum/, 10], [/money|price|元|yuan|je$/, 4]],
  location: [[/开票地点|开票地|所在地|地点|城市|开票城市|location|city|place/, 10], [/地区|province|region|省|市/, 4]],
};

/** Words that rule a field out: a phone number must never receive the invoice number. */
const NEGATIVE: Record<InvoiceField, RegExp> = {
  code: /电话|手机|phone|mobile|tel|日期|date|时间|time|邮编|zip|postal|验证码|captcha|员工|工号|employee|staff|身份证|idcard|账号|account|邮箱|email|税号|taxid|纳税人识别/,
  number: /电话|手机|phone|mobile|tel|日期|date|时间|time|邮编|zip|postal|验证码|captcha|员工|工号|employee|staff|身份证|idcard|账号|account|邮箱|email|税号|taxid|纳税人识别|代码|code|数量|quantity|张数/,
  amount: /电话|手机|phone|日期|date|数量|quantity|张数|税率|taxrate|税额|tax(?!.*total)/,
  location: /邮箱|email|电话|phone|日期|date|详细地址|address|街道|street/,
};

const TYPE_RULED_OUT: Record<string, InvoiceField[]> = {
  date: ['code', 'number', 'amount', 'location'],
  'datetime-local': ['code', 'number', 'amount', 'location'],
  time: ['code', 'number', 'amount', 'location'],
  email: ['code', 'number', 'amount', 'location'],
  tel: ['code', 'number', 'amount', 'location'],
  password: ['code', 'number', 'amount', 'location'],
  checkbox: ['code', 'number', 'amount', 'location'],
  radio: ['code', 'number', 'amount', 'location'],
  file: ['code', 'number', 'amount', 'location'],
  color: ['code', 'number', 'amount', 'location'],
  range: ['code', 'number', 'amount', 'location'],
};

const compact = (text: string) => text.toLowerCase().replace(/[\s_\-:：*（）()[\]【】]/g, '');

/** Scores per invoice field (0 = not this field). Labels weigh most, nearby text least. */
export function scoreField(d: FieldDescriptor): Record<InvoiceField, number> {
  const weighted: [string, number][] = [
    ...d.labels.map((l): [string, number] => [compact(l), 3]),
    [compact(d.placeholder), 2],
    ...d.names.map((n): [string, number] => [compact(n), 2]),
    [compact(d.autocomplete), 2],
    [compact(d.nearby), 1.5],
  ];
  const sources = weighted.filter(([text]) => text.length > 0);
  const scores = { code: 0, number: 0, amount: 0, location: 0 } as Record<InvoiceField, number>;
  for (const field of INVOICE_FIELDS) {
    if (TYPE_RULED_OUT[d.type]?.includes(field)) continue;
    if (field === 'location' && d.type === 'number') continue;
    let score = 0;
    for (const [text, weight] of sources) {
      if (NEGATIVE[field].test(text) && !POSITIVE[field][0]![0].test(text)) {
        score = 0;
        break; // one source saying "phone" outweighs any other hint
      }
      const hit = POSITIVE[field].find(([pattern]) => pattern.test(text));
      if (hit) score = Math.max(score, hit[1] * weight);
    }
    scores[field] = score;
  }
  return scores;
}

/** Lowest score that fills a field: a strong word in the name, or a weak one in a label. */
export const MIN_SCORE = 12;

/**
 * One form field per invoice field and one invoice field per form field: the highest scores first,
 * so "发票号码" takes the number even when a generic "号码" field also matched.
 */
export function assignFields(descriptors: FieldDescriptor[]): Partial<Record<InvoiceField, number>> {
  const pairs = descriptors.flatMap((d, index) => {
    const scores = scoreField(d);
    return INVOICE_FIELDS.map((field) => ({ field, index, score: scores[field] }));
  });
  pairs.sort((a, b) => b.score - a.score);
  const out: Partial<Record<InvoiceField, number>> = {};
  const used = new Set<number>();
  for (const { field, index, score } of pairs) {
    if (score < MIN_SCORE || out[field] !== undefined || used.has(index)) continue;
    out[field] = index;
    used.add(index);
  }
  return out;
}

/** Invoice fields with a value (an empty one is no value) that no form field received. */
export function unmatchedFields(values: Partial<Record<InvoiceField, string>>, filled: { field: InvoiceField }[]): InvoiceField[] {
  return INVOICE_FIELDS.filter((f) => values[f]?.trim() && !filled.some((x) => x.field === f));
}
