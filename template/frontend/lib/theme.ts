/**
 * Light and dark themes. Until the user picks one with the toggle, the page
 * follows the system setting (and its changes); a pick is remembered in
 * localStorage. The choice is `data-theme` on <html>, which app/globals.css
 * reads.
 */

export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "theme";
const SYSTEM_DARK = "(prefers-color-scheme: dark)";

/**
 * Run inline in <head> before the first paint, so a dark page never flashes
 * light. It stays in sync with the system setting while no theme is picked.
 */
export const themeScript = `(() => {
  const root = document.documentElement;
  const query = window.matchMedia(${JSON.stringify(SYSTEM_DARK)});
  const picked = () => {
    try {
      const theme = localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});
      return theme === "light" || theme === "dark" ? theme : null;
    } catch {
      return null;
    }
  };
  const apply = () => {
    root.dataset.theme = picked() ?? (query.matches ? "dark" : "light");
  };
  apply();
  query.addEventListener("change", apply);
})();`;

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

/** Shows `theme` now and remembers it for the next visits. */
export function pickTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Storage can be off (private modes); the pick then lasts for this page.
  }
}

/** Calls `onChange` whenever the theme on <html> changes. */
export function subscribeToTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme"],
  });
  return () => observer.disconnect();
}
