import { vi } from "vitest";

export function jsonResponse(status: number, body?: unknown): Response {
  if (body === undefined) {
    return new Response(null, { status });
  }
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

/** The backend's answer to a request without a valid session. */
export function unauthorized(): Response {
  return jsonResponse(401, { detail: "Not authenticated" });
}

/** The backend's 422 for a password that does not match, at `field`. */
export function wrongField(field: string, msg: string): Response {
  return jsonResponse(422, {
    detail: [{ loc: ["body", field], msg, type: "wrong_password" }],
  });
}

type Route = Response | ((init: RequestInit) => Response | Promise<Response>);

/**
 * Replaces fetch with a fake backend: `routes` maps "METHOD /path" to an
 * answer. Unknown requests fail the test with a 599.
 */
export function mockFetch(routes: Record<string, Route>) {
  const fetchMock = vi.fn(
    async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const key = `${init.method ?? "GET"} ${String(input)}`;
      const route = routes[key];
      if (!route) {
        return jsonResponse(599, { detail: `Unexpected request: ${key}` });
      }
      return typeof route === "function" ? route(init) : route.clone();
    },
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** The headers and JSON body of the call number `index` of a fetch mock. */
export function requestOf(fetchMock: ReturnType<typeof mockFetch>, index = 0) {
  const [input, init = {}] = fetchMock.mock.calls[index];
  return {
    url: String(input),
    init,
    headers: new Headers(init.headers),
    body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
  };
}
