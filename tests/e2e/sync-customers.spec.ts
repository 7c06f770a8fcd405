// Repeat customers across stores (issue 14): one chain-wide salt (secret:chain, made by
// couch-setup) that every device adopts, and each store's spends shared in amends-customers.
// A tablet of store-5 logs a recovery for a customer; a tablet of store-6 (its own browser
// profile) then enters the same reference: the app says it is a repeat customer and the
// per-customer meter counts store-5's spend. Offline, it says other stores were not checked.
// Stores 5 and 6 only; the chain policy this spec needs is written at its start.
import { createHash } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect, enterManager, expectNoAxeViolations, kvGet, signIn, toRemedy } from "./fixtures";

const BASE = process.env.E2E_SYNC_URL ?? "";
const ACCOUNTS: Record<string, string> = JSON.parse(process.env.E2E_SYNC_ACCOUNTS ?? "{}");
/** New each run: a customer no earlier run of this spec let down (the server lives on). */
const RUN = Date.now();
const CUSTOMER = `Ana.Repeat.${RUN}@Example.com`;
/** A staff name new each run: the store's earlier recoveries (same server) are not this
 * person's shift. */
const STAFF = `Sam ${RUN % 100_000}`;
/** The chain's limit per customer for every role, and its window. */
const PER_CUSTOMER_MINOR = 10_000;
const WINDOW_DAYS = 30;

test.beforeEach(({}, testInfo) => {
  test.skip(!BASE, "needs the chain's server: `cargo xtask test` starts it (alone: cargo xtask e2e-couch)");
  test.skip(testInfo.project.name !== "tablet-landscape", "sync runs once, at tablet size");
});
test.describe.configure({ mode: "serial" });

/** A device: its own browser profile on the sync server's origin (see sync.spec.ts). */
async function device(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1024, height: 768 } });
  const errors: string[] = [];
  context.on("console", (m) => {
    if (m.type() !== "error") return;
    const at = m.location().url;
    if (!(/Failed to load resource/.test(m.text()) && at.includes("/db/"))) errors.push(`${m.text()} ${at}`);
  });
  context.on("weberror", (e) => errors.push(`uncaught: ${e.error().message}`));
  const page = await context.newPage();
  return { context, page, errors };
}

function basic(name: string): Record<string, string> {
  return { Authorization: "Basic " + Buffer.from(`${name}:${ACCOUNTS[name]}`).toString("base64") };
}

async function connect(page: Page, store: string, login: string) {
  await enterManager(page);
  await page.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name: "Chain", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Connect to your chain" })).toBeVisible();
  await page.getByLabel("Store", { exact: true }).fill(store);
  await page.getByLabel("Login name", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(ACCOUNTS[login]);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByText(`Connected to store ${store} as ${login}.`)).toBeVisible();
}

function status(page: Page) {
  return page.getByRole("status").filter({ hasText: "Chain sync:" });
}

/** The chain policy this spec needs: the device's own policy (so roles and remedies are
 * the ones the flow knows) with a limit per customer and window, put as head office. */
async function putChainPolicy(request: APIRequestContext, page: Page) {
  const policy = JSON.parse((await kvGet(page, "policy")) ?? "{}");
  policy.approval_key = "";
  policy.customer_salt = "";
  delete policy.former_salts;
  // A role's limit per customer may not be below its limit per incident (the policy's rule).
  for (const role of policy.roles) role.per_customer.minor = Math.max(PER_CUSTOMER_MINOR, role.per_incident.minor);
  expect(policy.roles[0].per_incident.minor).toBeLessThanOrEqual(PER_CUSTOMER_MINOR);
  policy.settings.customer_window_days = WINDOW_DAYS;
  const found = await request.get(CHAIN_POLICY, { headers: basic("head-office") });
  const data: Record<string, unknown> = { type: "policy", policy };
  if (found.status() === 200) {
    const { _rev, ...before } = await found.json();
    data._rev = _rev;
    left = before;
  } else left = null;
  const put = await request.put(CHAIN_POLICY, { headers: basic("head-office"), data });
  expect(put.status(), await put.text()).toBe(201);
}

