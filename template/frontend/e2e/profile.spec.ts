import { expect, test } from "@playwright/test";
import {
  createAccount,
  expectExtraFields,
  fillExtraFields,
  otherValue,
  signIn,
  labelled,
} from "./helpers";
import { extraFields } from "./project";

test("profile: changes are saved and still there after a reload", async ({
  page,
  request,
}) => {
  const account = await createAccount(request);
  await signIn(page, account);
  await page.getByRole("link", { name: "Profile", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
  await expect(page.getByText(account.email, { exact: true })).toBeVisible();

  const changed = Object.fromEntries(
    extraFields.map((field) => [field.name, otherValue(field)]),
  );
  const newName = "Ada King";
  await page.getByLabel(labelled("Name")).fill(newName);
  await fillExtraFields(page, changed);
  const saved = page.waitForResponse(
    (response) =>
      response.url().endsWith("/api/auth/me") &&
      response.request().method() === "PATCH",
  );
  await page.getByRole("button", { name: "Save" }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByText("Profile saved.")).toBeVisible();
  // The header follows at once.
  await expect(
    page.getByRole("banner").getByText(newName, { exact: true }),
  ).toBeVisible();

  await page.reload();
  await expect(page.getByLabel(labelled("Name"))).toHaveValue(newName);
  await expectExtraFields(page, changed);
});
