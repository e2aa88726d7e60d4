import { expect, test, type Page } from "@playwright/test";
import {
  createAccount,
  expectLoginFor,
  labelled,
  signIn,
  type Account,
} from "./helpers";
import { homePath } from "./project";

async function clickProfile(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Profile", exact: true })
    .click();
}

async function openProfile(page: Page): Promise<void> {
  await clickProfile(page);
  await expect(page).toHaveURL((url) => url.pathname === "/profile");
}

function devices(page: Page) {
  return page
    .getByRole("list", { name: "Signed-in devices" })
    .getByRole("listitem");
}

async function expectFieldError(
  page: Page,
  label: string,
  message: string | RegExp,
) {
  const input = page.getByLabel(labelled(label));
  await expect(input).toHaveAttribute("aria-invalid", "true");
  const id = await input.getAttribute("id");
  await expect(page.locator(`#${id}-error`)).toHaveText(message);
}

async function attemptSignIn(page: Page, account: Account): Promise<number> {
  await page.goto("/login");
  await page.getByLabel(labelled("Email")).fill(account.email);
  await page.getByLabel(labelled("Password")).fill(account.password);
  const answer = page.waitForResponse("**/api/auth/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  return (await answer).status();
}

test("signed-in devices: the other one is listed and signed out from here", async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  // Registering through the API signs in too: that client is a device.
  const account = await createAccount(request);
  const otherContext = await browser.newContext({
    baseURL,
    userAgent:
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  });
  const otherDevice = await otherContext.newPage();
  await signIn(otherDevice, account);
  await signIn(page, account);

  await openProfile(page);
  await expect(devices(page)).toHaveCount(3);
  const thisDevice = devices(page).filter({ hasText: "This device" });
  await expect(thisDevice).toHaveCount(1);
  await expect(thisDevice.getByRole("button")).toHaveCount(0);
  const other = devices(page).filter({ hasText: "Firefox on Linux" });
  await expect(other).toContainText("last active");
  await other.getByRole("button", { name: /^Sign out/ }).click();
  await expect(page.getByText("Device signed out.")).toBeVisible();
  await expect(devices(page)).toHaveCount(2);
  await expect(devices(page).filter({ hasText: "Firefox" })).toHaveCount(0);

  // The other device finds out at its next API call, and is told why (the
  // profile may show for an instant only: not waited for).
  await clickProfile(otherDevice);
  await expectLoginFor(otherDevice, "/profile");
  await expect(
    otherDevice.getByText("Your session has ended. Please sign in again."),
  ).toBeVisible();
  await signIn(otherDevice, account, "/profile");
  await otherContext.close();
});

test("change password: a wrong current one is refused at its field, the new one signs in", async ({
  page,
  request,
}) => {
  const account = await createAccount(request);
  await signIn(page, account);
  await openProfile(page);
  const newPassword = "another long and unusual passphrase";

  await page.getByLabel(labelled("Current password")).fill("not my password");
  await page.getByLabel(labelled("New password")).fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expectFieldError(
    page,
    "Current password",
    "Current password is incorrect",
  );

  await page.getByLabel(labelled("Current password")).fill(account.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(
    page.getByText("Password changed. Your other devices are signed out."),
  ).toBeVisible();
  // This session goes on.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();

  await page
    .getByRole("banner")
    .getByRole("button", { name: "Sign out", exact: true })
    .click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  expect(await attemptSignIn(page, account)).toBe(401);
  await signIn(page, { ...account, password: newPassword }, homePath);
});

test("delete account: confirmed with the password and in a dialog, then signed out for good", async ({
  page,
  request,
}) => {
  const account = await createAccount(request);
  await signIn(page, account);
  await openProfile(page);
  const form = page.getByRole("form", { name: "Delete account" });
  const askToDelete = form.getByRole("button", { name: "Delete account" });
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });

  // Escape cancels the confirmation and gives focus back.
  await form.getByLabel(labelled("Password")).fill("not my password");
  await askToDelete.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(askToDelete).toBeFocused();

  // A wrong password: the dialog closes, the error is at the field.
  await askToDelete.click();
  await dialog.getByRole("button", { name: "Delete account" }).click();
  await expect(dialog).toBeHidden();
  await expectFieldError(page, "Password", /incorrect/i);
  await expect(form.getByLabel(labelled("Password"))).toBeFocused();
  await expect(page).toHaveURL((url) => url.pathname === "/profile");

  await form.getByLabel(labelled("Password")).fill(account.password);
  await askToDelete.click();
  await dialog.getByRole("button", { name: "Delete account" }).click();
  await expect(page.getByText("Your account has been deleted.")).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(
    page.getByRole("banner").getByRole("link", { name: "Sign in" }),
  ).toBeVisible();

  expect(await attemptSignIn(page, account)).toBe(401);
});
