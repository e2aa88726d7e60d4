/**
 * Browser tests (e2e/): `npm run e2e` starts a fresh backend and a production
 * build of this app, then drives Chromium through them.
 *
 * - Backend: ../backend with its virtualenv (.venv, from `make install`; or
 *   the Python named by E2E_BACKEND_PYTHON), on the database in
 *   E2E_DATABASE_URL, by default the one e2e/database.ts names. Every table
 *   in it is dropped first, then `alembic upgrade head` builds the schema:
 *   never point it at real data.
 * - Frontend: `npm run build` with BACKEND_URL pointing at that backend (the
 *   /api rewrite is fixed at build time), then `npm run start`.
 * - Ports: E2E_BACKEND_PORT (default 8100) and E2E_FRONTEND_PORT (3100),
 *   both on 127.0.0.1; pick free ones when those are taken.
 * - Browser: Playwright's Chromium (`npx playwright install chromium`), or
 *   the Chromium at PLAYWRIGHT_CHROMIUM_PATH, e.g. /usr/bin/chromium.
 * - Failures keep a trace and a screenshot in test-results/; open a trace
 *   with `npx playwright show-trace <path>/trace.zip`, the report with
 *   `npx playwright show-report`.
 */
import { defineConfig, devices } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { defaultDatabaseUrl } from "./e2e/database";

const backendPort = Number(process.env.E2E_BACKEND_PORT ?? 8100);
const frontendPort = Number(process.env.E2E_FRONTEND_PORT ?? 3100);
const backendUrl = `http://127.0.0.1:${backendPort}`;
const baseURL = `http://127.0.0.1:${frontendPort}`;

// Made once, in the runner: the test workers inherit the variables set here.
const databaseUrl = (process.env.E2E_DATABASE_URL ??= defaultDatabaseUrl());

// Drops every table of the database, whatever created it, before the
// migrations build the schema afresh.
const resetDatabase = [
  "from sqlalchemy import MetaData, create_engine",
  "from app.config import get_settings",
  "from app.dialect import sync_database_url",
  "engine = create_engine(sync_database_url(get_settings().database_url))",
  "tables = MetaData()",
  "tables.reflect(engine)",
  "tables.drop_all(engine)",
].join("; ");

// One secret per run; the test workers use it to sign expired tokens
// (e2e/tokens.ts).
const jwtSecret = (process.env.E2E_JWT_SECRET ??=
  randomBytes(32).toString("hex"));

const python = JSON.stringify(
  process.env.E2E_BACKEND_PYTHON ?? ".venv/bin/python",
);
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    ["./e2e/failure-reporter.ts"],
  ],
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    timezoneId: "UTC",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumPath
      ? {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        }
      : {},
  },
  projects: [{ name: "chromium" }],
  webServer: [
    {
      name: "backend",
      cwd: "../backend",
      command: [
        `${python} -c ${JSON.stringify(resetDatabase)}`,
        `${python} -m alembic upgrade head`,
        `exec ${python} -m uvicorn app.main:app --no-proxy-headers --host 127.0.0.1 --port ${backendPort}`,
      ].join(" && "),
      url: `${backendUrl}/api/health`,
      env: {
        DATABASE_URL: databaseUrl,
        JWT_SECRET: jwtSecret,
        JWT_ALGORITHM: "HS256",
        ACCESS_TOKEN_EXPIRE_MINUTES: "60",
        BCRYPT_ROUNDS: "4",
        ENVIRONMENT: "development",
        CORS_ORIGINS: "",
        // Every browser of the suite comes from 127.0.0.1: the per-address
        // limits would stop the suite, not an attacker. The per-email ones
        // still apply.
        LOGIN_MAX_FAILURES_PER_ADDRESS: "100000",
        PASSWORD_REQUESTS_BURST_PER_ADDRESS: "100000",
      },
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "frontend",
      command: `npm run build && exec npm run start -- --hostname 127.0.0.1 --port ${frontendPort}`,
      url: `${baseURL}/login`,
      env: { BACKEND_URL: backendUrl, NEXT_TELEMETRY_DISABLED: "1" },
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
