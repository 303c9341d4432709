import { describe, expect, it } from 'vitest';
import { huaweiMissing, type HuaweiFormState } from '@/lib/ui/huawei-ready';

const blank: HuaweiFormState = { endpointMode: 'region', customEndpoint: '', authMode: 'aksk', ak: '', sk: '', iamUser: '', iamPassword: '', iamDomain: '' };
const none = { skSet: false, iamPasswordSet: false };

describe('what Huawei Cloud still needs (Test connection and Save refuse it as the engine without)', () => {
  it.each([
    ['nothing typed, AK/SK', blank, none, ['optionsAk', 'optionsSk']],
    ['AK typed, SK saved earlier', { ...blank, ak: 'AK1' }, { ...none, skSet: true }, []],
    ['AK and SK typed', { ...blank, ak: 'AK1', sk: 'SK1' }, none, []],
    ['IAM user without password or account', { ...blank, authMode: 'iam' as const, iamUser: 'clerk' }, none, ['optionsIamPassword', 'optionsIamDomain']],
    ['own server left empty', { ...blank, endpointMode: 'custom' as const, ak: 'A', sk: 'S' }, none, ['optionsCustomEndpoint']],
  ])('%s', (_, form, saved, missing) => {
    expect(huaweiMissing(form, saved)).toEqual(missing);
  });
});
