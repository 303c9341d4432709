import { decodeCode } from './code';
import { placesAgree, type Place, type PlaceIndex } from './places';

/** What a capture's place is, from the printed location and the code's region digits. */
export interface ResolvedPlace {
  /** The most specific place the printed location names (a city before its province). */
  named: Place | null;
  /** The place of the code's digits 2–5 (GB/T 2260 prefix). */
  codePlace: Place | null;
  /**
   * The city, when the invoice prints only its province and the code names a city inside that
   * province (河北省 + 1301… → 石家庄市): taken from the code, so shown as derived.
   */
  derivedCity: Place | null;
  /** The printed place and the code's place are different places (neither inside the other). */
  mismatch: boolean;
}

/**
 * Resolves a capture's place. Rule (DESIGN.md, domain rules): the code's region digits are a
 * GB/T 2260 prefix; a province-only location gets its city from them only when they agree.
 */
export function resolvePlace(fields: { code?: string; location?: string }, places: PlaceIndex): ResolvedPlace {
  const decoded = fields.code ? decodeCode(fields.code) : null;
  const codePlace = decoded ? places.byCodePrefix(decoded.regionPrefix) : null;
  const named = fields.location ? places.mostSpecificIn(fields.location, codePlace) : null;
  const agree = codePlace !== null && named !== null && placesAgree(codePlace, named);
  const derivedCity = agree && named!.level === 'province' && codePlace!.level === 'city' ? codePlace : null;
  return { named, codePlace, derivedCity, mismatch: codePlace !== null && named !== null && !agree };
}

/**
 * The location to put into a form: the printed text, with the derived city after the province
 * ("河北省石家庄市") so a portal's city list can find 石家庄市; where none is printed or typed (a
 * hand entry), the region the code's digits 2–5 name (GB/T 2260: 144031… → 深圳市), as the popup
 * and the batch show it.
 */
export function locationForFill(location: string | undefined, place: ResolvedPlace): string | undefined {
  if (!location) return place.codePlace?.name ?? location;
  if (!place.derivedCity || !place.named) return location;
  return `${place.named.name}${place.derivedCity.name}`;
}
