import { randomUUID } from "node:crypto";
import {
  expect,
  type APIRequestContext,
  type Locator,
  type Page,
} from "@playwright/test";
import {
  extraFields,
  fieldExamples,
  homePath,
  project,
  type Field,
  type FieldValue,
} from "./project";

/** Long enough, not on the backend's list of common passwords. */
export const PASSWORD = "a long and unusual passphrase";

export const TOKEN_KEY = "auth_token";
export const USER_KEY = "auth_user";
export const COOKIE_NAME = "access_token";

export interface Account {
  email: string;
  password: string;
  name: string;
}

/**
 * Matches a label by its whole text, with or without the " *" that marks a
 * required field.
 */
export function labelled(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}(\\s*\\*)?$`);
}

/** A new account's credentials: every test signs up its own user. */
export function newAccount(name = "Ada Lovelace"): Account {
  const unique = randomUUID().slice(0, 12);
  return { email: `e2e-${unique}@example.com`, password: PASSWORD, name };
}

/** Registers `account` through the API, every extra field filled in. */
export async function createAccount(
  request: APIRequestContext,
  account: Account = newAccount(),
): Promise<Account> {
  const response = await request.post("/api/auth/register", {
    data: { ...account, ...fieldExamples },
  });
  expect(response.status(), await response.text()).toBe(201);
  return account;
}

/** Signs in through the login form and waits to land on `expectedPath`. */
export async function signIn(
  page: Page,
  account: Account,
  expectedPath: string = homePath,
): Promise<void> {
  if (!new URL(page.url(), "http://x.invalid").pathname.startsWith("/login")) {
    await page.goto("/login");
  }
  await page.getByLabel(labelled("Email")).fill(account.email);
  await page.getByLabel(labelled("Password")).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname === expectedPath);
  await expectSignedIn(page, account);
}

/** The header names the signed-in user and offers to sign out. */
export async function expectSignedIn(
  page: Page,
  account: Account,
): Promise<void> {
  const header = page.getByRole("banner");
  await expect(header.getByText(account.name, { exact: true })).toBeVisible();
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByText("Signed out.")).toBeVisible();
}

/** Expects the login page, asked to come back to `next` afterwards. */
export async function expectLoginFor(page: Page, next: string): Promise<void> {
  await expect(page).toHaveURL(
    (url) => url.pathname === "/login" && url.searchParams.get("next") === next,
  );
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

/** The form control of an extra field, found by its label. */
export function fieldControl(page: Page, field: Field): Locator {
  return page.getByLabel(labelled(field.label));
}

/** Enters `value` the way a user would, with the field's kind of input. */
export async function fillField(
  page: Page,
  field: Field,
  value: FieldValue,
): Promise<void> {
  const control = fieldControl(page, field);
  if (field.input === "checkbox") {
    await control.setChecked(value === true);
  } else if (field.input === "select") {
    await control.selectOption(String(value));
  } else {
    await control.fill(String(value));
  }
}

/** How an input shows `value`: Chromium drops ":00" seconds of a time. */
function shownValue(field: Field, value: FieldValue): string {
  const text = String(value);
  return field.input === "datetime-local" ? text.replace(/:00$/, "") : text;
}

export async function expectField(
  page: Page,
  field: Field,
  value: FieldValue,
): Promise<void> {
  const control = fieldControl(page, field);
  if (field.input === "checkbox") {
    await expect(control).toBeChecked({ checked: value === true });
  } else {
    await expect(control).toHaveValue(shownValue(field, value));
  }
}

/** A valid value of `field` that differs from its example value. */
export function otherValue(field: Field): FieldValue {
  const example = fieldExamples[field.name];
  switch (field.input) {
    case "checkbox":
      return example !== true;
    case "number":
      return Number(example) + (field.step === "1" ? 1 : 0.25);
    case "date":
      return "2023-12-31";
    case "datetime-local":
      return "2025-01-02T03:04:05";
    case "select": {
      const choices = field.choices ?? [];
      return choices.find((choice) => choice !== example) ?? String(example);
    }
    case "textarea":
      return "Edited in the browser\non two lines.";
    default:
      return "Edited";
  }
}

export async function fillExtraFields(
  page: Page,
  values: Record<string, FieldValue>,
): Promise<void> {
  for (const field of extraFields) {
    await fillField(page, field, values[field.name]);
  }
}

export async function expectExtraFields(
  page: Page,
  values: Record<string, FieldValue>,
): Promise<void> {
  for (const field of extraFields) {
    await expectField(page, field, values[field.name]);
  }
}

/** The token the browser holds now, read the way the test runner can. */
export async function currentToken(page: Page): Promise<string | null> {
  if (project.tokenStorage === "cookie") {
    const cookies = await page.context().cookies();
    return cookies.find((cookie) => cookie.name === COOKIE_NAME)?.value ?? null;
  }
  return page.evaluate((key) => window.localStorage.getItem(key), TOKEN_KEY);
}

/** Puts `token` where the app keeps its token, replacing the one there. */
export async function replaceToken(page: Page, token: string): Promise<void> {
  if (project.tokenStorage === "cookie") {
    const cookies = await page.context().cookies();
    const cookie = cookies.find((item) => item.name === COOKIE_NAME);
    if (!cookie) {
      throw new Error(`No ${COOKIE_NAME} cookie to replace`);
    }
    await page.context().addCookies([{ ...cookie, value: token }]);
  } else {
    await page.evaluate(
      ([key, value]) => window.localStorage.setItem(key, value),
      [TOKEN_KEY, token] as const,
    );
  }
}

/** Everything page scripts can read: cookies and both web storages. */
export async function scriptVisibleState(page: Page) {
  return page.evaluate(() => {
    const dump = (storage: Storage) =>
      Object.fromEntries(
        Array.from({ length: storage.length }, (_, index) => {
          const key = storage.key(index) ?? "";
          return [key, storage.getItem(key) ?? ""];
        }),
      );
    return {
      cookie: document.cookie,
      localStorage: dump(window.localStorage),
      sessionStorage: dump(window.sessionStorage),
    };
  });
}
