import { describe, expect, it } from 'vitest';
import { huaweiConfig, type HuaweiSettingsInput } from '@/lib/huawei/config';
import { checkCustomEndpoint, quotaInvoicePath } from '@/lib/huawei/endpoint';

const base: HuaweiSettingsInput = {
  endpointMode: 'region', region: 'cn-north-4', customEndpoint: '', projectId: '',
  authMode: 'aksk', ak: 'AK', sk: 'SK', iamUser: '', iamPassword: '', iamDomain: '',
};

describe('endpoint and config', () => {
  it.each([
    ['https://ocr.example.com', null],
    ['http://127.0.0.1:8787', null],
    ['http://localhost:8787/', null],
    ['http://[::1]:8787', null],
    ['http://ocr.example.com', 'endpoint_needs_https'],
    ['http://192.168.1.2:8787', 'endpoint_needs_https'],
    ['ftp://x', 'endpoint_invalid'],
    ['ocr.example.com', 'endpoint_invalid'],
    ['', 'endpoint_invalid'],
  ])('custom endpoint %j → %j', (value, problem) => expect(checkCustomEndpoint(value)).toBe(problem));

  it('v1.0 without a project id, v2 with one', () => {
    expect(quotaInvoicePath('')).toBe('/v1.0/ocr/quota-invoice');
    expect(quotaInvoicePath('abc123')).toBe('/v2/abc123/ocr/quota-invoice');
  });

  it('region endpoints are the Huawei hosts', () => {
    expect(huaweiConfig(base)).toMatchObject({ url: 'https://ocr.cn-north-4.myhuaweicloud.com/v1.0/ocr/quota-invoice' });
    expect(huaweiConfig({ ...base, authMode: 'iam', iamUser: 'u', iamPassword: 'p', iamDomain: 'd' })).toMatchObject({
      auth: { mode: 'iam', iamBaseUrl: 'https://iam.cn-north-4.myhuaweicloud.com', scope: 'cn-north-4' },
    });
  });

  it('a custom endpoint serves both the OCR and the token route', () => {
    const config = huaweiConfig({ ...base, endpointMode: 'custom', customEndpoint: 'http://127.0.0.1:8787/', projectId: 'p1', authMode: 'iam', iamUser: 'u', iamPassword: 'p', iamDomain: 'd' });
    expect(config).toMatchObject({ url: 'http://127.0.0.1:8787/v2/p1/ocr/quota-invoice', auth: { iamBaseUrl: 'http://127.0.0.1:8787' } });
  });

  it('names what is missing, never a secret', () => {
    expect(huaweiConfig({ ...base, sk: '' })).toMatchObject({ code: 'LOCAL.NOT_CONFIGURED', message: 'missing: SK' });
    const iam = huaweiConfig({ ...base, authMode: 'iam', iamUser: 'u', iamPassword: 'secret-pw', iamDomain: '' });
    expect(iam).toMatchObject({ code: 'LOCAL.NOT_CONFIGURED', message: 'missing: account name' });
    expect(JSON.stringify(iam)).not.toContain('secret-pw');
  });
});
