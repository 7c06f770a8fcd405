// Chain sync when devices are apart (issue 14): the same follow-up recorded on two tablets
// while both were offline is a conflict settled by the stated rule (the outcome recorded
// first is kept, on both) and shown in both audits; a tablet offline for a week logs as
// usual, its server session ends meanwhile, and signing in again sends every record with
// its own date. Store-1, against pouchdb-server behind `serve --couch` (started by
// `cargo xtask test`; alone: `cargo xtask e2e-couch`). Other chain specs leave records in
// store-1 too, so each test finds its own by id or ticket.
import type { Browser, Page } from "@playwright/test";
import { test, expect, enterManager, expectNoAxeViolations, signIn } from "./fixtures";

const BASE = process.env.E2E_SYNC_URL ?? "";
const ACCOUNTS: Record<string, string> = JSON.parse(process.env.E2E_SYNC_ACCOUNTS ?? "{}");
const STORE = "store-1";
const RUN = Date.now() % 100_000;

test.beforeEach(({}, testInfo) => {
  test.skip(!BASE, "needs the chain's server: `cargo xtask test` starts it (alone: cargo xtask e2e-couch)");
  test.skip(testInfo.project.name !== "tablet-landscape", "sync runs once, at tablet size");
});
test.describe.configure({ mode: "serial" });

/** A device: its own browser profile on the sync server's origin; console errors other
 * than failed requests to /db/ (which the sync makes on purpose) fail the test. */
async function device(browser: Browser, clock?: Date) {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1024, height: 768 } });
  const errors: string[] = [];
  context.on("console", (m) => {
    if (m.type() !== "error") return;
    if (/Failed to load resource/.test(m.text()) && m.location().url.includes("/db/")) return;
    // Chromium fetches the tab's icon itself, past the service worker: offline, it fails.
    if (/Failed to load resource/.test(m.text()) && m.location().url.endsWith("/icons/icon.svg")) return;
    errors.push(`${m.text()} ${m.location().url}`);
  });
  context.on("weberror", (e) => errors.push(`uncaught: ${e.error().message}`));
  const page = await context.newPage();
  if (clock) await page.clock.install({ time: clock });
  return { context, page, errors };
}

function basic(name: string): Record<string, string> {
  return { Authorization: "Basic " + Buffer.from(`${name}:${ACCOUNTS[name]}`).toString("base64") };
}

async function chainSection(page: Page) {
  await enterManager(page);
  await page.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name: "Chain", exact: true }).click();
}

async function connect(page: Page, login: string) {
  await chainSection(page);
  await page.getByLabel("Login name", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(ACCOUNTS[login]);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByLabel("Store", { exact: true }).selectOption(STORE);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByText(`Connected to store ${STORE} as ${login}.`)).toBeVisible();
}

function status(page: Page) {
  return page.getByRole("status").filter({ hasText: "Chain sync:" });
}

async function synced(page: Page, timeout = 30_000) {
  await expect(status(page)).toContainText("Synced at", { timeout });
}

/** Logs one within-limit recovery for ticket `ticket`, with a follow-up tomorrow; returns
 * its id (the one record that is new on this device and carries the ticket). The staff
 * member's name is this run's and test's own: the store's records from other specs and runs reach
 * this tablet too, and a shared name would count their spend in this shift. */
async function logTicket(page: Page, ticket: string, staff: string): Promise<string> {
  const before = new Set((await records(page)).map((r) => r.id));
  await signIn(page, `${staff} ${RUN}`);
  await page.getByRole("radio", { name: "Product", exact: true }).check();
  await page.getByRole("radio", { name: "Defect", exact: true }).check();
  await page.getByRole("radio", { name: "Severity 3" }).check();
  await page.getByLabel("Customer's loss").fill("40");
  await page.getByRole("button", { name: "More details" }).click();
  await page.getByLabel("Ticket number (optional)").fill(ticket);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("checkbox", { name: "Apologised" }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Choose Recommended" }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Follow up", { exact: true }).selectOption({ label: "Tomorrow" });
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByRole("heading", { name: "Logged" })).toBeVisible();
  const added = (await records(page)).filter((r) => !before.has(r.id) && r.value?.ticket === ticket);
  expect(added).toHaveLength(1);
  return added[0].id;
}

