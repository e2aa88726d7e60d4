import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import toast, { Toaster } from "react-hot-toast";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import LoginForm from "@/components/LoginForm";
import { AuthProvider } from "@/lib/auth/context";
import { notifyError } from "@/lib/notify";
import { jsonResponse, mockFetch, unauthorized } from "./helpers";

// The real toasts, watched: the test sees what the user would.
vi.mock(import("@/lib/notify"), { spy: true });

beforeEach(() => {
  vi.mocked(notifyError).mockClear();
  // react-hot-toast asks for the reduced-motion setting; jsdom has none.
  vi.stubGlobal(
    "matchMedia",
    (query: string) => ({ matches: false, media: query }) as MediaQueryList,
  );
});

afterEach(() => {
  toast.remove();
});

function refusedLogin(status: number, retryAfter: string): Response {
  return new Response(JSON.stringify({ detail: "Try again later" }), {
    status,
    headers: { "Content-Type": "application/json", "Retry-After": retryAfter },
  });
}

function renderLogin(answer: Response) {
  mockFetch({
    "GET /api/auth/me": unauthorized(),
    "POST /api/auth/login": answer,
  });
  render(
    <AuthProvider>
      <LoginForm />
      <Toaster />
    </AuthProvider>,
  );
  return userEvent.setup();
}

async function signInAgainst(answer: Response) {
  const user = renderLogin(answer);
  await user.type(screen.getByLabelText("Email"), "ada@example.com");
  await user.type(screen.getByLabelText("Password"), "not the password");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  return user;
}

describe("login form", () => {
  it("says when to try again after too many attempts", async () => {
    await signInAgainst(refusedLogin(429, "900"));

    expect(
      await screen.findByText("Too many attempts. Try again in 15 minutes."),
    ).toBeInTheDocument();
  });

  it("says when to try again while the server is busy", async () => {
    await signInAgainst(refusedLogin(503, "3"));

    expect(
      await screen.findByText("The server is busy. Try again in 3 seconds."),
    ).toBeInTheDocument();
  });

  it("shows one toast for a wrong password typed twice", async () => {
    const user = await signInAgainst(
      jsonResponse(401, { detail: "Incorrect email or password" }),
    );
    await screen.findByText("Incorrect email or password.");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    await vi.waitFor(() => expect(notifyError).toHaveBeenCalledTimes(2));
    expect(screen.getAllByText("Incorrect email or password.")).toHaveLength(1);
  });

  it("shows the backend's field errors at their fields, focusing the first", async () => {
    await signInAgainst(
      jsonResponse(422, {
        detail: [
          {
            loc: ["body", "email"],
            msg: "value is not a valid email address",
            type: "value_error",
          },
        ],
      }),
    );

    const error = await screen.findByText("Enter a valid email address.");
    const email = screen.getByLabelText("Email");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAttribute("aria-describedby", error.id);
    expect(email).toHaveFocus();
  });
});
