/**
 * Which entry of a portal's option list a place value means. Pure (strings in, an index out), so
 * every rule is a table test; the DOM side (native selects, el-select, ant-select) only collects
 * the option texts and clicks the chosen one.
 *
 * The value may be a full name ("浙江省杭州市", "河北省石家庄市"), a city ("深圳市") or a short
 * name ("深圳"); option texts come in the same forms. Chinese place names run from the largest
 * division to the smallest, so the option matching furthest right in the value is the most
 * specific: 杭州市 over 浙江省 for "浙江省杭州市".
 */

/** Administrative suffixes dropped for matching: 深圳市 ~ 深圳, 浙江省 ~ 浙江. Longest first. */
const SUFFIX = /(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟)$/u;

/** 浙江省 → 浙江; a name that would shrink to one character (e.g. 沙市) is kept whole. */
export function shortPlaceName(name: string): string {
  const short = name.replace(SUFFIX, '');
  return short.length >= 2 ? short : name;
}

const SUFFIX_AHEAD = /^(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟)/u;

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Where in `value` an option matches: [end, length] (larger is more specific), or null. */
function matchOf(value: string, option: string): [number, number] | null {
  const full = squeeze(option);
  if (!full) return null;
  if (full === value) return [value.length, full.length + 1]; // the exact text beats any part of it
  const short = shortPlaceName(full);
  // The option names a division inside the value: "杭州市" or "杭州" in "浙江省杭州市".
  for (const text of [full, short]) {
    if (text.length < 2) continue;
    const at = value.lastIndexOf(text);
    if (at < 0) continue;
    // 吉林 followed by 省 in the value names the province, not the option 吉林市.
    const next = SUFFIX_AHEAD.exec(value.slice(at + text.length))?.[1];
    if (text === short && full !== short && next && next !== full.slice(short.length)) continue;
    return [at + text.length, text.length];
  }
  // The option says more than the value: "广东省深圳市" for "深圳市" or "深圳".
  const core = shortPlaceName(value);
  const at = full.lastIndexOf(core);
  if (core.length < 2 || at < 0) return null;
  const next = SUFFIX_AHEAD.exec(full.slice(at + core.length))?.[1];
  if (core !== value && next && next !== value.slice(core.length)) return null; // 吉林市 is not 吉林省
  return [value.length, core.length];
}

/**
 * The index of the option `value` means, or -1 when none does. Exact option texts win; then the
 * match ending furthest right in the value (the most specific division), then the longest.
 */
export function chooseOption(value: string, options: readonly string[]): number {
  const wanted = squeeze(value);
  if (!wanted) return -1;
  let best = -1;
  let bestScore: [number, number] = [-1, -1];
  options.forEach((option, index) => {
    const score = matchOf(wanted, option);
    if (!score) return;
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/**
 * What a user would type into a searchable dropdown to find `value`, most specific first:
 * "浙江省杭州市" → 杭州市, 杭州, 浙江省, 浙江. A long list may render only some of its options
 * (antd's virtual list), so searching is how the right one gets into the DOM at all.
 */
export function searchTerms(value: string): string[] {
  const parts = squeeze(value).match(/.+?(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟|$)/gu) ?? [];
  const terms = parts.filter(Boolean).reverse().flatMap((p) => [p, shortPlaceName(p)]);
  return [...new Set(terms.filter((t) => t.length >= 2))];
}
