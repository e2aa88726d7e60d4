import { homePath } from "./config";

const AUTH_PAGES = ["/login", "/register"];

function isAuthPage(pathname: string): boolean {
  return AUTH_PAGES.some(
    (page) => pathname === page || pathname.startsWith(`${page}/`),
  );
}

/**
 * Returns `value` when it is a path on this site ("/reports?tab=2"), or null.
 * Absolute URLs, protocol-relative ("//evil.example") and backslash tricks
 * are refused, so `?next=` cannot send users to another site.
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith("/") || /^\/[/\\]/.test(value)) {
    return null;
  }
  if (value.includes("\\") || [...value].some((char) => char < " ")) {
    return null;
  }
  const base = "http://app.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base || isAuthPage(url.pathname)) {
    return null;
  }
  return value;
}

/** Where to go after signing in: the `next` parameter if safe, else home. */
export function afterLoginPath(next: string | null | undefined): string {
  return safeNextPath(next) ?? homePath;
}

/** The login page, remembering `from` so the user comes back after login. */
export function loginUrl(from?: string): string {
  const next = safeNextPath(from);
  return next && next !== "/"
    ? `/login?next=${encodeURIComponent(next)}`
    : "/login";
}

/** The current path and query string, e.g. "/reports?tab=2". */
export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** Full page navigation: used where no router is at hand (the API client). */
export function redirectTo(url: string): void {
  window.location.assign(url);
}
