import { browser } from 'wxt/browser';
import en from '../public/_locales/en/messages.json';
import zhCN from '../public/_locales/zh_CN/messages.json';

export type MessageKey = keyof typeof en;

/** The UI languages: the browser's (auto) unless Settings choose one. */
export const UI_LANGUAGES = ['en', 'zh_CN'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

type Bundle = Record<string, { message: string } | undefined>;
const BUNDLES: Record<UiLanguage, Bundle> = { en, zh_CN: zhCN };

/** Null: follow the browser (chrome.i18n); else the language chosen in Settings. */
let chosen: UiLanguage | null = null;

/**
 * Applies the Settings choice (null or 'auto' = the browser's language). chrome.i18n cannot switch
 * language at run time, so a chosen language is read from the bundled messages.json files.
 */
export function useUiLanguage(language: UiLanguage | 'auto' | null): void {
  const next = language === 'auto' ? null : language;
  if (next !== chosen) generation += 1;
  chosen = next;
}

/** Counts the changes of language in this page: a view drawn at another count is drawn again (components/pure.ts). */
let generation = 0;

/** How many times the language of this page has changed (see `generation`). */
export function languageGeneration(): number {
  return generation;
}

/** The language the UI speaks now. */
export function uiLanguage(): UiLanguage {
  return chosen ?? browserLanguage();
}

/**
 * Following the browser: the language of the words chrome.i18n hands out (its pick among the
 * messages.json files), so dates and numbers are written as the words are. getUILanguage() can
 * disagree with that pick (trial 8: Chromium started with --lang=zh-CN gave Chinese words and
 * "en-US", and dates came out as 12/1/26, 5:16 AM inside Chinese sentences); it decides only when
 * the name reads as neither bundle's.
 */
function browserLanguage(): UiLanguage {
  const name = browser.i18n.getMessage('extName');
  if (name === zhCN.extName.message) return 'zh_CN';
  if (name === en.extName.message) return 'en';
  return browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh_CN' : 'en';
}

/** The `lang` attribute of a page in that language. */
export function htmlLang(): string {
  return uiLanguage() === 'zh_CN' ? 'zh-CN' : 'en';
}

function lookup(key: string, substitutions?: string | string[]): string {
  if (chosen === null) return browser.i18n.getMessage(key as MessageKey, substitutions);
  const message = BUNDLES[chosen][key]?.message;
  if (message === undefined) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  // chrome.i18n's rules: $1…$9 are the substitutions, $$ is a dollar sign.
  return message.replace(/\$(\$|\d)/g, (_, d: string) => (d === '$' ? '$' : subs[Number(d) - 1] ?? ''));
}

/** A message key looked up with substitutions: the UI's words (`t`) or an export's language (tests give their own). */
export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

/** Every user-facing string goes through here (zh_CN and en; the browser's language or the Settings choice). */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return lookup(key, substitutions) || key;
}

/** For keys computed at run time (error codes): falls back to the generic text. */
export function tDynamic(key: string, substitutions?: string | string[]): string {
  return lookup(key, substitutions) || lookup('error_unknown');
}

/**
 * One formatter per UI language: `Date.prototype.toLocaleString` with options builds a new
 * Intl.DateTimeFormat on every call, which made a page of 100 rows cost ~40 ms (profiled).
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The UI language's formatter for a time of `timeStyle` (made once per language and style). */
function dateTimeFormat(timeStyle: 'short' | 'medium'): Intl.DateTimeFormat {
  const language = uiLanguage();
  const key = `${language} ${timeStyle}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(htmlLang(), { dateStyle: 'short', timeStyle, hour12: language === 'en' ? undefined : false });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** A date and time as the UI language writes it (2026/11/30 09:30 in Chinese, 11/30/2026, 9:30 AM in English). */
export function formatDateTime(ms: number): string {
  return dateTimeFormat('short').format(ms);
}

/**
 * formatDateTime to the second (11/30/26, 11:03:41 PM; 2026/11/30 23:03:41): what points at one
 * capture among several taken in the same minute (trial 6: "the capture of 11:03 PM" named five).
 */
export function formatDateTimeSeconds(ms: number): string {
  return dateTimeFormat('medium').format(ms);
}

const monthFormats = new Map<UiLanguage, Intl.DateTimeFormat>();

/** A month key "yyyy-mm" as the UI language names it ("2026年11月", "November 2026"). */
export function formatMonth(key: string): string {
  const [year, month] = key.split('-').map(Number);
  if (!year || !month) return key;
  const language = uiLanguage();
  let format = monthFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(htmlLang(), { year: 'numeric', month: 'long', timeZone: 'UTC' });
    monthFormats.set(language, format);
  }
  return format.format(Date.UTC(year, month - 1, 1));
}
