// The chain's e2e fixtures (issue 14), shared by every `sync*.spec.ts`: devices (each its
// own browser profile on the sync server's origin), the Chain section, connecting, the
// status line, and the server's accounts. `cargo xtask test` starts pouchdb-server behind
// `serve --couch` and passes E2E_SYNC_URL and E2E_SYNC_ACCOUNTS (alone: `cargo xtask
// e2e-couch` prints them); it runs these specs one file at a time, because they share the
// server and its chain-wide policy.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect, enterManager, expectNoAxeViolations } from "./fixtures";

export const BASE = process.env.E2E_SYNC_URL ?? "";
export const ACCOUNTS: Record<string, string> = JSON.parse(process.env.E2E_SYNC_ACCOUNTS ?? "{}");

/** Declares a chain spec: skipped without the chain's server, run once (at tablet size),
 * its tests in order (they build on one another's devices). */
export function chainSpec() {
  test.beforeEach(({}, testInfo) => {
    test.skip(!BASE, "needs the chain's server: `cargo xtask test` starts it (alone: cargo xtask e2e-couch)");
    test.skip(testInfo.project.name !== "tablet-landscape", "sync runs once, at tablet size");
  });
  test.describe.configure({ mode: "serial" });
}

export type Device = { context: BrowserContext; page: Page; errors: string[]; expected: string[] };

/**
 * A device: its own browser profile on the sync server's origin. Failed requests the sync
 * makes on purpose (a checkpoint not written yet: 404; a refused write: 403) are logged by
 * the browser as console errors: those at /db/ are kept apart in `expected`, as is the
 * tab's icon, which Chromium fetches itself past the service worker (offline, it fails);
 * any other error goes to `errors`, which the tests expect empty. `clock`: Playwright's
 * fake clock from that time; `open`: the app opened at / before returning.
 */
export async function device(
  browser: Browser,
  opts: { viewport?: { width: number; height: number }; clock?: Date; open?: boolean } = {},
): Promise<Device> {
  const context = await browser.newContext({ baseURL: BASE, viewport: opts.viewport ?? { width: 1024, height: 768 } });
  const errors: string[] = [];
  const expected: string[] = [];
  context.on("console", (m) => {
    if (m.type() !== "error") return;
    const at = m.location().url;
    const failed = /Failed to load resource/.test(m.text());
    (failed && (at.includes("/db/") || at.endsWith("/icons/icon.svg")) ? expected : errors).push(`${m.text()} ${at}`);
  });
  context.on("weberror", (e) => errors.push(`uncaught: ${e.error().message}`));
  const page = await context.newPage();
  if (opts.clock) await page.clock.install({ time: opts.clock });
  if (opts.open) {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
  }
  return { context, page, errors, expected };
}

/** Basic authentication as one of the server's accounts, for checks made beside the app. */
export function basic(name: string): Record<string, string> {
  return { Authorization: "Basic " + Buffer.from(`${name}:${ACCOUNTS[name]}`).toString("base64") };
}

/** Manager mode, then one of its sections ("Chain", "Audit"...). */
export async function managerSection(page: Page, name: string) {
  await enterManager(page);
  await page.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name, exact: true }).click();
}

/** Manager mode -> Chain -> signs in as `login`; returns the stores the form then offers
 * (the values of its Store list). With `axe`, the filled form is checked for violations. */
export async function signInToChain(page: Page, login: string, axe = false): Promise<string[]> {
  await managerSection(page, "Chain");
  await expect(page.getByRole("heading", { name: "Connect to your chain" })).toBeVisible();
  await expect(page.getByLabel("Server address", { exact: true })).toHaveValue(`${BASE}/db`);
  await page.getByLabel("Login name", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(ACCOUNTS[login]);
  if (axe) await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const store = page.getByLabel("Store", { exact: true });
  await expect(store).toBeVisible();
  return store.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
}

/** Connects this device to `store` as `login` and waits until it says so. With `axe`, the
 * filled form, the store list and the connected section are checked for violations. */
export async function connect(page: Page, store: string, login: string, axe = false) {
  await signInToChain(page, login, axe);
  await page.getByLabel("Store", { exact: true }).selectOption(store);
  if (axe) await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByText(`Connected to store ${store} as ${login}.`)).toBeVisible();
  if (axe) await expectNoAxeViolations(page);
}

/** The footer's sync status line. */
export function status(page: Page) {
  return page.getByRole("status").filter({ hasText: "Chain sync:" });
}

export async function synced(page: Page, timeout = 30_000) {
  await expect(status(page)).toContainText("Synced at", { timeout });
}
