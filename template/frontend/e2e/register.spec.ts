import { expect, test, type Page } from "@playwright/test";
import {
  createAccount,
  expectExtraFields,
  expectSignedIn,
  fillExtraFields,
  newAccount,
  type Account,
  labelled,
} from "./helpers";
import { dashboardPath, extraFields, fieldExamples, homePath } from "./project";

test.describe("registration", () => {
  test("a new user fills every field and lands on the dashboard", async ({
    page,
  }) => {
    const account = newAccount();
    await page.goto("/register");
    await page.getByLabel(labelled("Email")).fill(account.email);
    await page.getByLabel(labelled("Name")).fill(account.name);
    await page.getByLabel(labelled("Password")).fill(account.password);
    await fillExtraFields(page, fieldExamples);
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL((url) => url.pathname === homePath);
    await expect(
      page.getByText("Welcome! Your account is ready."),
    ).toBeVisible();
    await expectSignedIn(page, account);
    await page.goto(dashboardPath);
    const main = page.getByRole("main");
    await expect(
      main.getByRole("heading", { name: `Welcome, ${account.name}` }),
    ).toBeVisible();
    await expect(main.getByText(account.email, { exact: true })).toBeVisible();

    // The profile shows what was registered, field by field.
    await page.getByRole("link", { name: "Profile" }).click();
    await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
    await expect(page.getByLabel(labelled("Name"))).toHaveValue(account.name);
    await expectExtraFields(page, fieldExamples);
  });

  test.describe("refused registrations say why at the field", () => {
    async function submit(page: Page, account: Account) {
      await page.goto("/register");
      await page.getByLabel(labelled("Email")).fill(account.email);
      await page.getByLabel(labelled("Name")).fill(account.name);
      await page.getByLabel(labelled("Password")).fill(account.password);
      await fillExtraFields(page, fieldExamples);
      await page.getByRole("button", { name: "Create account" }).click();
    }

    async function expectFieldError(
      page: Page,
      label: string,
      message: string | RegExp,
    ) {
      const input = page.getByLabel(labelled(label));
      await expect(input).toHaveAttribute("aria-invalid", "true");
      const id = await input.getAttribute("id");
      const error = page.locator(`#${id}-error`);
      await expect(error).toHaveText(message);
      await expect(input).toHaveAttribute(
        "aria-describedby",
        new RegExp(`\\b${id}-error\\b`),
      );
      // Still on the form, signed out.
      await expect(page).toHaveURL((url) => url.pathname === "/register");
      await expect(
        page.getByRole("banner").getByRole("link", { name: "Sign in" }),
      ).toBeVisible();
    }

    test("an email that is already registered", async ({ page, request }) => {
      const taken = await createAccount(request);
      // Addresses are compared without regard to case.
      await submit(page, {
        ...newAccount("Somebody Else"),
        email: taken.email.toUpperCase(),
      });
      await expectFieldError(
        page,
        "Email",
        "An account with this email already exists.",
      );
    });

    test("a password that is too short", async ({ page }) => {
      await page.goto("/register");
      const password = page.getByLabel(labelled("Password"));
      // The browser refuses it first (minlength)...
      await password.fill("short1");
      expect(
        await password.evaluate(
          (input: HTMLInputElement) => input.validity.tooShort,
        ),
      ).toBe(true);
      // ...and the backend when the browser lets it through: four emoji are
      // eight UTF-16 code units for the browser, but four characters.
      await submit(page, { ...newAccount(), password: "🔑🔑🔑🔑" });
      await expectFieldError(page, "Password", "Use at least 8 characters.");
    });

    test("a password over 72 bytes", async ({ page }) => {
      // 37 characters, 74 bytes in UTF-8: bcrypt would silently cut it.
      await submit(page, { ...newAccount(), password: "ü".repeat(37) });
      await expectFieldError(
        page,
        "Password",
        /^Password must be at most 72 bytes in UTF-8 \(this one is 74 bytes\)/,
      );
    });
  });

  test("every extra field has the right kind of input", async ({ page }) => {
    await page.goto("/register");
    for (const field of extraFields) {
      const control = page.getByLabel(labelled(field.label));
      const expected: Record<string, [string, string | null]> = {
        text: ["input", "text"],
        textarea: ["textarea", null],
        number: ["input", "number"],
        checkbox: ["input", "checkbox"],
        date: ["input", "date"],
        "datetime-local": ["input", "datetime-local"],
        select: ["select", null],
      };
      const [tag, type] = expected[field.input];
      expect(
        await control.evaluate((element) => element.tagName.toLowerCase()),
      ).toBe(tag);
      if (type) {
        await expect(control).toHaveAttribute("type", type);
      }
      if (field.required && field.input !== "checkbox") {
        await expect(control).toHaveAttribute("required", "");
      }
    }
  });
});
