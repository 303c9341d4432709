import { amountToYuan, isUsualDenomination } from './amount';
import { CODE_PATTERN, decodeCode, duplicateKey, NUMBER_PATTERN } from './code';
import { placesAgree, type PlaceIndex } from './places';

export interface InvoiceFields {
  code?: string;
  number?: string;
  amount?: string;
  location?: string;
}

export type CheckId = 'duplicate' | 'code-format' | 'number-format' | 'region-mismatch' | 'unusual-amount' | 'needs-review';

/** What a bookkeeper should look at before a batch leaves, per capture. */
export interface CheckResult {
  flags: CheckId[];
  /** The region the code's digits name (e.g. 深圳市), for the CSV. */
  codeRegion?: string;
  /** Other captures with the same code + number, or the same image. */
  duplicateOf: string[];
  yuan: number | null;
}

export interface CheckInput {
  id: string;
  fields: InvoiceFields;
  imageSha256?: string;
  /** Lowest per-field confidence of the recognized (not corrected) fields. */
  minConfidence?: number;
}

/** Checks every capture of a batch: formats, the code's region vs the location, denominations, duplicates. */
export function checkBatch(items: CheckInput[], places: PlaceIndex, reviewThreshold: number): Map<string, CheckResult> {
  const byKey = new Map<string, string[]>();
  const add = (key: string | null | undefined, id: string) => key && byKey.set(key, [...(byKey.get(key) ?? []), id]);
  for (const item of items) {
    add(duplicateKey(item.fields.code, item.fields.number), item.id);
    add(item.imageSha256 && `image:${item.imageSha256}`, item.id);
  }
  const out = new Map<string, CheckResult>();
  for (const item of items) {
    const { code, number, amount, location } = item.fields;
    const flags: CheckId[] = [];
    const same = new Set([...(byKey.get(duplicateKey(code, number) ?? '') ?? []), ...(item.imageSha256 ? byKey.get(`image:${item.imageSha256}`) ?? [] : [])]);
    same.delete(item.id);
    if (same.size > 0) flags.push('duplicate');
    if (code !== undefined && !CODE_PATTERN.test(code)) flags.push('code-format');
    if (number !== undefined && !NUMBER_PATTERN.test(number)) flags.push('number-format');
    const decoded = code ? decodeCode(code) : null;
    const codePlace = decoded ? places.byCodePrefix(decoded.regionPrefix) : null;
    const named = location ? places.mostSpecificIn(location, codePlace) : null;
    if (codePlace && named && !placesAgree(codePlace, named)) flags.push('region-mismatch');
    const yuan = amount ? amountToYuan(amount) : null;
    if (yuan !== null && !isUsualDenomination(yuan)) flags.push('unusual-amount');
    if (item.minConfidence !== undefined && item.minConfidence < reviewThreshold) flags.push('needs-review');
    out.set(item.id, { flags, codeRegion: codePlace?.name, duplicateOf: [...same], yuan });
  }
  return out;
}
