import type { MessageKey } from '../i18n';
import type { PublicSettings } from '../store/settings';

/** What Huawei Cloud needs that a settings form lacks; a typed secret counts as well as a saved one. */
export interface HuaweiFormState {
  endpointMode: 'region' | 'custom';
  customEndpoint: string;
  authMode: 'aksk' | 'iam';
  ak: string;
  sk: string;
  iamUser: string;
  iamPassword: string;
  iamDomain: string;
}

/** The message keys of the missing entries, in the order the form shows them (empty: complete). */
export function huaweiMissing(form: HuaweiFormState, saved: { skSet: boolean; iamPasswordSet: boolean }): MessageKey[] {
  const missing: MessageKey[] = [];
  if (form.endpointMode === 'custom' && !form.customEndpoint.trim()) missing.push('optionsCustomEndpoint');
  if (form.authMode === 'aksk') {
    if (!form.ak.trim()) missing.push('optionsAk');
    if (!form.sk && !saved.skSet) missing.push('optionsSk');
  } else {
    if (!form.iamUser.trim()) missing.push('optionsIamUser');
    if (!form.iamPassword && !saved.iamPasswordSet) missing.push('optionsIamPassword');
    if (!form.iamDomain.trim()) missing.push('optionsIamDomain');
  }
  return missing;
}

/** Whether saved settings let Huawei Cloud run (the popup offers "Read again with Huawei Cloud" then). */
export function huaweiConfigured(s: PublicSettings): boolean {
  return huaweiMissing({ ...s, sk: '', iamPassword: '' }, s).length === 0;
}
