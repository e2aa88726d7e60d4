import { expect, test, type Page } from "@playwright/test";
import {
  expectExtraFields,
  expectSignedIn,
  fieldControl,
  labelled,
  newAccount,
  type Account,
} from "./helpers";
import {
  focusState,
  menuButton,
  NOTHING_FOCUSED,
  tabTo,
  expectVisibleFocus,
  VIEWPORTS,
} from "./pages";
import {
  dashboardPath,
  extraFields,
  fieldExamples,
  homePath,
  type Field,
  type FieldValue,
} from "./project";
import { finishRegistration } from "./registration";

/**
 * One user's visit without a mouse: Tab, Shift+Tab, Enter, Space and Escape
 * only, with a visible focus ring at every stop. Addresses are typed into
 * the browser (page.goto) as a user would, never clicked.
 */
test("register, sign out, sign in, the dashboard and the menu by keyboard", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const account = newAccount("Ada Lovelace");

  await test.step("register", async () => {
    await page.goto("/register");
    await tabTo(page, page.getByLabel(labelled("Email")));
    await page.keyboard.type(account.email);
    await tabTo(page, page.getByLabel(labelled("Name")));
    await page.keyboard.type(account.name);
    await tabTo(page, page.getByLabel(labelled("Password")));
    await page.keyboard.type(account.password);
    for (const field of extraFields) {
      await tabTo(page, fieldControl(page, field));
      await enterValue(page, field, fieldExamples[field.name]);
    }
    await expectExtraFields(page, fieldExamples);
    await tabTo(
      page,
      page.getByRole("main").getByRole("button", { name: "Create account" }),
    );
    await page.keyboard.press("Enter");
    await finishRegistration(page, account);
  });

  await test.step("sign out from the header", async () => {
    await tabTo(page, signOutButton(page));
    await page.keyboard.press("Enter");
    await expectSignedOut(page);
  });

  await test.step("sign in", async () => {
    await signInByKeyboard(page, account);
  });

  await test.step("the dashboard, forwards and back", async () => {
    if (homePath !== dashboardPath) {
      await tabTo(
        page,
        page.getByRole("banner").locator(`a[href="${dashboardPath}"]`),
      );
      await page.keyboard.press("Enter");
    }
    await expect(page).toHaveURL((url) => url.pathname === dashboardPath);
    await expect(page.locator("h1").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    const stops = await tabThroughPage(page);
    expect(stops.length, "focus stops of the dashboard").toBeGreaterThan(0);
    // Back up the page to the header's sign-out button, ring shown all the way.
    await tabTo(page, signOutButton(page), { backwards: true });
  });

  await test.step("the menu at 390 px: open, Escape, open, sign out", async () => {
    await page.setViewportSize(VIEWPORTS[1]);
    const button = menuButton(page);
    await tabTo(page, button);
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page);
    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.press("Space");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await tabTo(page, signOutButton(page));
    await page.keyboard.press("Enter");
    await expectSignedOut(page);
  });
});

function signOutButton(page: Page) {
  return page
    .getByRole("banner")
    .getByRole("button", { name: "Sign out", exact: true });
}

async function expectSignedOut(page: Page): Promise<void> {
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByText("Signed out.")).toBeVisible();
}

async function signInByKeyboard(page: Page, account: Account): Promise<void> {
  await tabTo(page, page.getByLabel(labelled("Email")));
  await page.keyboard.type(account.email);
  await tabTo(page, page.getByLabel(labelled("Password")));
  await page.keyboard.type(account.password);
  // Enter in a field sends the form.
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === homePath);
  await expectSignedIn(page, account);
}

/**
 * Tabs from where focus is to the end of the page, checking the ring at
 * every stop; returns what had focus, in order.
 */
async function tabThroughPage(page: Page): Promise<string[]> {
  const stops: string[] = [];
  for (let presses = 0; presses < 100; presses += 1) {
    await page.keyboard.press("Tab");
    const state = await focusState(page);
    if (state.element === NOTHING_FOCUSED) {
      return stops;
    }
    expect(state.ringShown, `no visible focus ring on ${state.element}`).toBe(
      true,
    );
    stops.push(state.element);
  }
  throw new Error(`focus did not reach the end of the page: ${stops}`);
}

/** Types `value` into the focused control of `field`, keys only. */
async function enterValue(
  page: Page,
  field: Field,
  value: FieldValue,
): Promise<void> {
  const text = String(value);
  switch (field.input) {
    case "checkbox":
      if (value === true) {
        await page.keyboard.press("Space");
      }
      return;
    case "select": {
      // A closed select picks the option whose label is typed.
      const choice = field.choices?.find((option) => option.value === text);
      await page.keyboard.type(choice?.label ?? text);
      return;
    }
    case "date":
      await typeDate(page, text);
      return;
    case "datetime-local": {
      // Chromium's en-US segments: month, day, year, then hour, minute,
      // second when the step is finer than a minute, AM/PM.
      const [date, time] = text.split("T");
      await typeDate(page, date);
      await page.keyboard.press("ArrowRight");
      const [hours, minutes, seconds = 0] = time.split(":").map(Number);
      const hour12 = hours % 12 === 0 ? 12 : hours % 12;
      await page.keyboard.type(String(hour12).padStart(2, "0"));
      await page.keyboard.type(String(minutes).padStart(2, "0"));
      const step = await page.evaluate(
        () => (document.activeElement as HTMLInputElement).step,
      );
      if (step !== "" && Number(step) % 60 !== 0) {
        await page.keyboard.type(String(seconds).padStart(2, "0"));
      }
      await page.keyboard.type(hours < 12 ? "A" : "P");
      return;
    }
    default:
      await page.keyboard.type(text);
  }
}

/** A date as YYYY-MM-DD, into Chromium's en-US month/day/year segments. */
async function typeDate(page: Page, date: string): Promise<void> {
  const [year, month, day] = date.split("-");
  await page.keyboard.type(month);
  await page.keyboard.type(day);
  await page.keyboard.type(year);
}
