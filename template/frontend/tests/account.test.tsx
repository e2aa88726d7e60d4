import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import ChangePasswordForm from "@/components/ChangePasswordForm";
import DeleteAccountForm from "@/components/DeleteAccountForm";
import SessionList, { timeAgo } from "@/components/SessionList";
import { AuthProvider } from "@/lib/auth/context";
import { transport } from "@/lib/auth/transport";
import type { SessionPublic } from "@/lib/types";
import { authResponse, user } from "./fixtures";
import { jsonResponse, mockFetch, requestOf, wrongField } from "./helpers";

const push = vi.fn();

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push, replace: vi.fn() }),
}));

vi.mock("@/lib/notify", () => ({
  notifyError: vi.fn(),
  notifySuccess: vi.fn(),
}));

const FIREFOX =
  "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

function session(
  id: string,
  changes: Partial<SessionPublic> = {},
): SessionPublic {
  const now = new Date().toISOString();
  return {
    id,
    created_at: now,
    last_used_at: now,
    expires_at: now,
    user_agent: FIREFOX,
    ip: "203.0.113.7",
    current: false,
    ...changes,
  };
}

const current = session("aaaaaaaa-0000-4000-8000-000000000001", {
  current: true,
});
const phone = session("aaaaaaaa-0000-4000-8000-000000000002", {
  user_agent: SAFARI,
  ip: "198.51.100.4",
});
const laptop = session("aaaaaaaa-0000-4000-8000-000000000003", {
  user_agent: null,
  ip: null,
});

beforeEach(() => {
  push.mockClear();
});

describe("signed-in devices", () => {
  it("lists each device readably and marks this one", async () => {
    mockFetch({
      "GET /api/auth/sessions": jsonResponse(200, [current, phone, laptop]),
    });

    render(<SessionList />);

    const list = await screen.findByRole("list", {
      name: "Signed-in devices",
    });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent("Firefox on Linux");
    expect(within(items[0]).getByText("This device")).toBeInTheDocument();
    expect(items[0]).toHaveTextContent("203.0.113.7 · last active just now");
    expect(within(items[0]).queryByRole("button")).toBeNull();
    expect(items[1]).toHaveTextContent("Safari on iOS");
    expect(items[1]).toHaveTextContent("198.51.100.4");
    expect(items[2]).toHaveTextContent("Unknown device");
    expect(items[2]).toHaveTextContent("Unknown address");
  });

  it("signs out one other device", async () => {
    let sessions = [current, phone];
    const fetchMock = mockFetch({
      "GET /api/auth/sessions": () => jsonResponse(200, sessions),
      [`DELETE /api/auth/sessions/${phone.id}`]: () => {
        sessions = [current];
        return jsonResponse(204);
      },
    });
    render(<SessionList />);

    await userEvent.click(
      await screen.findByRole("button", { name: "Sign out Safari on iOS" }),
    );

    await screen.findByText("Firefox on Linux");
    expect(screen.queryByText("Safari on iOS")).toBeNull();
    expect(
      fetchMock.mock.calls.map(([url, init]) => `${init?.method} ${url}`),
    ).toContain(`DELETE /api/auth/sessions/${phone.id}`);
  });

  it("signs out every other device, not this one", async () => {
    let sessions = [current, phone, laptop];
    const deleted: string[] = [];
    const ended = (id: string) => () => {
      deleted.push(id);
      sessions = sessions.filter((item) => item.id !== id);
      return jsonResponse(204);
    };
    mockFetch({
      "GET /api/auth/sessions": () => jsonResponse(200, sessions),
      [`DELETE /api/auth/sessions/${phone.id}`]: ended(phone.id),
      [`DELETE /api/auth/sessions/${laptop.id}`]: ended(laptop.id),
    });
    render(<SessionList />);

    await userEvent.click(
      await screen.findByRole("button", {
        name: "Sign out of all other devices",
      }),
    );

    expect(await screen.findByText("This device")).toBeInTheDocument();
    expect(deleted.sort()).toEqual([phone.id, laptop.id].sort());
    expect(
      screen.queryByRole("button", { name: "Sign out of all other devices" }),
    ).toBeNull();
  });

  it("says how long ago a device was active", () => {
    const now = Date.parse("2025-03-01T12:00:00Z");
    expect(timeAgo("2025-03-01T11:59:40Z", now)).toBe("just now");
    expect(timeAgo("2025-03-01T11:55:00Z", now)).toBe("5 minutes ago");
    expect(timeAgo("2025-03-01T09:00:00Z", now)).toBe("3 hours ago");
    expect(timeAgo("2025-02-28T12:00:00Z", now)).toBe("yesterday");
  });
});

