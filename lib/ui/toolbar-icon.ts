import { browser } from 'wxt/browser';
import { toolbarButton, toolbarIconFollowsTheme } from '../platform';
import { toolbarIconPaths } from './toolbar-icon-paths';

/**
 * Keeps the toolbar icon legible on a dark toolbar in Chrome/Edge: from an extension page (popup,
 * batch, settings), sets the dark-toolbar icon set while `prefers-color-scheme: dark` holds and the
 * light one otherwise, and follows changes while the page is open. Chrome's manifest cannot name a
 * dark icon, and its worker has no `matchMedia`, so the icon is right from the first time one of
 * our pages is opened in a session. In Firefox the manifest's `theme_icons` already decide: nothing
 * is done there. A failure only leaves the icon as it was (a side feature, never an error shown).
 * Returns a function that stops following.
 */
export function followToolbarScheme(): () => void {
  const button = toolbarButton(browser);
  if (!button || toolbarIconFollowsTheme(browser) || typeof matchMedia !== 'function') return () => undefined;
  const query = matchMedia('(prefers-color-scheme: dark)');
  const apply = () => void button.setIcon({ path: toolbarIconPaths(query.matches ? 'dark' : 'light') }).catch(() => undefined);
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
