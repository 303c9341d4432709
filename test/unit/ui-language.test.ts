import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { formatDateTime, htmlLang, uiLanguage, useUiLanguage } from '@/lib/i18n';
import en from '@/public/_locales/en/messages.json';
import zhCN from '@/public/_locales/zh_CN/messages.json';

/** The browser hands out the words of `bundle` and says its UI language is `reported`. */
function browserSays(bundle: { extName: { message: string } } | null, reported: string) {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string) => (key === 'extName' && bundle ? bundle.extName.message : '')) as typeof browser.i18n.getMessage);
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue(reported);
}

describe('following the browser\'s language (no choice in Settings)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    useUiLanguage('en');
  });

  it('dates are written in the language of the words shown, even when getUILanguage says otherwise (trial 8: Chinese words, "en-US", US dates)', () => {
    useUiLanguage('auto');
    browserSays(zhCN, 'en-US');
    expect(uiLanguage()).toBe('zh_CN');
    expect(htmlLang()).toBe('zh-CN');
    expect(formatDateTime(Date.UTC(2026, 11, 1, 12, 0))).toMatch(/^2026\/12\/1/);
    browserSays(en, 'zh-CN');
    expect(uiLanguage()).toBe('en');
  });

  it('getUILanguage decides when the words are neither bundle\'s', () => {
    useUiLanguage('auto');
    browserSays(null, 'zh-TW');
    expect(uiLanguage()).toBe('zh_CN');
    browserSays(null, 'fr-FR');
    expect(uiLanguage()).toBe('en');
  });

  it('a language chosen in Settings wins over the browser\'s', () => {
    browserSays(zhCN, 'zh-CN');
    useUiLanguage('en');
    expect(uiLanguage()).toBe('en');
  });
});
