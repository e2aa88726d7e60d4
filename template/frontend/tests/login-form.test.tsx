import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import toast from "react-hot-toast";
import { beforeEach, describe, expect, it, vi } from "vitest";
import LoginForm from "@/components/LoginForm";
import { AuthProvider } from "@/lib/auth/context";
import { jsonResponse, mockFetch } from "./helpers";

vi.mock("react-hot-toast", () => ({
  default: { error: vi.fn(), success: vi.fn() },
}));

beforeEach(() => {
  vi.mocked(toast.error).mockClear();
});

function refusedLogin(status: number, retryAfter: string): Response {
  return new Response(JSON.stringify({ detail: "Try again later" }), {
    status,
    headers: { "Content-Type": "application/json", "Retry-After": retryAfter },
  });
}

async function signInAgainst(answer: Response) {
  mockFetch({
    "GET /api/auth/me": jsonResponse(401, { detail: "Not authenticated" }),
    "POST /api/auth/login": answer,
  });
  render(
    <AuthProvider>
      <LoginForm />
    </AuthProvider>,
  );
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Email"), "ada@example.com");
  await user.type(screen.getByLabelText("Password"), "not the password");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("login form", () => {
  it("says when to try again after too many attempts", async () => {
    await signInAgainst(refusedLogin(429, "900"));

    expect(toast.error).toHaveBeenCalledWith(
      "Too many attempts. Try again in 15 minutes.",
    );
  });

  it("says when to try again while the server is busy", async () => {
    await signInAgainst(refusedLogin(503, "3"));

    expect(toast.error).toHaveBeenCalledWith(
      "The server is busy. Try again in 3 seconds.",
    );
  });
});
