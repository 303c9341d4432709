/** Amounts: Chinese capitals (壹拾元, 伍拾圆整) and figures (¥50, ￥50.00, 50.00元) → yuan. */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 壹: 1, 一: 1, 贰: 2, 貳: 2, 二: 2, 两: 2, 叁: 3, 參: 3, 三: 3, 肆: 4, 四: 4,
  伍: 5, 五: 5, 陆: 6, 陸: 6, 六: 6, 柒: 7, 七: 7, 捌: 8, 八: 8, 玖: 9, 九: 9,
};
const UNITS: Record<string, number> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };
const CAPITAL_RUN = /[零〇壹一贰貳二两叁參三肆四伍五陆陸六柒七捌八玖九拾十佰百仟千万萬亿]+(?:元|圆|圓)(?:[零〇壹一贰貳二两叁參三肆四伍五陆陸六柒七捌八玖九]角)?(?:[零〇壹一贰貳二两叁參三肆四伍五陆陸六柒七捌八玖九]分)?整?/u;

/** Quota invoices come in fixed denominations; anything else is worth a warning, not an error. */
export const DENOMINATIONS = [0.5, 1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 500, 1000, 2000, 5000, 10000] as const;

export function isUsualDenomination(yuan: number): boolean {
  return (DENOMINATIONS as readonly number[]).includes(yuan);
}

/** Parses an integer written in capitals below 亿 ("壹仟零伍拾" → 1050, "拾" → 10). */
function parseCapitalInteger(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      section += (digit ?? 1) * UNITS[ch]!;
      digit = null;
    } else if (ch === '万' || ch === '萬') {
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** The first capitals amount in a text, in yuan, or null. */
export function parseCapitalAmount(text: string): number | null {
  const match = CAPITAL_RUN.exec(text);
  if (!match) return null;
  const [yuanPart, rest = ''] = match[0].split(/元|圆|圓/u);
  const yuan = parseCapitalInteger(yuanPart!);
  if (yuan === null) return null;
  const jiao = /(.)角/u.exec(rest)?.[1];
  const fen = /(.)分/u.exec(rest)?.[1];
  const cents = (jiao ? DIGITS[jiao]! * 10 : 0) + (fen ? DIGITS[fen]! : 0);
  return yuan + cents / 100;
}

/** The first amount written in figures (¥50, ￥ 50.00, 50.00元, RMB 50), in yuan, or null. */
export function parseFigureAmount(text: string): number | null {
  const compact = text.replace(/\s+/g, '');
  const match =
    /(?:[¥￥Y]|RMB)(\d{1,6}(?:[.,·]\d{1,2})?)/iu.exec(compact) ?? /(\d{1,6}(?:[.,·]\d{1,2})?)(?:元|圆)/u.exec(compact);
  if (!match) return null;
  const value = Number(match[1]!.replace(/[,·]/, '.'));
  return Number.isFinite(value) ? value : null;
}

/** Huawei's amount format: full-width yen sign and two decimals ("￥50.00"). */
export function formatAmount(yuan: number): string {
  return `￥${yuan.toFixed(2)}`;
}

/** "￥50.00", "¥50", "50元", "伍拾元" → 50; null when the string holds no amount. */
export function amountToYuan(text: string): number | null {
  return parseFigureAmount(text) ?? parseCapitalAmount(text) ?? (/^\s*\d+(?:\.\d{1,2})?\s*$/.test(text) ? Number(text) : null);
}