/** The app's stored records, parsed. */
async function records(page: Page): Promise<{ id: string; value: any }[]> {
  const rows = await page.evaluate(
    () =>
      new Promise<[string, unknown][]>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction("records").objectStore("records");
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onerror = () => reject(values.error);
          values.onsuccess = () => {
            open.result.close();
            resolve((keys.result as string[]).map((k, i) => [k, values.result[i]]));
          };
        };
      }),
  );
  // Each is stored as `{id, json}`: the record's JSON as the domain wrote it.
  return rows.map(([id, v]) => ({ id, value: JSON.parse((v as { json: string }).json) }));
}

async function outcomeOf(page: Page, id: string) {
  return (await records(page)).find((r) => r.id === id)?.value?.outcome ?? null;
}

/** At /follow-ups, records what the customer said about ticket `ticket`. */
async function recordOutcome(page: Page, ticket: string, csat: string, resolved: "Yes" | "No") {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Follow-ups/ }).click();
  await page.getByRole("button", { name: "Show upcoming follow-ups" }).click();
  const item = page.getByRole("article").filter({ hasText: ticket });
  await item.getByRole("button", { name: "Record outcome" }).click();
  await item.getByLabel("CSAT: how satisfied are they? (1 to 5)").selectOption({ label: csat });
  await item.getByLabel("Is the problem resolved?").selectOption({ label: resolved });
  await item.getByRole("button", { name: "Save outcome" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved:" })).toBeVisible();
}

test("the same follow-up recorded on two offline tablets: both keep the outcome recorded first, and both audits show the other", async ({ browser }) => {
  test.slow();
  const a = await device(browser);
  const b = await device(browser);
  await connect(a.page, STORE);
  await connect(b.page, STORE);
  await synced(a.page);
  await synced(b.page);
  const ticket = `C-${Date.now()}`;
  const id = await logTicket(a.page, ticket, "Ada");
  await expect.poll(async () => (await records(b.page)).some((r) => r.id === id), { timeout: 30_000 }).toBe(true);

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  // Tablet A hears first that all is well; later, tablet B writes down a complaint.
  await recordOutcome(a.page, ticket, "5 · Very satisfied", "Yes");
  await recordOutcome(b.page, ticket, "1 · Very dissatisfied", "No");
  expect((await outcomeOf(a.page, id))?.csat).toBe(5);
  expect((await outcomeOf(b.page, id))?.csat).toBe(1);

  // The later one reaches the server first; the rule does not depend on who sends first.
  await b.context.setOffline(false);
  await synced(b.page);
  await a.context.setOffline(false);
  await synced(a.page);
  for (const d of [a, b]) {
    await expect.poll(async () => (await outcomeOf(d.page, id))?.csat, { timeout: 30_000 }).toBe(5);
  }
  // Nothing is dropped silently: each device's audit lists the outcome set aside.
  for (const d of [a, b]) {
    await enterManager(d.page);
    await d.page.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name: "Audit", exact: true }).click();
    const entry = d.page.getByText(/was changed on two devices: revision .* kept \(the outcome recorded first\), revision .* set aside with its outcome/);
    await expect(entry.first()).toBeVisible({ timeout: 30_000 });
    await expect(entry.first()).toContainText('"csat":1');
  }
  await expectNoAxeViolations(b.page);
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
  await a.context.close();
  await b.context.close();
});

