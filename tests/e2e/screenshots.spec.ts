import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import {
  createAccount,
  fillExtraFields,
  labelled,
  newAccount,
  PASSWORD,
} from "./helpers";
import {
  menuButton,
  settled,
  signInWithForm,
  VIEWPORTS,
  type Theme,
} from "./pages";
import { appName, dashboardPath, fieldExamples } from "./project";

/**
 * Pictures of the main pages, for the template's README: desktop (1280x800)
 * in the light and the dark theme, and a phone (390x844). Not part of any
 * generated project: tests/test_e2e.py copies this spec into the e2e/ folder
 * of the render it photographs (one with the tasks example and every field
 * type) and writes the pictures to E2E_SCREENSHOT_DIR.
 */
test("screenshots of the login, register and dashboard pages", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const directory =
    process.env.E2E_SCREENSHOT_DIR ?? testInfo.outputPath("screenshots");
  const [desktop, phone] = VIEWPORTS;

  async function show(
    theme: Theme,
    viewport: { width: number; height: number },
  ) {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize(viewport);
  }

  async function shoot(name: string, theme: Theme, fullPage = false) {
    await settled(page, theme);
    // No toast on the way out.
    await expect(page.locator("[role=status][aria-live]")).toHaveCount(0);
    await page.mouse.move(0, 0);
    await page.screenshot({
      path: path.join(directory, `${name}.png`),
      fullPage,
      animations: "disabled",
    });
  }

  for (const theme of ["light", "dark"] as const) {
    const suffix = theme === "dark" ? "-dark" : "";
    await show(theme, desktop);
    await page.goto("/login");
    await expect(page).toHaveTitle(`Sign in · ${appName}`);
    await shoot(`login${suffix}`, theme);

    await page.goto("/register");
    await expect(
      page.getByRole("heading", { name: "Create an account" }),
    ).toBeVisible();
    await fillRegisterForm(page);
    await shoot(`register${suffix}`, theme, true);
  }

  await show("light", phone);
  await page.goto("/login");
  await shoot("login-mobile", "light");

  // A short address shows on one line of the dashboard. When a run against
  // the same servers (reuseExistingServer) registered it before, any will do.
  let account = { ...newAccount("Ada Lovelace"), email: "ada@acme.io" };
  try {
    await createAccount(request, account);
  } catch {
    account = await createAccount(request, newAccount("Ada Lovelace"));
  }
  await show("light", desktop);
  await signInWithForm(page, account);
  await page.goto(dashboardPath);
  await expect(
    page.getByRole("heading", { name: `Welcome, ${account.name}` }),
  ).toBeVisible();
  await addTask(page, "Write the first chapter");
  await addTask(page, "Sketch the analytical engine");
  const done = page.getByLabel(labelled("Write the first chapter"));
  // Checked once the API has answered: click, then wait for it.
  await done.click();
  await expect(done).toBeChecked();
  await shoot("dashboard", "light");

  await show("dark", desktop);
  await shoot("dashboard-dark", "dark");

  await show("light", phone);
  await menuButton(page).click();
  await expect(menuButton(page)).toHaveAttribute("aria-expanded", "true");
  await shoot("dashboard-mobile", "light");
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
