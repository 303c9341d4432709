import { htmlLang, useUiLanguage } from '../i18n';
import { settings } from '../store/settings';

/**
 * Before an extension page renders: the language Settings chose (or the browser's), and the
 * page's `lang` so fonts and screen readers follow. Pages are trusted contexts: they read it directly.
 */
export async function applyUiLanguage(doc: Document): Promise<void> {
  speak(doc, await settings.uiLanguage.get());
}

/** The page's words and its `lang` in `language`. */
function speak(doc: Document, language: Parameters<typeof useUiLanguage>[0]): void {
  useUiLanguage(language);
  doc.documentElement.lang = htmlLang();
}

/**
 * An open page follows a language chosen later in Settings (README: the choice "applies at once to
 * every page"; helper-76 saw an open batch tab stay English): the language and `lang` are applied,
 * then `redraw` draws the page again, keeping what is typed and chosen in it. Returns the unwatch.
 */
export function followUiLanguage(doc: Document, redraw: () => void): () => void {
  return settings.uiLanguage.watch((language) => {
    speak(doc, language);
    redraw();
  });
}
