/**
 * The one API client: every call to the backend goes through `api()`.
 *
 * - Requests carry the session the way lib/auth/transport.ts keeps it.
 * - Error answers become an ApiError with a message and per-field errors.
 * - A 401 goes to lib/auth/renewal.ts first; when the session cannot be
 *   renewed it is gone: auth state is cleared and the user is sent to
 *   /login?next=<current page>&reason=expired (calls where 401 is an
 *   expected answer, like the login itself, pass
 *   `redirectOnUnauthorized: false`).
 */
import { renewal } from "./auth/renewal";
import { transport } from "./auth/transport";
import { plainMessage } from "./messages";
import { currentPath, loginUrl, redirectTo } from "./navigation";
import type { ErrorResponse, ValidationErrorItem } from "./types";

export class ApiError extends Error {
  readonly status: number;
  /** Messages keyed by field name, e.g. {"email": "Email already registered"}. */
  readonly fieldErrors: Record<string, string>;
  /** How long to wait before trying again (Retry-After), when the server said. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    message: string,
    fieldErrors: Record<string, string> = {},
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Retry-After in seconds: a number of seconds, or an HTTP date. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | null {
  if (value === null || value.trim() === "") {
    return null;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  const date = Date.parse(value);
  return Number.isNaN(date)
    ? null
    : Math.max(0, Math.ceil((date - now) / 1000));
}

export interface ApiOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  /** Set to false where a 401 is an answer, not an expired session. */
  redirectOnUnauthorized?: boolean;
  signal?: AbortSignal;
  /** Let the request finish after the page is gone (sent as the tab closes). */
  keepalive?: boolean;
}

const unauthorizedListeners = new Set<() => void>();

// When this page ends its own session (sign-out, account deletion), the
// backend answers 401 to what the page still sends: requests under way, and
// those that a page it was opening starts while the sign-out is under way.
// Those 401s are the ending's doing, not an expired session to send the user
// to login for. `endingHere` holds from the ending's start until the next
// sign-in; the count also covers a request answered after that sign-in.
let endingHere = false;
let sessionsEndedHere = 0;

/**
 * Call before this page ends its own session. Returns what to call when the
 * backend refuses to end it: the session goes on, and a 401 is an expired
 * session again.
 */
export function sessionEndsHere(): () => void {
  sessionsEndedHere += 1;
  endingHere = true;
  return () => {
    endingHere = false;
  };
}

/** Call when this page starts a session (a login, a registration). */
export function sessionStartsHere(): void {
  endingHere = false;
}

/** Whether this page's own ending of its session may have caused the 401 of
 * a request started when the count of endings was `endedBefore`. */
function endedByThisPage(endedBefore: number): boolean {
  return endingHere || endedBefore !== sessionsEndedHere;
}

/** Called when a request finds the session gone; returns an unsubscribe. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

const STATUS_MESSAGES: Record<number, string> = {
  400: "The request was not accepted.",
  401: "Please sign in.",
  403: "You are not allowed to do that.",
  404: "Not found.",
  409: "That conflicts with existing data.",
  422: "Please check the highlighted fields.",
  429: "Too many attempts. Please wait a moment and try again.",
};

function statusMessage(status: number): string {
  if (status >= 500) {
    return "The server had a problem. Please try again in a moment.";
  }
  return STATUS_MESSAGES[status] ?? `Request failed (${status}).`;
}

function isValidationItem(item: unknown): item is ValidationErrorItem {
  return (
    typeof item === "object" &&
    item !== null &&
    Array.isArray((item as ValidationErrorItem).loc) &&
    typeof (item as ValidationErrorItem).msg === "string"
  );
}

/** Turns an error answer into an ApiError (FastAPI's string or list detail). */
export async function parseError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
  let detail: unknown;
  try {
    detail = ((await response.json()) as Partial<ErrorResponse>).detail;
  } catch {
    detail = undefined;
  }
  if (typeof detail === "string" && detail.trim() !== "") {
    return new ApiError(response.status, detail, {}, retryAfter);
  }
  if (Array.isArray(detail)) {
    const fieldErrors: Record<string, string> = {};
    const general: string[] = [];
    for (const item of detail.filter(isValidationItem)) {
      const [source, field] = item.loc;
      const message = plainMessage(item);
      if (source === "body" && typeof field === "string") {
        fieldErrors[field] ??= message;
      } else {
        general.push(message);
      }
    }
    const message =
      general.length > 0 ? general.join(" ") : statusMessage(response.status);
    return new ApiError(response.status, message, fieldErrors, retryAfter);
  }
  return new ApiError(
    response.status,
    statusMessage(response.status),
    {},
    retryAfter,
  );
}

function handleUnauthorized(): void {
  transport.clear();
  unauthorizedListeners.forEach((listener) => listener());
  redirectTo(loginUrl(currentPath(), "expired"));
}

function send(
  path: string,
  { method = "GET", body, signal, keepalive }: ApiOptions,
): Promise<Response> {
  const headers = new Headers({ Accept: "application/json" });
  transport.authorize(headers);
  if (body !== undefined) {
    headers.set("Content-Type", "application/json");
  }
  return fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: transport.credentials,
    signal,
    keepalive,
  });
}

export async function api<T>(
  path: string,
  options: ApiOptions = {},
): Promise<T> {
  const { redirectOnUnauthorized = true, signal } = options;
  const startedAt = Date.now();
  const endedBefore = sessionsEndedHere;
  let response: Response;
  try {
    response = await send(path, options);
    if (response.status === 401 && (await renewal.renew(path, startedAt))) {
      response = await send(path, options);
    }
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    throw new ApiError(
      0,
      "Cannot reach the server. Check your connection and try again.",
    );
  }

  if (
    response.status === 401 &&
    redirectOnUnauthorized &&
    !endedByThisPage(endedBefore)
  ) {
    handleUnauthorized();
  }
  transport.keepFromHeaders(response.headers);
  if (!response.ok) {
    throw await parseError(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}
