/** The icon sizes drawn by scripts/make-icons.ts (px), as Chrome and Firefox ask for them. */
export const TOOLBAR_ICON_SIZES = [16, 32, 48, 96, 128] as const;

/** The toolbar's colour scheme an icon set is drawn for (not the icon's own colours). */
export type ToolbarScheme = 'light' | 'dark';

/**
 * The icon set for a toolbar scheme, as the `path` dictionary of `action.setIcon` and the
 * manifest: size (px) → path inside the extension. Light toolbars get public/icon/, dark ones
 * public/icon-dark/ (a light tile on a dark paper, see scripts/make-icons.ts).
 */
export function toolbarIconPaths(scheme: ToolbarScheme): Record<string, string> {
  const folder = scheme === 'dark' ? 'icon-dark' : 'icon';
  return Object.fromEntries(TOOLBAR_ICON_SIZES.map((size) => [String(size), `/${folder}/${size}.png`]));
}

/**
 * Firefox's `theme_icons` for the toolbar button (MDN, browser_action → theme_icons): `light` is
 * the icon shown when the theme has LIGHT TEXT, i.e. a dark toolbar (Mozilla bug 1431938 confirms
 * the naming), `dark` the one for a light toolbar. The 16 and 32 px sizes are the toolbar's.
 */
export function firefoxThemeIcons(): { light: string; dark: string; size: number }[] {
  return [16, 32].map((size) => ({ light: `icon-dark/${size}.png`, dark: `icon/${size}.png`, size }));
}
