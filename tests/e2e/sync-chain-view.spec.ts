// Head office's chain view and the store list (issue 14), end to end against
// pouchdb-server behind `cargo xtask serve --couch` (see sync.spec.ts for how it runs).
// Stores used: store-1 and store-2 (sync.spec.ts uses them too, before or after this file:
// every figure is compared with what the server answers, never with a fixed number).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect, enterManager, expectNoAxeViolations, openApp, PIN, signIn, toRemedy } from "./fixtures";
import { ACCOUNTS, BASE, basic, chainSpec, connect, device, managerSection, signInToChain, status, synced } from "./chain";

const VIEW = "amends-chain/_design/kpi/_view/kpis_by_store_currency_week_category";

chainSpec();

/** Who logs here: not sync.spec.ts's Sam, whose shift budget (every record of the store
 * counts) that spec uses up to the last dollar on store-1. */
const STAFF = `Kai ${Date.now() % 100_000}`;

/** Logs one within-limit recovery; returns the short reference the "Logged" page shows. */
async function logOne(page: Page): Promise<string> {
  await signIn(page, STAFF);
  await toRemedy(page);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByRole("heading", { name: "Logged" })).toBeVisible();
  return (await page.getByRole("definition").filter({ hasText: /^[0-9A-F]{8}$/ }).first().textContent())?.trim() ?? "";
}

async function ids(request: APIRequestContext, db: string, login: string): Promise<string[]> {
  const r = await request.get(`${BASE}/db/${db}/_all_docs`, { headers: basic(login) });
  expect(r.status()).toBe(200);
  return ((await r.json()).rows as { id: string }[]).map((row) => row.id);
}

/** Ids in `db` whose record's short reference is `reference`. */
function withRef(all: string[], reference: string): string[] {
  return all.filter((id) => id.split(":").pop()!.replace(/[^0-9a-zA-Z]/g, "").slice(0, 8).toUpperCase() === reference);
}

type Row = { key: [string, string, string?, string?]; value: number[] };

/** What the server's KPI view says (group level 2: per store and currency). */
async function viewRows(request: APIRequestContext): Promise<Row[]> {
  const r = await request.get(`${BASE}/db/${VIEW}?group_level=2`, { headers: basic("head-office") });
  expect(r.status()).toBe(200);
  return (await r.json()).rows;
}

const n = (x: number) => new Intl.NumberFormat("en-US").format(x);

