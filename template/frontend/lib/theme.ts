/**
 * Light and dark themes. Until the user picks one with the toggle, the page
 * follows the system setting (and its changes); a pick is remembered for a
 * year in the `theme` cookie, which only the page's scripts read. The theme
 * in force is `data-theme` on <html>, which app/globals.css reads.
 */

export type Theme = "light" | "dark";

const THEME_COOKIE = "theme";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const SYSTEM_DARK = "(prefers-color-scheme: dark)";

/**
 * Run inline in <head> before the first paint, so a dark page never flashes
 * light. It stays in sync with the system setting while no theme is picked.
 */
export const themeScript = `(() => {
  const root = document.documentElement;
  const query = window.matchMedia(${JSON.stringify(SYSTEM_DARK)});
  const apply = () => {
    const picked = /(?:^|; )${THEME_COOKIE}=(light|dark)(?:;|$)/.exec(document.cookie);
    root.dataset.theme = picked ? picked[1] : query.matches ? "dark" : "light";
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
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure}`;
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
