/**
 * Which kind of paper the OCR lines come from: a quota invoice (定额发票), or one of the others a
 * clerk's pile holds (taxi receipts, train tickets, VAT invoices…). Decided from the text alone:
 * strong title words, field labels and number shapes, each a row of the table below.
 *
 * Conservative by design: a quota invoice must never be refused. 定额 in a title wins outright;
 * otherwise another kind needs clear evidence (a title, or several of its labels: score ≥ 3),
 * and even then the quota shape (12-digit code, 8-digit number, an amount in capitals, and no
 * label of another kind) keeps the page a quota invoice.
 */
import type { DocumentKind } from '../recognize/contract';
import { findCapitalAmount } from './amount';
import { compact } from './normalize';

/** Every kind but `unknown`: the ones with evidence of their own. */
export type OtherKind = Exclude<DocumentKind, 'unknown'>;

/** What the lines look like: a quota invoice, or the kind it looks like instead. */
export type ReadKind = 'quota' | OtherKind;

interface Cue {
  /** Tested on every line alone and on all lines joined (titles get split into boxes). */
  pattern: RegExp;
  /** Title words 3 (decisive alone), label 1, a telling label or number shape 2. */
  weight: number;
  /** Labels shared by a family (VAT, e-invoice) count for each of its kinds. */
  kinds: readonly OtherKind[];
  /**
   * Field labels break the quota shape (see `quotaShape`); titles and number shapes do not (a
   * quota invoice can carry a 20-digit tax number in its seal).
   */
  role?: 'title' | 'shape';
}

const VAT_FAMILY = ['vat-special', 'vat-ordinary', 'e-invoice'] as const;
const T = 3;

