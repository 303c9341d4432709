import { t, type MessageKey } from '../i18n';
import { checkCustomEndpoint } from '../huawei/endpoint';
import { missingHuaweiEntries, type HuaweiEntriesInput, type HuaweiEntry } from '../huawei/config';
import type { PublicSettings } from '../store/settings';

/** What Huawei Cloud needs that a settings form lacks; a typed secret counts as well as a saved one. */
export type HuaweiFormState = HuaweiEntriesInput;

/** The settings form's label of each entry. */
const LABELS: Record<HuaweiEntry, MessageKey> = {
  customEndpoint: 'optionsCustomEndpoint',
  ak: 'optionsAk',
  sk: 'optionsSk',
  iamUser: 'optionsIamUser',
  iamPassword: 'optionsIamPassword',
  iamDomain: 'optionsIamDomain',
};

/**
 * The labels (message keys) of the missing entries, in the order the form shows them (empty:
 * complete), by the worker's own rule (lib/huawei/config.ts missingHuaweiEntries), so the form
 * never calls complete what the worker would refuse as LOCAL.NOT_CONFIGURED.
 */
export function huaweiMissing(form: HuaweiFormState, saved: { skSet: boolean; iamPasswordSet: boolean }): MessageKey[] {
  return missingHuaweiEntries(form, saved).map((entry) => LABELS[entry]);
}

/**
 * What the settings form says when Huawei Cloud cannot run as typed, or null when it can: a custom
 * endpoint that is typed but unusable gets its own words ("must use https://"), anything else the
 * list of missing entries ("Missing: AK, SK").
 */
export function huaweiFormProblem(form: HuaweiFormState, saved: { skSet: boolean; iamPasswordSet: boolean }): string | null {
  const endpointProblem = form.endpointMode === 'custom' && form.customEndpoint.trim() ? checkCustomEndpoint(form.customEndpoint) : null;
  if (endpointProblem) return t(`error_${endpointProblem}`);
  const missing = huaweiMissing(form, saved);
  return missing.length > 0 ? t('optionsMissing', missing.map((k) => t(k)).join(t('listSeparator'))) : null;
}

/** Whether saved settings let Huawei Cloud run (the popup offers "Read again with Huawei Cloud" then). */
export function huaweiConfigured(s: PublicSettings): boolean {
  return huaweiMissing({ ...s, sk: '', iamPassword: '' }, s).length === 0;
}
