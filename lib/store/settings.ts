import { z } from 'zod';
import { DEFAULT_REGION } from '../huawei/endpoint';
import { ConcurrencySchema, DEFAULT_CONCURRENCY } from './concurrency';
import { settingItem } from './setting-item';

/**
 * Settings, one storage item each. `provider` 'auto' means on-device until Huawei credentials
 * exist. `sk` and `iamPassword` are secrets.
 */
export const settings = {
  provider: settingItem('provider', z.enum(['auto', 'ondevice', 'huawei']), 'auto'),
  endpointMode: settingItem('endpointMode', z.enum(['region', 'custom']), 'region'),
  region: settingItem('region', z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/), DEFAULT_REGION),
  customEndpoint: settingItem('customEndpoint', z.string(), ''),
  projectId: settingItem('projectId', z.string().regex(/^[0-9A-Za-z_-]*$/), ''),
  authMode: settingItem('authMode', z.enum(['aksk', 'iam']), 'aksk'),
  ak: settingItem('ak', z.string(), ''),
  sk: settingItem('sk', z.string(), ''),
  iamUser: settingItem('iamUser', z.string(), ''),
  iamPassword: settingItem('iamPassword', z.string(), ''),
  iamDomain: settingItem('iamDomain', z.string(), ''),
  /** Send a public image's URL instead of its bytes (off: web-mail images are private). */
  sendImageUrl: settingItem('sendImageUrl', z.boolean(), false),
  /** The UI's language: the browser's (auto), or one chosen here. */
  uiLanguage: settingItem('uiLanguage', z.enum(['auto', 'en', 'zh_CN']), 'auto'),
  /**
   * Cloud recognitions in flight at once (lib/recognize/queue.ts). 2 by default: a batch goes
   * faster than one at a time and stays well under a gateway that throttles above 5.
   */
  concurrency: settingItem('concurrency', ConcurrencySchema, DEFAULT_CONCURRENCY),
};

export type SettingName = keyof typeof settings;
export type Settings = { [K in SettingName]: Awaited<ReturnType<(typeof settings)[K]['get']>> };

export const SECRET_SETTINGS = ['sk', 'iamPassword'] as const satisfies readonly SettingName[];
type SecretName = (typeof SECRET_SETTINGS)[number];

export async function readSettings(): Promise<Settings> {
  const names = Object.keys(settings) as SettingName[];
  const values = await Promise.all(names.map((name) => settings[name].get()));
  return Object.fromEntries(names.map((name, i) => [name, values[i]])) as Settings;
}

/** What extension pages may see: secrets replaced by whether they are set. */
export type PublicSettings = Omit<Settings, SecretName> & { [K in SecretName as `${K}Set`]: boolean };

export function publicSettings(all: Settings): PublicSettings {
  const { sk, iamPassword, ...rest } = all;
  return { ...rest, skSet: sk !== '', iamPasswordSet: iamPassword !== '' };
}

/** Writes the given settings; an empty secret means "keep the stored one". */
export async function writeSettings(patch: Partial<Settings>): Promise<void> {
  for (const [name, value] of Object.entries(patch) as [SettingName, string | boolean | number][]) {
    if ((SECRET_SETTINGS as readonly string[]).includes(name) && value === '') continue;
    await settings[name].set(value as never);
  }
}
