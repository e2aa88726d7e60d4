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

/**
 * Why the login page is shown, when it was not the user's choice: "expired"
 * is a session that ended by itself (it expired, or was ended on another
 * device).
 */
export type LoginReason = "expired";

/**
 * The login page, remembering `from` so the user comes back after login,
 * and the `reason` it says why.
 */
export function loginUrl(from?: string, reason?: LoginReason): string {
  const next = safeNextPath(from);
  const query = [
    next && next !== "/" ? `next=${encodeURIComponent(next)}` : null,
    reason ? `reason=${reason}` : null,
  ].filter(Boolean);
  return query.length > 0 ? `/login?${query.join("&")}` : "/login";
}

/** The reason in the query string of the login page, if it is a known one. */
export function loginReason(search: string): LoginReason | null {
  return new URLSearchParams(search).get("reason") === "expired"
    ? "expired"
    : null;
}

/** The current path and query string, e.g. "/reports?tab=2". */
export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** Full page navigation: used where no router is at hand (the API client). */
export function redirectTo(url: string): void {
  window.location.assign(url);
}
