import { htmlLang, useUiLanguage } from '../i18n';
import { settings } from '../store/settings';

/**
 * Before an extension page renders: the language Settings chose (or the browser's), and the
 * page's `lang` so fonts and screen readers follow. Pages are trusted contexts: they read it directly.
 */
export async function applyUiLanguage(doc: Document): Promise<void> {
  useUiLanguage(await settings.uiLanguage.get());
  doc.documentElement.lang = htmlLang();
}
