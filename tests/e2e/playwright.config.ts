// Playwright runs the e2e suite in Debian's Chromium (/usr/bin/chromium): Playwright's own
// browser download is not reachable here. `cargo xtask test` serves the release build on
// port 4173 itself; run alone (`npx playwright test`), the webServer below starts it.
import { defineConfig } from "@playwright/test";

/** Chromium flags this machine needs: no sandbox as root, and nothing that calls home. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  // `cargo xtask test` runs the chain's specs (sync*.spec.ts) apart, one at a time: they
  // share one server and its chain-wide policy.
  testIgnore: process.env.E2E_SKIP_SYNC ? "sync*.spec.ts" : undefined,
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    // Playwright gives each browser a fresh, empty profile (--user-data-dir) itself.
    launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "tablet-landscape", use: { viewport: { width: 1024, height: 768 } } },
    { name: "tablet-portrait", use: { viewport: { width: 768, height: 1024 } } },
    { name: "side-panel", use: { viewport: { width: 400, height: 800 } } },
  ],
  webServer: {
    command: `cargo xtask serve --no-build --port ${PORT}`,
    cwd: "../..",
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: true,
    timeout: 120_000,
    stdout: "ignore",
  },
});