test("a tablet offline for a week logs as usual; its session ended meanwhile; signing in again sends every record with its date", async ({ browser, request }) => {
  test.slow();
  const start = new Date();
  const t = await device(browser, start);
  await t.page.goto("/");
  await expect(t.page.getByText("Everything stays on this device.")).toBeVisible({ timeout: 20_000 });
  await connect(t.page, STORE);
  await synced(t.page);
  // Connected, the footer no longer says that everything stays on the device.
  await expect(t.page.getByText("Records are shared with your chain's server.")).toBeVisible();
  await expect(t.page.getByText("Everything stays on this device.")).toHaveCount(0);
  await t.context.setOffline(true);
  const ids: string[] = [];
  for (let day = 0; day < 7; day++) {
    ids.push(await logTicket(t.page, `W-${start.getTime()}-${day}`, "Wen"));
    await t.page.clock.fastForward("24:00:00");
  }
  await expect(status(t.page)).toHaveText("Chain sync: Offline: 7 records waiting to be sent. They go when the server answers.", { timeout: 15_000 });
  // A week is far longer than a CouchDB session: the server has forgotten this device's.
  await t.context.clearCookies();
  await t.context.setOffline(false);
  await expect(status(t.page)).toHaveText("Chain sync: Sync stopped: sign in again (Manager, Chain).", { timeout: 15_000 });
  const server = async () => {
    const r = await request.get(`${BASE}/db/amends-store-${STORE}/_all_docs`, { headers: basic(STORE) });
    expect(r.status()).toBe(200);
    return ((await r.json()).rows as { id: string }[]).map((row) => row.id);
  };
  expect(await server()).not.toEqual(expect.arrayContaining([`${STORE}:${ids[0]}`]));

  // What the status line says to do can be done there: Manager, Chain, the password again.
  await chainSection(t.page);
  await expect(t.page.getByText(`Connected to store ${STORE} as ${STORE}.`)).toBeVisible();
  await expect(t.page.getByText("The server has ended this device's session: sign in again to send what waits.")).toBeVisible();
  await expectNoAxeViolations(t.page);
  await t.page.getByLabel("Password", { exact: true }).fill(ACCOUNTS[STORE]);
  await t.page.getByRole("button", { name: "Sign in again", exact: true }).click();
  await synced(t.page);
  await expect.poll(server, { timeout: 30_000 }).toEqual(expect.arrayContaining(ids.map((id) => `${STORE}:${id}`)));
  // Each record keeps the day it was logged on (a day apart), not the day it was sent.
  const docs = await Promise.all(
    ids.map(async (id) => {
      const r = await request.get(`${BASE}/db/amends-store-${STORE}/${encodeURIComponent(`${STORE}:${id}`)}`, { headers: basic(STORE) });
      return (await r.json()).record;
    }),
  );
  const days = docs.map((r) => Math.floor((r.resolved_ms - start.getTime()) / 86_400_000));
  expect(days).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(t.errors).toEqual([]);
  await t.context.close();
});

test("two tabs of one device both syncing: no error, nothing set aside, and an idle store costs the server no writes", async ({ browser }) => {
  test.slow();
  const d = await device(browser);
  await connect(d.page, STORE);
  await synced(d.page);
  const second = await d.context.newPage();
  await second.goto("/");
  await expect(second.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
  const ticket = `T-${Date.now()}`;
  const id = await logTicket(d.page, ticket, "Tao");
  await recordOutcome(d.page, ticket, "4 · Satisfied", "Yes");
  // Several passes of both tabs.
  await d.page.waitForTimeout(8_000);
  // Nothing new: passes read `_changes` and write nothing (the checkpoint stays as it is).
  const writes: string[] = [];
  d.context.on("request", (r) => {
    if (r.method() !== "GET" && r.url().includes("/db/")) writes.push(`${r.method()} ${r.url()}`);
  });
  await d.page.waitForTimeout(6_000);
  expect(writes).toEqual([]);
  for (const page of [d.page, second]) {
    await expect(status(page)).not.toContainText("error");
    await expect(status(page)).not.toContainText("409");
  }
  const audit = await d.page.evaluate(() => document.body.innerText);
  expect(audit).not.toContain("was changed on two devices");
  expect((await outcomeOf(second, id))?.csat).toBe(4);
  expect(d.errors).toEqual([]);
  await d.context.close();
});
