import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import {
  expect,
  type Locator,
  type Page,
  type TestInfo,
} from "@playwright/test";
import { labelled, type Account } from "./helpers";
import { homePath, protectedPages } from "./project";

/**
 * The pages of this app, the ways to look at them (theme, width), and the
 * checks of the accessibility specs: axe-core's scan and visible focus.
 */

export type Theme = "light" | "dark";

export const THEMES: readonly Theme[] = ["light", "dark"];

/** Desktop and phone: below 640 px the navigation is a menu button. */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** No page of the app has this address: it shows the 404 page. */
export const MISSING_PATH = "/no-such-page";

export interface AppPage {
  path: string;
  /** Under app/(protected)/: only signed-in users see it. */
  signedInOnly: boolean;
  /** Under app/(auth)/: signed-in users are sent on to the home page. */
  signedOutOnly: boolean;
}

const PAGE_FILE = /^page\.(tsx|ts|jsx|js|mdx)$/;

/**
 * Every page of app/, read from its folders, so that a page added to the
 * project is scanned without a change here. Pages that need a parameter in
 * their address ([id]) are left out: they have no one address to visit.
 */
export function appPages(root = path.join(__dirname, "..", "app")): AppPage[] {
  const pages: AppPage[] = [];
  function visit(directory: string, segments: string[]) {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        visit(path.join(directory, entry.name), [...segments, entry.name]);
      } else if (PAGE_FILE.test(entry.name)) {
        const shown = segments.filter((segment) => !/^\(.*\)$/.test(segment));
        if (
          shown.some((segment) => /^[[@_]/.test(segment)) ||
          shown[0] === "api"
        ) {
          continue;
        }
        pages.push({
          path: `/${shown.join("/")}`,
          signedInOnly: segments.includes("(protected)"),
          signedOutOnly: segments.includes("(auth)"),
        });
      }
    }
  }
  visit(root, []);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

/** What a visitor can open, then the 404 page. */
export function signedOutPaths(): string[] {
  const paths = appPages()
    .filter((page) => !page.signedInOnly)
    .map((page) => page.path);
  return [...paths, MISSING_PATH];
}

/** What a signed-in user can open, then the 404 page. */
export function signedInPaths(): string[] {
  const paths = appPages()
    .filter((page) => !page.signedOutOnly)
    .map((page) => page.path);
  const missing = protectedPages
    .map((link) => link.href)
    .filter((href) => !paths.includes(href));
  // A sanity check of the folder walk: lib/config.ts names these pages.
  expect(missing, "protected pages not found under app/").toEqual([]);
  return [...paths, MISSING_PATH];
}

/**
 * Opens `route` and waits until it has settled: the theme script has run,
 * the page shows its heading, nothing is loading any more.
 */
export async function openPage(
  page: Page,
  route: string,
  theme: Theme,
): Promise<void> {
  await page.goto(route);
  if (route !== MISSING_PATH) {
    await expect(page).toHaveURL((url) => url.pathname === route);
  }
  await settled(page, theme);
}

/** Waits for the theme, the page's heading, and the end of all loading. */
export async function settled(page: Page, theme: Theme): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
  await expect(page.locator("h1").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  // What components/ui's Skeleton, Spinner and busy Button draw.
  await expect(
    page.locator('main :is([aria-busy="true"], .animate-pulse, .animate-spin)'),
  ).toHaveCount(0);
}

/** Signs in through the login form, at any width, and waits for the home page. */
export async function signInWithForm(
  page: Page,
  account: Account,
): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(labelled("Email")).fill(account.email);
  await page.getByLabel(labelled("Password")).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname === homePath);
}

/** The header's menu button, shown instead of the links below 640 px. */
export function menuButton(page: Page): Locator {
  return page.getByRole("banner").getByRole("button", { name: "Menu" });
}

// WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
const AXE_TAGS = [
  "wcag2a",
  "wcag2aa",
  "wcag21a",
  "wcag21aa",
  "wcag22aa",
  "best-practice",
];
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

