import { expect, test as base, type Page } from "@playwright/test";
import {
  createAccount,
  labelled,
  newAccount,
  PASSWORD,
  type Account,
} from "./helpers";
import {
  expectNoViolations,
  menuButton,
  openPage,
  scan,
  signedInPaths,
  signedOutPaths,
  signInWithForm,
  THEMES,
  VIEWPORTS,
} from "./pages";
import { homePath } from "./project";

/**
 * axe-core on every page of the app (e2e/pages.ts finds them in app/),
 * signed out and signed in, in both themes, at desktop and phone widths.
 * Any serious or critical violation fails, with the rule, the elements and
 * where it was found.
 */

// One account per worker: the scans only read.
const test = base.extend<object, { account: Account }>({
  account: [
    async ({ playwright }, use, workerInfo) => {
      const request = await playwright.request.newContext({
        baseURL: workerInfo.project.use.baseURL,
      });
      const account = await createAccount(request, newAccount("Ada Lovelace"));
      await request.dispose();
      await use(account);
    },
    { scope: "worker" },
  ],
});

for (const theme of THEMES) {
  for (const viewport of VIEWPORTS) {
    test.describe(`${theme}, ${viewport.width} px`, () => {
      test.use({ colorScheme: theme, viewport });

      test("every page signed out", async ({ page }, testInfo) => {
        const context = { theme, width: viewport.width, signedIn: false };
        const violations: string[] = [];
        for (const route of signedOutPaths()) {
          await openPage(page, route, theme);
          violations.push(...(await scan(page, context, testInfo)));
        }
        expectNoViolations(violations);
      });

      test("every page signed in", async ({ page, account }, testInfo) => {
        const context = { theme, width: viewport.width, signedIn: true };
        await signInWithForm(page, account);
        const violations: string[] = [];
        for (const route of signedInPaths()) {
          await openPage(page, route, theme);
          violations.push(...(await scan(page, context, testInfo)));
        }
        expectNoViolations(violations);
      });
    });
  }
}

for (const theme of THEMES) {
  test.describe(`${theme}, 390 px`, () => {
    test.use({ colorScheme: theme, viewport: VIEWPORTS[1] });

    test("the open menu signed out", async ({ page }, testInfo) => {
      await openPage(page, "/", theme);
      await openMenu(page);
      expectNoViolations(
        await scan(
          page,
          { theme, width: 390, signedIn: false, state: "menu open" },
          testInfo,
        ),
      );
    });

    test("the open menu signed in", async ({ page, account }, testInfo) => {
      await signInWithForm(page, account);
      await openPage(page, homePath, theme);
      await openMenu(page);
      expectNoViolations(
        await scan(
          page,
          { theme, width: 390, signedIn: true, state: "menu open" },
          testInfo,
        ),
      );
    });

    // Its own account: were the dialog missing, the button would delete it.
    test("the dialog that confirms deleting the account", async ({
      page,
      request,
    }, testInfo) => {
      const account = await createAccount(request, newAccount());
      await signInWithForm(page, account);
      await openPage(page, "/profile", theme);
      const main = page.getByRole("main");
      // The form may ask for the password before the dialog or in it.
      const password = main.getByLabel(labelled("Password"));
      if ((await password.count()) === 1) {
        await password.fill(PASSWORD);
      }
      await main.getByRole("button", { name: "Delete account" }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toBeVisible();
      const violations = await scan(
        page,
        { theme, width: 390, signedIn: true, state: "dialog open" },
        testInfo,
      );
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      expectNoViolations(violations);
    });
  });
}

async function openMenu(page: Page) {
  const button = menuButton(page);
  await expect(button, "the header's Menu button, below 640 px").toBeVisible();
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
}
