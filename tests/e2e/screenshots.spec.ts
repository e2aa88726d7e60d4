import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import {
  createAccount,
  fillExtraFields,
  labelled,
  newAccount,
  PASSWORD,
  signIn,
} from "./helpers";
import { appName, dashboardPath, fieldExamples } from "./project";

/**
 * Pictures of the main pages, for the template's README. Not part of any
 * generated project: tests/test_e2e.py copies this spec into the e2e/ folder
 * of the render it photographs (one with the tasks example and every field
 * type) and writes the pictures to E2E_SCREENSHOT_DIR.
 */
test("screenshots of the login, register and dashboard pages", async ({
  page,
  request,
}, testInfo) => {
  const directory =
    process.env.E2E_SCREENSHOT_DIR ?? testInfo.outputPath("screenshots");

  async function shoot(name: string, fullPage = false) {
    // No half-loaded states: nothing spinning, no toast on the way out.
    await expect(page.locator(".spinner")).toHaveCount(0);
    await expect(page.locator("[role=status][aria-live]")).toHaveCount(0);
    await page.screenshot({
      path: path.join(directory, `${name}.png`),
      fullPage,
      animations: "disabled",
    });
  }

  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page).toHaveTitle(`Sign in · ${appName}`);
  await shoot("login");

  await page.goto("/register");
  await expect(
    page.getByRole("heading", { name: "Create an account" }),
  ).toBeVisible();
  await fillRegisterForm(page);
  await shoot("register", true);

  // A short address shows on one line of the dashboard. When a run against
  // the same servers (reuseExistingServer) registered it before, any will do.
  let account = { ...newAccount("Ada Lovelace"), email: "ada@acme.io" };
  try {
    await createAccount(request, account);
  } catch {
    account = await createAccount(request, newAccount("Ada Lovelace"));
  }
  await signIn(page, account);
  await page.goto(dashboardPath);
  await expect(
    page.getByRole("heading", { name: `Welcome, ${account.name}` }),
  ).toBeVisible();
  await addTask(page, "Write the first chapter");
  await addTask(page, "Sketch the analytical engine");
  await page.getByLabel(labelled("Write the first chapter")).click();
  await expect(page.locator(".task.done")).toHaveCount(1);
  await page.mouse.move(0, 0);
  await shoot("dashboard");
});

/** The register form as a user fills it in, just before sending it. */
async function fillRegisterForm(page: Page) {
  await page.getByLabel(labelled("Email")).fill("ada@example.com");
  await page.getByLabel(labelled("Name")).fill("Ada Lovelace");
  await page.getByLabel(labelled("Password")).fill(PASSWORD);
  await fillExtraFields(page, fieldExamples);
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
}

async function addTask(page: Page, title: string) {
  await page.getByLabel(labelled("Title")).fill(title);
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByLabel(labelled(title))).toBeVisible();
}
