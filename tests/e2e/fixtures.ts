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

/** The manager the fixtures set a device up with, and the manager PIN. */
export const MANAGER = "Mo";
export const PIN = "246810";

/**
 * Fills the first-run form at /manager ("Set up this device"): the manager's name, the
 * policy to start from, the PIN twice. Manager mode opens; the manager is on the staff list
 * with the Manager role. Through the UI, so no test-only code ships in the release build.
 */
export async function fillSetup(page: Page, opts: { manager?: string; preset?: string } = {}) {
  await expect(page.getByRole("heading", { name: "Set up this device" })).toBeVisible();
  await page.getByLabel("Your name", { exact: true }).fill(opts.manager ?? MANAGER);
  if (opts.preset) await page.getByLabel("Policy to start from").selectOption({ label: opts.preset });
  await page.getByLabel("New manager PIN").fill(PIN);
  await page.getByLabel("Type the PIN again").fill(PIN);
  await page.getByRole("button", { name: "Set PIN" }).click();
  await expect(page.getByRole("button", { name: "Leave manager mode" })).toBeVisible();
}

/** Opens /manager and gets in: sets a new device up, or enters the PIN. */
export async function enterManager(page: Page) {
  await openApp(page, "/manager");
  const setup = page.getByRole("heading", { name: "Set up this device" });
  const gate = page.getByRole("heading", { name: "Open manager mode" });
  await setup.or(gate).first().waitFor();
  if (await setup.isVisible()) {
    await fillSetup(page);
  } else {
    await page.getByLabel("Manager PIN").fill(PIN);
    await page.getByRole("button", { name: "Open manager mode" }).click();
    await expect(page.getByRole("button", { name: "Leave manager mode" })).toBeVisible();
  }
}

/**
 * Opens the staff flow at its first step as `name` (a name new to the device starts with the
 * lowest role), setting the device up first when no manager has, switching user when someone
 * else is signed in, and discarding a draft it is offered.
 */
export async function signIn(page: Page, name = "Sam") {
  await openApp(page, "/new");
  const listen = page.getByRole("heading", { name: "Listen: what happened?" });
  const who = page.getByLabel("Your name", { exact: true });
  const discard = page.getByRole("button", { name: "Discard it and start new" });
  const notSetUp = page.getByRole("heading", { name: "A manager sets this device up first" });
  await listen.or(who).or(discard).or(notSetUp).first().waitFor();
  if (await notSetUp.isVisible()) {
    await enterManager(page);
    await openApp(page, "/new");
    await listen.or(who).or(discard).first().waitFor();
  }
  const using = page.getByText(/^Using this device: /);
  if ((await using.count()) > 0 && (await using.textContent()) !== `Using this device: ${name}`) {
    await page.getByRole("button", { name: "Switch user" }).click();
    await who.waitFor();
  }
  if (await discard.isVisible()) await discard.click();
  if (await who.isVisible()) {
    await who.fill(name);
    await page.getByRole("button", { name: "Start" }).click();
  }
  await expect(listen).toBeVisible();
}
