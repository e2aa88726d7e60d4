import { act, render, screen, waitFor } from "@testing-library/react";
import { useEffect } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "@/lib/api";
import {
  AuthProvider,
  useAuth,
  type AuthContextValue,
} from "@/lib/auth/context";
import { transport } from "@/lib/auth/transport";
import { redirectTo } from "@/lib/navigation";
import { authResponse, user } from "./fixtures";
import {
  jsonResponse,
  mockFetch,
  requestOf,
  unauthorized,
  wrongField,
} from "./helpers";

vi.mock("@/lib/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/navigation")>()),
  redirectTo: vi.fn(),
}));

vi.mock("react-hot-toast", () => ({
  default: { error: vi.fn(), success: vi.fn() },
}));

let auth: AuthContextValue;

function Probe() {
  const value = useAuth();
  useEffect(() => {
    auth = value;
  });
  if (value.loading) {
    return <p>loading</p>;
  }
  return <p>{value.user ? `signed in as ${value.user.name}` : "signed out"}</p>;
}

function renderProvider() {
  return render(
    <AuthProvider>
      <Probe />
    </AuthProvider>,
  );
}

beforeEach(() => {
  vi.mocked(redirectTo).mockClear();
  vi.restoreAllMocks();
});

describe("on page load", () => {
  it("asks /api/auth/me and keeps the user", async () => {
    transport.keep(authResponse);
    const keepUser = vi.spyOn(transport, "keepUser");
    const fetchMock = mockFetch({
      "GET /api/auth/me": jsonResponse(200, user),
    });

    renderProvider();

    expect(screen.getByText("loading")).toBeInTheDocument();
    expect(
      await screen.findByText("signed in as Ada Lovelace"),
    ).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(keepUser).toHaveBeenCalledWith(user);
  });

  it("is signed out when /api/auth/me answers 401, without a redirect", async () => {
    transport.keep(authResponse);
    const clear = vi.spyOn(transport, "clear");
    mockFetch({ "GET /api/auth/me": unauthorized() });

    renderProvider();

    expect(await screen.findByText("signed out")).toBeInTheDocument();
    expect(clear).toHaveBeenCalled();
    expect(redirectTo).not.toHaveBeenCalled();
  });
});

describe("login and logout", () => {
  it("signs in, then out", async () => {
    const keep = vi.spyOn(transport, "keep");
    const clear = vi.spyOn(transport, "clear");
    const fetchMock = mockFetch({
      "GET /api/auth/me": unauthorized(),
      "POST /api/auth/login": jsonResponse(200, authResponse),
      "POST /api/auth/logout": jsonResponse(204),
    });
    renderProvider();
    await screen.findByText("signed out");

    await act(() => auth.login("ada@example.com", "correct horse battery"));

    expect(screen.getByText("signed in as Ada Lovelace")).toBeInTheDocument();
    const login = requestOf(fetchMock, fetchMock.mock.calls.length - 1);
    expect(login.body).toEqual({
      email: "ada@example.com",
      password: "correct horse battery",
    });
    expect(keep).toHaveBeenCalledWith(authResponse);

    await act(() => auth.logout());

    expect(screen.getByText("signed out")).toBeInTheDocument();
    expect(fetchMock).toHaveBeenLastCalledWith(
      "/api/auth/logout",
      expect.objectContaining({ method: "POST" }),
    );
    expect(clear).toHaveBeenCalled();
  });

  it("rejects wrong credentials and stays signed out", async () => {
    mockFetch({
      "GET /api/auth/me": unauthorized(),
      "POST /api/auth/login": jsonResponse(401, {
        detail: "Incorrect email or password",
      }),
    });
    renderProvider();
    await screen.findByText("signed out");

    const error = await act(() =>
      auth.login("ada@example.com", "wrong password").catch((caught) => caught),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401 });
    expect(screen.getByText("signed out")).toBeInTheDocument();
    expect(redirectTo).not.toHaveBeenCalled();
  });

  it("signs in with the session of another answer", async () => {
    const keep = vi.spyOn(transport, "keep");
    mockFetch({ "GET /api/auth/me": unauthorized() });
    renderProvider();
    await screen.findByText("signed out");

    act(() => {
      auth.signInWith(authResponse);
    });

    expect(screen.getByText("signed in as Ada Lovelace")).toBeInTheDocument();
    expect(keep).toHaveBeenCalledWith(authResponse);
  });

  it("signs out when any request finds the session gone", async () => {
    transport.keep(authResponse);
    mockFetch({
      "GET /api/auth/me": jsonResponse(200, user),
      "GET /api/dashboard": unauthorized(),
    });
    renderProvider();
    await screen.findByText("signed in as Ada Lovelace");

    await act(() => api("/api/dashboard").catch(() => undefined));

    expect(screen.getByText("signed out")).toBeInTheDocument();
    expect(redirectTo).toHaveBeenCalledWith("/login?reason=expired");
  });
});

describe("a request answered 401", () => {
  it("is no expired session while this page signs out", async () => {
    transport.keep(authResponse);
    let answerLogout: (response: Response) => void = () => {};
    mockFetch({
      "GET /api/auth/me": jsonResponse(200, user),
      "POST /api/auth/logout": () =>
        new Promise<Response>((resolve) => {
          answerLogout = resolve;
        }),
      "GET /api/dashboard": unauthorized(),
    });
    renderProvider();
    await screen.findByText("signed in as Ada Lovelace");

    const signingOut = auth.logout();
    // Sent after the sign-out began, e.g. by a page that was still opening.
    await act(() => api("/api/dashboard").catch(() => undefined));
    await act(async () => {
      answerLogout(new Response(null, { status: 204 }));
      await signingOut;
    });

    expect(screen.getByText("signed out")).toBeInTheDocument();
    expect(redirectTo).not.toHaveBeenCalled();
  });

  it("is an expired session again once an account deletion was refused", async () => {
    transport.keep(authResponse);
    mockFetch({
      "GET /api/auth/me": jsonResponse(200, user),
      "DELETE /api/auth/me": wrongField("password", "Password is incorrect"),
      "GET /api/dashboard": unauthorized(),
    });
    renderProvider();
    await screen.findByText("signed in as Ada Lovelace");

    const error = await act(() =>
      auth.deleteAccount("wrong password").catch((caught) => caught),
    );
    expect(error).toMatchObject({ status: 422 });
    await act(() => api("/api/dashboard").catch(() => undefined));

    expect(screen.getByText("signed out")).toBeInTheDocument();
    expect(redirectTo).toHaveBeenCalledWith("/login?reason=expired");
  });
});

describe("updateProfile", () => {
  it("sends a PATCH and keeps the answer", async () => {
    transport.keep(authResponse);
    const fetchMock = mockFetch({
      "GET /api/auth/me": jsonResponse(200, user),
      "PATCH /api/auth/me": jsonResponse(200, { ...user, name: "Ada King" }),
    });
    renderProvider();
    await screen.findByText("signed in as Ada Lovelace");

    await act(() => auth.updateProfile({ name: "Ada King" }));

    await waitFor(() =>
      expect(screen.getByText("signed in as Ada King")).toBeInTheDocument(),
    );
    expect(requestOf(fetchMock, 1).body).toEqual({ name: "Ada King" });
  });
});