/** The table: one row a cue. Patterns run on half-width text without spaces. */
export const CUES: readonly Cue[] = [
  // Taxi receipts: metered fares.
  { pattern: /出租(?:汽)?车|的士|TAXI/i, weight: T, kinds: ['taxi-receipt'], role: 'title' },
  { pattern: /单价|元\/(?:公里|km)/i, weight: 1, kinds: ['taxi-receipt'] },
  { pattern: /里程|公里|\d(?:\.\d)?km/i, weight: 1, kinds: ['taxi-receipt'] },
  { pattern: /上车|下车/, weight: 1, kinds: ['taxi-receipt'] },
  { pattern: /车号|等候|候时|计程|空驶/, weight: 1, kinds: ['taxi-receipt'] },
  // Train tickets.
  { pattern: /中国铁路|铁路电子客票|ChinaRailway|12306|95306/i, weight: T, kinds: ['train-ticket'], role: 'title' },
  { pattern: /[一二]等座|商务座|特等座|硬座|软座|硬卧|软卧|无座|动卧/, weight: 2, kinds: ['train-ticket'] },
  { pattern: /检票|限乘当日当次车|当日当次|候车/, weight: 1, kinds: ['train-ticket'] },
  { pattern: /^[GDCZTKY]\d{1,4}次?$|\d{2}车\d{2,3}[A-F]?号/, weight: 1, kinds: ['train-ticket'] },
  { pattern: /^[\u4e00-\u9fa5]{1,5}(?:南|北|东|西)?站$/u, weight: 1, kinds: ['train-ticket'] },
  // From one station to another on one line ("深圳北站→杭州东站"), and the departure time ("12:46开"):
  // what a ticket read whole looks like once its title is misread (held-out negative 1900032:
  // 中国铁路 read 中国定#连快, its ID's four stars read two).
  { pattern: /站(?:→|->|-|—|至)[\u4e00-\u9fa5]{1,5}站/u, weight: 2, kinds: ['train-ticket'] },
  { pattern: /\d{1,2}[:：]\d{2}开/u, weight: 2, kinds: ['train-ticket'] },
  { pattern: /报销凭证|\d{6,10}\*{2,4}\d{3}[\dX]/, weight: 1, kinds: ['train-ticket'] },
  // Air itineraries.
  { pattern: /航空运输电子客票行程单|客票行程单|行程单|ITINERARY/i, weight: T, kinds: ['air-itinerary'], role: 'title' },
  { pattern: /航班|FLIGHT/i, weight: 1, kinds: ['air-itinerary'] },
  { pattern: /旅客姓名|PASSENGER/i, weight: 2, kinds: ['air-itinerary'] },
  { pattern: /承运人|CARRIER/i, weight: 1, kinds: ['air-itinerary'] },
  { pattern: /电子客票号码|E-TICKET|座位等级|客票级别/i, weight: 1, kinds: ['air-itinerary'] },
  { pattern: /民航发展基金|燃油附加费|填开单位|免费行李/, weight: 1, kinds: ['air-itinerary'] },
  // VAT invoices and fully digital e-invoices (titles first: the e-invoice's contains the VAT one).
  { pattern: /电子发票[(（]|全电发票|数电票|全面数字化/, weight: T + 1, kinds: ['e-invoice'], role: 'title' },
  { pattern: /发票号码[:：]?\d{20}(?!\d)/, weight: T, kinds: ['e-invoice'], role: 'shape' },
  { pattern: /(?<!\d)\d{20}(?!\d)/, weight: 1, kinds: ['e-invoice'], role: 'shape' },
  { pattern: /增值税专用发票/, weight: T, kinds: ['vat-special'], role: 'title' },
  { pattern: /增值税(?:电子)?普通发票/, weight: T, kinds: ['vat-ordinary'], role: 'title' },
  { pattern: /购买方|购货单位/, weight: 1, kinds: VAT_FAMILY },
  { pattern: /销售方|销货单位/, weight: 1, kinds: VAT_FAMILY },
  { pattern: /价税合计/, weight: 2, kinds: VAT_FAMILY },
  { pattern: /税额|税率|征收率/, weight: 1, kinds: VAT_FAMILY },
  { pattern: /开户行|密码区|规格型号|应税劳务/, weight: 1, kinds: VAT_FAMILY },
  // 纳税人识别号 is also printed in a seller's seal on a quota invoice: a weak hint only.
  { pattern: /纳税人识别号|统一社会信用代码/, weight: 1, kinds: [...VAT_FAMILY, 'machine-printed'] },
  // Machine-printed general invoices.
  { pattern: /机打发票|通用机打/, weight: T, kinds: ['machine-printed'], role: 'title' },
  { pattern: /机打代码|机打号码/, weight: 2, kinds: ['machine-printed'] },
  { pattern: /机器编号|行业分类|收款单位|付款单位|付款方名称|收款方名称|开票人/, weight: 1, kinds: ['machine-printed'] },
  // Vehicle-sales invoices.
  { pattern: /机动车销售统一发票|机动车销售/, weight: T + 1, kinds: ['vehicle-sales'], role: 'title' },
  { pattern: /车辆识别代号|车架号码|发动机号码|厂牌型号|合格证号|进口证明书号|商检单号|限乘人数/, weight: 2, kinds: ['vehicle-sales'] },
  // Toll and parking receipts.
  { pattern: /通行费|停车费|停车收费|停车服务费|收费站|高速公路|路桥费|过路费|过桥费/, weight: T, kinds: ['toll-parking'], role: 'title' },
  { pattern: /入口|出口|入场|出场|驶入|驶出/, weight: 1, kinds: ['toll-parking'] },
  { pattern: /停车时长|停放时间|时长|车型|车种|收费员/, weight: 1, kinds: ['toll-parking'] },
];

/** 定额 in a title (with the look-alikes OCR reads for 额). */
const QUOTA_TITLE = /定[额額頞颔颜]/u;
/** Below this, another kind's evidence is not clear enough to refuse a page. */
export const CLEAR_EVIDENCE = 3;
/** Order among equal scores: titled VAT kinds are told apart by their titles; without, ordinary. */
const TIE_ORDER: readonly OtherKind[] = [
  'vehicle-sales', 'vat-ordinary', 'e-invoice', 'vat-special', 'machine-printed', 'taxi-receipt',
  'train-ticket', 'air-itinerary', 'toll-parking',
];

export interface KindDecision {
  kind: ReadKind;
  /** Evidence per other kind (sum of the weights of its distinct cues found). */
  scores: Record<OtherKind, number>;
  quotaTitle: boolean;
  /** 12-digit code, 8-digit number, an amount in capitals, no label of another kind. */
  quotaShape: boolean;
}

/** Decides what the lines are (texts in any order; reading order does not matter). */
export function classifyDocument(texts: readonly string[]): KindDecision {
  const lines = texts.map(compact);
  const joined = lines.join('');
  const scores = Object.fromEntries(TIE_ORDER.map((k) => [k, 0])) as Record<OtherKind, number>;
  let labels = 0;
  for (const cue of CUES) {
    if (!cue.pattern.test(joined) && !lines.some((l) => cue.pattern.test(l))) continue;
    for (const kind of cue.kinds) scores[kind] += cue.weight;
    if (cue.role === undefined) labels += 1;
  }
  const quotaTitle = lines.some((l) => QUOTA_TITLE.test(l));
  const quotaShape = labels === 0 && hasRun(lines, 12) && hasRun(lines, 8) && lines.some((l) => findCapitalAmount(l) !== null);
  const best = TIE_ORDER.reduce((a, b) => (scores[b] > scores[a] ? b : a));
  const kind: ReadKind = quotaTitle || quotaShape || scores[best] < CLEAR_EVIDENCE ? 'quota' : best;
  return { kind, scores, quotaTitle, quotaShape };
}

/**
 * Words every quota invoice prints in Chinese, its title or its labels (发票代码, 发票号码, 税务局),
 * with OCR's usual slips of one character left to the other words.
 */
const INVOICE_WORDS = new RegExp(`发票|代码|号码|税务|${QUOTA_TITLE.source}`, 'u');

/**
 * Whether the lines hold any word a quota invoice prints (INVOICE_WORDS): without one, digits that
 * look like a code and a number are some other text (a screenshot of notes: "code: 144031021652"),
 * however well they parse.
 */
export function hasInvoiceWords(texts: readonly string[]): boolean {
  return texts.some((t) => INVOICE_WORDS.test(compact(t)));
}

/** A run of exactly `n` digits somewhere in the lines. */
function hasRun(lines: readonly string[], n: number): boolean {
  const run = new RegExp(`(?<!\\d)\\d{${n}}(?!\\d)`);
  return lines.some((l) => run.test(l));
}