const CHAIN_POLICY = `${BASE}/db/amends-policy/policy:chain`;
/** The chain policy found before this spec wrote its own (null: there was none). */
let left: Record<string, unknown> | null | undefined;

/** Leaves the chain policy as this spec found it: put back, or deleted when there was none
 * (sync.spec.ts creates its own without a revision). */
async function restoreChainPolicy(request: APIRequestContext) {
  if (left === undefined) return;
  const now = await request.get(CHAIN_POLICY, { headers: basic("head-office") });
  if (now.status() !== 200) return;
  const { _rev } = await now.json();
  const headers = basic("head-office");
  const done = left === null
    ? await request.delete(`${CHAIN_POLICY}?rev=${_rev}`, { headers })
    : await request.put(CHAIN_POLICY, { headers, data: { ...left, _rev } });
  expect(done.status(), await done.text()).toBeLessThan(300);
}

/** The chain-wide salt, as a store account reads it. */
async function chainSalt(request: APIRequestContext): Promise<string> {
  const r = await request.get(`${BASE}/db/amends-policy/secret:chain`, { headers: basic("store-6") });
  expect(r.status(), await r.text()).toBe(200);
  return (await r.json()).customer_salt;
}

/** Waits until the device uses the chain's salt and limit per customer. */
async function adopted(page: Page, salt: string) {
  await expect
    .poll(async () => {
      const p = JSON.parse((await kvGet(page, "policy")) ?? "{}");
      return [p.customer_salt, p.roles?.[0]?.per_customer?.minor, p.settings?.customer_window_days];
    }, { timeout: 30_000 })
    .toEqual([salt, PER_CUSTOMER_MINOR, WINDOW_DAYS]);
}

/** The device's audit entries as stored (`kv` keys `audit/...`). */
async function auditEntries(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const range = IDBKeyRange.bound("audit/", "audit0", false, true);
          const all = open.result.transaction("kv").objectStore("kv").getAll(range);
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result as string[]);
          };
        };
      }),
  );
}

let store5: Awaited<ReturnType<typeof device>>;
let store6: Awaited<ReturnType<typeof device>>;

test.afterAll(async ({ request }) => {
  for (const d of [store5, store6]) if (d) await d.context.close();
  await restoreChainPolicy(request);
});