describe("change password", () => {
  it("shows a wrong current password at its field", async () => {
    const fetchMock = mockFetch({
      "POST /api/auth/password": wrongField(
        "current_password",
        "Current password is incorrect",
      ),
    });
    render(<ChangePasswordForm />);

    await userEvent.type(
      screen.getByLabelText(/^Current password/),
      "not my password",
    );
    await userEvent.type(
      screen.getByLabelText(/^New password/),
      "a brand new passphrase",
    );
    await userEvent.click(
      screen.getByRole("button", { name: "Change password" }),
    );

    const error = await screen.findByText("Current password is incorrect");
    const input = screen.getByLabelText(/^Current password/);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute("aria-describedby", error.id);
    expect(requestOf(fetchMock).body).toEqual({
      current_password: "not my password",
      new_password: "a brand new passphrase",
    });
  });

  it("empties the form and reports the change", async () => {
    mockFetch({ "POST /api/auth/password": jsonResponse(204) });
    const onChanged = vi.fn();
    render(<ChangePasswordForm onChanged={onChanged} />);

    await userEvent.type(screen.getByLabelText(/^Current password/), "old one");
    await userEvent.type(
      screen.getByLabelText(/^New password/),
      "a brand new passphrase",
    );
    await userEvent.click(
      screen.getByRole("button", { name: "Change password" }),
    );

    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledOnce());
    expect(screen.getByLabelText(/^Current password/)).toHaveValue("");
    expect(screen.getByLabelText(/^New password/)).toHaveValue("");
  });
});

describe("delete account", () => {
  function renderForm(routes: Parameters<typeof mockFetch>[0]) {
    transport.keep(authResponse);
    const fetchMock = mockFetch({
      "GET /api/auth/me": jsonResponse(200, user),
      ...routes,
    });
    render(
      <AuthProvider>
        <DeleteAccountForm />
      </AuthProvider>,
    );
    return fetchMock;
  }

  /** Asks to delete, then confirms in the dialog. */
  async function confirmDeletion() {
    await userEvent.click(
      screen.getByRole("button", { name: "Delete account" }),
    );
    const dialog = await screen.findByRole("dialog", {
      name: "Delete your account?",
    });
    await userEvent.click(
      within(dialog).getByRole("button", { name: "Delete account" }),
    );
  }

  it("asks first, and deletes nothing when cancelled", async () => {
    const fetchMock = renderForm({});

    await userEvent.type(screen.getByLabelText(/^Password/), "my password");
    await userEvent.click(
      screen.getByRole("button", { name: "Delete account" }),
    );
    const dialog = await screen.findByRole("dialog", {
      name: "Delete your account?",
    });
    expect(dialog).toHaveAccessibleDescription(/cannot be undone/);
    await userEvent.click(
      within(dialog).getByRole("button", { name: "Cancel" }),
    );

    expect(screen.queryByRole("dialog")).toBeNull();
    expect(
      fetchMock.mock.calls.some(([, init]) => init?.method === "DELETE"),
    ).toBe(false);
  });

  it("shows a wrong password at the field and stays signed in", async () => {
    const clear = vi.spyOn(transport, "clear");
    renderForm({
      "DELETE /api/auth/me": wrongField("password", "Password is incorrect"),
    });

    await userEvent.type(screen.getByLabelText(/^Password/), "wrong");
    await confirmDeletion();

    expect(
      await screen.findByText("Password is incorrect"),
    ).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).toBeNull();
    const input = screen.getByLabelText(/^Password/);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveFocus();
    expect(clear).not.toHaveBeenCalled();
    expect(push).not.toHaveBeenCalled();
  });

  it("deletes with the password, signs out and goes to the login page", async () => {
    const clear = vi.spyOn(transport, "clear");
    const fetchMock = renderForm({
      "DELETE /api/auth/me": jsonResponse(204),
    });

    await userEvent.type(
      screen.getByLabelText(/^Password/),
      "correct horse battery",
    );
    await confirmDeletion();

    await vi.waitFor(() => expect(push).toHaveBeenCalledWith("/login"));
    expect(clear).toHaveBeenCalled();
    const sent = requestOf(fetchMock, fetchMock.mock.calls.length - 1);
    expect(sent.url).toBe("/api/auth/me");
    expect(sent.init.method).toBe("DELETE");
    expect(sent.body).toEqual({ password: "correct horse battery" });
  });
});
