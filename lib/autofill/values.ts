import { amountFen, fenToYuanText } from '../invoice/amount';
import { gbt2260 } from '../invoice/gbt2260';
import { locationForFill, resolvePlace } from '../invoice/location';
import type { FillValues } from './page';

/**
 * What Fill writes for a capture's fields: the amount through the one parser as plain yuan
 * ("1000.00") or nothing at all when it does not read (never 0.00); the location with the city
 * derived from the code after a printed province ("河北省石家庄市") so a city list finds 石家庄市,
 * or the code's region where none is printed or typed (lib/invoice/location.ts locationForFill).
 */
export function fillValues(fields: { code?: string; number?: string; amount?: string; location?: string }): FillValues {
  const fen = amountFen(fields.amount);
  const location = locationForFill(fields.location, resolvePlace(fields, gbt2260()));
  const values: FillValues = { code: fields.code, number: fields.number, amount: fen === null ? undefined : fenToYuanText(fen), location };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as FillValues;
}
