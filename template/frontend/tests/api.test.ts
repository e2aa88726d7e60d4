import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  api,
  ApiError,
  onUnauthorized,
  parseRetryAfter,
  sessionEndsHere,
  sessionStartsHere,
} from "@/lib/api";
import { transport } from "@/lib/auth/transport";
import { redirectTo } from "@/lib/navigation";
import { authResponse } from "./fixtures";
import { jsonResponse, mockFetch, requestOf, unauthorized } from "./helpers";

vi.mock("@/lib/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/navigation")>()),
  redirectTo: vi.fn(),
}));

beforeEach(() => {
  vi.mocked(redirectTo).mockClear();
  vi.restoreAllMocks();
});

describe("requests", () => {
  it("carry the session the way the transport keeps it", async () => {
    transport.keep(authResponse);
    const fetchMock = mockFetch({
      "GET /api/dashboard": jsonResponse(200, {}),
    });

    await api("/api/dashboard");

    const expected = new Headers();
    transport.authorize(expected);
    const { init, headers } = requestOf(fetchMock);
    expect(init.credentials).toBe(transport.credentials);
    for (const [name, value] of expected) {
      expect(headers.get(name)).toBe(value);
    }
  });

  it("sends bodies as JSON and returns the parsed answer", async () => {
    const fetchMock = mockFetch({
      "PATCH /api/auth/me": jsonResponse(200, { name: "Grace" }),
    });

    const answer = await api<{ name: string }>("/api/auth/me", {
      method: "PATCH",
      body: { name: "Grace" },
    });

    expect(answer).toEqual({ name: "Grace" });
    const { headers, body } = requestOf(fetchMock);
    expect(headers.get("Content-Type")).toBe("application/json");
    expect(body).toEqual({ name: "Grace" });
  });

  it("returns undefined for 204 No Content", async () => {
    mockFetch({ "POST /api/auth/logout": jsonResponse(204) });

    await expect(
      api("/api/auth/logout", { method: "POST" }),
    ).resolves.toBeUndefined();
  });
});

describe("errors", () => {
  it("turns a 422 list into field errors", async () => {
    mockFetch({
      "POST /api/auth/register": jsonResponse(422, {
        detail: [
          {
            loc: ["body", "password"],
            msg: "Value error, Password must be at most 72 bytes",
            type: "value_error",
          },
          {
            loc: ["body", "email"],
            msg: "value is not a valid email address",
            type: "value_error",
          },
        ],
      }),
    });

    const error = await api("/api/auth/register", {
      method: "POST",
      body: {},
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      fieldErrors: {
        password: "Password must be at most 72 bytes",
        email: "Enter a valid email address.",
      },
    });
  });

  it("keeps list items that name no body field in the message", async () => {
    mockFetch({
      "GET /api/auth/me": jsonResponse(422, {
        detail: [{ loc: ["query", "limit"], msg: "too big", type: "x" }],
      }),
    });

    await expect(api("/api/auth/me")).rejects.toMatchObject({
      status: 422,
      message: "too big",
      fieldErrors: {},
    });
  });

  it("uses a string detail as the message", async () => {
    mockFetch({
      "POST /api/auth/login": jsonResponse(429, {
        detail: "Too many login attempts. Try again in 60 seconds.",
      }),
    });

    await expect(
      api("/api/auth/login", { method: "POST", body: {} }),
    ).rejects.toMatchObject({
      status: 429,
      message: "Too many login attempts. Try again in 60 seconds.",
    });
  });

  it("has a message for answers without JSON", async () => {
    mockFetch({
      "GET /api/dashboard": new Response("<h1>Bad Gateway</h1>", {
        status: 502,
      }),
    });

    await expect(api("/api/dashboard")).rejects.toMatchObject({
      status: 502,
      message: "The server had a problem. Please try again in a moment.",
    });
  });

  it("reports an unreachable server as status 0", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("offline")));

    await expect(api("/api/dashboard")).rejects.toMatchObject({ status: 0 });
  });
});

describe("401", () => {
  it("clears the session and sends the user to login with next and the reason", async () => {
    transport.keep(authResponse);
    const clear = vi.spyOn(transport, "clear");
    window.history.replaceState(null, "", "/reports?tab=2");
    const listener = vi.fn();
    const unsubscribe = onUnauthorized(listener);
    mockFetch({
      "GET /api/dashboard": unauthorized(),
    });

    await expect(api("/api/dashboard")).rejects.toMatchObject({ status: 401 });
    unsubscribe();

    expect(listener).toHaveBeenCalledOnce();
    expect(redirectTo).toHaveBeenCalledWith(
      "/login?next=%2Freports%3Ftab%3D2&reason=expired",
    );
    expect(clear).toHaveBeenCalledOnce();
  });

  it("is no expired session when this page signed out during the request", async () => {
    transport.keep(authResponse);
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
      await released;
      return unauthorized();
    });

    const request = api("/api/dashboard");
    sessionEndsHere();
    release();

    await expect(request).rejects.toMatchObject({ status: 401 });
    expect(redirectTo).not.toHaveBeenCalled();
  });

  it("is no expired session when sent while this page signs out", async () => {
    // A page that was opening when the user signed out loads its data.
    transport.keep(authResponse);
    sessionEndsHere();
    mockFetch({
      "GET /api/dashboard": unauthorized(),
    });

    await expect(api("/api/dashboard")).rejects.toMatchObject({ status: 401 });
    expect(redirectTo).not.toHaveBeenCalled();
  });

  it("is an expired session again once the backend refused the sign-out", async () => {
    transport.keep(authResponse);
    const keepSession = sessionEndsHere();
    keepSession();
    mockFetch({
      "GET /api/dashboard": unauthorized(),
    });

    await expect(api("/api/dashboard")).rejects.toMatchObject({ status: 401 });
    expect(redirectTo).toHaveBeenCalledWith("/login?reason=expired");
  });

  it("is an expired session again after the next sign-in", async () => {
    sessionEndsHere();
    sessionStartsHere();
    transport.keep(authResponse);
    mockFetch({
      "GET /api/dashboard": unauthorized(),
    });

    await expect(api("/api/dashboard")).rejects.toMatchObject({ status: 401 });
    expect(redirectTo).toHaveBeenCalledWith("/login?reason=expired");
  });

  it("leaves calls that expect a 401 alone", async () => {
    transport.keep(authResponse);
    const clear = vi.spyOn(transport, "clear");
    mockFetch({
      "POST /api/auth/login": jsonResponse(401, {
        detail: "Incorrect email or password",
      }),
    });

    await expect(
      api("/api/auth/login", {
        method: "POST",
        body: {},
        redirectOnUnauthorized: false,
      }),
    ).rejects.toMatchObject({
      status: 401,
      message: "Incorrect email or password",
    });
    expect(redirectTo).not.toHaveBeenCalled();
    expect(clear).not.toHaveBeenCalled();
  });
});

describe("Retry-After", () => {
  it("reaches the error in seconds", async () => {
    mockFetch({
      "POST /api/auth/login": new Response(
        JSON.stringify({ detail: "Too many attempts" }),
        { status: 429, headers: { "Retry-After": "120" } },
      ),
    });

    const error = await api("/api/auth/login", {
      method: "POST",
      redirectOnUnauthorized: false,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfterSeconds).toBe(120);
  });

  it("is read from an HTTP date too", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");

    expect(parseRetryAfter("Tue, 01 Dec 2026 12:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });
});
