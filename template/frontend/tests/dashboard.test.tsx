import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import DashboardView from "@/components/DashboardView";
import { user } from "./fixtures";
import { jsonResponse, mockFetch } from "./helpers";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn() }),
}));

/** The value that follows the label `term` in the figures' <dl>. */
function figure(term: string): HTMLElement {
  const value = screen
    .getAllByRole("term")
    .find((element) => element.textContent === term)?.nextElementSibling;
  if (!(value instanceof HTMLElement) || value.tagName !== "DD") {
    throw new Error(`No value after the term "${term}"`);
  }
  return value;
}

describe("the dashboard", () => {
  it("shows skeletons while loading, then the user's figures", async () => {
    mockFetch({ "GET /api/dashboard": jsonResponse(200, { user }) });

    render(<DashboardView />);

    expect(screen.getByText("Loading your dashboard")).toHaveAttribute(
      "role",
      "status",
    );
    expect(
      await screen.findByRole("heading", { name: `Welcome, ${user.name}` }),
    ).toBeInTheDocument();
    const email = figure("Email");
    expect(email).toHaveTextContent(user.email);
    // A long address is cut to one line; the whole of it is in the tooltip.
    expect(within(email).getByTitle(user.email)).toBeInTheDocument();
    expect(figure("Member since")).toHaveTextContent("2024");
    expect(
      screen.getByRole("link", { name: "Manage your account" }),
    ).toHaveAttribute("href", "/profile");
  });

  it("says what failed and loads again on Try again", async () => {
    let attempts = 0;
    mockFetch({
      "GET /api/dashboard": () =>
        ++attempts === 1
          ? jsonResponse(500, { detail: "Database unavailable." })
          : jsonResponse(200, { user }),
    });

    render(<DashboardView />);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Your dashboard could not be loaded");
    expect(alert).toHaveTextContent("Database unavailable.");
    await userEvent.click(
      within(alert).getByRole("button", { name: "Try again" }),
    );
    expect(
      await screen.findByRole("heading", { name: `Welcome, ${user.name}` }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