test("a customer let down at store-5 is a repeat customer at store-6, and store-5's spend counts against the limit per customer", async ({ browser, request }) => {
  test.slow();
  store5 = await device(browser);
  store6 = await device(browser);
  await connect(store5.page, "store-5", "store-5");
  // Before the first pass can take the chain's policy: this spec's, whatever another left.
  const before = JSON.parse((await kvGet(store5.page, "policy")) ?? "{}").customer_salt;
  await putChainPolicy(request, store5.page);
  await expect(status(store5.page)).toContainText("Synced at", { timeout: 30_000 });
  await connect(store6.page, "store-6", "store-6");
  const salt = await chainSalt(request);
  expect(salt).toMatch(/^[0-9a-f]{64}$/);
  await adopted(store5.page, salt);
  await adopted(store6.page, salt);
  // The device's own salt is kept as a former one (its older records still match), and
  // the change is in the audit, as the login that synced it: never silent.
  const former = JSON.parse((await kvGet(store5.page, "policy")) ?? "{}").former_salts;
  if (before && before !== salt) expect(former).toContain(before);
  const audit = (await auditEntries(store5.page)).map((e) => JSON.parse(e));
  expect(audit.filter((e) => e.field === "customer_salt" && e.who === "store-5").length).toBeGreaterThanOrEqual(1);

  // Store-5 logs a recovery for the customer.
  await signIn(store5.page, STAFF);
  await toRemedy(store5.page, CUSTOMER);
  await store5.page.getByRole("button", { name: "Next", exact: true }).click();
  await store5.page.getByRole("button", { name: "Log recovery" }).click();
  await expect(store5.page.getByRole("heading", { name: "Logged" })).toBeVisible();
  // Its spend reaches the chain's customers database under the customer's hash with the
  // chain's salt (as the domain hashes: SHA-256 of salt, a zero byte and the normalised
  // reference, 32 hex digits), and store-6's account reads it there. No name, no reference.
  const hash = createHash("sha256").update(salt).update(Buffer.from([0])).update(CUSTOMER.trim().toLowerCase()).digest("hex").slice(0, 32);
  const view = `${BASE}/db/amends-customers/_design/amends/_view/by_customer?startkey=${encodeURIComponent(JSON.stringify([hash, 0]))}&endkey=${encodeURIComponent(JSON.stringify([hash, {}]))}&include_docs=true`;
  let spent = 0;
  await expect
    .poll(async () => {
      const r = await request.get(view, { headers: basic("store-6") });
      const rows = ((await r.json()).rows ?? []) as { id: string; value: { store: string; cost: { minor: number } } }[];
      spent = rows[0]?.value.cost.minor ?? 0;
      expect(JSON.stringify(rows).toLowerCase()).not.toContain("ana");
      return rows.map((row) => [row.id.startsWith("spend:store-5:"), row.value.store]);
    }, { timeout: 30_000 })
    .toEqual([[true, "store-5"]]);
  expect(spent).toBeGreaterThan(0);

  // Store-6: the same customer, typed differently.
  const page = store6.page;
  await signIn(page, STAFF);
  await page.getByRole("radio", { name: "Product", exact: true }).check();
  await page.getByRole("radio", { name: "Defect", exact: true }).check();
  await page.getByRole("radio", { name: "Severity 3" }).check();
  await page.getByLabel("Customer's loss").fill("40");
  await page.getByRole("button", { name: "More details" }).click();
  await page.getByLabel("Customer reference (optional)").fill(` ${CUSTOMER.toLowerCase()}`);
  await expect(page.getByText(`This is the customer's 2nd failure in ${WINDOW_DAYS} days`)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("Other stores were not checked")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("checkbox", { name: "Apologised" }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Choose a fair remedy" })).toBeVisible();
  // The meter per customer counts what store-5 gave plus this bundle (its cost read off the
  // meter per incident: "$X left of $Y" is a cost of Y - X), in cents.
  const cents = (s: string) => Math.round(Number(s.replace(/[$,]/g, "")) * 100);
  const incident = (await page.locator("#m-incident-text").textContent()) ?? "";
  const [, x, y] = incident.match(/^(\$[\d,.]+) left of (\$[\d,.]+)$/) ?? [];
  const bundle = cents(y) - cents(x);
  expect(bundle).toBeGreaterThanOrEqual(0);
  const left = ((PER_CUSTOMER_MINOR - spent - bundle) / 100).toFixed(2);
  await expect(page.locator("#m-customer-text")).toHaveText(`$${left} left of $100.00`);
  await expectNoAxeViolations(page);
  expect(store5.errors).toEqual([]);
  expect(store6.errors).toEqual([]);
});

test("offline, store-6 says other stores were not checked, and counts only its own", async () => {
  test.slow();
  const { context, page } = store6;
  await context.setOffline(true);
  await page.getByRole("button", { name: "Start over" }).click();
  await page.getByRole("button", { name: "Discard and start over" }).click();
  await expect(page.getByRole("heading", { name: "Listen: what happened?" })).toBeVisible();
  await page.getByRole("radio", { name: "Product", exact: true }).check();
  await page.getByRole("radio", { name: "Defect", exact: true }).check();
  await page.getByRole("radio", { name: "Severity 3" }).check();
  await page.getByLabel("Customer's loss").fill("40");
  await page.getByRole("button", { name: "More details" }).click();
  await page.getByLabel("Customer reference (optional)").fill(CUSTOMER);
  await expect(page.getByRole("status").filter({ hasText: "Other stores were not checked for this customer" })).toBeVisible();
  await expect(page.getByText("This is the customer's 2nd failure")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await context.setOffline(false);
  await expect(page.getByText(`This is the customer's 2nd failure in ${WINDOW_DAYS} days`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Other stores were not checked")).toHaveCount(0);
  expect(store6.errors).toEqual([]);
});
