import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** Every user-facing string goes through here (zh_CN and en, by the browser's language). */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** For keys computed at run time (error codes): falls back to the generic text. */
export function tDynamic(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key as MessageKey, substitutions) || browser.i18n.getMessage('error_unknown');
}
