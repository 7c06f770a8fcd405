// Shared e2e fixtures. Import `test` and `expect` from here, not from @playwright/test: every
// test then fails on a console error, an uncaught exception, or a request to any host but
// 127.0.0.1, in any page of its browser context.
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export { expect };

/** The app's routes and the level-1 heading each one shows (src/i18n.rs). */
export const ROUTES = [
  { path: "/", nav: "Amends", heading: "Put it right with the customer" },
  { path: "/new", nav: "New recovery", heading: "New recovery" },
  { path: "/follow-ups", nav: "Follow-ups", heading: "Follow-ups" },
  { path: "/log", nav: "Log", heading: "Log" },
  { path: "/dashboard", nav: "Dashboard", heading: "Dashboard" },
  { path: "/manager", nav: "Manager", heading: "Manager" },
] as const;

/** What the guards collected during one test. */
export type Guards = { consoleErrors: string[]; offHostRequests: string[] };

const ALLOWED_HOST = "127.0.0.1";

function staysOnDevice(url: string): boolean {
  const u = new URL(url);
  return ["data:", "blob:", "about:"].includes(u.protocol) || u.hostname === ALLOWED_HOST;
}

export const test = base.extend<{ guards: Guards }>({
  guards: [
    async ({ context }, use) => {
      const guards: Guards = { consoleErrors: [], offHostRequests: [] };
      context.on("console", (msg) => {
        if (msg.type() === "error") {
          const where = msg.location().url;
          guards.consoleErrors.push(where ? `${msg.text()} (at ${where})` : msg.text());
        }
      });
      context.on("weberror", (err) => guards.consoleErrors.push(`uncaught: ${err.error().message}`));
      context.on("request", (req) => {
        if (!staysOnDevice(req.url())) guards.offHostRequests.push(`${req.method()} ${req.url()}`);
      });
      await use(guards);
      expect.soft(guards.consoleErrors, "console errors or uncaught exceptions").toEqual([]);
      expect.soft(guards.offHostRequests, "requests to a host other than 127.0.0.1").toEqual([]);
    },
    { auto: true },
  ],
});

/** Opens a path and waits until the app (not the static skeleton) shows its page heading. */
export async function openApp(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
}

/** Runs axe on the page as it is now and fails listing every violation and where it is. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n"),
  );
  expect(violations, "axe violations").toEqual([]);
}

/** Adds `n` generated recoveries through the seeding address and waits until they are shown. */
export async function seed(page: Page, n: number, opts: { outcomes?: boolean; timeout?: number } = {}) {
  const query = opts.outcomes === false ? `seed=${n}&outcomes=none` : `seed=${n}`;
  await openApp(page, `/dashboard?${query}`);
  await expect(page.getByRole("status").filter({ hasText: "Test data: added" })).toHaveText(
    `Test data: added ${n} generated recoveries.`,
    { timeout: opts.timeout ?? 30_000 },
  );
  await expect(page).toHaveURL("/dashboard");
}