test("head office's chain view: KPIs per store and for the chain from the views, a store filter; the store from the server's list", async ({ browser, request }) => {
  test.slow();
  // A store-2 tablet: its login is offered store-2 only, from the server's list.
  const tablet = await device(browser);
  expect(await signInToChain(tablet.page, "store-2")).toEqual(["store-2"]);
  await tablet.page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(tablet.page.getByText("Connected to store store-2 as store-2.")).toBeVisible();
  await synced(tablet.page);
  const ref = await logOne(tablet.page);
  await expect.poll(async () => withRef(await ids(request, "amends-chain", "head-office"), ref).length, { timeout: 30_000 }).toBe(1);

  // Head office: offered every store; connects a device (to store-1) and opens the dashboard.
  const head = await device(browser);
  const offered = await signInToChain(head.page, "head-office");
  expect(offered).toEqual(expect.arrayContaining(["store-1", "store-2"]));
  await expectNoAxeViolations(head.page);
  await head.page.getByLabel("Store", { exact: true }).selectOption("store-1");
  await head.page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(head.page.getByText("Connected to store store-1 as head-office.")).toBeVisible();
  const asked: string[] = [];
  head.page.on("request", (r) => asked.push(r.url()));
  await openApp(head.page, "/dashboard");
  const chain = head.page.getByRole("region", { name: "Chain view" });
  await expect(chain).toBeVisible();
  const rows = await viewRows(request);
  const currency = rows.find((r) => r.key[0] === "store-2")!.key[1];
  const pick = chain.getByLabel("Currency", { exact: true });
  if (await pick.count()) await pick.selectOption(currency);
  const sum = (store?: string) =>
    rows.filter((r) => r.key[1] === currency && (!store || r.key[0] === store)).reduce((a, r) => a + r.value[0], 0);
  const tile = (name: string) => chain.getByRole("group", { name, exact: true }).locator(".kpi-value");
  await expect(tile("Recoveries")).toHaveText(n(sum()));
  const byStore = chain.getByRole("table", { name: "By store" });
  await expect(byStore.getByRole("row", { name: /^store-2 / }).getByRole("cell").first()).toHaveText(n(sum("store-2")));
  await expectNoAxeViolations(head.page);

  // One store: its figures, and the weeks and categories the view gives.
  await chain.getByLabel("Store", { exact: true }).selectOption("store-2");
  await expect(tile("Recoveries")).toHaveText(n(sum("store-2")));
  await expect(chain.getByLabel("Week", { exact: true })).toBeVisible();
  await expect(chain.getByLabel("Category", { exact: true })).toBeVisible();
  await expect(chain.getByRole("table", { name: "By week" }).getByRole("row").nth(1)).toContainText("Week of");
  await expectNoAxeViolations(head.page);
  // Only the views were read: never the chain's records.
  const chainReads = asked.filter((u) => u.includes("/db/amends-chain/"));
  expect(chainReads.length).toBeGreaterThan(0);
  expect(chainReads.filter((u) => !u.includes("/_design/kpi/_view/"))).toEqual([]);

  // A store manager: no chain view (the device holds the store's records already).
  const manager = await device(browser);
  await connect(manager.page, "store-1", "store-1-manager");
  await synced(manager.page);
  await openApp(manager.page, "/dashboard");
  await manager.page.waitForTimeout(1500);
  await expect(manager.page.getByRole("heading", { name: "Chain view" })).toHaveCount(0);

  for (const d of [tablet, head, manager]) {
    expect(d.errors).toEqual([]);
    await d.context.close();
  }
});

