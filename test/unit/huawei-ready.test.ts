import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t, useUiLanguage } from '@/lib/i18n';
import { huaweiFormProblem, huaweiMissing, type HuaweiFormState } from '@/lib/ui/huawei-ready';

const blank: HuaweiFormState = { endpointMode: 'region', customEndpoint: '', authMode: 'aksk', ak: '', sk: '', iamUser: '', iamPassword: '', iamDomain: '' };
const none = { skSet: false, iamPasswordSet: false };

describe('what Huawei Cloud still needs (Test connection and Save refuse it as the engine without)', () => {
  it.each([
    ['nothing typed, AK/SK', blank, none, ['optionsAk', 'optionsSk']],
    ['AK typed, SK saved earlier', { ...blank, ak: 'AK1' }, { ...none, skSet: true }, []],
    ['AK and SK typed', { ...blank, ak: 'AK1', sk: 'SK1' }, none, []],
    ['IAM user without password or account', { ...blank, authMode: 'iam' as const, iamUser: 'clerk' }, none, ['optionsIamPassword', 'optionsIamDomain']],
    ['own server left empty', { ...blank, endpointMode: 'custom' as const, ak: 'A', sk: 'S' }, none, ['optionsCustomEndpoint']],
    // The worker refuses what it cannot call (huaweiConfig): the form must not call it complete.
    ['own server not a URL', { ...blank, endpointMode: 'custom' as const, customEndpoint: 'ocr server', ak: 'A', sk: 'S' }, none, ['optionsCustomEndpoint']],
    ['own server on plain http away from this computer', { ...blank, endpointMode: 'custom' as const, customEndpoint: 'http://ocr.example.com', ak: 'A', sk: 'S' }, none, ['optionsCustomEndpoint']],
    ['own server on localhost', { ...blank, endpointMode: 'custom' as const, customEndpoint: 'http://127.0.0.1:8787', ak: 'A', sk: 'S' }, none, []],
  ])('%s', (_, form, saved, missing) => {
    expect(huaweiMissing(form, saved)).toEqual(missing);
  });
});

describe.each(['en', 'zh_CN'] as const)('what the settings form says (%s)', (language) => {
  beforeEach(() => useUiLanguage(language));
  afterEach(() => useUiLanguage(null));

  it('names a typed but unusable endpoint by its own problem, not as missing', () => {
    const text = huaweiFormProblem({ ...blank, endpointMode: 'custom', customEndpoint: 'http://ocr.example.com', ak: 'A', sk: 'S' }, none);
    expect(text).toMatch(/https:\/\//);
    expect(text).toBe(t('error_endpoint_needs_https'));
  });

  it('lists what is missing, and nothing when complete', () => {
    expect(huaweiFormProblem(blank, none)).toBe(t('optionsMissing', [t('optionsAk'), t('optionsSk')].join(t('listSeparator'))));
    expect(huaweiFormProblem({ ...blank, ak: 'A', sk: 'S' }, none)).toBeNull();
  });
});
