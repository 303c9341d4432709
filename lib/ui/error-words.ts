import { canonicalCode, HUAWEI_CODES } from '../huawei/errors';
import { CONTRACT_CODES } from '../recognize/errors';

/** Codes that have their own words in _locales: the contract's and each provider's. */
export const KNOWN_CODES: readonly string[] = [...CONTRACT_CODES, ...HUAWEI_CODES];

/**
 * The i18n message key explaining a code: `error_AIS_0103`, or `error_unknown`. Either spelling
 * of a gateway code gets the same words (`APIGW.0301` → `error_APIG_0301`).
 */
export function errorMessageKey(sent: string): string {
  const code = canonicalCode(sent);
  return KNOWN_CODES.includes(code) ? `error_${code.replace(/\W/g, '_')}` : 'error_unknown';
}