/** Where a scan was made, for the failure message. */
export interface ScanContext {
  theme: Theme;
  width: number;
  signedIn: boolean;
  /** An open state of the page, e.g. "menu open". */
  state?: string;
}

/**
 * axe-core's serious and critical violations on the page as it is now, one
 * readable line per violation with the elements it found; the full results
 * are attached to the test.
 */
export async function scan(
  page: Page,
  context: ScanContext,
  testInfo: TestInfo,
): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const where = [
    new URL(page.url()).pathname,
    context.state,
    context.theme,
    `${context.width} px`,
    context.signedIn ? "signed in" : "signed out",
  ]
    .filter(Boolean)
    .join(", ");
  const blocking = results.violations.filter((violation) =>
    BLOCKING_IMPACTS.has(violation.impact ?? ""),
  );
  if (blocking.length > 0) {
    await testInfo.attach(`axe ${where}`, {
      body: JSON.stringify(blocking, null, 2),
      contentType: "application/json",
    });
  }
  return blocking.map((violation) => {
    const nodes = violation.nodes.map((node) => {
      const check = [...node.any, ...node.all, ...node.none][0];
      return `    ${node.target.join(" ")}${check ? `: ${check.message}` : ""}`;
    });
    return [
      `${where}: ${violation.id} (${violation.impact}) ${violation.help}`,
      `    ${violation.helpUrl}`,
      ...nodes,
    ].join("\n");
  });
}

/** Fails with every violation found, so one run lists them all. */
export function expectNoViolations(violations: string[]): void {
  if (violations.length > 0) {
    throw new Error(
      `axe-core found ${violations.length} serious or critical ` +
        `violation(s):\n${violations.join("\n")}`,
    );
  }
}

/** What focusState says when focus has left the page's elements. */
export const NOTHING_FOCUSED = "nothing (body)";

/** What has focus, and whether its focus ring shows. */
export async function focusState(page: Page) {
  return page.evaluate((nothing) => {
    const element = document.activeElement;
    if (!element || element === document.body) {
      return { element: nothing, ringShown: false, inBrowserPicker: false };
    }
    // Chromium's date and time inputs end with a calendar button of the
    // browser's own, which draws its own focus ring: while it has focus
    // the input itself is not :focus-visible.
    const inBrowserPicker =
      element instanceof HTMLInputElement &&
      /^(date|datetime-local|time|month|week)$/.test(element.type) &&
      !element.matches(":focus-visible");
    const style = getComputedStyle(element);
    const name =
      element.getAttribute("aria-label") ??
      (element as HTMLElement).innerText?.trim().slice(0, 40) ??
      "";
    const id = element.id ? `#${element.id}` : "";
    return {
      element: `<${element.tagName.toLowerCase()}${id}> ${name}`.trim(),
      inBrowserPicker,
      ringShown:
        element.matches(":focus-visible") &&
        style.outlineStyle !== "none" &&
        parseFloat(style.outlineWidth) > 0,
    };
  }, NOTHING_FOCUSED);
}

/** The focused element shows a focus ring (a `:focus-visible` outline). */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const state = await focusState(page);
  expect(state.ringShown, `no visible focus ring on ${state.element}`).toBe(
    true,
  );
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking at every
 * stop that the focus ring shows. Past the last element focus leaves the
 * page for one press, then starts again at the top.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { backwards = false, limit = 60 } = {},
): Promise<void> {
  await expect(target).toBeAttached();
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const state = await focusState(page);
    if (state.element !== NOTHING_FOCUSED && !state.inBrowserPicker) {
      expect(state.ringShown, `no visible focus ring on ${state.element}`).toBe(
        true,
      );
    }
    if (
      await target.evaluate((element) => element === document.activeElement)
    ) {
      return;
    }
  }
  throw new Error(`${target} not reached in ${limit} presses of Tab`);
}
