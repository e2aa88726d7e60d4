import { expect, test } from "@playwright/test";
import {
  createAccount,
  expectLoginFor,
  expectSignedIn,
  newAccount,
  openProfile,
  signIn,
  signOut,
  labelled,
} from "./helpers";
import { homePath, protectedPages } from "./project";
import { currentToken, expectNoSession } from "./transport";

const guardedPaths = [...protectedPages.map((page) => page.href), "/profile"];

test.describe("session", () => {
  test("survives a reload and reaches a second tab", async ({
    page,
    context,
    request,
  }) => {
    const account = await createAccount(request);
    await signIn(page, account);

    await page.reload();
    await expect(page).toHaveURL((url) => url.pathname === homePath);
    await expectSignedIn(page, account);

    const secondTab = await context.newPage();
    await secondTab.goto("/profile");
    await expect(secondTab).toHaveURL((url) => url.pathname === "/profile");
    await expectSignedIn(secondTab, account);
    await expect(secondTab.getByLabel(labelled("Name"))).toHaveValue(
      account.name,
    );
  });

  test("signing out guards every page; signing in returns to the page asked for", async ({
    page,
    request,
  }) => {
    const account = await createAccount(request);
    await signIn(page, account);
    await signOut(page);

    for (const path of guardedPaths) {
      await page.goto(path);
      await expectLoginFor(page, path);
      await expect(page.getByText(account.name, { exact: true })).toHaveCount(
        0,
      );
    }

    // The last page asked for: signing in goes there, not to the home page.
    const asked = guardedPaths.at(-1) ?? homePath;
    await signIn(page, account, asked);
    // Every other protected page, asked for before signing in.
    for (const other of protectedPages.slice(1)) {
      await signOut(page);
      await page.goto(other.href);
      await expectLoginFor(page, other.href);
      await signIn(page, account, other.href);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
  });

  test("signing out while a page opens says so, not that the session ended", async ({
    page,
    request,
  }) => {
    const account = await createAccount(request);
    await signIn(page, account);
    // The backend ends the session at once; its answer reaches the page only
    // once the profile, opened meanwhile, has asked for its device list.
    await page.route("**/api/auth/logout", async (route) => {
      const response = await route.fetch();
      await page.waitForResponse((answer) =>
        answer.url().endsWith("/api/auth/sessions"),
      );
      await route.fulfill({ response });
    });

    const header = page.getByRole("banner");
    await header.getByRole("button", { name: "Sign out", exact: true }).click();
    await header.getByRole("link", { name: "Profile" }).click();

    await expect(page).toHaveURL((url) => url.pathname === "/login");
    await expect(page.getByText("Signed out.")).toBeVisible();
    await expect(page.getByText("Your session has ended")).toHaveCount(0);
    expect(new URL(page.url()).searchParams.get("reason")).toBeNull();
  });

  test("a wrong password gets a generic message and stores nothing", async ({
    page,
    request,
  }) => {
    const account = await createAccount(request);
    const attempts = [
      { email: account.email, password: "not the right passphrase" },
      { email: newAccount().email, password: account.password },
    ];
    for (const attempt of attempts) {
      await page.goto("/login");
      await page.getByLabel(labelled("Email")).fill(attempt.email);
      await page.getByLabel(labelled("Password")).fill(attempt.password);
      const answer = page.waitForResponse("**/api/auth/login");
      await page.getByRole("button", { name: "Sign in" }).click();
      expect((await answer).status()).toBe(401);

      // The same words for an unknown email and a wrong password.
      const toast = page.getByRole("status").filter({
        hasText: "Incorrect email or password.",
      });
      await expect(toast).toBeVisible();
      await expect(page).toHaveURL((url) => url.pathname === "/login");
      await expect(
        page.getByRole("banner").getByRole("button", { name: "Sign out" }),
      ).toHaveCount(0);

      await expectNoSession(page);
      const sessionItems = await page.evaluate(() => ({
        ...window.sessionStorage,
      }));
      expect(sessionItems).toEqual({});
    }
  });
});

test.describe("a token the backend no longer accepts", () => {
  test("revoked by a logout elsewhere: the next API call sends the user to login", async ({
    page,
    request,
  }) => {
    const account = await createAccount(request);
    await signIn(page, account);
    await openProfile(page);

    // The same session ends on the server, e.g. logged out from a script.
    const token = await currentToken(page);
    expect(token).toBeTruthy();
    const logout = await request.post("/api/auth/logout", {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(logout.status()).toBe(204);

    await page.getByLabel(labelled("Name")).fill("Someone Else");
    await page.getByRole("button", { name: "Save" }).click();
    await expectLoginFor(page, "/profile");
    await expect(
      page.getByText("Your session has ended. Please sign in again."),
    ).toBeVisible();

    // Signing in again returns to the profile, with nothing saved.
    await signIn(page, account, "/profile");
    await expect(page.getByLabel(labelled("Name"))).toHaveValue(account.name);
  });
});