/** Manager -> Chain through the app's own links (no page load: works offline). */
async function chainInApp(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Manager" }).click();
  const gate = page.getByRole("heading", { name: "Open manager mode" });
  const sections = page.getByRole("navigation", { name: "Manager sections" });
  await gate.or(sections).first().waitFor();
  if (await gate.isVisible()) {
    await page.getByLabel("Manager PIN").fill(PIN);
    await page.getByRole("button", { name: "Open manager mode" }).click();
  }
  await sections.getByRole("button", { name: "Chain", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Connect to your chain" })).toBeVisible();
}

test("a device moves from store-1 to store-2: refused while a record waits, then new records reach store-2 only", async ({ browser, request }) => {
  test.slow();
  const d = await device(browser);
  await connect(d.page, "store-1", "store-1-manager");
  await synced(d.page);
  const before = await ids(request, "amends-store-store-1", "store-1-manager");
  // Offline, a record logged here waits: the move is refused, saying how many and why.
  await signIn(d.page, STAFF);
  await toRemedy(d.page);
  await d.page.getByRole("button", { name: "Next", exact: true }).click();
  await d.context.setOffline(true);
  await d.page.getByRole("button", { name: "Log recovery" }).click();
  await expect(d.page.getByRole("heading", { name: "Logged" })).toBeVisible();
  const first = (await d.page.getByRole("definition").filter({ hasText: /^[0-9A-F]{8}$/ }).first().textContent())?.trim() ?? "";
  await expect(status(d.page)).toContainText("Offline: 1 record waiting");
  await chainInApp(d.page);
  await d.page.getByRole("button", { name: "Disconnect this device" }).click();
  await expect(d.page.getByRole("alert")).toHaveText(
    "Not disconnected: 1 record has not reached store store-1 yet, and it belongs to that store. Stay connected until the status line says synced, then disconnect.",
  );
  await expect(d.page.getByText("Connected to store store-1 as store-1-manager.")).toBeVisible();
  // Back online it goes to store-1; then the device may leave.
  await d.context.setOffline(false);
  await synced(d.page);
  await expect.poll(async () => withRef(await ids(request, "amends-store-store-1", "store-1-manager"), first).length, { timeout: 30_000 }).toBe(1);
  await d.page.getByRole("button", { name: "Disconnect this device" }).click();
  await expect(d.page.getByLabel("Login name", { exact: true })).toBeVisible();
  await expectNoAxeViolations(d.page);

  // Joins store-2 with its manager's login: store-2's records come, and a new record goes there only.
  await connect(d.page, "store-2", "store-2-manager");
  await synced(d.page);
  const second = await logOne(d.page);
  await expect.poll(async () => withRef(await ids(request, "amends-store-store-2", "store-2-manager"), second).length, { timeout: 30_000 }).toBe(1);
  await synced(d.page);
  await d.page.waitForTimeout(3000); // a pass or two more: nothing else may go
  const store1 = await ids(request, "amends-store-store-1", "store-1-manager");
  const store2 = await ids(request, "amends-store-store-2", "store-2-manager");
  expect(withRef(store1, second)).toEqual([]);
  expect(withRef(store2, first)).toEqual([]);
  // None of store-1's records (those before, and the one that waited) was copied to store-2.
  const copied = [...before, ...withRef(store1, first)]
    .filter((id) => id.startsWith("store-1:"))
    .map((id) => `store-2:${id.slice("store-1:".length)}`)
    .filter((id) => store2.includes(id));
  expect(copied).toEqual([]);
  expect(d.errors).toEqual([]);
  await d.context.close();
});

/** One locale's words from www/locales (as locales.spec.ts reads them). */
function words(tag: string): (key: string) => string {
  const file: Record<string, string> = JSON.parse(readFileSync(join(__dirname, "../../www/locales", `${tag}.json`), "utf8"));
  return (key) => file[key] ?? file[`${key}_other`] ?? "";
}

async function noOverflow(page: Page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, "horizontal overflow").toBeLessThanOrEqual(client);
}

for (const viewport of [{ width: 768, height: 1024 }, { width: 400, height: 800 }]) {
  test(`the Chain section and the sync status line at ${viewport.width}x${viewport.height}, in English and German`, async ({ browser }) => {
    test.slow();
    const d = await device(browser, { viewport });
    await managerSection(d.page, "Chain");
    // Not connected: the sign-in form, then the store list.
    await noOverflow(d.page);
    await expectNoAxeViolations(d.page);
    await connect(d.page, "store-1", "store-1");
    await synced(d.page);
    for (const tag of ["en", "de"]) {
      const w = words(tag);
      if (tag !== "en") {
        await d.page.getByLabel(words("en")("LanguageLabel"), { exact: true }).selectOption({ label: "Deutsch" });
        await d.page.getByRole("navigation", { name: w("manager.MenuLabel") }).getByRole("button", { name: w("manager.SectionChain"), exact: true }).click();
      }
      await expect(d.page.getByRole("heading", { name: w("manager.ChainTitle") })).toBeVisible();
      await expect(d.page.getByRole("button", { name: w("manager.ChainDisconnect") })).toBeVisible();
      await expect(d.page.getByRole("button", { name: w("manager.ChainPublish") })).toBeVisible();
      const line = d.page.locator(".sync-status");
      await expect(line).toBeVisible();
      await expect(line).toContainText(w("manager.SyncLabel"));
      await noOverflow(d.page);
      const box = await line.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= viewport.width, `status line within ${viewport.width} px: ${JSON.stringify(box)}`).toBeTruthy();
      await expectNoAxeViolations(d.page);
      // The longest state: offline, with what waits.
      await d.context.setOffline(true);
      await expect(line).toHaveAttribute("data-sync", "offline", { timeout: 10_000 });
      await noOverflow(d.page);
      const off = await line.boundingBox();
      expect(off && off.x + off.width <= viewport.width, `offline line within ${viewport.width} px`).toBeTruthy();
      await d.context.setOffline(false);
      await expect(line).toHaveAttribute("data-sync", "synced", { timeout: 30_000 });
    }
    expect(d.errors).toEqual([]);
    await d.context.close();
  });
}
