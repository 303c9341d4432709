import { describe, expect, it } from 'vitest';
import { resolveProvider } from '@/lib/recognize/provider-choice';
import type { Settings } from '@/lib/store/settings';

const fresh: Settings = {
  provider: 'auto', endpointMode: 'region', region: 'cn-north-4', customEndpoint: '', projectId: '',
  authMode: 'aksk', ak: '', sk: '', iamUser: '', iamPassword: '', iamDomain: '', sendImageUrl: false, uiLanguage: 'auto', concurrency: 2,
};

describe('which provider reads a new capture', () => {
  it.each([
    ['a fresh install', fresh, 'ondevice'],
    ['half-entered credentials', { ...fresh, ak: 'AK' }, 'ondevice'],
    ['complete AK/SK', { ...fresh, ak: 'AK', sk: 'SK' }, 'huawei'],
    ['a complete IAM user', { ...fresh, authMode: 'iam', iamUser: 'u', iamPassword: 'p', iamDomain: 'd' }, 'huawei'],
    ['on-device chosen despite credentials', { ...fresh, provider: 'ondevice', ak: 'AK', sk: 'SK' }, 'ondevice'],
    ['Huawei chosen without credentials (then it says what is missing)', { ...fresh, provider: 'huawei' }, 'huawei'],
  ] as const)('%s → %s', (_name, settings, expected) => expect(resolveProvider(settings as Settings)).toBe(expected));
});
