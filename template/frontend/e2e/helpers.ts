import { randomUUID } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";
import {
  extraFields,
  fieldExamples,
  homePath,
  type Field,
  type FieldValue,
} from "./project";

export { createAccount } from "./registration";

/** Long enough, not on the backend's list of common passwords. */
export const PASSWORD = "a long and unusual passphrase";

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
  await page
    .getByRole("banner")
    .getByRole("button", { name: "Sign out", exact: true })
    .click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByText("Signed out.")).toBeVisible();
}

/**
 * Opens the profile from the navigation and waits until its device list
 * has loaded: a test that then changes the session knows that the page's
 * own request went out before, not after, the change.
 */
export async function openProfile(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Profile", exact: true })
    .click();
  await expect(page).toHaveURL((url) => url.pathname === "/profile");
  await expect(page.getByText("This device", { exact: true })).toBeVisible();
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
      const choices = (field.choices ?? []).map((choice) => choice.value);
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
